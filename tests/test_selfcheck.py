"""``curator-desktop selfcheck``: every step for real, failures reported, the user's data untouched;
and the PDF text reader it relies on agrees with pypdf."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import col, select

from curator_desktop.cli.parser import main
from curator_desktop.selfcheck import checks as selfcheck
from curator_desktop.selfcheck.checks import StepResult, run_selfcheck
from curator_desktop.selfcheck.pdf_text import pdf_text, squash


def test_every_step_passes_in_a_temporary_folder_that_is_removed(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    seen: list[StepResult] = []

    results = run_selfcheck(work_dir=work, on_step=seen.append)

    assert seen == results
    assert [r.name for r in results] == [str(name) for name, _step in selfcheck.STEPS]
    assert [r for r in results if not r.ok] == []
    assert all(r.seconds > 0 for r in results)
    report = next(r for r in results if r.name == "visit report (PDF) and its text")
    assert report.detail.startswith("СП-")
    assert list(work.iterdir()) == []  # the temporary folder is gone
    assert not isolated_dirs.exists()  # the user's data folder was never created


def test_the_command_prints_one_line_per_step_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["selfcheck", "--work-dir", str(tmp_path), "--lang", "en"])

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    steps = [line for line in lines if line[:2] in ("✓ ", "✗ ")]
    assert len(steps) == len(selfcheck.STEPS)
    assert all(line.startswith("✓ ") and line.endswith(" s)") for line in steps)
    assert lines[-1].startswith("Self-check passed (")


def test_missing_resources_fail_the_command_with_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty-bundle"
    empty.mkdir()
    monkeypatch.setattr(selfcheck, "resource_dir", lambda: empty)

    code = main(["selfcheck", "--work-dir", str(tmp_path), "--lang", "en"])

    out = capsys.readouterr().out
    assert code == 1
    assert "✗ resources, translations and fonts: FileNotFoundError" in out
    assert "✓ new store with the demo data" in out  # the other steps still ran
    assert f"Self-check failed: 1 step of {len(selfcheck.STEPS)}" in out


def test_steps_after_a_failed_one_fail_too_and_say_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(run: object) -> str:
        raise OSError("disk full")

    steps = [(name, broken if "demo" in name else step) for name, step in selfcheck.STEPS]
    monkeypatch.setattr(selfcheck, "STEPS", tuple(steps))

    results = {r.name: r for r in run_selfcheck(work_dir=tmp_path)}

    assert results["new store with the demo data"].detail == "OSError: disk full"
    for name in ("visit report (PDF) and its text", "export of an encrypted package"):
        assert not results[name].ok
        assert results[name].detail == "RuntimeError: an earlier step failed"
    assert results["upgrade of a store at the oldest schema"].ok


# --- the PDF text reader -----------------------------------------------------------------------


def test_pdf_text_agrees_with_pypdf_on_the_demo_store_reports(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    from curator_desktop.domain.enums import VisitStatus
    from curator_desktop.paths import AppPaths
    from curator_desktop.services.reports.service import ReportService
    from curator_desktop.services.store_opening import open_store
    from curator_desktop.store.tables import Visit

    paths = AppPaths.resolve(tmp_path / "demo")
    opened = open_store(paths, device_id="test", demo=True, today=dt.date(2026, 11, 22))
    try:
        service = ReportService(
            opened.database,
            reports_dir=paths.reports_dir,
            cache_dir=tmp_path / "cache",
            attachments_dir=paths.attachments_dir,
        )
        with opened.database.session() as session:
            visits = session.exec(
                select(Visit).where(col(Visit.status) != VisitStatus.PLANNED)
            ).all()
            ids = [(v.id, v.school_id) for v in visits]
        records = [service.generate_visit(visit_id, language="ru") for visit_id, _s in ids]
        records.append(service.generate_protocol(ids[0][1], 2026, language="ru"))
        records.append(
            service.generate_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), language="en")
        )
    finally:
        opened.close()

    assert len(records) >= 5
    for record in records:
        path = paths.reports_dir / record.file_name
        ours = pdf_text(path)
        theirs = [page.extract_text() for page in pypdf.PdfReader(path).pages]
        assert len(ours) == len(theirs) >= 1
        for mine, reference in zip(ours, theirs, strict=True):
            assert squash(mine) == squash(reference), record.title
        assert squash(record.document_number) in squash("".join(ours))


def test_pdf_text_reads_plain_streams_with_escapes_and_standard_fonts(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path), pageCompression=0)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, r"Report (draft) \ no. 7")
    canvas.showPage()
    canvas.drawString(72, 720, "second page")
    canvas.save()
    assert rb"(Report \(draft\) \\ no. 7) Tj" in path.read_bytes()  # not compressed

    pages = pdf_text(path)

    assert len(pages) == 2
    assert "Report (draft) \\ no. 7" in pages[0]
    assert pages[1].strip() == "second page"


def _handmade_pdf(path: Path, content: bytes, cmap: bytes) -> Path:
    """A one-page PDF: font F1 is Helvetica (no map), F2 a two-byte font with ``cmap``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, o) for n, o in enumerate(objects, 1))
    path.write_bytes(b"%PDF-1.4\n" + body + b"%%EOF\n")
    return path


def test_pdf_text_reads_two_byte_fonts_and_skips_inline_images(tmp_path: Path) -> None:
    cmap = (
        b"begincmap\n2 beginbfrange\n<0001> <0003> <0410>\n<0004> <0005> [<0413> <0020>]\n"
        b"endbfrange\n1 beginbfchar\n<0006> <0044>\nendbfchar\nendcmap"
    )
    content = (
        b"BT /F1 12 Tf 72 720 Td (before \\(1\\) \\101) Tj\n"
        b"BI /W 10 /H 1 /BPC 8 /CS /G ID\n(IMAGE) Tj\nEI\n"
        b"/F2 12 Tf 72 560 Td <000100020003> Tj [<0004> -120 <0005> <0006>] TJ ET"
    )
    path = _handmade_pdf(tmp_path / "handmade.pdf", content, cmap)

    (page,) = pdf_text(path)

    assert page.split("\n") == ["", "before (1) A", "АБВГ D", ""]


def test_a_page_without_text_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    canvas = Canvas(str(path))
    canvas.rect(72, 72, 100, 100)
    canvas.showPage()
    canvas.save()

    assert pdf_text(path) == [""]


def test_a_roadmap_reader_that_misreads_fails_its_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator_desktop.services.roadmap import reader as roadmap_reader

    real = roadmap_reader.read_roadmap

    def without_items(path: Path):  # type: ignore[no-untyped-def]
        import dataclasses

        return dataclasses.replace(real(path), items=())

    monkeypatch.setattr(roadmap_reader, "read_roadmap", without_items)
    results = {r.name: r for r in run_selfcheck(work_dir=tmp_path)}
    step = results["roadmap from DOCX and XLSX"]
    assert not step.ok and "items []" in step.detail
