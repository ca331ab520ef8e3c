"""Hostile catalog and template files are refused in plain words before they are parsed (nesting,
numbers too long to parse, files too large) or before anything is written (integers a store
cannot hold), naming the file, the line and the field; the store is left as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from curator_desktop.domain import json_parsing
from curator_desktop.domain.errors import ValidationError
from curator_desktop.paths import resource_dir
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.catalogs.risk_catalog_import import import_risk_catalog
from curator_desktop.services.catalogs.template_import import import_template
from curator_desktop.store.database import Database
from tests.services.limits.hostile_files import MB, deep_json

PRIMARY = resource_dir() / "checklists" / "primary-visit.json"
CATALOG = resource_dir() / "catalogs" / "risk_factors.json"
MARK = "@MARK@"


@pytest.fixture
def db(database: Database) -> Database:
    install_builtin_catalogs(database)
    return database


def rows(db: Database) -> tuple[int, ...]:
    with sqlite3.connect(db.path) as connection:
        return tuple(
            connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("checklist_template", "risk_catalog", "risk_factor", "change_log")
        )


def written(path: Path, data: dict[str, Any], raw: str | None = None) -> Path:
    """``data`` as JSON in ``path``, the string ``@MARK@`` replaced by ``raw``."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text.replace(f'"{MARK}"', raw) if raw else text, encoding="utf-8")
    return path


def template(**changes: Any) -> dict[str, Any]:
    content = json.loads(PRIMARY.read_text(encoding="utf-8"))
    content["version"] += 1
    return {**content, **changes}


def catalog(**changes: Any) -> dict[str, Any]:
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    return {**data, "version": "2099.1", "source": "coordinator", **changes}


def refusal(db: Database, call: Any) -> str:
    before = rows(db)
    with pytest.raises(ValidationError) as caught:
        call()
    assert rows(db) == before
    return caught.value.user_message


def test_a_template_nested_100_000_deep_is_refused_before_it_is_parsed(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(tmp_path / "deep.json", template(purpose=MARK), deep_json(100_000))
    monkeypatch.setattr(json_parsing.json, "loads", lambda *a, **k: pytest.fail("parsed"))
    message = refusal(db, lambda: import_template(db, path))
    assert message == "deep.json: the JSON is nested more than 64 levels deep."


def test_a_catalog_nested_too_deep(db: Database, tmp_path: Path) -> None:
    path = written(tmp_path / "deep.json", catalog(extra=MARK), deep_json(100_000))
    message = refusal(db, lambda: import_risk_catalog(path, db))
    assert message == "deep.json: the JSON is nested more than 64 levels deep."


def test_a_number_too_long_to_parse(db: Database, tmp_path: Path) -> None:
    path = written(tmp_path / "long.json", template(version=MARK), "9" * 5000)
    message = refusal(db, lambda: import_template(db, path))
    assert message == "long.json: a number is longer than 100 digits."


def test_a_template_version_a_store_cannot_hold(db: Database, tmp_path: Path) -> None:
    path = written(tmp_path / "big.json", template(version=10**40))
    message = refusal(db, lambda: import_template(db, path))
    assert message.startswith("big.json, line ")
    assert message.endswith(", version: must be at most 9223372036854775807.")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"max_active_directions": 10**40}, "max_active_directions"),
        ({"factors": [{"code": "R99", "name": {"ru": "Р", "en": "R"}, "year_from": -(10**40)}]},
         "factors[0].year_from"),
    ],
)  # fmt: skip
def test_catalog_numbers_a_store_cannot_hold(
    db: Database, tmp_path: Path, change: dict[str, Any], field: str
) -> None:
    path = written(tmp_path / "big.json", catalog(**change))
    message = refusal(db, lambda: import_risk_catalog(path, db))
    assert message.startswith("big.json, line ") and f", {field}: must be at " in message


def test_a_file_too_large_is_refused_before_it_is_read(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(16 * MB + 1)
    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_text", lambda *a, **k: pytest.fail("the file was read"))
        message = refusal(db, lambda: import_template(db, path))
    assert message == "huge.json is larger than 16 MB: a catalog or template file is much smaller."
