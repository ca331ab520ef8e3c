"""The state of each of a school's documents on the report's «as of» day, with its ИС МЭДК status.

Every document the school is expected to submit in the cycle year (missing ones included) and any
other it submitted, from the documents model (:mod:`curator_desktop.services.documents`): its
latest version, its status and since when, the revision deadline (overdue or not) and the day it
was uploaded to ИС МЭДК.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer
from sqlmodel import Session

from curator_desktop.domain.documents import DocumentRecord, DocumentStatus
from curator_desktop.domain.documents.kinds import status_of_kind
from curator_desktop.domain.enums import DocumentType
from curator_desktop.i18n import _, format_date, pgettext
from curator_desktop.services.documents import documents_in
from curator_desktop.services.reports.form.layout import SANS, data_table, para, report_styles
from curator_desktop.services.reports.period.columns import header_widths, lead


@dataclass(frozen=True)
class DocumentState:
    """One document's state by the report's «as of» day."""

    kind: str
    factor_code: str | None
    title: str
    versions: int
    status: DocumentStatus
    status_on: dt.date | None
    accepted_on: dt.date | None
    """The day the version in force was accepted (an uploaded version was accepted first)."""
    revision_deadline: dt.date | None
    overdue: bool
    medk_uploaded_on: dt.date | None

    @property
    def name(self) -> str:
        """The document as the table names it: its kind (and direction), else its title."""
        label = DocumentType.label_for(self.kind)
        if self.factor_code:
            label = f"{label} ({self.factor_code})"
        return label


def _state(record: DocumentRecord) -> DocumentState:
    return DocumentState(
        kind=record.kind,
        factor_code=record.factor_code,
        title=record.title,
        versions=sum(1 for event in record.history if event.status == DocumentStatus.RECEIVED),
        status=record.status,
        status_on=record.status_on,
        accepted_on=next(
            (e.on for e in reversed(record.history) if e.status == DocumentStatus.ACCEPTED), None
        ),
        revision_deadline=record.revision_deadline,
        overdue=record.overdue,
        medk_uploaded_on=record.medk_uploaded_on,
    )


def document_states_of(
    session: Session, school_ids: Iterable[str], year: int, as_of: dt.date
) -> dict[str, tuple[DocumentState, ...]]:
    """Per school, the state of each expected or submitted document of ``year`` on ``as_of``."""
    return {
        school_id: tuple(_state(d) for d in documents_in(session, school_id, year, as_of=as_of))
        for school_id in school_ids
    }


def _short(day: dt.date | None) -> str:
    return format_date(day, "short") if day else "—"


def document_states_block(states: tuple[DocumentState, ...]) -> list[Flowable]:
    """The table «document — versions — status — ИС МЭДК» (nothing when there is no document)."""
    if not states:
        return []
    styles = report_styles()
    cell = styles.table_cell
    bold = ParagraphStyle("state-bold", parent=cell, fontName=SANS + " Bold")
    muted = ParagraphStyle("state-muted", parent=cell, textColor=styles.muted.textColor)
    headers = [_("Document"), _("Versions"), _("Status"), _("IS MEDK")]
    rows: list[list[Any]] = [headers]
    for state in states:
        label = status_of_kind(state.status, state.kind)
        status: Any = label
        if state.status == DocumentStatus.MISSING:
            status = para(status, muted)
        elif state.status == DocumentStatus.REVISION:
            due = _("due {date}").format(date=_short(state.revision_deadline))
            status = [para(f"{label}, {due}", cell)]
            if state.overdue:
                status.append(para(pgettext("revision deadline", "Overdue"), bold))
        elif state.status == DocumentStatus.UPLOADED:  # the upload has its own column
            accepted = status_of_kind(DocumentStatus.ACCEPTED, state.kind)
            status = f"{accepted}, {_short(state.accepted_on)}" if state.accepted_on else accepted
        elif state.status_on is not None:
            status = f"{label}, {_short(state.status_on)}"
        medk = (  # a cell's start: capitalised; every kind's name is feminine (KIND_GENDER)
            pgettext("document upload, feminine", "Uploaded {date}").format(
                date=_short(state.medk_uploaded_on)
            )
            if state.medk_uploaded_on
            else pgettext("document upload, feminine", "Not uploaded")
        )
        rows.append([state.name, str(state.versions), status, medk])
    widths = header_widths(headers, [0.0, 50.0, 150.0, 90.0], flexible=0)
    heading = lead(_("State of the documents and their upload to IS MEDK:"))
    return [Spacer(1, 8), heading, data_table(rows, widths)]
