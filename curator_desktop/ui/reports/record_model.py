"""Generated reports (``ReportRecord``) as a Qt table: the Reports page and a subject's versions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from curator_desktop.domain.enums import ReportKind
from curator_desktop.i18n import NP_, _, format_datetime, pgettext
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord


def language_name(code: str) -> str:
    """A report's language as the interface names it."""
    names = {"ru": _("Russian"), "en": _("English")}
    return names.get(code, code)


_SHORT_KINDS = {
    "visit": NP_("report kind, short", "Visit report"),
    "protocol": NP_("report kind, short", "Protocol"),
    "interim": NP_("report kind, short", "Interim report"),
    "final": NP_("report kind, short", "Final report"),
    "selfdiag": NP_("report kind, short", "Self-diagnosis report"),
    "consultations": NP_("report kind, short", "Consultation schedule"),
    "review": NP_("report kind, short", "Expert opinion"),
}
"""Kind labels short enough for a column (the full name is in the tooltip)."""


def short_kind(kind: str) -> str:
    """«Справка», «Протокол», «Промежуточный отчёт», «Итоговый отчёт»."""
    label = _SHORT_KINDS.get(kind)
    return pgettext(*label) if label else ReportKind.label_for(kind)


def _kind_tooltip(row: ReportRecord) -> str:
    full = ReportKind.label_for(row.kind)
    return full if not row.title or row.title == full else f"{full}\n{row.title}"


KIND = Column["ReportRecord"](
    lambda: _("Kind"),
    lambda r: short_kind(r.kind),
    tooltip=_kind_tooltip,
    samples=lambda: [short_kind(kind) for kind in _SHORT_KINDS],
)
SUBJECT = Column["ReportRecord"](
    lambda: _("About"),
    lambda r: r.subject,
    tooltip=lambda r: r.subject,
    header_tip=lambda: _("The school (and the visit's date), or the period of a curator's report"),
    max_width=420,
)
VERSION = Column["ReportRecord"](
    lambda: _("Version"), lambda r: str(r.version), sort_key=lambda r: r.version, align_right=True
)
NUMBER = Column["ReportRecord"](lambda: _("Number"), lambda r: r.document_number)
LANGUAGE = Column["ReportRecord"](
    lambda: _("Language"), lambda r: r.language.upper(), tooltip=lambda r: language_name(r.language)
)
GENERATED = Column["ReportRecord"](
    lambda: _("Generated"),
    lambda r: format_datetime(r.generated_at),
    sort_key=lambda r: r.generated_at.isoformat(),
)

ALL_COLUMNS = (GENERATED, KIND, NUMBER, VERSION, LANGUAGE, SUBJECT)
"""Every report, on the Reports page (the subject last: it takes the spare width)."""
VERSION_COLUMNS = (GENERATED, VERSION, NUMBER, LANGUAGE)
"""The versions of one visit's or school's report."""


class ReportRecordTableModel(RowTableModel["ReportRecord"]):
    """One row per generated PDF; ``columns`` chooses which of the report's fields show."""

    columns = ALL_COLUMNS

    def __init__(
        self, parent: Any = None, *, columns: Sequence[Column[ReportRecord]] = ALL_COLUMNS
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)

    def column_of(self, column: Column[ReportRecord]) -> int:
        """The position of ``column`` (one of this module's constants) in this model."""
        return list(self.columns).index(column)

    def search_text(self, row: ReportRecord) -> str:
        return " ".join(
            (
                short_kind(row.kind),
                ReportKind.label_for(row.kind),
                row.title,
                row.subject,
                row.document_number,
                format_datetime(row.generated_at),
            )
        )
