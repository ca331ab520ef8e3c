"""The operations the torture harness kills, and the data folders and files they start from.

Every operation is a real child process: the CLI (``python -m curator_desktop …``) for the
school list import, the package imports, ``db upgrade`` and ``db restore``; for autosave, this
module run as a script (``python benchmarks/torture_cases.py autosave DATA_DIR PLAN``), which
opens the store the way the window does (:func:`open_store`) and writes each step of the plan
with ``VisitService.set_answer`` / ``set_comment`` — the calls the visit editor's autosave makes —
printing ``ack N`` after each one returns (the write is durable then).

:class:`Workshop` builds what the cases share, once per harness run, under ``WORK/setup``: a
curator's store (:func:`benchmarks.exchange_fixtures.curator_year`: schools, visits with answered
checklists, risk profiles, photos), its full package and its package for moving (password), a
store made with ``init`` (the receiver), a school list (CSV, Windows-1251, valid ИНН), a backup of
the curator's store after that list was imported, and a store at an old schema revision
(``0005_roadmap_deadlines``) filled with rows the later migrations rewrite.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

OLD_REVISION = "0005_roadmap_deadlines"
PASSWORD = "перенос-2026"
STAMP = "2026-01-15 09:00:00.000000"


@dataclass(frozen=True)
class Size:
    """How much data the cases carry (``--quick``: small, for the test suite)."""

    schools: int
    visits: int
    photos: int
    photo_bytes: int
    list_rows: int
    autosave_rounds: int
    old_schools: int
    old_visits_per_school: int
    old_answers_per_visit: int


FULL = Size(10, 120, 30, 100_000, 300, 3, 150, 4, 25)
QUICK = Size(2, 8, 3, 20_000, 30, 1, 10, 2, 8)


@dataclass(frozen=True)
class Prepared:
    """A case ready to run: the folder each trial starts from (None: an empty folder), the
    child's command line for a data folder, and what the retry comparison leaves out."""

    name: str
    base: Path | None
    command: Callable[[Path], list[str]]
    skip_on_retry: tuple[str, ...] = ()
    plan: dict[str, Any] | None = None
    note: str = ""


def child_env() -> dict[str, str]:
    """The children's environment: this checkout first, no inherited data or config folder
    (each child names its own), Qt offscreen, messages in Russian as for a curator."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CURATOR_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


def cli(*args: str | Path) -> list[str]:
    """The command line of the real CLI."""
    return [sys.executable, "-m", "curator_desktop", *map(str, args)]


def run_cli(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run a CLI command to its end (setup: it must succeed)."""
    result = subprocess.run(
        cli(*args), capture_output=True, text=True, cwd=ROOT, env=child_env(), timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))}: exit {result.returncode}\n{result.stderr}")
    return result


@dataclass
class Workshop:
    """Builds, once, the stores and files the cases start from (see the module)."""

    root: Path
    size: Size
    log: Callable[[str], None] = print
    _made: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def source(self) -> Path:
        """A curator's store with a year of work (built directly, then opened once by the CLI
        so that it has its settings and signing key, as a used store has)."""
        from benchmarks.exchange_fixtures import curator_year

        folder = self.root / "source"
        self.log(
            f"setup: a curator's store ({self.size.schools} schools, {self.size.visits} visits)"
        )
        curator_year(
            folder,
            schools=self.size.schools,
            visits=self.size.visits,
            photos=self.size.photos,
            photo_bytes=self.size.photo_bytes,
            device_id="torture-source",
        )
        run_cli("db", "check", "--data-dir", folder)
        return folder

    @cached_property
    def password_file(self) -> Path:
        path = self.root / "password.txt"
        path.write_text(PASSWORD + "\n", encoding="utf-8")
        return path

    @cached_property
    def package(self) -> Path:
        path = self.root / "full.curator"
        run_cli("export", "-o", path, "--data-dir", self.source)
        return path

    @cached_property
    def moving_package(self) -> Path:
        path = self.root / "moving.curator"
        run_cli(
            "export", "--for-moving", "-o", path, "--password-file", self.password_file,
            "--data-dir", self.source,
        )  # fmt: skip
        return path

    @cached_property
    def receiver(self) -> Path:
        """Another curator's store, made with ``init`` (the package's receiver)."""
        folder = self.root / "receiver"
        run_cli(
            "init", "--name", "Петрова Анна Ивановна", "--organisation", "ИРО Н-ской области",
            "--region", "Н-ская область", "--data-dir", folder,
        )  # fmt: skip
        return folder

    @cached_property
    def school_list(self) -> Path:
        """The coordinator's list: ``list_rows`` schools with valid ИНН (Windows-1251, «;»)."""
        from curator_desktop.domain.schools.inn import make_inn

        lines = ["Район;Наименование ОО;Краткое наименование;ИНН;ФИО руководителя;Адрес"]
        districts = ("Северный", "Речной", "Лесной", "Озёрный")
        for n in range(1, self.size.list_rows + 1):
            lines.append(
                f"{districts[n % 4]} район;Муниципальное общеобразовательное учреждение "
                f"«Средняя школа № {n}»;МОУ «СШ № {n}»;{make_inn(f'47{n:07d}')};"
                f"Иванова Мария Петровна;п. Заречный, ул. Школьная, д. {n}"
            )
        path = self.root / "schools.csv"
        path.write_bytes("\r\n".join(lines).encode("cp1251"))
        return path

    @cached_property
    def backup_to_restore(self) -> Path:
        """A backup of the curator's store after the school list was imported into it."""
        folder = self.root / "restore-source"
        copy_folder(self.source, folder)
        run_cli("schools", "import", self.school_list, "--data-dir", folder)
        for old in (folder / "backups").glob("*"):
            old.unlink()
        run_cli("db", "backup", "--data-dir", folder)
        (backup,) = (folder / "backups").glob("*.sqlite3")
        target = self.root / "to-restore.sqlite3"
        shutil.copy2(backup, target)
        return target

    @cached_property
    def old_store(self) -> Path:
        folder = self.root / "old-store"
        folder.mkdir(parents=True)
        self.log(f"setup: a store at {OLD_REVISION} ({self.size.old_schools} schools)")
        build_old_store(folder / "curator.sqlite3", self.size)
        return folder

    @cached_property
    def autosave(self) -> tuple[Path, dict[str, Any]]:
        """The curator's store with a new planned visit, and the plan of edits to make on it."""
        folder = self.root / "autosave"
        copy_folder(self.source, folder)
        plan = autosave_plan(folder, self.size.autosave_rounds)
        (self.root / "autosave-plan.json").write_text(
            json.dumps(plan, ensure_ascii=False), encoding="utf-8"
        )
        return folder, plan


def copy_folder(source: Path, target: Path) -> Path:
    """A copy of a (closed) data folder."""
    shutil.copytree(source, target, symlinks=True)
    return target


# --- the cases ----------------------------------------------------------------------------


def _autosave(shop: Workshop) -> Prepared:
    folder, plan = shop.autosave
    plan_file = shop.root / "autosave-plan.json"
    return Prepared(
        "autosave",
        folder,
        lambda data: [sys.executable, str(Path(__file__).resolve()), "autosave", str(data),
                      str(plan_file)],
        skip_on_retry=("change_log",),  # the retry writes every answer again: more history
        plan=plan,
        note=f"{len(plan['steps'])} edits (answers and comments) of one visit's checklist",
    )  # fmt: skip


def _school_import(shop: Workshop) -> Prepared:
    csv = shop.school_list
    return Prepared(
        "school-import",
        shop.source,
        lambda data: cli("schools", "import", csv, "--data-dir", data),
        note=f"`schools import` of a CSV list of {shop.size.list_rows} schools into a used store",
    )


ATTEMPT_LOG = ("package_intake",)
"""The log of import attempts: an import that finished just before the kill is received again
by the retry («уже получен»), one more row — true, and not part of what a clean run must equal."""


def _package_import(shop: Workshop) -> Prepared:
    package = shop.package
    return Prepared(
        "package-import",
        shop.receiver,
        lambda data: cli("import", package, "--data-dir", data),
        skip_on_retry=ATTEMPT_LOG,
        note="`import` of a curator's full package (records, history, photos) into another "
        "curator's store",
    )


def _empty_import(shop: Workshop) -> Prepared:
    package, password = shop.moving_package, shop.password_file
    return Prepared(
        "empty-folder-import",
        None,
        lambda data: cli("import", package, "--password-file", password, "--data-dir", data),
        skip_on_retry=ATTEMPT_LOG,
        note="`import` of the package for moving (`export --for-moving`, password) into an "
        "empty data folder: a new computer",
    )


def _migration(shop: Workshop) -> Prepared:
    return Prepared(
        "migration",
        shop.old_store,
        lambda data: cli("db", "upgrade", "--data-dir", data),
        note=f"`db upgrade` of a store at {OLD_REVISION} to the head",
    )


def _restore(shop: Workshop) -> Prepared:
    backup = shop.backup_to_restore
    return Prepared(
        "restore",
        shop.source,
        lambda data: cli("db", "restore", backup, "--data-dir", data),
        note="`db restore` of a backup (the same store after a school list import) over a used "
        "store",
    )


CASES: dict[str, Callable[[Workshop], Prepared]] = {
    "autosave": _autosave,
    "school-import": _school_import,
    "package-import": _package_import,
    "empty-folder-import": _empty_import,
    "migration": _migration,
    "restore": _restore,
}


# --- autosave: the plan, and the writer the harness kills -------------------------------------


def autosave_plan(folder: Path, rounds: int) -> dict[str, Any]:
    """Create a planned visit in the store of ``folder``; return the edits to make on it: every
    item of its checklist answered, round after round with other values, and a comment on every
    fourth item each round."""
    from curator_desktop.domain.checklists.items import iter_items
    from curator_desktop.services.visits.service import VisitService
    from curator_desktop.store.database import Database

    store = folder / "curator.sqlite3"
    with closing(sqlite3.connect(store)) as connection:
        (school_id,) = connection.execute(
            "SELECT id FROM school WHERE deleted = 0 ORDER BY full_name LIMIT 1"
        ).fetchone()
    database = Database(store, device_id="torture-setup")
    try:
        service = VisitService(database, attachments_dir=folder / "attachments")
        visit_id = service.create_visit(school_id, "primary", dt.date(2026, 12, 1))
        template = service.load(visit_id).visit.template
    finally:
        database.close()
    steps: list[tuple[str, str, Any]] = []
    for round_ in range(rounds):
        for number, item in enumerate(iter_items(template)):
            steps.append(("answer", item["key"], _value(item, round_)))
            if number % 4 == 0:
                steps.append(("comment", item["key"], f"Комментарий {round_}-{number}"))
    return {"visit_id": visit_id, "steps": steps}


def _value(item: dict[str, Any], round_: int) -> Any:
    kind = item["type"]
    if kind in ("text", "long_text"):
        return f"Запись круга {round_}: замечаний нет"
    if kind == "yes_no_partly":
        return ("yes", "no", "partly")[round_ % 3]
    if kind == "scale":
        return item["scale"]["min"] + round_ % 2
    if kind == "number":
        return (item.get("min") or 0) + round_ % 3
    if kind == "date":
        return (dt.date(2026, 11, 1) + dt.timedelta(days=round_)).isoformat()
    values = [option["value"] for option in item["options"]]
    if kind == "choice":
        return values[round_ % len(values)]
    return values[: 1 + round_ % len(values)]


def write_autosave(data_dir: Path, plan_file: Path) -> None:
    """The child: open the store as the window does, make every edit through the visit service,
    print ``ack N`` once edit N has returned."""
    from curator_desktop.paths import AppPaths
    from curator_desktop.services.store_opening import open_store
    from curator_desktop.services.visits.service import VisitService
    from curator_desktop.settings import load_settings

    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    paths = AppPaths.resolve(data_dir)
    device = load_settings(paths.settings_file).device_id
    opened = open_store(paths, device_id=device)
    try:
        service = VisitService(
            opened.database, attachments_dir=paths.attachments_dir, device_id=device
        )
        visit_id = plan["visit_id"]
        for number, (kind, key, value) in enumerate(plan["steps"]):
            if kind == "answer":
                service.set_answer(visit_id, key, value)
            else:
                service.set_comment(visit_id, key, value)
            print(f"ack {number}", flush=True)
    finally:
        opened.close()


# --- a store at an old revision ------------------------------------------------------------


def build_old_store(store: Path, size: Size, seed: int = 18) -> None:
    """A store at :data:`OLD_REVISION` filled with plain SQL: a profile, a risk catalog with its
    factors and two checklist templates under random ids (migration 0006 gives them derived ids
    and rewrites every reference), schools, visits with answers, recommendations, and a
    ``change_log`` row for every record."""
    from curator_desktop.store import schema

    rng = random.Random(seed)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    schema.upgrade(store, target=OLD_REVISION)
    rows: dict[str, list[dict[str, Any]]] = {}

    def add(table: str, **values: Any) -> str:
        values.setdefault("id", new_id())
        values.setdefault("revision", uuid.UUID(int=rng.getrandbits(128)).hex)
        values.setdefault("device_id", "old-laptop")
        rows.setdefault(table, []).append(values)
        return values["id"]

    add("curator_profile", full_name="Соколова Марина Викторовна", region="Н-ская область")
    catalog = add("risk_catalog", catalog_key="risk-factors", version="2025", title_ru="Факторы")
    codes = [f"R{n:02d}" for n in range(1, 12)]
    for order, code in enumerate(codes):
        add(
            "risk_factor", catalog_id=catalog, code=code, name_ru=f"Фактор {code}", sort_order=order
        )
    templates = [
        add("checklist_template", template_key=key, version=1, title_ru=key, content="{}")
        for key in ("primary-visit", "planned-visit")
    ]
    for n in range(size.old_schools):
        school = add(
            "school", full_name=f"МОУ «Средняя школа № {n + 1}»", municipality="Речной район",
            status="active", levels="[]",
        )  # fmt: skip
        for v in range(size.old_visits_per_school):
            visit = add(
                "visit", school_id=school, visit_type="planned", status="completed",
                template_id=templates[v % 2], template_snapshot="{}",
            )  # fmt: skip
            for a in range(size.old_answers_per_visit):
                add("checklist_answer", visit_id=visit, item_key=f"item{a}", value='"yes"')
        add("recommendation", school_id=school, text="Доработать программу", status="open")
        for code in codes[:3]:
            add("risk_assessment", school_id=school, year=2025, factor_code=code,
                questionnaire_level="medium")  # fmt: skip
    with closing(sqlite3.connect(store)) as connection, connection:
        connection.execute(
            "INSERT INTO store_meta (key, value) VALUES ('store_id', ?)", (new_id(),)
        )
        for table, table_rows in rows.items():
            _insert(connection, table, table_rows)
            _insert(
                connection,
                "change_log",
                [
                    {"id": new_id(), "entity": table, "entity_id": row["id"], "action": "create",
                     "revision": row["revision"], "device_id": row["device_id"]}
                    for row in table_rows
                ],
            )  # fmt: skip


def _insert(connection: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows``; NOT NULL columns without a value get an empty value of their type."""
    info = connection.execute(f"PRAGMA table_info({table})").fetchall()
    filler: dict[str, Any] = {}
    for _cid, name, kind, notnull, default, _pk in info:
        if not notnull or default is not None:
            continue
        kind = (kind or "").upper()
        if name in ("created_at", "updated_at", "at"):
            filler[name] = STAMP
        elif "INT" in kind or "BOOL" in kind:
            filler[name] = 0
        elif kind == "JSON":
            filler[name] = "[]"
        else:
            filler[name] = ""
    names = sorted(filler.keys() | rows[0].keys())
    marks = ", ".join("?" for _ in names)
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
        [[row.get(name, filler.get(name)) for name in names] for row in rows],
    )


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "autosave":
        sys.exit("usage: torture_cases.py autosave DATA_DIR PLAN_FILE")
    write_autosave(Path(sys.argv[2]), Path(sys.argv[3]))
