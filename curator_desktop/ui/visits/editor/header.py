"""The top of the visit editor: which visit it is, whether it is read-only, what went wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.common import colours

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import VisitRecord

PROBLEM_STYLE = colours.ERROR_STYLE


class VisitHeader(QWidget):
    """Shows the visit's type, school, date and status, the read-only banner of a completed
    visit and the reason the last write was refused (hidden when there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.read_only_banner = QLabel()
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "background: palette(alternate-base); padding: 6px; border-radius: 4px;"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.problem)

    def show_visit(self, visit: VisitRecord) -> str:
        """Show the visit's title and status; returns the window title for it."""
        date = format_date(visit.date) if visit.date else _("date not set")
        self.title.setText(
            _("{type} visit — {school}").format(
                type=VisitType.label_for(visit.visit_type), school=visit.school_name
            )
        )
        self.subtitle.setText(
            _("{date} · status: {status}").format(
                date=date, status=VisitStatus.label_for(visit.status)
            )
        )
        return f"{visit.school_name} — {date}"

    def show_read_only(self, visit: VisitRecord, read_only: bool) -> None:
        """Show (or hide) the banner saying when the visit was completed and how to reopen it."""
        when = format_date(visit.completed_at.date()) if visit.completed_at else ""
        self.read_only_banner.setText(
            _(
                "This visit was completed on {date} and is read-only. Press «Reopen…» to change "
                "it; the reopening is recorded in the history."
            ).format(date=when)
        )
        self.read_only_banner.setVisible(read_only)

    def show_problem(self, message: str) -> None:
        """Show why a write was refused; an empty message hides the line."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
