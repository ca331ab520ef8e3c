"""Who did what survives the exchange: two curators' packages in a coordinator's store keep
their authors, the coordinator stays the owner, and a regenerated справка names the curator."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from curator_desktop.services.exchange.authors import with_authors
from curator_desktop.services.profile.authorship import school_curators, visit_curators
from curator_desktop.services.reports.visit.data import collect
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ProfileRepository, profile_in
from curator_desktop.store.tables import CuratorProfile, Visit
from tests.services.exchange.identity_helpers import (
    INNS,
    add_visit,
    export,
    import_list,
    list_csv,
    new_store,
    school_of,
)

SOKOLOVA = "Соколова Марина Викторовна"
PETROV = "Петров Иван Сергеевич"
KOZLOVA = "Козлова Анна Петровна"


def _profile(db: Database, name: str, role: str) -> str:
    return (
        ProfileRepository(db)
        .save(full_name=name, organisation="ЛОИРО", region="Ленинградская область", role=role)
        .id
    )


def _author(db: Database, visit_id: str) -> str | None:
    with db.session() as session:
        return session.exec(select(Visit.author_id).where(Visit.id == visit_id)).one()


def test_visits_keep_their_curators_in_the_coordinators_store(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    csv = list_csv(tmp_path / "list.csv")
    stores = {
        name: new_store(migrated_store_template, tmp_path / key, f"dev-{key}")
        for key, name in (("a", SOKOLOVA), ("b", PETROV), ("c", KOZLOVA))
    }
    people = {
        name: _profile(store.database, name, "coordinator" if name == KOZLOVA else "curator")
        for name, store in stores.items()
    }
    for store in stores.values():
        import_list(store, csv)
    visits = {
        name: add_visit(stores[name].database, school_of(stores[name].database, INNS[0]), name)
        for name in (SOKOLOVA, PETROV)
    }
    assert _author(stores[SOKOLOVA].database, visits[SOKOLOVA]) == people[SOKOLOVA]

    coordinator = stores[KOZLOVA]
    for name in (SOKOLOVA, PETROV):
        package = export(stores[name], tmp_path / "usb", f"{name.split()[0]}.curator")
        coordinator.service.import_(package)

    db = coordinator.database
    with db.session() as session:
        assert profile_in(session).full_name == KOZLOVA  # still the coordinator's store
        persons = {p.full_name: p.store_id for p in session.exec(select(CuratorProfile))}
    assert set(persons) == {SOKOLOVA, PETROV, KOZLOVA}
    assert persons[SOKOLOVA] == ProfileRepository(stores[SOKOLOVA].database).store_id()
    for name in (SOKOLOVA, PETROV):
        assert _author(db, visits[name]) == people[name]
        assert collect(db, visits[name], attachments_dir=tmp_path).header.curator_name == name
    assert visit_curators(db) == {visits[SOKOLOVA]: SOKOLOVA, visits[PETROV]: PETROV}
    assert school_curators(db)[school_of(db, INNS[0])] == (PETROV, SOKOLOVA)


def test_records_of_an_older_package_get_the_sender_as_author() -> None:
    profile = {"id": "p1", "full_name": SOKOLOVA, "store_id": "", "deleted": False}
    visit = {"id": "v1", "school_id": "s1"}  # no author column: written before authorship
    records = {"curator_profile": [profile], "visit": [visit]}

    theirs = with_authors(records, "store-a", same_store=False)
    assert theirs["visit"][0]["author_id"] == "p1"
    assert theirs["curator_profile"][0]["store_id"] == "store-a"

    mine = with_authors(records, "store-a", same_store=True)
    assert mine["curator_profile"][0]["store_id"] == ""  # the owner's, as the store has it
    kept = {"id": "v2", "school_id": "s1", "author_id": None}  # a newer package: kept as sent
    assert with_authors({**records, "visit": [kept]}, "x", same_store=False)["visit"] == [kept]
