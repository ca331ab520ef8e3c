"""The region set-up package (#24): the coordinator's store builds one for a curator (the
schools assigned to them, catalogs, templates, the roadmap), the curator imports it in one step.

Real stores in their data folders: the coordinator's list with «ФИО куратора» imported by the
real list import, a real roadmap file, real packages through the exchange writer and reader."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from curator_desktop.domain.schools.assignment import assignment_id
from curator_desktop.services.exchange.setup.addressee import SetupAddresseeError
from curator_desktop.services.exchange.setup.apply import import_setup, is_setup_file
from curator_desktop.services.exchange.setup.build import build_setup
from curator_desktop.services.profile.authorship import school_curators
from curator_desktop.services.roadmap.importing import apply_roadmap, preview_roadmap
from curator_desktop.services.roadmap.reader import read_roadmap
from curator_desktop.store.tables import RoadmapItem
from tests.services.exchange.exchange_helpers import Store
from tests.services.exchange.identity_helpers import (
    INNS,
    add_visit,
    new_store,
    school_of,
    visits_of,
)
from tests.services.exchange.test_assignments import (
    KOZLOVA,
    PETROV,
    SOKOLOVA,
    imported,
    list_with_curators,
    profile,
)

ROADMAP = Path(__file__).parents[2] / "fixtures" / "roadmaps" / "smolensk-oblast-2021.txt"
TODAY = dt.date.today()


def count(store: Store, sql: str) -> int:
    with sqlite3.connect(store.database.path) as connection:
        return int(connection.execute(sql).fetchone()[0])


def coordinator_store(tmp_path: Path, template: Path) -> Store:
    """A coordinator's store: two schools assigned to Sokolova, one to Petrov, a roadmap."""
    store = new_store(template, tmp_path / "coordinator", "dev-c")
    profile(store, KOZLOVA, "coordinator")
    imported(store, list_with_curators(tmp_path / "list.csv", ("Соколова М. В.",) * 2 + (PETROV,)))
    roadmap = preview_roadmap(store.database, ROADMAP, read_roadmap(ROADMAP))
    apply_roadmap(store.database, roadmap, backup_dir=None)
    return store


def curator_store(tmp_path: Path, template: Path, name: str, folder: str) -> Store:
    store = new_store(template, tmp_path / folder, f"dev-{folder}")
    profile(store, name, "curator")
    return store


@pytest.fixture
def setup_package(tmp_path: Path, migrated_store_template: Path) -> tuple[Store, Path]:
    coordinator = coordinator_store(tmp_path, migrated_store_template)
    (tmp_path / "usb").mkdir()
    built = build_setup(
        coordinator.service, "Соколова М. В.", tmp_path / "usb" / "setup.curator", day=TODAY
    )
    assert built.schools == 2 and built.curator == "Соколова М. В."
    yield coordinator, built.export.path
    coordinator.close()


def test_a_fresh_curator_store_takes_its_schools_catalogs_and_roadmap_in_one_step(
    tmp_path: Path, migrated_store_template: Path, setup_package: tuple[Store, Path]
) -> None:
    coordinator, package = setup_package
    assert is_setup_file(package)
    curator = curator_store(tmp_path, migrated_store_template, SOKOLOVA, "sokolova")

    done = import_setup(curator.service, package)

    assert done.written and done.schools == 2
    first, second = (school_of(curator.database, inn) for inn in INNS[:2])
    assert school_curators(curator.database)[first] == (SOKOLOVA,)  # hers, by her full name
    assert school_curators(curator.database)[second] == (SOKOLOVA,)
    assert count(curator, "SELECT count(*) FROM school") == 2  # Petrov's school did not come
    held = count(
        curator,
        f"SELECT count(*) FROM school_assignment WHERE id = '{assignment_id(first, SOKOLOVA)}'",
    )
    assert held == 1
    for table in ("risk_catalog", "risk_factor", "checklist_template", "roadmap_document"):
        assert count(curator, f"SELECT count(*) FROM {table}") == count(
            coordinator, f"SELECT count(*) FROM {table}"
        ), table
    items = count(coordinator, "SELECT count(*) FROM roadmap_item")
    assert items > 0 and count(curator, "SELECT count(*) FROM roadmap_item") == items
    assert count(curator, "SELECT count(*) FROM curator_profile WHERE full_name = ''") == 0
    # The coordinator's own profile did not become the curator's.
    with curator.database.session() as session:
        from curator_desktop.store.repositories.profile import profile_in

        assert profile_in(session).full_name == SOKOLOVA

    again = import_setup(curator.service, package)
    assert not again.written  # a second import writes nothing
    curator.close()


def test_the_curator_keeps_what_she_recorded_and_her_relations_to_the_roadmap(
    tmp_path: Path, migrated_store_template: Path, setup_package: tuple[Store, Path]
) -> None:
    _coordinator, package = setup_package
    curator = curator_store(tmp_path, migrated_store_template, SOKOLOVA, "sokolova")
    imported(curator, list_with_curators(tmp_path / "own.csv", (SOKOLOVA, SOKOLOVA, PETROV)))
    first = school_of(curator.database, INNS[0])
    visit = add_visit(curator.database, first, "Первичное посещение", TODAY)
    with curator.database.session() as session:  # the curator renames her school's short name
        from curator_desktop.store.tables import School

        row = session.get(School, first)
        row.short_name = "Школа № 1 (моя)"
    # She imported the roadmap herself and corrected her relation to its first item.
    mine = preview_roadmap(curator.database, ROADMAP, read_roadmap(ROADMAP))
    apply_roadmap(curator.database, mine, backup_dir=None)
    with curator.database.session() as session:
        from sqlmodel import select

        item = session.exec(select(RoadmapItem).order_by(RoadmapItem.sort_order)).first()
        item.relation, item.relation_set_by_user = "attend", True
        item_id = item.id

    done = import_setup(curator.service, package)

    assert visit in visits_of(curator.database, first)
    with curator.database.session() as session:
        from curator_desktop.store.tables import School

        assert session.get(School, first).short_name == "Школа № 1 (моя)"
        kept = session.get(RoadmapItem, item_id)
        assert (kept.relation, kept.relation_set_by_user) == ("attend", True)
    assert school_curators(curator.database)[first] == (SOKOLOVA,)
    assert done.kept_mine > 0  # her school records changed on both sides: hers kept
    assert not import_setup(curator.service, package).written
    curator.close()


def test_a_package_for_another_curator_is_refused_and_changes_nothing(
    tmp_path: Path, migrated_store_template: Path, setup_package: tuple[Store, Path]
) -> None:
    _coordinator, package = setup_package
    petrov = curator_store(tmp_path, migrated_store_template, PETROV, "petrov")

    with pytest.raises(SetupAddresseeError) as refused:
        import_setup(petrov.service, package)
    assert "Соколова" in refused.value.user_message and PETROV in refused.value.user_message
    with pytest.raises(SetupAddresseeError):  # the plain import refuses it too
        petrov.service.import_(package)
    assert count(petrov, "SELECT count(*) FROM school") == 0
    assert count(petrov, "SELECT count(*) FROM roadmap_item") == 0
    petrov.close()


def test_a_coordinator_store_refuses_a_set_up_package(
    tmp_path: Path, migrated_store_template: Path, setup_package: tuple[Store, Path]
) -> None:
    _coordinator, package = setup_package
    other = new_store(migrated_store_template, tmp_path / "other", "dev-o")
    profile(other, SOKOLOVA, "coordinator")
    with pytest.raises(SetupAddresseeError):
        import_setup(other.service, package)
    assert count(other, "SELECT count(*) FROM school") == 0
    other.close()


def test_nobody_assigned_means_no_package(
    tmp_path: Path, migrated_store_template: Path, setup_package: tuple[Store, Path]
) -> None:
    from curator_desktop.domain.errors import ValidationError

    coordinator, _package = setup_package
    target = tmp_path / "usb" / "nobody.curator"
    with pytest.raises(ValidationError, match="No school is assigned"):
        build_setup(coordinator.service, "Иванова Анна Петровна", target, day=TODAY)
    assert not target.exists()


def test_a_set_up_package_never_makes_a_store_of_its_own(
    tmp_path: Path, setup_package: tuple[Store, Path]
) -> None:
    from curator_desktop.services.exchange.store_move import create_store_from_package
    from tests.services.exchange.exchange_helpers import folder_paths

    _coordinator, package = setup_package
    paths = folder_paths(tmp_path / "empty")
    with pytest.raises(SetupAddresseeError, match="Create your store first"):
        create_store_from_package(paths, package, device_id="dev-e")
    assert not paths.store_file.exists()


def test_the_coordinators_newer_review_criteria_come_with_the_package(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    import json

    from curator_desktop.services.documents.criteria_catalog import (
        criteria_in_force,
        install_criteria_file,
    )

    coordinator = coordinator_store(tmp_path, migrated_store_template)
    builtin = Path(__file__).parents[3] / "resources" / "catalogs" / "document_criteria.json"
    criteria = json.loads(builtin.read_text("utf-8"))
    criteria["version"] = "2099.1"
    (tmp_path / "criteria.json").write_text(json.dumps(criteria, ensure_ascii=False), "utf-8")
    install_criteria_file(coordinator.database, tmp_path / "criteria.json")
    package = tmp_path / "setup.curator"
    build_setup(coordinator.service, SOKOLOVA, package, day=TODAY)
    curator = curator_store(tmp_path, migrated_store_template, SOKOLOVA, "sokolova")

    done = import_setup(curator.service, package)

    assert done.criteria_installed
    assert criteria_in_force(curator.database).version == "2099.1"
    assert not import_setup(curator.service, package).written  # not newer any more
    coordinator.close()
    curator.close()
