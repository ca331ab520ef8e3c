"""The self-check of an installation (``curator-desktop selfcheck``): does this copy really work?

Everything a curator's first day needs, done for real in a new temporary folder (the user's own
store, settings and backups are never opened): bundled resources and translations, the upgrade
of a store at the oldest schema (after a backup), a new store with the demo data, a visit report
rendered to PDF whose text is read back, an encrypted package exported and imported into a second
empty data folder, the record counts of the two stores compared, and a roadmap read from DOCX
and XLSX. Installers run it on the
built bundle (``build_installer.py smoke``), so a missing data file or hidden import fails the
build rather than a curator's first report.

The report's text is read back with :mod:`curator_desktop.selfcheck.pdf_text` (the fonts'
``ToUnicode`` maps), because the bundle carries no PDF reader library.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator_desktop.i18n import N_, _
from curator_desktop.paths import AppPaths, resource_dir, translations_dir
from curator_desktop.selfcheck.pdf_text import pdf_text, squash

log = logging.getLogger(__name__)

PASSWORD = "selfcheck-пароль"
"""The package is encrypted too, so the self-check covers the cryptography library."""
SKIPPED_TABLES = frozenset({"alembic_version", "change_log", "store_meta", "sync_state"})
"""Tables whose rows legitimately differ between a store and its copy made from a package."""


@dataclass(frozen=True)
class StepResult:
    """One step of the self-check: its name (translated), outcome, duration and what it saw."""

    name: str
    ok: bool
    seconds: float
    detail: str


@dataclass
class _Run:
    """What the steps hand on to each other, all inside ``root``."""

    root: Path
    values: dict[str, Any] = field(default_factory=dict)

    def paths(self, name: str) -> AppPaths:
        base = self.root / name
        return AppPaths(data_dir=base, config_dir=base / "config", log_dir=base / "logs")

    def need(self, key: str) -> Any:
        if key not in self.values:
            raise RuntimeError(_("an earlier step failed"))
        return self.values[key]


def run_selfcheck(
    *, work_dir: Path | None = None, on_step: Callable[[StepResult], None] | None = None
) -> list[StepResult]:
    """Run every step in a new temporary folder (removed afterwards); all pass when all ``ok``."""
    root = Path(tempfile.mkdtemp(prefix="curator-selfcheck-", dir=work_dir))
    run = _Run(root)
    results: list[StepResult] = []
    try:
        for name, step in STEPS:
            started = time.perf_counter()
            try:
                detail, ok = step(run), True
            except Exception as exc:
                log.warning("Self-check step %r failed", name, exc_info=True)
                detail, ok = f"{type(exc).__name__}: {exc}", False
            result = StepResult(_(name), ok, time.perf_counter() - started, detail)
            results.append(result)
            if on_step is not None:
                on_step(result)
    finally:
        opened = run.values.pop("opened", None)
        if opened is not None:
            opened.close()
        shutil.rmtree(root, ignore_errors=True)
    return results


# --- the steps --------------------------------------------------------------------------------


def _check_resources(run: _Run) -> str:
    import gettext

    import fontpkg

    from curator_desktop.i18n import compile_catalog

    resources = resource_dir()
    found = {
        name: len(list((resources / name).glob("*.json")))
        for name in ("catalogs", "checklists", "schemas")
    }
    missing = [name for name, count in found.items() if not count]
    if missing:
        raise FileNotFoundError(f"{resources}: {', '.join(missing)}")
    catalog = translations_dir() / "ru" / "LC_MESSAGES" / "curator.mo"
    if not catalog.exists():
        catalog = run.root / "curator.mo"
        compile_catalog(translations_dir() / "ru" / "LC_MESSAGES" / "curator.po", catalog)
    with catalog.open("rb") as fh:
        russian = gettext.GNUTranslations(fh).gettext("Schools")
    if russian != "Школы":
        raise ValueError(f"{catalog}: «Schools» → {russian!r}")
    fonts = ", ".join(fontpkg.path(family).name for family in ("PT Sans", "PT Serif"))
    return _(
        "checklists: {checklists}, schemas: {schemas}, translations: {mo}, fonts: {fonts}"
    ).format(checklists=found["checklists"], schemas=found["schemas"], mo=catalog.name, fonts=fonts)


def _check_migration(run: _Run) -> str:
    from curator_desktop.services.store_opening import open_store
    from curator_desktop.store import schema

    paths = run.paths("old").ensure()
    oldest = schema.shipped_revisions().chain[0]
    schema.upgrade(paths.store_file, target=oldest)
    _insert_school(paths.store_file, "selfcheck-school", "МОУ «СОШ № 1»")
    opened = open_store(paths, device_id="selfcheck-old", daily_backup=False)
    try:
        with sqlite3.connect(paths.store_file) as connection:
            (name,) = connection.execute(
                "SELECT full_name FROM school WHERE id = 'selfcheck-school'"
            ).fetchone()
    finally:
        opened.close()
    if opened.migrated_from != oldest or not opened.backups_taken or name != "МОУ «СОШ № 1»":
        raise RuntimeError(f"migrated_from={opened.migrated_from}, backups={opened.backups_taken}")
    return _("{old} → {new}, after a backup").format(
        old=oldest, new=schema.shipped_revisions().head
    )


def _insert_school(store: Path, school_id: str, name: str) -> None:
    """A school written with plain SQL into whatever schema the file has."""
    with sqlite3.connect(store) as connection:
        row: dict[str, object] = {"id": school_id, "full_name": name}
        for _cid, column, kind, notnull, default, _pk in connection.execute(
            "PRAGMA table_info(school)"
        ):
            if column not in row and notnull and default is None:
                numeric = any(word in kind.upper() for word in ("INT", "BOOL"))
                timestamp = column.endswith("_at")
                row[column] = 0 if numeric else "2026-01-01 00:00:00.000000" if timestamp else ""
        marks = ", ".join("?" for _ in row)
        connection.execute(
            f"INSERT INTO school ({', '.join(row)}) VALUES ({marks})", list(row.values())
        )


def _check_demo_store(run: _Run) -> str:
    from curator_desktop.services.store_opening import open_store

    paths = run.paths("first")
    opened = open_store(paths, device_id="selfcheck-first", demo=True, daily_backup=False)
    run.values.update(opened=opened, first=paths)
    counts = _counts(paths.store_file)
    if not counts.get("school") or not counts.get("visit"):
        raise RuntimeError(f"demo store: {counts}")
    return _("schools: {schools}, visits: {visits}").format(
        schools=counts["school"], visits=counts["visit"]
    )


def _check_report(run: _Run) -> str:
    from sqlmodel import col, select

    from curator_desktop.domain.enums import VisitStatus
    from curator_desktop.services.reports.service import ReportService
    from curator_desktop.store.tables import School, Visit

    opened, paths = run.need("opened"), run.need("first")
    with opened.database.session() as session:
        visit = session.exec(
            select(Visit).where(col(Visit.status) == VisitStatus.COMPLETED).order_by(col(Visit.id))
        ).first()
        if visit is None:
            raise RuntimeError("no completed visit in the demo store")
        school = session.get(School, visit.school_id)
        visit_id, school_name = visit.id, school.full_name if school else ""
    service = ReportService(
        opened.database,
        reports_dir=paths.reports_dir,
        cache_dir=run.root / "cache",
        device_id="selfcheck-first",
        attachments_dir=paths.attachments_dir,
    )
    record = service.generate_visit(visit_id, language="ru")
    pages = pdf_text(paths.reports_dir / record.file_name)
    text = squash("".join(pages))
    expected = (record.document_number, record.title, school_name)
    absent = [value for value in expected if squash(value) not in text]
    if absent:
        raise ValueError(f"not in the PDF's text: {absent}")
    return _("{number}, pages: {pages}").format(number=record.document_number, pages=len(pages))


def _check_export(run: _Run) -> str:
    from curator_desktop.services.exchange.service import ExchangeService

    opened, paths = run.need("opened"), run.need("first")
    package = run.root / "selfcheck.curator"
    result = ExchangeService.for_paths(opened.database, paths).export(package, password=PASSWORD)
    run.values["package"] = package
    return _("records: {records}, {size} KB").format(
        records=result.record_count, size=result.size_bytes // 1024
    )


def _check_import(run: _Run) -> str:
    from curator_desktop.services.exchange.store_move import create_store_from_package
    from curator_desktop.services.store_opening import open_store

    package, first = run.need("package"), run.need("first")
    paths = run.paths("second")
    create_store_from_package(paths, package, device_id="selfcheck-second", password=PASSWORD)
    open_store(paths, device_id="selfcheck-second", daily_backup=False).close()
    before, after = _counts(first.store_file), _counts(paths.store_file)
    differ = {
        t: (before.get(t), after.get(t)) for t in before | after if before.get(t) != after.get(t)
    }
    if differ:
        raise ValueError(f"counts differ (first, second): {differ}")
    files = [_files(p.attachments_dir) + _files(p.reports_dir) for p in (first, paths)]
    if files[0] != files[1]:
        raise ValueError(f"attachments and reports differ: {files}")
    return _("tables: {tables}, rows: {rows}, files: {files}").format(
        tables=len(after), rows=sum(after.values()), files=files[1]
    )


_ROADMAP_ROWS = (
    ("№", "Мероприятие", "Сроки", "Ответственные"),
    ("1", "Первичное посещение школ кураторами", "Апрель – май 2021 г.", "Кураторы"),
    ("2", "Региональное совещание", "2 и 4 среда каждого месяца", "Региональный координатор"),
)


def _check_roadmaps(run: _Run) -> str:
    """A roadmap read from DOCX (python-docx) and XLSX (openpyxl), its deadlines understood."""
    import docx
    import openpyxl

    from curator_desktop.services.roadmap.reader import read_roadmap

    document = docx.Document()
    document.add_paragraph("План-график реализации проекта «500+» на 2021 год")
    table = document.add_table(rows=0, cols=4)
    workbook = openpyxl.Workbook()
    for row in _ROADMAP_ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
        workbook.active.append(row)
    files = (run.root / "roadmap.docx", run.root / "roadmap.xlsx")
    document.save(files[0])
    workbook.save(files[1])
    from curator_desktop.domain.roadmap.deadlines import parse_deadline

    understood = 0
    for path in files:
        roadmap = read_roadmap(path)
        if [item.number for item in roadmap.items] != ["1", "2"]:
            raise ValueError(f"{path.name}: items {[i.number for i in roadmap.items]}")
        if not roadmap.items[0].concerns_curator:
            raise ValueError(f"{path.name}: the curator's item is not marked")
        understood += sum(parse_deadline(i.deadline_text, year=2021).parsed for i in roadmap.items)
    if understood != 4:
        raise ValueError(f"deadlines understood: {understood} of 4")
    return _("DOCX and XLSX, deadlines understood: {count}").format(count=understood)


def _files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def _counts(store: Path) -> dict[str, int]:
    """Rows per table (the tables that must match after a move)."""
    with sqlite3.connect(store) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if name not in SKIPPED_TABLES and not name.startswith("sqlite_")
        ]
        return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


STEPS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    (N_("resources, translations and fonts"), _check_resources),
    (N_("upgrade of a store at the oldest schema"), _check_migration),
    (N_("new store with the demo data"), _check_demo_store),
    (N_("visit report (PDF) and its text"), _check_report),
    (N_("export of an encrypted package"), _check_export),
    (N_("import into an empty data folder"), _check_import),
    (N_("roadmap from DOCX and XLSX"), _check_roadmaps),
)
