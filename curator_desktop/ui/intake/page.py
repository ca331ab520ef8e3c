"""The «Packages» page: every package imported into this store, newest first (refused ones
marked, with the reason), and the curators' reports they brought with the coordinator's review
— accepted, needs revision, under watch — set on many at once.

The log is written by the exchange service whoever imports (this window, the command line); the
page only reads it, and sets reviews through :class:`~curator_desktop.services.intake.service.
IntakeService`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.intake import ReviewState
from curator_desktop.i18n import _, format_datetime, format_number, ngettext
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.intake.models import PackageTableModel, ReportTableModel

if TYPE_CHECKING:
    from curator_desktop.services.intake.rows import PackageRow, ReportRow
    from curator_desktop.services.intake.service import IntakeService

_BUTTONS = (
    (ReviewState.ACCEPTED, lambda: _("&Accept")),
    (ReviewState.REVISE, lambda: _("Send for re&vision")),
    (ReviewState.WATCH, lambda: _("Keep under &watch")),
)


class PackagesPage(Page):
    """The log of packages received and the review of the curators' reports."""

    kinds = frozenset({Change.EXCHANGE, Change.REPORTS})
    data_changed = Signal(frozenset)
    """Reviews were set here: what changed (``Changes``, for the main window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count_label = QLabel()
        intro = self.intro(
            _(
                "Every package imported into this store, refused ones too, and the curators' "
                "reports they brought, with your review of each."
            )
        )
        self.packages = RecordTable(PackageTableModel(), sort_order=Qt.SortOrder.DescendingOrder)
        self.packages.set_empty_text(_("Opening the store…"), "")
        self.packages.view.selectionModel().currentRowChanged.connect(self._show_package)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setContentsMargins(4, 4, 4, 4)
        details_area = QScrollArea()
        details_area.setWidgetResizable(True)
        details_area.setFrameShape(QFrame.Shape.NoFrame)
        details_area.setWidget(self.details)
        packages_tab = QWidget()
        packages_layout = QVBoxLayout(packages_tab)
        packages_layout.addWidget(self.packages, 2)
        packages_layout.addWidget(details_area, 1)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by curator, kind, school or comment"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.reports = RecordTable(ReportTableModel(), sort_order=Qt.SortOrder.DescendingOrder)
        self.reports.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.reports.set_empty_text(_("Opening the store…"), "")
        self.reports.row_activated.connect(self._open)
        self.reports.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.search_lead = SearchLead(self.search, self.reports.view)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.open_button)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(_("Comment for the curator (optional)"))
        self.comment.setToolTip(
            _("Set with the state on every selected report; left empty, each keeps its own.")
        )
        comment_label = QLabel(_("&Comment:"))
        comment_label.setBuddy(self.comment)
        self.selected_label = QLabel()
        self.state_buttons: dict[ReviewState, QPushButton] = {}
        bulk = QHBoxLayout()
        bulk.addWidget(self.selected_label)
        bulk.addWidget(comment_label)
        bulk.addWidget(self.comment, 1)
        for state, text in _BUTTONS:
            button = QPushButton(text())
            button.setAutoDefault(False)
            button.setToolTip(_("Mark the selected reports «{state}»").format(state=state.label))
            button.clicked.connect(lambda _checked=False, s=state: self.set_state(s))
            bulk.addWidget(button)
            self.state_buttons[state] = button
        reports_tab = QWidget()
        reports_layout = QVBoxLayout(reports_tab)
        reports_layout.addLayout(tools)
        reports_layout.addWidget(self.reports, 1)
        reports_layout.addLayout(bulk)

        self.tabs = QTabWidget()
        self.tabs.addTab(packages_tab, "")
        self.tabs.addTab(reports_tab, "")
        self.build_layout(intro, self.tabs, beside_title=(self.count_label,))
        self._update_buttons()

    def title(self) -> str:
        return _("Packages")

    def start_focus(self) -> QWidget:
        return self.packages.view if self.tabs.currentIndex() == 0 else self.search

    def service(self) -> IntakeService:
        assert self.context is not None
        return self.context.intake_service

    # -- the lists -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """A refused package changes nothing the window announces: read the log again."""
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if self.context is None:
            return
        service = self.service()
        packages, reports = service.packages(), service.reports()
        self.packages.set_empty_text(
            _("No packages received yet"),
            _("Import the curators' packages on the Exchange page: each one is listed here."),
        )
        self.reports.set_empty_text(
            _("No curators' reports received yet"),
            _("Reports the curators made come with their packages and are listed here."),
        )
        current = self._current_package()
        self.packages.set_rows(packages)
        self._select_package(current.id if current else None)
        chosen = {row.id for row in self.selected_reports()}
        self.reports.set_rows(reports)
        self._select_reports(chosen)
        refused = sum(1 for row in packages if row.refused)
        self.tabs.setTabText(
            0,
            _("&Packages received ({count})").format(count=format_number(len(packages)))
            if not refused
            else _("&Packages received ({count}, refused {refused})").format(
                count=format_number(len(packages)), refused=format_number(refused)
            ),
        )
        waiting = sum(1 for row in reports if row.state is None or row.changed_since_review)
        self.tabs.setTabText(
            1,
            _("Curators' &reports ({count}, to review {waiting})").format(
                count=format_number(len(reports)), waiting=format_number(waiting)
            ),
        )
        self.count_label.setText(
            ngettext("{n} package", "{n} packages", len(packages)).format(
                n=format_number(len(packages))
            )
        )
        self._show_package()
        self._update_buttons()

    def _current_package(self) -> PackageRow | None:
        index = self.packages.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _select_package(self, package_id: str | None) -> None:
        proxy = self.packages.proxy
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if package_id is None or index.data(ROW_ROLE).id == package_id:
                self.packages.view.setCurrentIndex(index)
                return

    def _show_package(self, *_args: object) -> None:
        from curator_desktop.services.intake.text import details_lines

        row = self._current_package()
        if row is None:
            self.details.clear()
            return
        lines = [f"<b>{_escape(row.file_name)}</b> — {_escape(row.outcome.label)}"]
        if row.sender_name or row.sender_store_id:
            sender = _("Sender: {name} (store {store}, computer {device})").format(
                name=row.sender_name or _("unknown"),
                store=row.sender_store_id or "—",
                device=row.sender_device_id or "—",
            )
            lines.append(_escape(sender))
        if row.created_at is not None:
            made = _("Made: {when}").format(when=format_datetime(row.created_at))
            lines.append(_escape(made))
        if row.refused:
            lines.append(_escape(_("Refused: {reason}").format(reason=row.reason)))
        kinds = details_lines(row)
        if kinds:
            lines.append(_escape("; ".join(kinds)))
        lines += [_escape(_("Warning: {text}").format(text=text)) for text in row.warnings]
        self.details.setText("<br>".join(lines))

    def selected_reports(self) -> list[ReportRow]:
        rows = self.reports.view.selectionModel().selectedRows()
        return [index.data(ROW_ROLE) for index in rows]

    def _select_reports(self, report_ids: set[str]) -> None:
        selection = self.reports.view.selectionModel()
        proxy = self.reports.proxy
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if index.data(ROW_ROLE).id in report_ids:
                selection.select(index, flags)

    def _update_buttons(self, *_args: object) -> None:
        count = len(self.selected_reports()) if self.context is not None else 0
        for button in self.state_buttons.values():
            button.setEnabled(count > 0)
        self.open_button.setEnabled(count == 1)
        self.selected_label.setText(
            ngettext("{n} selected", "{n} selected", count).format(n=format_number(count))
        )

    def _on_search_text_changed(self, text: str) -> None:
        self.reports.set_query(text)

    # -- actions ---------------------------------------------------------------------------------

    def set_state(self, state: ReviewState) -> int:
        """Set ``state`` (and the comment, if one is written) on every selected report."""
        chosen = self.selected_reports()
        if not chosen or self.context is None:
            return 0
        comment = self.comment.text().strip() or None
        try:
            count = self.service().review([row.id for row in chosen], state, comment)
        except CuratorError as exc:  # nothing was set
            show_error(self, exc)
            return 0
        self.comment.clear()
        self.refresh()
        from curator_desktop.services.intake.service import REVIEW_CHANGES

        self.data_changed.emit(REVIEW_CHANGES)
        return count

    def open_selected(self) -> None:
        chosen = self.selected_reports()
        if len(chosen) == 1:
            self._open(chosen[0])

    def _open(self, row: ReportRow) -> None:
        if self.context is None or row is None or row.record is None:
            return
        from curator_desktop.ui.reports.actions import open_report

        open_report(self, self.context, row.record)


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
