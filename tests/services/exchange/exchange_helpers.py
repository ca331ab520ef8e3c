"""Helpers of the exchange tests: stores in their own data folders, small and demo content,
and dumps of a store's logical content to compare before and after."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import select

from curator_desktop.paths import AppPaths
from curator_desktop.services.exchange.merge.apply import Incoming
from curator_desktop.services.exchange.records import MODELS, to_json
from curator_desktop.services.exchange.service import ExchangeService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChangeLog,
    ChecklistAnswer,
    CuratorProfile,
    Recommendation,
    School,
    StoreMeta,
    SyncState,
    Visit,
)

TODAY = dt.date(2026, 11, 20)


def folder_paths(root: Path) -> AppPaths:
    """A data folder with its config and logs inside (so each store has its own device id)."""
    return AppPaths(data_dir=root, config_dir=root / "config", log_dir=root / "logs")


@dataclass
class Store:
    """One store in its data folder, with its exchange service."""

    paths: AppPaths
    database: Database

    @property
    def service(self) -> ExchangeService:
        return ExchangeService.for_paths(self.database, self.paths)

    def close(self) -> None:
        self.database.close()


def open_folder(root: Path, device_id: str) -> Store:
    paths = folder_paths(root)
    return Store(paths, Database(paths.store_file, device_id=device_id))


def copy_store(template: Path, root: Path, device_id: str) -> Store:
    """A fresh migrated store (a copy of ``template``) in the data folder ``root``."""
    paths = folder_paths(root).ensure()
    shutil.copy2(template, paths.store_file)
    return Store(paths, Database(paths.store_file, device_id=device_id))


def copy_folder(source: Path, root: Path, device_id: str) -> Store:
    """A copy of a whole (closed) data folder."""
    shutil.copytree(source, root)
    return open_folder(root, device_id)


def fill_small(db: Database) -> dict[str, list[str]]:
    """Three schools, a visit with four answers, three recommendations, a profile; ids by kind."""
    with db.session() as session:
        session.add(CuratorProfile(full_name="Иванова Мария Петровна", region="Н-ская область"))
        schools = [
            School(full_name=f"МБОУ СОШ № {n}", short_name=f"СОШ № {n}", municipality="Г-ский")
            for n in (1, 2, 3)
        ]
        session.add_all(schools)
        session.flush()
        visit = Visit(
            school_id=schools[0].id,
            planned_date=TODAY,
            purpose="Первичное посещение",
            template_snapshot=yes_no_checklist([f"intro.q{n}" for n in range(4)]),
        )
        session.add(visit)
        session.flush()
        answers = [
            ChecklistAnswer(visit_id=visit.id, item_key=f"intro.q{n}", value=("no", "yes")[n % 2])
            for n in range(4)
        ]
        recommendations = [
            Recommendation(school_id=schools[n].id, text=f"Рекомендация {n}") for n in range(3)
        ]
        session.add_all([*answers, *recommendations])
    return {
        "school": [s.id for s in schools],
        "visit": [visit.id],
        "checklist_answer": [a.id for a in answers],
        "recommendation": [r.id for r in recommendations],
    }


def checklist(items: dict[str, str]) -> dict[str, Any]:
    """A valid checklist template of one section: item key → answer type (a choice item's
    options are «a» and «b»)."""

    def text(words: str) -> dict[str, str]:
        return {"ru": words, "en": words}

    def item(key: str, kind: str) -> dict[str, Any]:
        made: dict[str, Any] = {"key": key, "text": text(key), "type": kind}
        if kind == "scale":
            made["scale"] = {"min": 0, "max": 2}
        if kind in ("choice", "multi_choice"):
            made["options"] = [{"value": v, "label": text(v)} for v in ("a", "b")]
        return made

    return {
        "format": 1,
        "id": "exchange-test",
        "version": 1,
        "purpose": "visit",
        "title": text("Чек-лист"),
        "visit_types": ["planned"],
        "sections": [
            {
                "key": "intro",
                "title": text("Раздел"),
                "items": [item(key, kind) for key, kind in items.items()],
            }
        ],
    }


def yes_no_checklist(keys: list[str]) -> dict[str, Any]:
    """A valid checklist whose items ``keys`` are answered yes / no / partly / n.a."""
    return checklist(dict.fromkeys(keys, "yes_no_partly"))


def content(db: Database) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced record as JSON, by table and id."""
    with db.session() as session:
        return {
            table: {r.id: to_json(r) for r in session.exec(select(model))}  # type: ignore[attr-defined]
            for table, model in MODELS.items()
        }


def history_ids(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.exec(select(ChangeLog.id)).all())


def dump(db: Database) -> dict[str, Any]:
    """The store's whole logical content: records, history, exchanges and metadata."""
    with db.session() as session:
        extra = {
            "change_log": sorted(
                (to_json(r) for r in session.exec(select(ChangeLog))), key=lambda r: r["id"]
            ),
            "sync_state": sorted(
                (r.model_dump(mode="json") for r in session.exec(select(SyncState))),
                key=lambda r: r["id"],
            ),
            "store_meta": {m.key: m.value for m in session.exec(select(StoreMeta))},
        }
    return {**content(db), **extra}


def files_of(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file under ``folder`` (none when it is missing)."""
    if not folder.is_dir():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def files_around_store(paths: AppPaths) -> dict[str, str]:
    """``files_of`` the data folder but the store's own database files: a refused package
    leaves them as they were but for its line in the log of packages received (#24), which
    the store's dump does not hold."""
    store = paths.store_file.name
    return {
        name: sha for name, sha in files_of(paths.data_dir).items() if not name.startswith(store)
    }


def edit(db: Database, model: type[Any], record_id: str, **values: Any) -> str:
    """Change one record through the tracked session; returns its new revision."""
    with db.session() as session:
        record = session.get(model, record_id)
        for name, value in values.items():
            setattr(record, name, value)
        session.add(record)
    return record.revision


def incoming_from(db: Database) -> Incoming:
    """Everything a store holds, as a package would bring it (without files)."""
    records = {table: list(rows.values()) for table, rows in content(db).items() if rows}
    with db.session() as session:
        history = [to_json(row) for row in session.exec(select(ChangeLog))]
    return Incoming(records=records, history=history)
