"""How fast a visit report (справка) is generated, next to reportlab's bare canvas and LibreOffice.

    python benchmarks/bench_visit_report.py            # 20 timed runs, 5 LibreOffice runs
    python benchmarks/bench_visit_report.py --quick    # 3 timed runs, 1 LibreOffice run (CI)
    python benchmarks/bench_visit_report.py --no-accel # reportlab without its C extension

Builds a store in a temporary directory with one completed visit of 60 checklist items (20 with
comments), 11 risk factors verified with a finding each, 6 photos (2 MB 8-megapixel JPEGs of
smoothed noise, half of them rotated by EXIF), 10 recommendations and 5 participants. Then times,
interleaved (report, canvas, render, canvas, …) so the ratios hold on a shared machine:

* ``ReportService.generate_visit`` end to end (collect, layout, PDF, fsync, hashes, the store's
  row), after a first run that fills the print-size photo cache (timed apart);
* the report's ``render`` alone (layout, the PDF file and its SHA-256: what the bare canvas does
  from data in memory): the row judged against the bare canvas, ≤ 2×. The end-to-end ratio is
  given for information: the canvas reads no store and makes nothing durable;
* the same text drawn line by line with reportlab's bare canvas (``drawString``, no layout, the
  same embedded font): the issue's reference;
* LibreOffice converting an equivalent .docx (python-docx: the same headings, tables, photos at
  the print size, page numbers) with ``soffice --headless --convert-to pdf``, a new process each
  time as a curator pays it: the issue's reference, ≥ 20× faster. The first conversion (which also
  creates LibreOffice's profile) is reported apart; «LibreOffice: not installed» skips that row.

``run(quick)`` returns the rows (median, min, max, reference, ratio = median / reference median,
target, met) for the lead's runner; ``main`` prints them.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.result_rows import result_row  # noqa: E402 (after the path is set)

VISIT_DAY = dt.date(2026, 11, 20)
SECTIONS, ITEMS_PER_SECTION, PHOTOS, RECOMMENDATIONS = 6, 10, 6, 10
PHOTO_SIZE = (3264, 2448)


def _template(factor_codes: list[str]) -> dict[str, Any]:
    """A checklist of 60 items: yes/no/partly, a 0–2 scale and free text, linked to factors."""
    sections = []
    for s in range(1, SECTIONS + 1):
        items = []
        for i in range(1, ITEMS_PER_SECTION + 1):
            key = f"s{s}.i{i}"
            text = {
                "ru": f"Показатель {s}.{i}: школа выполняет мероприятие антирисковой программы "
                "в установленный срок и подтверждает это документами",
                "en": f"Indicator {s}.{i}: the school carries out the antirisk programme's "
                "measure on time and confirms it with documents",
            }
            item: dict[str, Any] = {"key": key, "text": text, "required": i <= 5}
            item |= {"comment": "optional", "attachments": "none"}
            if i % 3 == 1:
                item["type"] = "yes_no_partly"
            elif i % 3 == 2:
                item["type"] = "scale"
                item["scale"] = {"min": 0, "max": 2}
            else:
                item["type"] = "text"
            item["risk_factors"] = [factor_codes[(s * i) % len(factor_codes)]]
            items.append(item)
        title = {"ru": f"Раздел {s}. Реализация программы", "en": f"Section {s}. The programme"}
        sections.append({"key": f"s{s}", "title": title, "items": items})
    return {
        "format": 1,
        "id": "bench-visit",
        "version": 1,
        "purpose": "visit",
        "title": {"ru": "Плановое посещение (замер)", "en": "Planned visit (benchmark)"},
        "visit_types": ["planned"],
        "sections": sections,
    }


def _photos(folder: Path, rng: random.Random) -> Iterator[Path]:
    """Six 8-megapixel JPEGs of about 2 MB (smoothed noise); every other one EXIF-rotated."""
    from PIL import Image

    width, height = PHOTO_SIZE
    for n in range(PHOTOS):
        small = Image.frombytes(
            "RGB", (width // 8, height // 8), rng.randbytes(width * height // 64 * 3)
        )
        image = small.resize((width, height), Image.Resampling.BICUBIC)
        exif = Image.Exif()
        if n % 2:
            exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
        path = folder / f"photo-{n + 1}.jpg"
        image.save(path, "JPEG", quality=85, exif=exif)
        yield path


def build_store(folder: Path) -> tuple[Any, str, int]:
    """A migrated store with one full visit; returns (database, visit id, photo bytes)."""
    from curator_desktop.services.catalogs.builtin import (
        active_risk_factors,
        install_builtin_catalogs,
    )
    from curator_desktop.services.catalogs.template_import import import_template
    from curator_desktop.services.visits.service import VisitService
    from curator_desktop.store import schema
    from curator_desktop.store.database import Database
    from curator_desktop.store.repositories.profile import ProfileRepository
    from curator_desktop.store.tables import RiskAssessment, School

    rng = random.Random(2026)
    store = folder / "curator.sqlite3"
    schema.upgrade(store)
    db = Database(store, device_id="bench")
    install_builtin_catalogs(db)
    codes = [f.code for f in active_risk_factors(db, VISIT_DAY.year)]
    template_file = folder / "bench-visit.json"
    template_file.write_text(json.dumps(_template(codes), ensure_ascii=False), encoding="utf-8")
    import_template(db, template_file)
    ProfileRepository(db).save(
        full_name="Соколова Марина Викторовна",
        organisation="ГАУ ДПО «Верхнеокский институт развития образования»",
        region="Верхнеокская область",
        position="методист",
    )
    levels = ("high", "medium", "low", "none")
    with db.session() as session:
        school = School(
            full_name="Муниципальное общеобразовательное учреждение «Озерецкая средняя "
            "общеобразовательная школа»",
            short_name="МБОУ «Озерецкая СОШ»",
            region="Верхнеокская область",
            municipality="Озерецкий муниципальный район",
            director_name="Семёнова Марина Павловна",
        )
        session.add(school)
    with db.session() as session:
        for n, code in enumerate(codes):
            session.add(
                RiskAssessment(
                    school_id=school.id,
                    year=VISIT_DAY.year,
                    factor_code=code,
                    questionnaire_level=levels[n % 4],
                    verdict=("confirmed", "rejected", "adjusted")[n % 3],
                    adjusted_level="low" if n % 3 == 2 else None,
                    justification="Подтверждено по итогам наблюдения уроков и анализа документов "
                    "школы; результаты обсуждены с рабочей группой.",
                    activated=n < 3,
                    verified_on=VISIT_DAY,
                )
            )

    class Fixed(VisitService):
        def today(self) -> dt.date:
            return VISIT_DAY

    visits = Fixed(db, attachments_dir=folder / "attachments")
    visit_id = visits.create_visit(school.id, "planned", VISIT_DAY, template_key="bench-visit")
    visits.update_visit(visit_id, purpose="Мониторинг реализации антирисковых программ школы.")
    for n in range(5):
        visits.add_participant(
            visit_id, full_name=f"Участник {n + 1} Иванович", position="учитель", role="член РГ"
        )
    for s in range(1, SECTIONS + 1):
        for i in range(1, ITEMS_PER_SECTION + 1):
            key = f"s{s}.i{i}"
            value: Any = "Мероприятие проведено, протокол заседания МО представлен."
            if i % 3 == 1:
                value = rng.choice(("yes", "partly", "no"))
            elif i % 3 == 2:
                value = rng.randint(0, 2)
            visits.set_answer(visit_id, key, value)
            if (s + i) % 3 == 0:
                visits.set_comment(visit_id, key, "Требуется уточнить сроки и ответственных.")
    for code in codes:
        visits.set_finding(visit_id, code, f"По фактору {code} выявлены изменения к лучшему.")
    for n in range(RECOMMENDATIONS):
        visits.add_recommendation(
            visit_id,
            text=f"Рекомендация {n + 1}: провести методический семинар для учителей.",
            responsible="заместитель директора по УВР",
            deadline=VISIT_DAY + dt.timedelta(days=30 + n),
            factor_code=codes[n % len(codes)],
        )
    photo_bytes = 0
    for n, photo in enumerate(_photos(folder, rng)):
        photo_bytes += photo.stat().st_size
        visits.attach(visit_id, photo, caption=f"Фото {n + 1}: урок в 7 «Б» классе")
    visits.complete(visit_id)
    return db, visit_id, photo_bytes


def _lines(data: Any) -> list[str]:
    """Every piece of text in a report's data, in order (what the bare canvas writes)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                walk(getattr(value, item.name))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.strip():
            found.extend(
                part[i : i + 95] for part in value.splitlines() for i in range(0, len(part), 95)
            )

    walk(data)
    return found


def bare_canvas(target: Path, lines: list[str]) -> int:
    """The same text with reportlab's canvas: one ``drawString`` per line, A4, PT Serif."""
    import fontpkg
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "BenchSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchSerif", str(fontpkg.path("PT Serif", weight=400))))
    pdf = canvas.Canvas(str(target), pagesize=A4)
    pages, y = 1, A4[1] - 56
    pdf.setFont("BenchSerif", 10)
    for line in lines:
        if y < 56:
            pdf.showPage()
            pdf.setFont("BenchSerif", 10)
            pages, y = pages + 1, A4[1] - 56
        pdf.drawString(85, y, line)
        y -= 13
    pdf.save()
    return pages


def _docx_table(document: Any, rows: list[list[str]], widths_mm: list[float]) -> None:
    """A grid table with a bold first row, columns ``widths_mm`` wide."""
    from docx.shared import Mm

    table = document.add_table(rows=len(rows), cols=len(widths_mm))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid LibreOffice lays out by
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Mm(widths_mm[c])
            run = cell.paragraphs[0].add_run(text)
            run.bold = r == 0


def _page_field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``, as «Страница X из Y» footers have."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def write_docx(data: Any, target: Path, image_cache: Path) -> None:
    """What a curator types in a word processor today: the справка's content as a .docx (A4,
    ГОСТ margins, running header, numbered footer, the same sections, tables and photos at the
    report's print size)."""
    from docx import Document
    from docx.shared import Mm, Pt

    from curator_desktop.services.reports.pdf.images import print_copy
    from curator_desktop.services.reports.visit import report as visit_report

    document = Document()
    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin, page.right_margin = Mm(30), Mm(10)
    page.top_margin = page.bottom_margin = Mm(20)
    document.styles["Normal"].font.name = "PT Serif"
    document.styles["Normal"].font.size = Pt(10.5)
    title, subject = visit_report.describe(data)
    page.header.paragraphs[0].text = f"{title} — {subject}"
    footer = page.footer.paragraphs[0]
    footer.add_run("Страница ")
    _page_field(footer, "PAGE")
    footer.add_run(" из ")
    _page_field(footer, "NUMPAGES")
    document.add_heading(title, 0)
    document.add_paragraph(f"{data.header.school_name}\n{data.header.visit_date}")
    headings = iter(visit_report.section_titles())
    document.add_heading(next(headings), 1)
    _docx_table(document, [[k, v] for k, v in visit_report.general_rows(data)], [48, 122])
    document.add_heading(next(headings), 1)
    people = [[str(n), p.full_name, p.position, p.role] for n, p in enumerate(data.participants, 1)]
    _docx_table(document, [["№", "ФИО", "Должность", "Роль"], *people], [9, 55, 64, 42])
    document.add_heading(next(headings), 1)
    document.add_paragraph(data.purpose)
    document.add_paragraph(data.agenda or "—")
    document.add_heading(next(headings), 1)
    items: list[list[str]] = [["№", "Вопрос", "Ответ", "Комментарий"]]
    for section in data.checklist.sections if data.checklist else ():
        items.append([section.number, section.title, section.score, ""])
        items += [[i.number, i.question, i.answer, i.comment] for i in section.items]
    _docx_table(document, items, [11, 76, 39, 44])
    document.add_heading(next(headings), 1)
    document.add_paragraph("—")
    document.add_heading(next(headings), 1)
    findings = [[f.factor, f.level, f.text] for f in data.findings]
    _docx_table(document, [["Фактор риска", "Уровень", "Выводы"], *findings], [58, 24, 88])
    document.add_heading(next(headings), 1)
    risks = [
        [r.factor, r.questionnaire_level, r.verdict, r.adjusted_level, r.activated]
        for r in data.risk_rows
    ]
    head = ["Фактор", "Уровень", "Вердикт", "Скорр.", "Актив."]
    _docx_table(document, [head, *risks], [64, 26, 25, 31, 24])
    document.add_heading(next(headings), 1)
    advice = [
        [str(r.number), f"{r.text}\n{r.factor}", r.responsible, r.deadline, r.status]
        for r in data.recommendations
    ]
    head = ["№", "Рекомендация", "Ответственный", "Срок", "Статус"]
    _docx_table(document, [head, *advice], [9, 74, 33, 27, 27])
    document.add_heading(next(headings), 1)
    grid = document.add_table(rows=(len(data.photos) + 1) // 2, cols=2)
    for n, photo in enumerate(data.photos):
        copy = print_copy(Path(photo.source), image_cache, sha256=photo.sha256)
        cell = grid.cell(n // 2, n % 2)
        if copy is not None:
            width, height = visit_report.photo_size(copy.aspect)
            cell.paragraphs[0].add_run().add_picture(
                str(copy.path), width=Mm(width / 72 * 25.4), height=Mm(height / 72 * 25.4)
            )
        cell.add_paragraph(photo.caption)
    signs = [["Куратор", "", data.header.curator_name, ""], ["С справкой ознакомлен", "", "", ""]]
    _docx_table(document, signs, [58, 34, 46, 32])
    document.save(str(target))


def find_soffice() -> str | None:
    """LibreOffice's command, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(soffice: str, docx: Path, out_dir: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to pdf`` in a new process with its own profile folder
    (another LibreOffice running on the machine is not disturbed); returns the PDF."""
    options = [f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    command = [soffice, *options, "--outdir", str(out_dir), str(docx)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice wrote no {pdf.name}")
    return pdf


def _stopwatch(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


CANVAS_TARGET = 2.0
LIBREOFFICE_TARGET = 1 / 20


def measure(
    folder: Path, *, runs: int, lo_runs: int, say: Callable[[str], Any] = print
) -> tuple[list[dict[str, Any]], dict[str, list[float]]]:
    """Build the store in ``folder`` and time everything: the result rows, and the times (ms)
    of each operation."""
    import datetime as _dt

    from curator_desktop.services.reports.form.meta import ReportMeta, data_hash
    from curator_desktop.services.reports.service import ReportService
    from curator_desktop.services.reports.visit import report as visit_report

    started = time.perf_counter()
    db, visit_id, photo_bytes = build_store(folder)
    say(
        f"Store built in {time.perf_counter() - started:.1f} s: 1 visit, "
        f"{SECTIONS * ITEMS_PER_SECTION} checklist items, 11 risk factors, {PHOTOS} photos "
        f"({photo_bytes / PHOTOS / 1e6:.1f} MB each), {RECOMMENDATIONS} recommendations"
    )
    cache, attachments = folder / "cache", folder / "attachments"
    service = ReportService(
        db, reports_dir=folder / "reports", cache_dir=cache, attachments_dir=attachments
    )
    first = [_stopwatch(lambda: service.generate_visit(visit_id))]
    report = service.reports(visit_id=visit_id)[0]
    data = visit_report.collect(db, visit_id, attachments_dir=attachments)
    title, subject = visit_report.describe(data)
    now, digest = _dt.datetime.now(_dt.UTC), data_hash(data)
    meta = ReportMeta(report.id, "visit", title, subject, "N-1", now, digest, data.language)
    lines = _lines(data)
    canvas_pages = bare_canvas(folder / "warm-up.pdf", lines)  # the font is parsed once
    soffice = find_soffice()
    docx = folder / "visit-report.docx"
    write_docx(data, docx, cache)
    lo_first: list[float] = []
    if soffice:
        lo_dir, profile = folder / "libreoffice", folder / "lo-profile"
        lo_first.append(_stopwatch(lambda: soffice_convert(soffice, docx, lo_dir, profile)))
    else:
        say("LibreOffice: not installed (its row is skipped)")
    if hasattr(os, "sync"):  # the store and photos just made are on disk before the timing
        os.sync()
    generate, render, collect, canvas, canvas_r, libre = [], [], [], [], [], []
    bare_pdf, render_pdf = folder / "bare.pdf", folder / "render.pdf"
    for n in range(runs):  # interleaved: report, canvas, render, canvas, collect, LibreOffice
        # every file is new, as a report's is (overwriting a 3 MB file costs the truncation)
        generate.append(_stopwatch(lambda: service.generate_visit(visit_id)))
        bare_pdf.unlink(missing_ok=True)
        canvas.append(_stopwatch(lambda: bare_canvas(bare_pdf, lines)))
        render_pdf.unlink(missing_ok=True)
        render.append(
            _stopwatch(lambda: visit_report.render(data, render_pdf, meta, image_cache=cache))
        )
        bare_pdf.unlink()
        canvas_r.append(_stopwatch(lambda: bare_canvas(bare_pdf, lines)))
        collect.append(
            _stopwatch(lambda: visit_report.collect(db, visit_id, attachments_dir=attachments))
        )
        if soffice and n < lo_runs:
            libre.append(_stopwatch(lambda: soffice_convert(soffice, docx, lo_dir, profile)))
    pages = service.pages_of(report)
    size = service.path_of(report).stat().st_size
    say(
        f"Report: {pages} pages, {size / 1e6:.2f} MB; bare canvas: {len(lines)} lines, "
        f"{canvas_pages} pages, {(folder / 'bare.pdf').stat().st_size / 1e6:.2f} MB"
        + (
            f"; LibreOffice: {(lo_dir / 'visit-report.pdf').stat().st_size / 1e6:.2f} MB"
            if soffice
            else ""
        )
    )
    db.close()
    bare = {
        "target": f"≤ {CANVAS_TARGET:g}× bare canvas",
        "reference": "reportlab bare canvas, the same text (drawString per line)",
        "limit": CANVAS_TARGET,
    }
    end_to_end = (
        "end to end: collect, layout, PDF, fsync, file and data SHA-256, store row; "
        "the canvas reads no store and writes nothing durably"
    )
    rows = [
        result_row(
            "generate_visit, first (cold photo cache)",
            first,
            target="",
            note="scales the 6 photos once",
        ),
        result_row(
            "generate_visit",
            generate,
            target="(for information: the judged row is the render's, below)",
            reference=bare["reference"],
            reference_ms=canvas,
            note=end_to_end,
        ),
        result_row(
            "render (layout + PDF)",
            render,
            reference_ms=canvas_r,
            note="layout, the PDF file and its SHA-256, from the data in memory; a new file each "
            "time",
            **bare,
        ),
        result_row("collect (the report's data)", collect, target="", note="read from the store"),
    ]
    if libre:
        rows.append(
            result_row(
                "generate_visit vs LibreOffice",
                generate,
                target="≥ 20× faster than LibreOffice",
                reference=(
                    "soffice --headless --convert-to pdf of the same report as .docx, "
                    "a new process each time"
                ),
                reference_ms=libre,
                limit=LIBREOFFICE_TARGET,
                note=f"LibreOffice's first conversion (new profile): {lo_first[0]:.0f} ms; "
                f"ratio < {LIBREOFFICE_TARGET:g} is ≥ 20× faster",
            )
        )
    times = {
        "generate_visit, first (cold cache)": first,
        "generate_visit": generate,
        "  of which collect": collect,
        "render (layout + PDF)": render,
        "bare canvas, same text": canvas + canvas_r,
        "LibreOffice, first (new profile)": lo_first,
        "LibreOffice, soffice --convert-to": libre,
    }
    return rows, times


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    from curator_desktop.i18n import set_language

    set_language("ru")
    with tempfile.TemporaryDirectory(prefix="bench-visit-report-") as tmp:
        return measure(Path(tmp), runs=3 if quick else 20, lo_runs=1 if quick else 5)[0]


def _print(rows: list[dict[str, Any]], times: dict[str, list[float]]) -> None:
    print(f"{'operation (ms)':<34} {'runs':>4} {'median':>9} {'min':>9} {'max':>9}")
    for name, values in times.items():
        if values:
            median = statistics.median(values)
            print(
                f"{name:<34} {len(values):>4} {median:>9.1f} {min(values):>9.1f} "
                f"{max(values):>9.1f}"
            )
    print()
    verdict = {True: "met", False: "NOT met"}
    for row in rows:
        if row["ratio"] is None:
            continue
        if row["reference"].startswith("soffice"):
            print(
                f"ratio LibreOffice / generate_visit (medians): {1 / row['ratio']:.0f}× faster "
                f"({row['target']}: {verdict[row['met']]})"
            )
        else:
            name = row["what"].split(" (")[0]
            ratio = f"ratio {name} / bare canvas (medians): {row['ratio']:.1f}×"
            if row["met"] is None:  # not judged: its target says why
                print(f"{ratio} {row['target']}")
            else:
                print(f"{ratio} ({row['target']}: {verdict[row['met']]})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs (for CI)")
    parser.add_argument("--runs", type=int, help="timed runs after the first (default 20)")
    parser.add_argument("--lo-runs", type=int, help="timed LibreOffice runs (default 5)")
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    parser.add_argument("--no-accel", action="store_true", help="without reportlab's rl_accel")
    args = parser.parse_args(argv)
    if args.no_accel:
        sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # reportlab falls back
    from curator_desktop.i18n import set_language

    set_language(args.lang)
    runs = args.runs or (3 if args.quick else 20)
    lo_runs = args.lo_runs if args.lo_runs is not None else (1 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="bench-visit-report-") as tmp:
        rows, times = measure(Path(tmp), runs=runs, lo_runs=lo_runs)
    print()
    _print(rows, times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
