"""TextGrid on real PDFs: it looks as the platypus data table it replaces (same pixels), splits
across pages with its header on every page, cuts a tall row inside, keeps a section title with
its first item, wraps long Cyrillic words, and spans and right-aligns cells."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer

from curator_desktop.services.reports.form.layout import IDENTITY_BAND, build_pdf, data_table
from curator_desktop.services.reports.form.styles import (
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    MARGIN_LEFT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    ZEBRA_FILL,
    para,
    report_styles,
)
from curator_desktop.services.reports.form.text_grid import TALL_ROW, Cell, Padding, Row, TextGrid
from tests.services.reports.report_helpers import page_texts, sample_meta

WIDTHS = [11 * mm, 76 * mm, 39 * mm, CONTENT_WIDTH - 126 * mm]
HEADER = ["№", "Вопрос", "Ответ", "Комментарий"]
ROWS = [
    HEADER,
    ["1.1", "Показатель 1.1: школа выполняет мероприятие антирисковой программы", "Да", ""],
    ["1.2", "Риск не выявлен", "Риск не выявлен", "20 ноября 2026\xa0г."],
    ["1.3", "См. Очень-очень-длинное-слово-без-пробелов-которое-не-помещается", "2", None],
    ["1.4", "Строка\nс переводом  строки", 7, "Требуется уточнить сроки и ответственных."],
    ["1.5", "Знаки < & > печатаются как есть", "Частично", "Сдвинуть срок на «май»"],
]


SCALE = 120 / 72


def pixels(path: Path) -> list[bytes]:
    return [
        page.render(scale=SCALE).to_pil().convert("L").tobytes()
        for page in pypdfium2.PdfDocument(path)
    ]


def filler(room: float) -> Spacer:
    """A spacer leaving ``room`` points at the bottom of the first page's frame."""
    return Spacer(1, CONTENT_HEIGHT - IDENTITY_BAND - room)


def test_looks_as_the_platypus_table_it_replaces(tmp_path: Path) -> None:
    """Same text at the same places, same fills: the pages differ only, and only slightly, on
    the grid's rules (stroked as one path here, line by line by platypus)."""
    grid, table = tmp_path / "grid.pdf", tmp_path / "table.pdf"
    text_grid = TextGrid(ROWS, WIDTHS, zebra=True)
    build_pdf(grid, sample_meta(), [text_grid])
    build_pdf(table, sample_meta(), [data_table(ROWS, WIDTHS, zebra=True)])
    assert page_texts(grid) == page_texts(table)
    (mine,), (theirs,) = pixels(grid), pixels(table)
    width = round(PAGE_WIDTH * SCALE)
    xs = [MARGIN_LEFT + x for x in text_grid._grid.positions]
    ys = [PAGE_HEIGHT - MARGIN_TOP - IDENTITY_BAND]
    for row in (*text_grid._header, *text_grid._body):
        ys.append(ys[-1] - row.height)
    differing = [i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
    assert differing, "the test must look at the grid (one path vs lines)"
    for i in differing:
        x, y = (i % width) / SCALE, PAGE_HEIGHT - (i // width) / SCALE
        assert min(abs(x - c) for c in xs) < 2 or min(abs(y - r) for r in ys) < 2, (x, y)
        assert abs(mine[i] - theirs[i]) < 40


def test_long_words_are_cut_and_line_breaks_kept() -> None:
    grid = TextGrid(ROWS, WIDTHS)
    question = [line for line, _spacing, _style in grid._body[2].blocks[1].lines]
    assert len(question) >= 2 and "".join(question).replace(" ", "").startswith("См.Очень")
    assert [line for line, _s, _st in grid._body[3].blocks[1].lines] == [
        "Строка",
        "с переводом строки",
    ]


def test_split_across_pages_repeats_the_header_and_keeps_every_row(tmp_path: Path) -> None:
    rows = [HEADER] + [
        [f"2.{n}", f"Показатель {n}: кадровое обеспечение школы", "Нет", f"Комментарий {n}"]
        for n in range(1, 121)
    ]
    target = tmp_path / "long.pdf"
    pages = build_pdf(target, sample_meta(), [TextGrid(rows, WIDTHS, zebra=True)]).pages
    texts = page_texts(target)
    assert pages == len(texts) >= 3
    assert all("№ Вопрос Ответ Комментарий" in text for text in texts)
    found = [n for n in range(1, 121) if any(f"Комментарий {n} " in t + " " for t in texts)]
    assert found == list(range(1, 121))
    last_on_page = [max(n for n in range(1, 121) if f"Комментарий {n} " in t + " ") for t in texts]
    assert last_on_page == sorted(last_on_page)  # in order, none twice


def test_a_tall_row_is_cut_inside_under_a_repeated_header(tmp_path: Path) -> None:
    comment = " ".join(f"слово{n}" for n in range(150))
    grid = TextGrid([HEADER, ["3.6", "Показатель 106", "Нет", comment]], WIDTHS)
    assert grid._body[0].height > TALL_ROW
    target = tmp_path / "tall.pdf"
    build_pdf(target, sample_meta(), [filler(160), grid])
    first, second = page_texts(target)
    assert "слово0 " in first and "слово149" not in first
    assert "слово149" in second and "№ Вопрос Ответ Комментарий" in second
    words = " ".join((first, second)).split()
    assert all(f"слово{n}" in words for n in range(150))


def test_a_short_row_is_never_cut(tmp_path: Path) -> None:
    advice = "Направить в МКУ «Управление образования» заявку на целевое обучение по физике"
    rows = [HEADER, ["1", advice, "Маркова К. П., директор", "Открыта, просрочена"]]
    assert TextGrid(rows, WIDTHS)._body[0].height < TALL_ROW
    for room in range(20, 80, 7):
        target = tmp_path / f"short-{room}.pdf"
        build_pdf(target, sample_meta(), [filler(room), TextGrid(rows, WIDTHS)])
        assert any("Направить в МКУ" in t and "по физике" in t for t in page_texts(target))


def test_a_section_title_stays_with_its_first_item(tmp_path: Path) -> None:
    bold = report_styles().table_header
    title = Row(
        [Cell((("Раздел 2. Кадры", None),), span=2), Cell((("3 из 4", None),), 2, "RIGHT")],
        style=bold,
        fill=ZEBRA_FILL,
        keep_with_next=True,
    )
    first = [["1.1", "Первый показатель", "Да", ""]] * 4
    rows = [HEADER, *first, title, ["2.1", "Показатель раздела 2", "Нет", ""]]
    grid = TextGrid(rows, WIDTHS)
    room = sum(row.height for row in grid._header + grid._body[:5]) + 2  # fits the title only
    parts = grid.split(CONTENT_WIDTH, room)
    assert len(parts) == 2
    assert len(parts[0]._body) == 4 and len(parts[1]._body) == 2  # the title moved on
    target = tmp_path / "title.pdf"
    build_pdf(target, sample_meta(), [filler(room), grid])
    texts = page_texts(target)
    page = next(t for t in texts if "Раздел 2. Кадры" in t)
    assert "Показатель раздела 2" in page and "3 из 4" in page


def test_spanned_cells_are_wrapped_to_the_span_and_right_aligned(tmp_path: Path) -> None:
    title = "Раздел 2. Реализация антирисковой программы школы"
    row = Row([Cell(((title, None),), span=2), Cell((("5 из 10", None),), span=2, align="RIGHT")])
    grid = TextGrid([HEADER, row], WIDTHS)
    title_block, _score = grid._body[0].blocks
    assert len(title_block.lines) == 1  # in one column it takes two lines
    assert len(TextGrid([HEADER, [title]], WIDTHS)._body[0].blocks[0].lines) > 1
    assert grid._body[0].crossed == {1, 3}  # no rule between spanned columns
    [(x, _dy, text, style, _spacing)] = [p for p in grid._body[0].placed if p[2] == "5 из 10"]
    ends_at = x + stringWidth(text, style.fontName, style.fontSize)
    assert abs(ends_at - (sum(WIDTHS) - Padding().right)) < 0.01
    target = tmp_path / "span.pdf"
    build_pdf(target, sample_meta(), [grid])
    assert title in page_texts(target)[0]


def test_stacked_texts_keep_their_own_styles() -> None:
    styles = report_styles()
    factor = styles.table_cell_small.clone("factor")
    cell = Cell((("Провести семинар для учителей.", None), ("R03 Компетентность", factor)))
    grid = TextGrid([["No.", "Рекомендация"], ["1", cell]], [20, 200])
    lines = grid._body[0].blocks[1].lines
    assert [(text, style.fontSize) for text, _s, style in lines] == [
        ("Провести семинар для учителей.", styles.table_cell.fontSize),
        ("R03 Компетентность", factor.fontSize),
    ]
    assert grid._body[0].height == styles.table_cell.leading + factor.leading + 2 + 3


def test_key_value_rows_with_rules_below(tmp_path: Path) -> None:
    styles = report_styles()
    grid = TextGrid(
        [["Регион", "Верхнеокская область"], ["Школа", "МБОУ «Озерецкая СОШ»\nул. Школьная, 1"]],
        [48 * mm, CONTENT_WIDTH - 48 * mm],
        header_rows=0,
        column_styles={0: styles.table_header},
        padding=Padding(left=2, right=6, top=2.5, bottom=3),
        rules="below",
    )
    assert grid._body[0].blocks[0].lines[0][2] is styles.table_header
    assert grid._body[1].height == 2 * styles.table_cell.leading + 5.5
    target = tmp_path / "kv.pdf"
    build_pdf(target, sample_meta(), [para("Общие сведения", styles.heading), grid])
    assert "Регион Верхнеокская область Школа МБОУ «Озерецкая СОШ»" in page_texts(target)[0]
