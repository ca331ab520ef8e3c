"""Shared helpers of the report tests: render a report module's PDF with fixed metadata, read its
text back page by page, and check what every report shows on every page."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from pypdf import PdfReader
from sqlmodel import select

from curator_desktop.i18n import _
from curator_desktop.services.reports.form.meta import ReportMeta, data_hash
from curator_desktop.store.database import Database
from curator_desktop.store.tables import CuratorProfile

TODAY = dt.date(2026, 11, 20)
GENERATED_AT = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)


def flat(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) collapsed: how values are compared."""
    return " ".join(text.split())


@dataclass
class Rendered:
    path: Path
    meta: ReportMeta
    data: Any
    pages: int
    texts: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.texts)


def render_pdf(
    module: ModuleType,
    data: Any,
    target_dir: Path,
    image_cache: Path,
    *,
    kind: str,
    document_number: str,
    draft: bool = False,
) -> Rendered:
    """Render ``data`` with ``module`` into ``target_dir`` and read back each page's flat text."""
    title, subject = module.describe(data)
    meta = ReportMeta(
        report_id=str(uuid.uuid4()),
        kind=kind,
        title=title,
        subject=subject,
        document_number=document_number,
        generated_at=GENERATED_AT,
        data_sha256=data_hash(data),
        language=data.language,
        draft=draft,
    )
    target = target_dir / f"{meta.report_id}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    pages, sha256 = module.render(data, target, meta, image_cache=image_cache)
    assert sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    texts = [flat(page.extract_text()) for page in PdfReader(target).pages]
    return Rendered(target, meta, data, pages, texts)


def check_page_numbers(report: Rendered) -> None:
    """Every page says "Page n of m", and the count matches the PDF."""
    assert report.pages == len(report.texts)
    for number, page in enumerate(report.texts, start=1):
        assert _("Page {page} of {pages}").format(page=number, pages=report.pages) in page


def curator_profile(db: Database) -> CuratorProfile:
    """The store's one curator profile, detached."""
    with db.session() as session:
        profile = session.exec(select(CuratorProfile)).one()
        session.expunge(profile)
    return profile


def sample_meta(language: str = "ru") -> ReportMeta:
    """Fixed metadata for a report built straight from flowables (no store)."""
    return ReportMeta(
        report_id="6f1d2c3b-0a9e-4f00-8d7c-112233445566",
        kind="visit",
        title="Справка по итогам посещения",
        subject="МБОУ «СОШ № 5»",
        document_number="СП-2026-0007",
        generated_at=dt.datetime(2026, 11, 22, 11, 5, tzinfo=dt.UTC),
        data_sha256="0" * 64,
        language=language,
    )


def page_texts(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    return [flat(page.extract_text()) for page in PdfReader(path).pages]
