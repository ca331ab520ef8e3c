"""Text cells are broken into the lines a platypus Paragraph of the same style would make."""

from __future__ import annotations

import itertools
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from curator_desktop.services.reports.form.hyphenation import break_points
from curator_desktop.services.reports.form.styles import markup, report_styles
from curator_desktop.services.reports.form.wrapping import wrap_text

WORDS = st.text(
    alphabet="абвгдеёжзийклмнопрстуфхцчшщыьэюяАБВГДЕЖЗИКabcdefghijklmnopqrstuvwxyz0123456789.,:;«»—-()№\xa0",
    min_size=1,
    max_size=40,
).filter(lambda word: word.strip("\xa0"))
SPACES = st.sampled_from([" ", " ", " ", "  ", "\t"])


def paragraph_lines(text: str, width: float, style_name: str) -> tuple[list[str], dict[int, float]]:
    """The lines and the shrunk word spacing of a one-style Paragraph (no newlines)."""
    paragraph = Paragraph(markup(text), getattr(report_styles(), style_name))
    paragraph.wrap(width, 1e6)
    lines, spacing = [], {}
    for index, (extra, words) in enumerate(paragraph.blPara.lines):
        line = " ".join(words)
        spaces = len(words) - 1 + line.count("\xa0")
        if extra < -1e-8 and spaces > 0:
            spacing[index] = extra / spaces
        lines.append(line)
    return lines, spacing


@settings(max_examples=250, deadline=None)
@given(
    words=st.lists(WORDS, min_size=1, max_size=30),
    gaps=st.lists(SPACES, min_size=30, max_size=30),
    width=st.floats(min_value=25, max_value=320),
    style_name=st.sampled_from(["table_cell", "table_header", "table_cell_small"]),
)
def test_same_lines_and_spacing_as_a_paragraph(
    words: list[str], gaps: list[str], width: float, style_name: str
) -> None:
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False)).strip()
    style = getattr(report_styles(), style_name)
    words_of = re.split(r"[ \t]+", text)  # no-break spaces join words, as in the wrapping
    fits = (stringWidth(w, style.fontName, style.fontSize) <= width for w in words_of)
    assume(all(fits))  # a longer word is hyphenated, where platypus cuts it (tested below)
    wrapped = wrap_text(text, style.fontName, style.fontSize, width)
    lines, spacing = paragraph_lines(text, width, style_name)
    assert wrapped.split("\n") == lines
    assert wrapped.word_space.keys() == spacing.keys()
    for index, value in spacing.items():
        assert abs(wrapped.word_space[index] - value) < 1e-9


def test_newlines_are_kept_and_an_empty_text_has_no_lines() -> None:
    style = report_styles().table_cell
    text = "Показатель 1.1:\r\nшкола  выполняет\n\nмероприятие"
    wrapped = wrap_text(text, style.fontName, 8.5, 200)
    assert wrapped.split("\n") == ["Показатель 1.1:", "школа выполняет", "", "мероприятие"]
    assert wrap_text("", style.fontName, 8.5, 200) == ""
    assert wrap_text("  \n ", style.fontName, 8.5, 200) == ""


def test_a_line_that_fits_only_with_shrunk_spaces_is_drawn_shrunk() -> None:
    """«Риск не выявлен» is 62.05 points in 8.5 pt PT Sans: in a 62.03-point column platypus
    keeps it on one line with its two spaces narrowed by 0.01 point each."""
    style = report_styles().table_cell
    wrapped = wrap_text("Риск не выявлен", style.fontName, style.fontSize, 62.0315)
    assert wrapped == "Риск не выявлен"
    assert list(wrapped.word_space) == [0]
    assert -0.05 < wrapped.word_space[0] < 0


@settings(max_examples=200, deadline=None)
@given(
    word=st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefgh0123456789«»", min_size=8),
    share=st.floats(min_value=0.15, max_value=0.95),
    before=st.sampled_from(["", "Школа "]),
)
def test_a_word_wider_than_the_line_is_broken_with_hyphens(
    word: str, share: float, before: str
) -> None:
    """No word is split without a hyphen: each piece but the last ends with one, and the
    pieces make the word again; every line fits (a single character may not)."""
    style = report_styles().table_cell
    width = max(30.0, stringWidth(word, style.fontName, 8.5) * share)
    assume(stringWidth(word, style.fontName, 8.5) > width)
    lines = wrap_text(before + word, style.fontName, 8.5, width).split("\n")
    if before and lines[0] == before.strip():
        lines = lines[1:]
    elif before:
        assert lines[0].startswith(before)
        lines[0] = lines[0][len(before) :]
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.removesuffix("-") for line in lines[:-1]) + lines[-1] == word
    for line in lines:
        assert len(line) <= 2 or stringWidth(line, style.fontName, 8.5) <= width + 1e-6


def test_a_russian_word_breaks_between_syllables() -> None:
    style = report_styles().table_cell_small
    for word, width in (("Скорректированный", 45), ("верифицирован", 30), ("«Верхнеокский»", 30)):
        lines = wrap_text(word, style.fontName, 7.5, width).split("\n")
        assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
        assert "".join(line.removesuffix("-") for line in lines[:-1]) + lines[-1] == word
        ends = list(itertools.accumulate(len(line) - 1 for line in lines[:-1]))
        assert set(ends) <= set(break_points(word)), (word, lines)
