"""How the documents feature names things on screen: a document, a date, a status line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from curator_desktop.domain.documents import DocumentRecord, DocumentStatus, DocumentSummary
from curator_desktop.domain.enums import DocumentType
from curator_desktop.i18n import _, format_date


def document_name(
    kind: str, factor_code: str | None, factor_names: Mapping[str, str] | None = None
) -> str:
    """«Антирисковая программа: R06 Высокая доля …», «Концепция развития»."""
    label = DocumentType.label_for(kind)
    if not factor_code:
        return label
    name = (factor_names or {}).get(factor_code, "")
    direction = f"{factor_code} {name}".strip()
    return _("{document}: {direction}").format(document=label, direction=direction)


def short_date(value: dt.date | None) -> str:
    return format_date(value, "short") if value else ""


def status_text(record: DocumentRecord | DocumentSummary) -> str:
    """The status with its date, deadline and ИС МЭДК date («На доработке до 10.04.2026»)."""
    status = record.status
    if status == DocumentStatus.MISSING:
        return status.label
    if status == DocumentStatus.REVISION and record.revision_deadline:
        template = (
            _("{status}, overdue since {date}") if record.overdue else _("{status} until {date}")
        )
        return template.format(status=status.label, date=short_date(record.revision_deadline))
    if status == DocumentStatus.UPLOADED and record.medk_uploaded_on:
        return _("{status} on {date}").format(
            status=status.label, date=short_date(record.medk_uploaded_on)
        )
    if record.status_on:
        return _("{status} on {date}").format(
            status=status.label, date=short_date(record.status_on)
        )
    return status.label
