"""How fast a visit report (справка) is generated, next to reportlab's bare canvas.

    python benchmarks/bench_visit_report.py            # 20 timed runs
    python benchmarks/bench_visit_report.py --quick    # 3 timed runs (CI: it still runs)

Builds a store in a temporary directory with one completed visit of 60 checklist items (20 with
comments), 11 risk factors verified with a finding each, 6 photos (2 MB 8-megapixel JPEGs of
smoothed noise, half of them rotated by EXIF), 10 recommendations and 5 participants. Then times
``ReportService.generate_visit`` end to end (collect, layout, PDF, hashes, the store's row): the
first run separately, since it fills the print-size photo cache, then the median, minimum and
maximum of the repeated runs. In the same run it times the same text drawn line by line with
reportlab's bare canvas (``drawString``, no layout, the same embedded font) and prints the ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

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
    from curator_desktop.services.catalogs import active_risk_factors, install_builtin_catalogs
    from curator_desktop.services.template_import import import_template
    from curator_desktop.services.visit_service import VisitService
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


def _timed(function: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _row(name: str, times: list[float]) -> str:
    median = statistics.median(times)
    return f"{name:<34} {len(times):>4} {median:>9.1f} {min(times):>9.1f} {max(times):>9.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs (for CI)")
    parser.add_argument("--runs", type=int, help="timed runs after the first (default 20)")
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 20)

    from curator_desktop.i18n import set_language
    from curator_desktop.services.report_service import ReportService
    from curator_desktop.services.reports import visit_report

    set_language(args.lang)
    with tempfile.TemporaryDirectory(prefix="bench-visit-report-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        db, visit_id, photo_bytes = build_store(folder)
        print(
            f"Store built in {time.perf_counter() - started:.1f} s: 1 visit, "
            f"{SECTIONS * ITEMS_PER_SECTION} checklist items, 11 risk factors, {PHOTOS} photos "
            f"({photo_bytes / PHOTOS / 1e6:.1f} MB each), {RECOMMENDATIONS} recommendations"
        )
        service = ReportService(
            db,
            reports_dir=folder / "reports",
            cache_dir=folder / "cache",
            attachments_dir=folder / "attachments",
        )
        first = _timed(lambda: service.generate_visit(visit_id), 1)
        report = service.reports(visit_id=visit_id)[0]
        generate = _timed(lambda: service.generate_visit(visit_id), runs)
        data = visit_report.collect(db, visit_id, attachments_dir=folder / "attachments")
        collect = _timed(
            lambda: visit_report.collect(db, visit_id, attachments_dir=folder / "attachments"),
            runs,
        )
        lines = _lines(data)
        canvas_pages = bare_canvas(folder / "warm-up.pdf", lines)  # the font is parsed once
        canvas = _timed(lambda: bare_canvas(folder / "bare.pdf", lines), runs)
        pages = service.pages_of(report)
        size = service.path_of(report).stat().st_size
        bare_size = (folder / "bare.pdf").stat().st_size
        print(
            f"Report: {pages} pages, {size / 1e6:.2f} MB; bare canvas: {len(lines)} lines, "
            f"{canvas_pages} pages, {bare_size / 1e6:.2f} MB"
        )
        db.close()
    print()
    print(f"{'operation (ms)':<34} {'runs':>4} {'median':>9} {'min':>9} {'max':>9}")
    print(_row("generate_visit, first (cold cache)", first))
    print(_row("generate_visit", generate))
    print(_row("  of which collect", collect))
    print(_row("bare canvas, same text", canvas))
    ratio = statistics.median(generate) / statistics.median(canvas)
    print(f"\nratio generate_visit / bare canvas (medians): {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
