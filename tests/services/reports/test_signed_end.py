"""The signatures of a report never stand alone on its last page: the end of the text they sign
for comes with them, however long the text before them is (a curator's conclusions of a page
and more, which the reports used to keep together only while they fitted on one page)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from curator_desktop.i18n import set_language
from curator_desktop.services.reports.form.layout import (
    build_pdf,
    report_styles,
    signature_block,
    signed_end,
)
from curator_desktop.services.reports.form.meta import ReportMeta
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.period import report as period_report
from curator_desktop.store.database import Database
from tests.services.reports.report_helpers import GENERATED_AT, render_pdf

SIGNER = "Сигнатурова Подпись Последняя"
LAST_LINE = "Последняя строка выводов."


def _meta() -> ReportMeta:
    return ReportMeta(
        report_id=str(uuid.uuid4()),
        kind="interim",
        title="Проверка",
        subject="",
        document_number="ОК-2026-0001",
        generated_at=GENERATED_AT,
        data_sha256="0" * 64,
        language="ru",
    )


def _last_page_body(path: Path) -> list[str]:
    """The last page's text lines without the running header (first) and the footer (last
    two: the document line and the page number may come as one or two lines)."""
    lines = [line for line in PdfReader(path).pages[-1].extract_text().splitlines() if line]
    return [line for line in lines[1:] if "Страница" not in line and "сформирован" not in line]


def _lines(count: int) -> list[str]:
    return [f"Строка выводов номер {n}." for n in range(1, count)] + [LAST_LINE]


@pytest.mark.parametrize("whole", [True, False])
def test_the_signatures_take_the_end_of_the_text_with_them(tmp_path: Path, whole: bool) -> None:
    """Text of one line per paragraph ending anywhere on the second page: whatever the count,
    the page with the signatures starts with text, never with the signature block."""
    set_language("ru")
    styles = report_styles()
    for count in range(60, 110, 3):
        paragraphs = [TextBlock(line, styles.body) for line in _lines(count)]
        body = [TextBlock("Выводы", styles.heading), *paragraphs]
        story = [signed_end(body, [signature_block([("Куратор", SIGNER)])], whole=whole)]
        target = tmp_path / f"{count}-{whole}.pdf"
        written = build_pdf(target, _meta(), story)
        body_lines = _last_page_body(target)
        assert written.pages >= 2
        assert any(SIGNER in line for line in body_lines), count
        assert LAST_LINE in body_lines[0] or body_lines[0].startswith("Строка"), (count, body_lines)


@pytest.mark.parametrize("kind", ["interim", "final"])
def test_a_period_report_never_ends_with_the_signatures_alone(
    database: Database, tmp_path: Path, russian: None, kind: str
) -> None:
    """The curator's conclusions sized to end at every place near the foot of a page: the page
    that holds «Отчёт составил(а)» holds the end of the conclusions too."""
    for count in range(40, 100, 2):
        conclusions = "\n".join(_lines(count))
        data = period_report.collect(
            database,
            dt.date(2026, 1, 1),
            dt.date(2026, 6, 30),
            kind=kind,
            today=dt.date(2026, 6, 30),
            conclusions=conclusions,
            best_practices="Школьная служба медиации.",
        )
        report = render_pdf(
            period_report, data, tmp_path, tmp_path / "cache", kind=kind, document_number="ОК-1"
        )
        signed = next(i for i, text in enumerate(report.texts) if "Отчёт составил(а)" in text)
        assert signed == report.pages - 1
        page = report.texts[signed]
        before = page.split("Отчёт составил(а)")[0]
        assert "Строка выводов" in before or LAST_LINE in before, (count, page[:200])
