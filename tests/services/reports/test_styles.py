"""The shortcuts of the report form give reportlab's own results: text encoding, deflating,
paragraph line breaking."""

from __future__ import annotations

import zlib
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from curator_desktop.services.reports.form.layout import build_pdf
from curator_desktop.services.reports.form.styles import (
    SANS,
    fast_flate,
    para,
    register_fonts,
    report_styles,
)
from tests.services.reports.test_layout import long_story, make_meta

TEXTS = [
    "Справка по итогам посещения",
    "Показатель 1.1: школа выполняет мероприятие",
    "20 ноября 2026\xa0г.",  # a no-break space is drawn as a space
    "Справка по итогам посещения",  # every character known: the shortcut
    "ЁЖЗ ёжз ÀÉÎ ΑΒΓ ∑∫",  # new characters, some in a second subset or not in the font
    "",
    "Ωmega ≠ ∞ 😀",
    "plain ASCII, 100%",
]


def test_report_font_encodes_text_as_reportlab_does() -> None:
    register_fonts()
    font = pdfmetrics.getFont(SANS)
    assert type(font) is not TTFont and isinstance(font, TTFont)
    ours, theirs = pdfdoc.PDFDocument(), pdfdoc.PDFDocument()
    filler = [chr(code) for code in range(0x100, 0x530)]  # enough to open a second subset
    for text in [*TEXTS, "".join(filler), *TEXTS]:
        assert font.splitString(text, ours) == TTFont.splitString(font, text, theirs), text
    assert font.state[ours].assignments == font.state[theirs].assignments
    assert font.state[ours].subsets == font.state[theirs].subsets
    assert len(font.state[ours].subsets) >= 2


def test_streams_are_deflated_fast_only_while_a_report_is_saved(tmp_path: Path) -> None:
    data = ("Показатель 1.1: школа выполняет мероприятие. " * 400).encode()
    with fast_flate():
        assert pdfdoc.PDFZCompress.encode(data) == zlib.compress(data, 1)
    assert pdfdoc.PDFZCompress.encode(data) == zlib.compress(data)
    build_pdf(tmp_path / "report.pdf", make_meta(), long_story(40))
    assert "encode" not in vars(pdfdoc.PDFZCompress)


def test_a_paragraph_breaks_its_lines_once_per_width(monkeypatch) -> None:
    calls: list[list[float]] = []
    original = Paragraph.breakLines

    def counting(self: Paragraph, widths: list[float]) -> object:
        calls.append(list(widths))
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    paragraph = para("Мониторинг реализации антирисковых программ школы " * 5, report_styles().body)
    first = paragraph.wrap(300, 800)
    assert paragraph.wrap(300, 800) == paragraph.wrap(300, 100) == first
    assert len(calls) == 1
    narrow = paragraph.wrap(150, 800)
    assert narrow[1] > first[1] and len(calls) == 2
    assert paragraph.wrap(300, 800) == first and len(calls) == 3
