"""Page breaks of the report form on real PDFs, wherever the break falls: a heading and what
introduces a table stay with its first rows; a table, a list or a text leaves at least two rows
or lines on each page; a summary line under a table keeps the table's last rows with it; a town
abbreviation, «№» and initials stay with the word after them; texts that say a section is empty
are printed in normal contrast; a word too long for a paragraph cell is cut with a hyphen."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Spacer

from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    IDENTITY_BAND,
    build_pdf,
    data_table,
    para,
    report_styles,
)
from curator_desktop.services.reports.form.meta import ReportMeta
from curator_desktop.services.reports.form.styles import CONTENT_HEIGHT, TEXT
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import TextGrid
from tests.services.reports.report_helpers import GENERATED_AT

ROOMS = range(30, 260, 9)
"""Points left at the foot of the first page before the part under test (every break place)."""


def _meta() -> ReportMeta:
    return ReportMeta(
        report_id=str(uuid.uuid4()),
        kind="visit",
        title="Проверка",
        subject="",
        document_number="СП-2026-0001",
        generated_at=GENERATED_AT,
        data_sha256="0" * 64,
        language="ru",
    )


def _filler(room: float) -> Spacer:
    """Space that leaves ``room`` points at the foot of the first page."""
    return Spacer(1, CONTENT_HEIGHT - IDENTITY_BAND - room)


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def _rows(count: int) -> list[list[str]]:
    return [["Фактор", "Уровень"]] + [
        [f"Ряд{n:02d} фактора риска", "Средний"] for n in range(count)
    ]


def _count(text: str, word: str) -> int:
    return len(re.findall(word, text))


def test_a_heading_and_the_intro_of_a_table_stay_with_its_first_rows(tmp_path: Path) -> None:
    """«7. Верификация…», its year line and note at the foot of a page and the table on the
    next one without a heading: never; the page with the heading holds two rows at least."""
    styles = report_styles()
    for room in ROOMS:
        story = [
            _filler(room),
            TextBlock("7. Верификация рискового профиля школы", styles.heading),
            TextBlock("Год проекта: 2026", styles.small),
            TextBlock("Не верифицирован: уровни — по итогам анкетирования.", styles.muted),
            Spacer(1, 3),
            TextGrid(_rows(11), [CONTENT_WIDTH - 100, 100], zebra=True),
        ]
        target = tmp_path / f"heading-{room}.pdf"
        build_pdf(target, _meta(), story)
        (page,) = [text for text in _pages(target) if "Верификация" in text]
        assert "Год проекта" in page and "Не верифицирован" in page, room
        assert "Ряд00" in page and "Ряд01" in page, room


@pytest.mark.parametrize("kind", ["text_grid", "data_table"])
@pytest.mark.parametrize("count", [3, 5, 12])
def test_a_table_leaves_at_least_two_rows_on_each_page(
    tmp_path: Path, kind: str, count: int
) -> None:
    """No row (a last «Итого» row, one previous recommendation) carried alone to the next page,
    none left alone under the header at the foot of a page."""
    widths = [CONTENT_WIDTH - 100, 100]
    for room in ROOMS:
        table = (
            TextGrid(_rows(count), widths, zebra=True)
            if kind == "text_grid"
            else data_table(_rows(count), widths, zebra=True)
        )
        target = tmp_path / f"{kind}-{count}-{room}.pdf"
        build_pdf(target, _meta(), [_filler(room), table])
        counts = [_count(text, r"Ряд\d\d") for text in _pages(target)]
        assert sum(counts) == count, room
        assert all(n == 0 or n >= 2 for n in counts), (room, counts)


def test_a_list_leaves_no_single_item_on_a_page(tmp_path: Path) -> None:
    """Agenda item 5 carried alone to the next page: never; a short list keeps two items on
    each page, or moves whole."""
    styles = report_styles()
    agenda = "\n".join(f"{n}. Пункт{n} повестки посещения." for n in range(1, 6))
    for room in ROOMS:
        story = [
            _filler(room),
            TextBlock("Повестка", styles.subheading),
            TextBlock(agenda, styles.body),
            TextBlock("Следующий раздел", styles.heading),
        ]
        target = tmp_path / f"list-{room}.pdf"
        build_pdf(target, _meta(), story)
        counts = [_count(text, r"Пункт\d") for text in _pages(target)]
        assert all(n == 0 or n >= 2 for n in counts), (room, counts)


def test_a_summary_line_stays_with_the_end_of_its_table(tmp_path: Path) -> None:
    """«Выполнено решений: 3 из 5» alone at the top of a page: never; two rows come with it."""
    styles = report_styles()
    for room in ROOMS:
        story = [
            _filler(room),
            data_table(_rows(5), [CONTENT_WIDTH - 100, 100], zebra=True),
            Spacer(1, 3),
            para("Выполнено решений: 3 из 5.", styles.small),
            TextBlock("5. Заключение", styles.heading),
        ]
        target = tmp_path / f"summary-{room}.pdf"
        build_pdf(target, _meta(), story)
        (page,) = [text for text in _pages(target) if "Выполнено решений" in text]
        assert _count(page, r"Ряд\d\d") >= 2, room


NAME = (
    "Муниципальное общеобразовательное учреждение "
    "«Средняя общеобразовательная школа № 1 г. Краснолесье»"
)


@pytest.mark.parametrize("tied", ["г.", "№", "Г."])
def test_an_abbreviation_stays_with_the_word_after_it(tmp_path: Path, tied: str) -> None:
    """«…школа № 1 г.» | «Краснолесье»»: never; nor «№» or an initial at a line's end."""
    styles = report_styles()
    text = f"{NAME}, директор Тарасова Г. А."
    for indent in range(0, 200, 4):
        style = styles.subtitle.clone("narrow", rightIndent=indent, alignment=0)
        target = tmp_path / f"tie-{indent}.pdf"
        build_pdf(target, _meta(), [TextBlock(text, style), para(text, style)])
        lines = PdfReader(target).pages[0].extract_text().splitlines()
        assert not any(line.rstrip().endswith(f" {tied}") for line in lines), (indent, lines)


def _luminance(colour: object) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in colour.rgb())  # type: ignore[attr-defined]
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_a_section_that_says_it_is_empty_is_printed_in_normal_contrast() -> None:
    """«Уроки не посещались», «Не получен», «Заполняется куратором»: the muted style is as
    dark and as large as the body text (contrast well over 4.5:1 on white)."""
    styles = report_styles()
    muted = styles.muted
    assert (1.05) / (_luminance(muted.textColor) + 0.05) >= 4.5
    assert muted.textColor == TEXT
    assert muted.fontSize >= styles.body.fontSize - 0.5


def test_a_word_too_long_for_a_paragraph_cell_is_cut_with_a_hyphen(tmp_path: Path) -> None:
    """A paragraph cell narrower than a word: the word is cut between syllables, with a hyphen
    (reportlab cuts it anywhere, without one)."""
    cell = report_styles().table_cell
    words = ("верифицирован", "Скорректированный")
    rows = [["Уровень", "Вердикт"], [para(f"Не {words[0]}", cell), para(words[1], cell)]]
    target = tmp_path / "hyphen.pdf"
    build_pdf(target, _meta(), [data_table(rows, [45, 45])])
    lines = [line.strip() for line in PdfReader(target).pages[0].extract_text().splitlines()]
    joined = "|".join(lines)
    assert all(word in joined.replace("-|", "") for word in words), lines
    for word in words:
        for cut in range(2, len(word) - 1):
            assert f"{word[:cut]}|{word[cut:]}" not in joined, lines
