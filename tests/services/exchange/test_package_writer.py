"""Writing exchange packages from a real demo store with real attachment files and a real PDF
report: what each scope takes, the files streamed once each, the atomic write."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import random
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from curator_desktop.domain.enums import VisitStatus
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.exchange.package.format import (
    DATA_TABLES,
    MANIFEST,
    PackageCancelled,
    Scope,
)
from curator_desktop.services.exchange.package.reader import Package, open_package
from curator_desktop.services.exchange.package.writer import (
    PackageSummary,
    PackageWriteError,
    write_package,
)
from curator_desktop.services.exchange.records import HISTORY_TABLE, MODELS, to_json
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ProfileRepository
from curator_desktop.store.tables import (
    Attachment,
    ChangeLog,
    ChecklistAnswer,
    GeneratedReport,
    Recommendation,
    School,
    Visit,
)

TODAY = dt.date(2026, 11, 20)


@dataclass
class DemoFiles:
    """A demo store with attachment files and one report, and where their bytes live."""

    db: Database
    root: Path
    attachments_dir: Path
    reports_dir: Path
    visits: VisitService
    sources: dict[str, Path]
    """SHA-256 → the original file of every live attachment."""
    removed_sha: str
    report_id: str

    def export(self, name: str, scope: Scope | None = None, **kwargs: Any) -> PackageSummary:
        target = self.root / "out" / name
        target.parent.mkdir(exist_ok=True)
        return write_package(
            self.db,
            target,
            attachments_dir=self.attachments_dir,
            reports_dir=self.reports_dir,
            scope=scope or Scope.full(),
            **kwargs,
        )


def make_file(path: Path, size: int, seed: int, head: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(head + random.Random(seed).randbytes(size - len(head)))
    return path


def first_visit(db: Database, *statuses: VisitStatus) -> Visit:
    with db.session() as session:
        query = select(Visit).where(col(Visit.status).in_([s.value for s in statuses]))
        visit = session.exec(query.order_by(col(Visit.planned_date))).first()
        assert visit is not None
        return visit


def build_demo(db: Database, root: Path) -> DemoFiles:
    """The demo store, a photo attached to two visits (stored once), a scan, an attachment
    removed again (a tombstone whose file stays on disk) and a generated visit report."""
    create_demo_store(db, today=TODAY)
    attachments_dir, reports_dir = root / "data" / "attachments", root / "data" / "reports"
    visits = VisitService(db, attachments_dir=attachments_dir, device_id=db.device_id)
    planned = first_visit(db, VisitStatus.PLANNED)
    ongoing = first_visit(db, VisitStatus.IN_PROGRESS)
    photo = make_file(root / "incoming" / "Фото класса.jpg", 3 * 1024 * 1024 + 17, 1, b"\xff\xd8")
    scan = make_file(root / "incoming" / "Скан протокола.pdf", 200_000, 2, b"%PDF-1.4\n")
    gone = make_file(root / "incoming" / "Лишнее фото.jpg", 10_000, 3, b"\xff\xd8")
    sources = {}
    for visit_id, source in ((planned.id, photo), (ongoing.id, photo), (ongoing.id, scan)):
        sources[visits.attach(visit_id, source).sha256] = source
    removed = visits.attach(planned.id, gone, caption="по ошибке")
    visits.remove_attachment(removed.id)
    reports = ReportService(
        db,
        reports_dir=reports_dir,
        cache_dir=root / "cache",
        attachments_dir=attachments_dir,
        device_id=db.device_id,
    )
    report = reports.generate_visit(first_visit(db, VisitStatus.COMPLETED).id, language="ru")
    return DemoFiles(
        db, root, attachments_dir, reports_dir, visits, sources, removed.sha256, report.id
    )


@pytest.fixture
def demo(database: Database, tmp_path: Path) -> DemoFiles:
    return build_demo(database, tmp_path)


def store_rows(db: Database, table: str, where: Any = None) -> list[dict[str, Any]]:
    model = MODELS.get(table, ChangeLog)
    query = select(model) if where is None else select(model).where(where)
    with db.session() as session:
        return [to_json(row) for row in session.exec(query)]


def ids(rows: list[dict[str, Any]]) -> set[str]:
    return {row["id"] for row in rows}


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the whole store ------------------------------------------------------------------------


def test_a_full_export_carries_every_record_file_and_report(demo: DemoFiles) -> None:
    steps: list[tuple[int, int]] = []
    summary = demo.export("full.curator", progress=lambda done, total: steps.append((done, total)))
    data = summary.path.read_bytes()
    assert summary.sha256 == hashlib.sha256(data).hexdigest()
    assert summary.size_bytes == len(data)
    assert steps[-1][0] == steps[-1][1] and [d for d, _t in steps] == sorted(d for d, _t in steps)
    with open_package(summary.path) as package:
        manifest = package.manifest
        assert manifest.format == 1 and manifest.scope == Scope.full()
        assert manifest.store_id == ProfileRepository(demo.db).store_id()
        assert manifest.curator == "Соколова Марина Викторовна"
        assert manifest.device_id == "test-device"
        for table in MODELS:
            stored = store_rows(demo.db, table)
            assert manifest.counts[table] == len(stored), table
            assert sorted(package.records(table), key=lambda r: r["id"]) == sorted(
                stored, key=lambda r: r["id"]
            ), table
        history = store_rows(demo.db, HISTORY_TABLE)
        assert len(package.history()) == manifest.counts[HISTORY_TABLE] == len(history) > 900
        assert ids(package.history()) == ids(history)
        tombstone = [r for r in package.records("attachment") if r["deleted"]]
        assert [r["sha256"] for r in tombstone] == [demo.removed_sha]  # the tombstone travels
        assert set(package.attachments) == set(demo.sources)  # its file does not; each once
        assert summary.attachments == 2 and summary.reports == 1 == len(package.reports)
        for sha, source in demo.sources.items():
            copy = demo.root / "copies" / sha
            assert package.copy_attachment(sha, copy) == source.stat().st_size
            assert copy.read_bytes() == source.read_bytes()
        pdf = demo.root / "copies" / "report.pdf"
        package.copy_report(demo.report_id, pdf)
        assert pdf.read_bytes() == (demo.reports_dir / f"{demo.report_id}.pdf").read_bytes()
        assert pdf.read_bytes().startswith(b"%PDF")
    assert summary.record_count == sum(summary.counts[t] for t in MODELS)
    assert summary.missing_files == ()


def test_files_are_stored_json_deflated_and_the_manifest_comes_last(demo: DemoFiles) -> None:
    summary = demo.export("layout.curator")
    with zipfile.ZipFile(summary.path) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    names = [info.filename for info in infos]
    assert names[-1] == MANIFEST
    assert names[: len(DATA_TABLES)] == [f"data/{t}.json" for t in DATA_TABLES]
    for info in infos:
        stored = info.filename.startswith(("attachments/", "reports/"))
        method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        assert info.compress_type == method, info.filename
    assert len(summary.manifest.members) == len(names) - 1


def test_a_missing_file_is_left_out_and_reported(demo: DemoFiles) -> None:
    sha = next(iter(demo.sources))
    lost = demo.visits.attachment_path(sha)
    lost.unlink()
    summary = demo.export("partial.curator")
    assert summary.missing_files == (str(lost),)
    with open_package(summary.path) as package:
        assert sha not in package.attachments and len(package.attachments) == 1
        assert sha in {r["sha256"] for r in package.records("attachment")}  # the row still goes


def test_a_damaged_attachment_file_stops_the_export(demo: DemoFiles) -> None:
    sha = next(iter(demo.sources))
    demo.visits.attachment_path(sha).write_bytes(b"not the photo any more")
    with pytest.raises(PackageWriteError, match="is damaged"):
        demo.export("damaged.curator")
    assert folder_listing(demo.root / "out") == []


# --- the changes since a watermark ----------------------------------------------------------


def test_a_since_export_takes_only_what_changed_after_the_watermark(demo: DemoFiles) -> None:
    first = demo.export("first.curator")
    assert first.watermark is not None
    with demo.db.session() as session:
        school = session.exec(select(School).order_by(col(School.full_name))).first()
        assert school is not None
        school.notes = "Новый директор с 1 декабря"
        recommendation = session.exec(select(Recommendation)).first()
        assert recommendation is not None
        recommendation.deleted = True
    photo = make_file(demo.root / "incoming" / "Новое фото.jpg", 50_000, 7, b"\xff\xd8")
    new = demo.visits.attach(first_visit(demo.db, VisitStatus.PLANNED).id, photo)
    summary = demo.export("since.curator", Scope.changes_since(first.watermark))
    with open_package(summary.path) as package:
        assert package.manifest.scope.since == first.watermark
        changed = {t: len(package.records(t)) for t in MODELS if package.records(t)}
        assert changed == {"school": 1, "recommendation": 1, "attachment": 1}
        assert package.records("school")[0]["notes"] == "Новый директор с 1 декабря"
        assert package.records("recommendation")[0]["deleted"] is True
        assert package.attachments == (new.sha256,)
        later = store_rows(demo.db, HISTORY_TABLE, col(ChangeLog.at) > first.watermark)
        exported = {(t, r["id"]) for t in MODELS for r in package.records(t)}
        ancestry = [
            row
            for row in store_rows(demo.db, HISTORY_TABLE, col(ChangeLog.at) <= first.watermark)
            if (row["entity"], row["entity_id"]) in exported
        ]
        assert ids(package.history()) == ids(later) | ids(ancestry)
        assert len(later) >= 3 and ancestry  # the school's creation travels with its edit
        assert len(package.history()) < len(store_rows(demo.db, HISTORY_TABLE))
        assert package.reports == ()
    assert summary.watermark is not None and summary.watermark > first.watermark


# --- selected schools and a period ----------------------------------------------------------


def test_a_selection_takes_the_schools_their_period_and_what_hangs_from_them(
    demo: DemoFiles,
) -> None:
    every_visit = store_rows(demo.db, "visit")
    planned = {v["school_id"] for v in every_visit if v["status"] == VisitStatus.PLANNED.value}
    per_school = Counter(v["school_id"] for v in every_visit)
    school_id = max(planned, key=lambda school: per_school[school])
    visits = [v for v in every_visit if v["school_id"] == school_id]
    days = sorted(v["actual_date"] or v["planned_date"] for v in visits)
    assert len(days) >= 3
    earliest = next(v for v in visits if (v["actual_date"] or v["planned_date"]) == days[0])
    demo.visits.reopen(earliest["id"], "фото забыли")  # out of the period: its file stays out
    outside = make_file(demo.root / "incoming" / "Весна.jpg", 20_000, 9, b"\xff\xd8")
    outside_sha = demo.visits.attach(earliest["id"], outside).sha256
    inside = make_file(demo.root / "incoming" / "Осень.jpg", 30_000, 10, b"\xff\xd8")
    plan = next(v for v in visits if v["status"] == VisitStatus.PLANNED.value)
    inside_sha = demo.visits.attach(plan["id"], inside).sha256
    done = next(v for v in visits if v["status"] == "completed" and v["actual_date"] >= days[1])
    ReportService(
        demo.db, reports_dir=demo.reports_dir, cache_dir=demo.root / "cache"
    ).generate_visit(done["id"])
    date_from = dt.date.fromisoformat(days[1])
    scope = Scope.selection([school_id], date_from=date_from, date_to=TODAY + dt.timedelta(60))
    summary = demo.export("school.curator", scope)

    in_period = {v["id"] for v in visits if (v["actual_date"] or v["planned_date"]) >= days[1]}
    answers = store_rows(demo.db, "checklist_answer", col(ChecklistAnswer.visit_id).in_(in_period))
    owners = in_period | ids(answers)
    expected = {
        "school": {school_id},
        "visit": in_period,
        "checklist_answer": ids(answers),
        "attachment": ids(store_rows(demo.db, "attachment", col(Attachment.owner_id).in_(owners))),
        "recommendation": ids(
            store_rows(
                demo.db,
                "recommendation",
                (col(Recommendation.school_id) == school_id)
                & (
                    col(Recommendation.visit_id).is_(None)
                    | col(Recommendation.visit_id).in_(in_period)
                ),
            )
        ),
        "generated_report": ids(
            store_rows(demo.db, "generated_report", col(GeneratedReport.visit_id).in_(in_period))
        ),
    }
    assert all(expected.values()), expected
    with open_package(summary.path) as package:
        assert package.manifest.scope == scope
        for table, wanted in expected.items():
            assert ids(package.records(table)) == wanted, table
        for table in ("curator_profile", "risk_catalog", "risk_factor", "checklist_template"):
            assert len(package.records(table)) == len(store_rows(demo.db, table)), table
        assessments = package.records("risk_assessment")
        assert assessments and {r["school_id"] for r in assessments} == {school_id}
        for table in ("visit_participant", "lesson_observation", "visit_finding"):
            assert {r["visit_id"] for r in package.records(table)} <= in_period, table
        exported = {(t, r["id"]) for t in MODELS for r in package.records(t)}
        history = package.history()
        assert {(h["entity"], h["entity_id"]) for h in history} <= exported
        everything = store_rows(demo.db, HISTORY_TABLE)
        assert ids(history) == {
            h["id"] for h in everything if (h["entity"], h["entity_id"]) in exported
        }
        assert outside_sha not in package.attachments and inside_sha in package.attachments
        assert len(package.reports) == 1 and package.reports[0] != demo.report_id
        assert set(package.attachments) == {
            r["sha256"] for r in package.records("attachment") if not r["deleted"]
        }


# --- the atomic write -----------------------------------------------------------------------


def test_cancel_in_the_middle_leaves_no_file_and_keeps_the_old_package(demo: DemoFiles) -> None:
    target = demo.root / "out" / "stick.curator"
    target.parent.mkdir()
    target.write_bytes(b"the package of last week")
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 5

    with pytest.raises(PackageCancelled):
        demo.export("stick.curator", cancelled=cancelled)
    assert calls == 6
    assert folder_listing(target.parent) == ["stick.curator"]
    assert target.read_bytes() == b"the package of last week"


def test_a_full_disk_leaves_no_file_and_says_so(demo: DemoFiles) -> None:
    target_dir = demo.root / "out"
    seen = 0

    def progress(done: int, total: int) -> None:
        nonlocal seen
        seen += 1
        if done > total // 2:  # part-way through
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(PackageWriteError, match="the disk is full") as caught:
        demo.export("full-disk.curator", progress=progress)
    assert "full-disk.curator" in caught.value.user_message and seen > 1
    assert folder_listing(target_dir) == []


def test_a_folder_that_does_not_exist_is_refused(demo: DemoFiles) -> None:
    with pytest.raises(PackageWriteError, match="does not exist"):
        write_package(
            demo.db,
            demo.root / "no-such-stick" / "x.curator",
            attachments_dir=demo.attachments_dir,
            reports_dir=demo.reports_dir,
            scope=Scope.full(),
        )


def test_the_package_reads_back_as_the_same_manifest(demo: DemoFiles) -> None:
    summary = demo.export("again.curator")
    package: Package
    with open_package(summary.path) as package:
        assert package.manifest == summary.manifest
        assert package.tables == DATA_TABLES
