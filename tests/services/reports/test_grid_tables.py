"""Data tables with text cells: wrapped once, the look of Paragraph cells, rows kept whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from curator_desktop.services.reports.form.grid_tables import TALL_ROW, data_table
from curator_desktop.services.reports.form.layout import CONTENT_WIDTH, build_pdf
from curator_desktop.services.reports.form.styles import CONTENT_HEIGHT, para, report_styles
from tests.services.reports.report_helpers import page_texts, sample_meta

WIDTHS = [30.0, 150.0, 24 * mm, CONTENT_WIDTH - 180.0 - 24 * mm]  # «Риск не выявлен» shrinks
ROWS = [
    ["No.", "Question", "Answer", "Comment"],
    ["1.1", "Показатель 1.1: школа выполняет мероприятие антирисковой программы", "Да", ""],
    ["1.2", "Риск не выявлен", "Риск не выявлен", "20 ноября 2026\xa0г."],
    ["1.3", "См. Очень-очень-длинное-слово-без-пробелов-которое-не-помещается", "2", None],
    ["1.4", "Строка\nс переводом  строки", 7, "Требуется уточнить сроки и ответственных."],
]


def as_paragraphs(rows: list[list[Any]]) -> list[list[Any]]:
    """The same cells as Paragraphs, as data tables made them before text cells."""
    styles = report_styles()
    return [
        [
            "" if v is None else para(str(v), styles.table_header if r == 0 else styles.table_cell)
            for v in row
        ]
        for r, row in enumerate(rows)
    ]


def test_text_rows_get_their_height_once_and_flowable_rows_are_measured() -> None:
    rows = [*ROWS, ["2.1", [para("в ячейке абзац", report_styles().table_cell)], "", ""]]
    table = data_table(rows, WIDTHS)
    heights = table._argH
    assert heights[-1] is None  # a flowable cell: reportlab measures it
    leading, padding = 10.5, 2 + 3
    for row, height in zip(table._cellvalues[:-1], heights[:-1], strict=True):
        lines = max(cell.count("\n") + 1 for cell in row)
        assert height == leading * lines + padding
    assert table._cellvalues[4][1] == "Строка\nс переводом строки"
    assert table._cellvalues[3][1].count("\n") >= 1  # the long word is cut, not clipped


def test_a_spanned_text_cell_is_wrapped_to_the_span() -> None:
    title = "Раздел 2. Реализация программы"
    spanned = data_table(
        [ROWS[0], [title, "", "5 из 10", ""]],
        WIDTHS,
        extra_style=[("SPAN", (0, 1), (1, 1)), ("SPAN", (2, 1), (3, 1))],
    )
    alone = data_table([ROWS[0], [title, "", "5 из 10", ""]], WIDTHS)
    assert "\n" not in spanned._cellvalues[1][0]
    assert "\n" in alone._cellvalues[1][0]


def render_page(path: Path) -> bytes:
    page = pypdfium2.PdfDocument(path)[0]
    return page.render(scale=150 / 72).to_pil().convert("L").tobytes()


def test_text_cells_look_exactly_like_paragraph_cells(tmp_path: Path) -> None:
    """Same lines, same positions, same shrunk spacing: the pages are the same pixels."""
    text, paragraphs = tmp_path / "text.pdf", tmp_path / "paragraphs.pdf"
    build_pdf(text, sample_meta("en"), [data_table(ROWS, WIDTHS, zebra=True)])
    build_pdf(paragraphs, sample_meta("en"), [data_table(as_paragraphs(ROWS), WIDTHS, zebra=True)])
    assert page_texts(text) == page_texts(paragraphs)
    assert render_page(text) == render_page(paragraphs)


def filler(room: float) -> Spacer:
    """A spacer leaving ``room`` points at the bottom of the first page's frame."""
    from curator_desktop.services.reports.form.layout import IDENTITY_BAND

    return Spacer(1, CONTENT_HEIGHT - IDENTITY_BAND - room)


def test_a_short_row_moves_whole_to_the_next_page_with_its_heading(tmp_path: Path) -> None:
    """Whatever room is left at the bottom of a page, a row shorter than TALL_ROW is never cut
    in two, and the heading before the table goes with it."""
    styles = report_styles()
    advice = (
        "Направить в МКУ «Управление образования» заявку на целевое обучение по профилю "
        "«физика», разместить вакансии на портале «Работа России» и в группе школы"
    )
    rows = [ROWS[0], ["1", advice, "Маркова К. П., директор", "Open, overdue"]]
    assert 40 < data_table(rows, WIDTHS)._argH[1] < TALL_ROW
    for room in range(40, 120, 6):
        target = tmp_path / f"short-{room}.pdf"
        heading = para("Open recommendations from earlier visits", styles.subheading)
        build_pdf(target, sample_meta("en"), [filler(room), heading, data_table(rows, WIDTHS)])
        texts = page_texts(target)
        for text in texts:
            if "Open recommendations" in text or "Направить в МКУ" in text:
                assert "Open recommendations" in text, room
                assert "Направить в МКУ" in text and "в группе школы" in text, room


def test_a_tall_row_is_split_inside_under_a_repeated_header(tmp_path: Path) -> None:
    comment = " ".join(f"слово{n}" for n in range(150))
    table = data_table([ROWS[0], ["3.6", "Показатель 106", "Нет", comment]], WIDTHS)
    assert table._argH[1] > TALL_ROW
    target = tmp_path / "tall.pdf"
    build_pdf(target, sample_meta("en"), [filler(160), table])
    first, second = page_texts(target)
    assert "слово0 " in first and "слово149" not in first
    assert "слово149" in second and "No. Question Answer Comment" in second
    words = " ".join((first, second)).split()
    assert all(f"слово{n}" in words for n in range(150))
