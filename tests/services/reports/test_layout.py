"""The common report form on real PDFs: page numbers, running header, repeated table headers,
the first page's QR code, embedded PT fonts, the draft mark and escaped text."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from curator_desktop.i18n import _, format_datetime, set_language
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    build_pdf,
    data_table,
    para,
    report_styles,
    signature_block,
)
from curator_desktop.services.reports.form.meta import ReportMeta

HASH = "0123456789abcdef" * 4


def make_meta(*, draft: bool = False, language: str = "en") -> ReportMeta:
    return ReportMeta(
        report_id="6f1d2c3b-0a9e-4f00-8d7c-112233445566",
        kind="visit",
        title="Справка по итогам посещения",
        subject="МБОУ «СОШ № 5» г. Камышин",
        document_number="СП-2026-0007",
        generated_at=dt.datetime(2026, 11, 22, 11, 5, tzinfo=dt.UTC),
        data_sha256=HASH,
        language=language,
        draft=draft,
    )


def long_story(rows: int = 150) -> list:
    styles = report_styles()
    table = [["No.", "Вопрос", "Ответ", "Комментарий"]]
    table += [[str(n), f"Показатель {n} проверки школы", "Да", ""] for n in range(1, rows + 1)]
    width = CONTENT_WIDTH - 110 * 2.8346
    return [
        para("Справка по итогам посещения", styles.title),
        para("Раздел <1> & «кавычки»", styles.heading),
        data_table(table, [30, 160, 60, width], zebra=True),
        signature_block([("Куратор", "Соколова Марина Викторовна"), ("Директор", "")]),
    ]


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def font_names(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get("/Font", {})
        names |= {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    return names


@pytest.fixture
def report(tmp_path: Path) -> tuple[Path, ReportMeta, int]:
    meta = make_meta()
    target = tmp_path / "layout.pdf"
    pages, sha256 = build_pdf(target, meta, long_story())
    assert sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    return target, meta, pages


def test_every_page_is_numbered_and_stamped(report: tuple[Path, ReportMeta, int]) -> None:
    target, meta, pages = report
    texts = page_texts(target)
    assert pages == len(texts) >= 3
    stamp = format_datetime(meta.generated_at)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert meta.document_number in text and stamp in text


def test_running_header_from_page_two_and_repeated_table_header(
    report: tuple[Path, ReportMeta, int],
) -> None:
    target, meta, _pages = report
    texts = page_texts(target)
    running = f"{meta.title} — {meta.subject}"
    assert running not in texts[0]
    for text in texts[1:]:
        assert running in text
    table_pages = [text for text in texts if "Показатель" in text]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "No. Вопрос Ответ Комментарий" in text
    joined = " ".join(texts)
    assert all(f"Показатель {n} проверки школы" in joined for n in (1, 75, 150))
    assert "Раздел <1> & «кавычки»" in joined


def test_first_page_qr_code_carries_id_and_hash(report: tuple[Path, ReportMeta, int]) -> None:
    target, meta, _pages = report
    first = page_texts(target)[0]
    assert meta.report_id in first and meta.data_sha256 in first
    page = pypdfium2.PdfDocument(target)[0]
    image = page.render(scale=200 / 72).to_pil()
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert decoded == [meta.qr_payload()]


def test_fonts_are_embedded_pt_fonts_only(report: tuple[Path, ReportMeta, int]) -> None:
    names = font_names(report[0])
    assert any("PTSerif" in name for name in names)
    assert any("PTSans-Bold" in name for name in names)
    assert all("PTSans" in name or "PTSerif" in name for name in names), names


def test_draft_mark_on_every_page(tmp_path: Path) -> None:
    target = tmp_path / "draft.pdf"
    build_pdf(target, make_meta(draft=True), long_story(80))
    texts = page_texts(target)
    assert len(texts) >= 2
    assert all("DRAFT" in text for text in texts)
    final = tmp_path / "final.pdf"
    build_pdf(final, make_meta(), long_story(80))
    assert not any("DRAFT" in text for text in page_texts(final))


def test_russian_labels_and_signature_lines(tmp_path: Path) -> None:
    set_language("ru")
    try:
        target = tmp_path / "ru.pdf"
        pages = build_pdf(target, make_meta(language="ru"), long_story(20)).pages
        texts = page_texts(target)
        footer = _("Page {page} of {pages}").format(page=pages, pages=pages)
        signature = _("(signature)")
    finally:
        set_language("en")
    assert footer in texts[-1]
    assert "Соколова Марина Викторовна" in texts[-1]
    assert texts[-1].count(signature) == 2
    number = make_meta().document_number
    assert PdfReader(target).metadata.title == f"Справка по итогам посещения № {number}"
