"""TextBlock on real PDFs: the same lines at the same places as the platypus paragraph it
replaces (left, centred, right; Cyrillic, shrunk spaces, line breaks), markup characters
printed as they are, and a split between lines across pages that never leaves one line behind."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.platypus import Spacer

from curator_desktop.services.reports.form.layout import IDENTITY_BAND, build_pdf
from curator_desktop.services.reports.form.styles import CONTENT_HEIGHT, para, report_styles
from curator_desktop.services.reports.form.text_block import TextBlock
from tests.services.reports.report_helpers import page_texts, sample_meta

TEXTS = [
    "Справка по итогам посещения",
    "Муниципальное общеобразовательное учреждение «Озерецкая средняя общеобразовательная "
    "школа»\n20 ноября 2026\xa0г.",
    "Мониторинг реализации антирисковых программ школы: кадровое обеспечение, "
    "профессиональное развитие педагогов, работа с обучающимися группы риска "
    "(Очень-очень-длинное-слово-без-пробелов-которое-не-помещается-в-одну-строку-никак).",
]


def pixels(path: Path) -> list[bytes]:
    return [
        page.render(scale=150 / 72).to_pil().convert("L").tobytes()
        for page in pypdfium2.PdfDocument(path)
    ]


@pytest.mark.parametrize("alignment", [None, TA_CENTER, TA_RIGHT])
def test_same_pixels_as_a_paragraph(tmp_path: Path, alignment: int | None) -> None:
    styles = report_styles()
    story_styles = [styles.title, styles.subtitle, styles.body, styles.heading, styles.small]
    if alignment is not None:
        story_styles = [s.clone(f"{s.name}-{alignment}", alignment=alignment) for s in story_styles]
    blocks, paragraphs = tmp_path / "blocks.pdf", tmp_path / "paragraphs.pdf"
    texts = [*TEXTS, "Выводы", "Год цикла 2026"]
    pairs = list(zip(texts, story_styles, strict=True))
    build_pdf(blocks, sample_meta(), [TextBlock(text, style) for text, style in pairs])
    build_pdf(paragraphs, sample_meta(), [para(text, style) for text, style in pairs])
    assert page_texts(blocks) == page_texts(paragraphs)
    assert pixels(blocks) == pixels(paragraphs)


def test_markup_characters_print_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "markup.pdf"
    build_pdf(
        target,
        sample_meta(),
        [TextBlock("Раздел <1> & «кавычки» <b>не жирный</b>", report_styles().body)],
    )
    assert "Раздел <1> & «кавычки» <b>не жирный</b>" in page_texts(target)[0]


def test_splits_between_lines_across_pages(tmp_path: Path) -> None:
    style = report_styles().body
    text = " ".join(f"слово{n}" for n in range(400))
    block = TextBlock(text, style)
    _width, height = block.wrap(400, 10_000)
    lines = round(height / style.leading)
    assert lines > 10
    first, rest = block.split(400, style.leading * 3.5)
    assert first.wrap(400, 10_000)[1] == 3 * style.leading
    assert rest.wrap(400, 10_000)[1] == (lines - 3) * style.leading
    assert block.split(400, style.leading * 1.5) == []  # one line alone is not left behind
    target = tmp_path / "long.pdf"
    room = CONTENT_HEIGHT - IDENTITY_BAND - style.leading * 4.5
    build_pdf(target, sample_meta(), [Spacer(1, room), TextBlock(text, style)])
    first_page, *others = page_texts(target)
    assert "слово0 " in first_page and "слово399" not in first_page
    words = " ".join([first_page, *others]).split()
    assert all(f"слово{n}" in words for n in range(400))


def test_only_plain_alignments() -> None:
    with pytest.raises(ValueError):
        TextBlock("текст", report_styles().body.clone("justified", alignment=TA_JUSTIFY))
