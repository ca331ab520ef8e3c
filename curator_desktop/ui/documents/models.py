"""The tables of the documents feature: a school's documents, a document's versions, the
confirmation documents and the worklist across schools."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from curator_desktop.domain.documents import (
    ConfirmationRecord,
    DocumentRecord,
    DocumentStatus,
    VersionRecord,
    WorklistEntry,
)
from curator_desktop.domain.enums import ReviewConclusion
from curator_desktop.i18n import _, ngettext
from curator_desktop.services.documents.worklist import WORKLIST_NEEDS
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel
from curator_desktop.ui.documents.labels import document_name, short_date, status_text


class DocumentTableModel(RowTableModel[DocumentRecord]):
    """A school's documents of a year: expected ones first (missing ones say so)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.factor_names: Mapping[str, str] = {}
        self.order: Mapping[str, int] = {}
        """A document's place in the expected list: the Document column sorts by it."""
        self.columns = (
            Column(
                lambda: _("Document"),
                lambda r: document_name(r.kind, r.factor_code, self.factor_names),
                sort_key=lambda r: self.order.get(r.id, 0),
                stretch=True,
                max_width=320,
            ),
            Column(
                lambda: _("Status"),
                status_text,
                tooltip=lambda r: ngettext("{n} version", "{n} versions", len(r.versions)).format(
                    n=len(r.versions)
                ),
                attention=lambda r: r.overdue or r.status == DocumentStatus.MISSING,
                caution=lambda r: r.status in (DocumentStatus.RECEIVED, DocumentStatus.REVISION),
                max_width=240,
            ),
        )


def _conclusion(version: VersionRecord, reviews: Mapping[str, object]) -> str:
    review = reviews.get(version.id)
    conclusion = getattr(review, "conclusion", None)
    if review is None:
        return _("not reviewed")
    if conclusion is None:
        return _("under review")
    return ReviewConclusion.label_for(conclusion)


def _version_tooltip(version: VersionRecord) -> str:
    """Who sent the version and its file (the columns leave them out for room)."""
    lines = [_("From: {sender}").format(sender=version.received_from or "—")]
    if version.file_name:
        lines.append(_("File: {name}").format(name=version.file_name))
    return "\n".join(lines)


class VersionTableModel(RowTableModel[VersionRecord]):
    """The versions of one document with the conclusion on each (shown newest first)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.reviews: Mapping[str, object] = {}
        self.columns = (
            Column(lambda: _("No."), lambda v: str(v.number), sort_key=lambda v: v.number),
            Column(
                lambda: _("Received"),
                lambda v: short_date(v.received_on),
                sort_key=lambda v: v.received_on,
                tooltip=_version_tooltip,
            ),
            Column(
                lambda: _("Conclusion"),
                lambda v: _conclusion(v, self.reviews),
                tooltip=_version_tooltip,
            ),
            Column(
                lambda: _("IS MEDK"),
                lambda v: short_date(v.medk_uploaded_on) or "—",
                header_tip=lambda: _("Uploaded to IS MEDK"),
            ),
        )


class ConfirmationTableModel(RowTableModel[ConfirmationRecord]):
    """A school's confirmation documents of a year."""

    def __init__(
        self, parent: object = None, *, programme_name: Callable[[str | None], str]
    ) -> None:
        super().__init__(parent)
        self.columns = (
            Column(lambda: _("Measure"), lambda c: c.measure or "—", stretch=True, max_width=260),
            Column(lambda: _("Programme"), lambda c: programme_name(c.document_id), max_width=200),
            Column(lambda: _("Stage"), lambda c: c.stage or "—"),
            Column(lambda: _("Document"), lambda c: c.title or c.file_name or "—", max_width=200),
            Column(
                lambda: _("IS MEDK"),
                lambda c: short_date(c.medk_uploaded_on) or _("not uploaded"),
                caution=lambda c: c.medk_uploaded_on is None,
                header_tip=lambda: _("Uploaded to IS MEDK"),
            ),
        )


class WorklistTableModel(RowTableModel[WorklistEntry]):
    """The documents needing the curator across schools (by default in the service's order:
    overdue first, then by deadline)."""

    NEEDS = 2
    """The column that sorts in the service's order."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.order: dict[int, int] = {}
        self.columns = (
            Column(
                lambda: _("School"),
                lambda e: e.summary.school_name,
                stretch=True,
                max_width=300,
            ),
            Column(
                lambda: _("Document"),
                lambda e: document_name(e.summary.kind, e.summary.factor_code),
                max_width=260,
            ),
            Column(
                lambda: _("Needs"),
                lambda e: _(WORKLIST_NEEDS[e.group]) if e.group in WORKLIST_NEEDS else e.group,
                sort_key=lambda e: self.order.get(id(e), 0),
                attention=lambda e: e.group == "overdue",
            ),
            Column(
                lambda: _("Deadline"),
                lambda e: short_date(e.summary.revision_deadline) or "—",
                sort_key=lambda e: e.summary.revision_deadline,
                attention=lambda e: e.group == "overdue",
            ),
            Column(lambda: _("Status"), lambda e: status_text(e.summary), max_width=260),
        )


def set_worklist_rows(model: WorklistTableModel, entries: list[WorklistEntry]) -> None:
    """Show ``entries``, remembering their order so the Needs column sorts by it."""
    model.order = {id(entry): index for index, entry in enumerate(entries)}
    model.set_rows(entries)
