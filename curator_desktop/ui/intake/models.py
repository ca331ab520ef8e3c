"""The packages received and the curators' reports as Qt tables (columns declared as data)."""

from __future__ import annotations

from curator_desktop.domain.intake import Outcome, ReviewState
from curator_desktop.i18n import _, format_date, format_datetime, pgettext
from curator_desktop.services.intake.rows import PackageRow, ReportRow
from curator_desktop.services.intake.text import summary_text
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel
from curator_desktop.ui.reports.record_model import short_kind


def _what(row: PackageRow) -> str:
    """What the package brought, or why it was refused."""
    if row.refused:
        return row.reason
    return summary_text(row) or _("nothing")


def _sender(row: PackageRow) -> str:
    return row.sender_name or (_("unknown") if row.refused else "")


RECEIVED = Column[PackageRow](
    lambda: pgettext("package or report", "Received"),
    lambda r: format_datetime(r.received_at),
    sort_key=lambda r: r.received_at.isoformat(),
)
OUTCOME = Column[PackageRow](
    lambda: _("Result"),
    lambda r: r.outcome.label,
    attention=lambda r: r.refused,
    tooltip=lambda r: "\n".join(r.warnings),
    samples=lambda: [outcome.label for outcome in Outcome],
)
SENDER = Column[PackageRow](
    lambda: _("Sender"),
    _sender,
    tooltip=lambda r: r.sender_store_id,
    max_width=220,
)
FILE = Column[PackageRow](
    lambda: _("File"), lambda r: r.file_name, tooltip=lambda r: r.file_name, max_width=180
)
WHAT = Column[PackageRow](
    lambda: _("Records or reason"),
    _what,
    tooltip=_what,
    attention=lambda r: r.refused,
    header_tip=lambda: _("What the package brought, or why it was refused"),
    stretch=True,
)


class PackageTableModel(RowTableModel[PackageRow]):
    """One row per import attempt."""

    columns = (RECEIVED, OUTCOME, SENDER, FILE, WHAT)


def _not_reviewed() -> str:
    return pgettext("report review", "Not reviewed")


def state_text(row: ReportRow) -> str:
    """«Needs revision», «Not reviewed», with «new version» when one came after the review."""
    text = row.state.label if row.state is not None else _not_reviewed()
    if row.changed_since_review:
        text = _("{state}, new version").format(state=text)
    return text


def _reviewed_tip(row: ReportRow) -> str:
    if row.reviewed_at is None:
        return ""
    when = _("Reviewed {when}").format(when=format_datetime(row.reviewed_at))
    return f"{when}\n{row.comment}" if row.comment else when


REPORT_RECEIVED = Column[ReportRow](
    lambda: pgettext("package or report", "Received"),
    lambda r: format_datetime(r.received_at) if r.received_at else "",
    sort_key=lambda r: r.received_at.isoformat() if r.received_at else "",
)
CURATOR = Column[ReportRow](lambda: _("Curator"), lambda r: r.curator, max_width=240)
KIND = Column[ReportRow](
    lambda: _("Kind"), lambda r: short_kind(r.kind), tooltip=lambda r: r.title, max_width=200
)
SUBJECT = Column[ReportRow](
    lambda: _("About"), lambda r: r.subject, tooltip=lambda r: r.subject, max_width=320
)
VERSION = Column[ReportRow](
    lambda: _("Version"), lambda r: str(r.version), sort_key=lambda r: r.version, align_right=True
)
STATE = Column[ReportRow](
    lambda: _("Review"),
    state_text,
    tooltip=_reviewed_tip,
    attention=lambda r: r.state is ReviewState.REVISE,
    caution=lambda r: r.state is ReviewState.WATCH or r.changed_since_review,
    samples=lambda: [_not_reviewed(), *(state.label for state in ReviewState)],
)
REVIEWED = Column[ReportRow](
    lambda: pgettext("report review", "Reviewed"),
    lambda r: format_date(r.reviewed_at.astimezone().date(), "short") if r.reviewed_at else "",
    sort_key=lambda r: r.reviewed_at.isoformat() if r.reviewed_at else "",
    tooltip=_reviewed_tip,
)
COMMENT = Column[ReportRow](
    lambda: _("Comment"), lambda r: r.comment, tooltip=lambda r: r.comment, max_width=400
)


class ReportTableModel(RowTableModel[ReportRow]):
    """One row per curator's report received."""

    columns = (REPORT_RECEIVED, CURATOR, KIND, SUBJECT, VERSION, STATE, REVIEWED, COMMENT)
