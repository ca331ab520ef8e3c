"""Built-in risk catalog and checklist templates: files, checks, installing into a store."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import select

from curator_desktop.domain.catalogs.validation import (
    validate_checklist_template,
    validate_risk_catalog,
)
from curator_desktop.domain.checklists.items import (
    ITEM_TYPES,
    answer_is_valid,
    iter_items,
    missing_required,
    visible_items,
)
from curator_desktop.domain.errors import ValidationError
from curator_desktop.paths import resource_dir
from curator_desktop.services.catalogs.builtin import (
    active_risk_factors,
    builtin_template_paths,
    current_risk_catalog,
    install_builtin_catalogs,
    load_json_resource,
)
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChangeLog,
    ChecklistTemplate,
    RiskCatalog,
    RiskFactor,
)

TEMPLATE_IDS = {
    "primary-visit",
    "planned-visit",
    "documents-review",
    "lesson-observation",
    "monitoring",
    "management-interview",
}
CATALOG_FILE = resource_dir() / "catalogs" / "risk_factors.json"


def _templates() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, load_json_resource(path)) for path in builtin_template_paths()]


def _factor_codes() -> set[str]:
    return {f["code"] for f in load_json_resource(CATALOG_FILE)["factors"]}


@pytest.fixture
def resources_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled catalogs and checklists."""
    target = tmp_path / "resources"
    for part in ("catalogs", "checklists"):
        shutil.copytree(resource_dir() / part, target / part)
    return target


def _snapshot(db: Database) -> dict[str, Any]:
    with db.session() as session:
        return {
            "catalogs": {(r.id, r.revision) for r in session.exec(select(RiskCatalog))},
            "factors": {(r.id, r.revision) for r in session.exec(select(RiskFactor))},
            "templates": {(r.id, r.revision) for r in session.exec(select(ChecklistTemplate))},
            "log": session.exec(select(func.count()).select_from(ChangeLog)).one(),
        }


# --- the shipped files ------------------------------------------------------------------------


def test_catalog_file_has_the_eleven_factors_of_the_domain() -> None:
    data = load_json_resource(CATALOG_FILE)
    validate_risk_catalog(data, source=CATALOG_FILE)
    assert data["catalog_key"] == "fioco-risk-factors"
    assert data["max_active_directions"] == 3
    codes = [f["code"] for f in data["factors"]]
    assert codes == [f"R{n:02d}" for n in range(1, 12)]
    names = {f["code"]: f["name"]["ru"] for f in data["factors"]}
    assert names["R01"] == "Низкий уровень оснащения школы"
    assert names["R08"] == (
        "Пониженный уровень качества школьной образовательной и воспитательной среды "
        "(школьное благополучие)"
    )
    assert names["R11"] == "Высокая доля обучающихся с ОВЗ"
    r11 = data["factors"][10]
    assert (r11["year_from"], r11["year_to"]) == (2021, None)
    assert all(
        f["name"]["en"].strip() and f["name"]["en"] != f["name"]["ru"] for f in data["factors"]
    )


def test_the_templates_are_shipped_and_pass_the_structural_check() -> None:
    templates = _templates()
    assert {content["id"] for _path, content in templates} == TEMPLATE_IDS
    codes = _factor_codes()
    for path, content in templates:
        assert path.stem == content["id"]
        validate_checklist_template(content, source=path, factor_codes=codes)
        items = list(iter_items(content))
        assert 12 <= len(items) <= 40, (path.name, len(items))
        assert all(item["type"] in ITEM_TYPES for item in items)
        assert any(item.get("required") for item in items), path.name


def test_every_title_text_and_label_has_russian_and_english() -> None:
    def texts(node: Any) -> list[dict[str, str]]:
        found = []
        if isinstance(node, dict):
            if set(node) == {"ru", "en"}:
                return [node]
            for value in node.values():
                found += texts(value)
        elif isinstance(node, list):
            for value in node:
                found += texts(value)
        return found

    for path, content in [*_templates(), (CATALOG_FILE, load_json_resource(CATALOG_FILE))]:
        pairs = texts(content)
        assert len(pairs) > 10, path.name
        for pair in pairs:
            assert pair["ru"].strip() and pair["en"].strip(), (path.name, pair)
            assert any("а" <= ch <= "я" for ch in pair["ru"].lower()), (path.name, pair)
    titles = {content["id"]: content["title"]["ru"] for _p, content in _templates()}
    assert titles["primary-visit"] == "Первичное посещение школы"
    assert titles["lesson-observation"] == "Карта наблюдения урока"
    assert titles["documents-review"] == "Экспертиза концептуальных документов"


def test_every_item_type_conditions_and_risk_links_are_used_across_the_set() -> None:
    items = [item for _path, content in _templates() for item in iter_items(content)]
    assert Counter(item["type"] for item in items).keys() == set(ITEM_TYPES)
    assert sum("condition" in item for item in items) >= 5
    linked = {code for item in items for code in item.get("risk_factors", [])}
    assert linked == _factor_codes()
    purposes = {content["purpose"] for _path, content in _templates()}
    assert purposes == {"visit", "lesson", "documents", "monitoring"}


def test_documents_review_uses_meets_partly_not_meets_and_a_revision_deadline() -> None:
    content = load_json_resource(resource_dir() / "checklists" / "documents-review.json")
    items = {item["key"]: item for item in iter_items(content)}
    criterion = items["antirisk_programme.indicators_baseline_target"]
    assert [o["value"] for o in criterion["options"]] == ["meets", "partly", "not_meets"]
    assert [o["value"] for o in items["concept.conclusion"]["options"]] == ["accept", "revise"]
    deadline = items["concept.revision_deadline"]
    assert deadline["type"] == "date"
    assert deadline["condition"] == {"item": "concept.conclusion", "equals": "revise"}


# --- conditions and answers -------------------------------------------------------------------


def test_conditions_show_items_only_for_the_named_answer() -> None:
    content = load_json_resource(resource_dir() / "checklists" / "documents-review.json")
    answers: dict[str, Any] = {"received.documents": ["concept"], "concept.conclusion": "accept"}
    shown = {item["key"] for item in visible_items(content, answers)}
    assert "concept.goals_measurable" in shown
    assert "concept.revision_deadline" not in shown
    assert "antirisk_programme.goals_measurable" not in shown
    answers["concept.conclusion"] = "revise"
    assert "concept.revision_deadline" in {i["key"] for i in visible_items(content, answers)}
    assert "concept.revision_deadline" in missing_required(content, answers)
    answers["concept.revision_deadline"] = "2026-12-01"
    assert "concept.revision_deadline" not in missing_required(content, answers)


def test_answer_values_are_checked_by_type() -> None:
    scale = {"type": "scale", "scale": {"min": 0, "max": 2}}
    assert answer_is_valid(scale, 2) and not answer_is_valid(scale, 3)
    assert not answer_is_valid(scale, True)
    assert answer_is_valid({"type": "yes_no_partly"}, "na")
    assert not answer_is_valid({"type": "yes_no_partly"}, "maybe")
    assert answer_is_valid({"type": "date"}, "2026-03-01")
    assert not answer_is_valid({"type": "date"}, "01.03.2026")
    multi = {"type": "multi_choice", "options": [{"value": "a"}, {"value": "b"}]}
    assert answer_is_valid(multi, ["a", "b"]) and not answer_is_valid(multi, ["c"])
    assert answer_is_valid({"type": "number", "min": 0, "max": 100}, 12.5)
    assert not answer_is_valid({"type": "number", "min": 0, "max": 100}, 101)


# --- broken files -----------------------------------------------------------------------------


def _edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_invalid_json_names_the_file_and_line(resources_copy: Path, database: Database) -> None:
    broken = resources_copy / "checklists" / "monitoring.json"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4] + ",,"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        install_builtin_catalogs(database, resources_dir=resources_copy)
    assert "monitoring.json" in caught.value.user_message
    assert "line 5" in caught.value.user_message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["sections"][0]["items"][0].update(type="slider"), "slider"),
        (lambda d: d["sections"][1]["items"].append(dict(d["sections"][0]["items"][0])), "twice"),
        (
            lambda d: d["sections"][0]["items"][0].update(
                condition={"item": "summary.readiness", "equals": 1}
            ),
            "summary.readiness",
        ),
        (lambda d: d["sections"][0]["items"][0]["text"].pop("en"), "English"),
        (lambda d: d["sections"][0]["items"][0].update(risk_factors=["R99"]), "R99"),
        (lambda d: d.pop("visit_types"), "visit_types"),
        (lambda d: d["sections"][0]["items"][0].update(scale={"min": 0, "max": 2}), "scale"),
    ],
    ids=["unknown-type", "duplicate-key", "forward-condition", "no-english", "unknown-factor",
         "missing-key", "scale-on-yes-no"],
)  # fmt: skip
def test_broken_template_gives_an_error_naming_file_and_item(
    resources_copy: Path, database: Database, change: Any, expected: str
) -> None:
    path = resources_copy / "checklists" / "primary-visit.json"
    _edit(path, change)
    with pytest.raises(ValidationError) as caught:
        install_builtin_catalogs(database, resources_dir=resources_copy)
    message = caught.value.user_message
    assert "primary-visit.json" in message
    assert expected in message
    with database.session() as session:  # nothing was written
        assert session.exec(select(func.count()).select_from(RiskCatalog)).one() == 0


def test_condition_with_an_impossible_answer_is_refused() -> None:
    path = resource_dir() / "checklists" / "primary-visit.json"
    content = load_json_resource(path)
    content["sections"][0]["items"][1]["condition"]["equals"] = "perhaps"
    with pytest.raises(ValidationError) as caught:
        validate_checklist_template(content, source=path)
    assert "intro.director_absent_reason" in caught.value.user_message
    assert caught.value.field == "intro.director_absent_reason"


def test_unreadable_and_non_object_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"missing\.json"):
        load_json_resource(tmp_path / "missing.json")
    array = tmp_path / "array.json"
    array.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"array\.json"):
        load_json_resource(array)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"a": "Школа"}'.encode("cp1251"))
    with pytest.raises(ValidationError, match="UTF-8"):
        load_json_resource(latin)
    duplicate = tmp_path / "dup.json"
    duplicate.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    with pytest.raises(ValidationError, match="“a”"):
        load_json_resource(duplicate)


def test_broken_catalog_names_the_factor(resources_copy: Path, database: Database) -> None:
    path = resources_copy / "catalogs" / "risk_factors.json"
    _edit(path, lambda d: d["factors"].append(dict(d["factors"][0])))
    with pytest.raises(ValidationError) as caught:
        install_builtin_catalogs(database, resources_dir=resources_copy)
    assert "risk_factors.json" in caught.value.user_message
    assert "R01" in caught.value.user_message


# --- installing -------------------------------------------------------------------------------


def test_install_loads_eleven_factors_and_the_templates(database: Database) -> None:
    result = install_builtin_catalogs(database)
    added = (result.catalogs_added, result.factors_added, result.templates_added)
    assert added == (1, 11, len(TEMPLATE_IDS))
    with database.session() as session:
        catalog = session.exec(select(RiskCatalog)).one()
        assert (catalog.catalog_key, catalog.version) == ("fioco-risk-factors", "2021.1")
        assert catalog.title_ru and catalog.title_en
        factors = session.exec(select(RiskFactor).order_by(RiskFactor.sort_order)).all()
        assert [f.code for f in factors] == [f"R{n:02d}" for n in range(1, 12)]
        assert all(f.catalog_id == catalog.id and f.device_id == "test-device" for f in factors)
        templates = {t.template_key: t for t in session.exec(select(ChecklistTemplate))}
    assert set(templates) == TEMPLATE_IDS
    primary = templates["primary-visit"]
    assert primary.title_ru == "Первичное посещение школы"
    assert primary.title_en == "Primary visit to the school"
    shipped = load_json_resource(resource_dir() / "checklists" / "primary-visit.json")
    assert (primary.purpose, primary.version, primary.source) == (
        "visit",
        shipped["version"],
        "builtin",
    )
    assert primary.content == shipped
    assert templates["lesson-observation"].purpose == "lesson"


def test_second_install_changes_nothing(database: Database) -> None:
    install_builtin_catalogs(database)
    before = _snapshot(database)
    result = install_builtin_catalogs(database)
    assert not result.changed
    assert _snapshot(database) == before


def test_changed_file_updates_the_row_with_a_new_revision(
    resources_copy: Path, database: Database
) -> None:
    install_builtin_catalogs(database, resources_dir=resources_copy)
    path = resources_copy / "checklists" / "monitoring.json"
    _edit(path, lambda d: d["title"].update(en="Monitoring of positive change"))
    before = _snapshot(database)
    result = install_builtin_catalogs(database, resources_dir=resources_copy)
    assert (result.templates_updated, result.templates_added, result.factors_updated) == (1, 0, 0)
    after = _snapshot(database)
    assert after["factors"] == before["factors"]
    assert len(after["templates"] - before["templates"]) == 1
    with database.session() as session:
        row = session.exec(
            select(ChecklistTemplate).where(ChecklistTemplate.template_key == "monitoring")
        ).one()
    assert row.title_en == "Monitoring of positive change"
    assert row.content["title"]["en"] == "Monitoring of positive change"
    assert row.parent_revision is not None


def test_a_coordinators_template_with_the_same_key_is_left_alone(database: Database) -> None:
    with database.session() as session:
        session.add(
            ChecklistTemplate(
                template_key="monitoring",
                version=load_json_resource(resource_dir() / "checklists" / "monitoring.json")[
                    "version"
                ],
                title_ru="Свой",
                source="coordinator",
            )
        )
    result = install_builtin_catalogs(database)
    assert (result.templates_added, result.templates_kept) == (len(TEMPLATE_IDS) - 1, 1)
    with database.session() as session:
        rows = session.exec(
            select(ChecklistTemplate).where(ChecklistTemplate.template_key == "monitoring")
        ).all()
    assert [(r.title_ru, r.source) for r in rows] == [("Свой", "coordinator")]


def test_active_risk_factors_follow_the_year_range(database: Database) -> None:
    assert active_risk_factors(database, 2026) == []
    install_builtin_catalogs(database)
    factors_2020 = [f.code for f in active_risk_factors(database, 2020)]
    factors_2026 = [f.code for f in active_risk_factors(database, 2026)]
    assert factors_2020 == [f"R{n:02d}" for n in range(1, 11)]
    assert factors_2026 == [f"R{n:02d}" for n in range(1, 12)]
    assert active_risk_factors(database, 2019) == []
    assert active_risk_factors(database, 2026)[0].name_ru == "Низкий уровень оснащения школы"
    catalog = current_risk_catalog(database)
    assert catalog is not None and catalog.max_active_directions == 3


def test_unchanged_files_are_not_read_and_checked_again(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator_desktop.services.catalogs import builtin as catalogs

    install_builtin_catalogs(database)

    def must_not_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the unchanged built-in files were checked again")

    monkeypatch.setattr(catalogs, "install_catalogs_in", must_not_run)
    assert not install_builtin_catalogs(database).changed


def test_a_deleted_built_in_template_is_installed_again(database: Database) -> None:
    install_builtin_catalogs(database)
    with database.session() as session:
        template = session.exec(
            select(ChecklistTemplate).where(ChecklistTemplate.template_key == "monitoring")
        ).one()
        session.delete(template)
    result = install_builtin_catalogs(database)
    assert result.templates_added == 1
