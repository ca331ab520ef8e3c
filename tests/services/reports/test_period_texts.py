"""The curator's texts of a period report — the conclusions and proposals for the next year, the
best practices, the interim report's conclusions — are printed as written and kept with the
version they were made with, so the next version starts from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from curator_desktop.services.reports.period.curator_texts import (
    CuratorTexts,
    load_texts,
    texts_path,
)
from curator_desktop.services.reports.service import ReportService
from curator_desktop.store.database import Database

START, JUNE_END, YEAR_END = dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 12, 31)
CONCLUSIONS = "Школа выполнила антирисковые программы.\nПредлагаю продолжить сопровождение."
PRACTICES = "Наставничество «учитель — учитель» в МБОУ «Никольская СОШ»."


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _service(database: Database, folder: Path) -> ReportService:
    return ReportService(database, reports_dir=folder / "reports", cache_dir=folder / "cache")


def test_the_final_report_prints_and_keeps_the_curators_texts(
    database: Database, tmp_path: Path, russian: None
) -> None:
    service = _service(database, tmp_path)
    record = service.generate_period(
        START,
        YEAR_END,
        kind="final",
        language="ru",
        conclusions=CONCLUSIONS,
        best_practices=PRACTICES,
        approved_by="Петрова И. С.",
    )
    text = _text(service.path_of(record))
    assert "Лучшие практики" in text and PRACTICES in text
    for line in CONCLUSIONS.splitlines():
        assert line in text
    assert text.index(PRACTICES) < text.index("Выводы и предложения на следующий год")
    assert "Заполняется куратором" not in text  # no lines to write by hand: it is written
    kept = CuratorTexts(CONCLUSIONS, PRACTICES, "Петрова И. С.")
    assert load_texts(service.reports_dir, record.id) == kept
    assert texts_path(service.reports_dir, record.id).is_file()
    assert service.period_texts(START, YEAR_END, kind="final", language="ru") == kept
    # another period, another kind, another selection: not the same report
    assert service.period_texts(START, JUNE_END, kind="final", language="ru") is None
    assert service.period_texts(START, YEAR_END, kind="interim", language="ru") is None


def test_the_next_version_starts_from_the_previous_texts(
    database: Database, tmp_path: Path, russian: None
) -> None:
    """The interim report's conclusions of version 1 come back for version 2; the newest version
    in the report's language wins, and a copy in another language starts from any version."""
    service = _service(database, tmp_path)
    first = service.generate_period(
        START, JUNE_END, kind="interim", language="ru", conclusions="Первые выводы."
    )
    assert service.period_texts(START, JUNE_END, kind="interim", language="ru") == CuratorTexts(
        "Первые выводы."
    )
    texts = service.period_texts(START, JUNE_END, kind="interim", language="ru")
    assert texts is not None
    second = service.generate_period(
        START,
        JUNE_END,
        kind="interim",
        language="ru",
        conclusions=texts.conclusions + "\nДополнено во второй версии.",
    )
    assert (first.version, second.version) == (1, 2)
    text = _text(service.path_of(second))
    assert "Первые выводы." in text and "Дополнено во второй версии." in text
    newest = service.period_texts(START, JUNE_END, kind="interim", language="ru")
    assert newest is not None and newest.conclusions.endswith("Дополнено во второй версии.")
    assert service.period_texts(START, JUNE_END, kind="interim", language="en") == newest
    # a texts file that cannot be read is passed over for the version before
    texts_path(service.reports_dir, second.id).write_text("{broken", encoding="utf-8")
    assert service.period_texts(START, JUNE_END, kind="interim", language="ru") == CuratorTexts(
        "Первые выводы."
    )
