"""The «Документы» tab of a school's card: the documents expected of the school in a cycle year
(missing ones shown as missing), the versions of the selected document with the conclusion on
each, its history, and the school's confirmation documents.

Every action is a button reachable by Tab (none is a default button): receive a version, review
it, open its file, mark it uploaded to ИС МЭДК, make the «Экспертное заключение»; add a
confirmation document, open it, mark it uploaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.documents import (
    ConfirmationRecord,
    DocumentRecord,
    DocumentStatus,
    HistoryEvent,
    ReviewRecord,
    VersionRecord,
)
from curator_desktop.domain.enums import ReviewConclusion
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.i18n import _, current_language, ngettext
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.enter_keeper import keep_enter
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.screen_fit import scrolling
from curator_desktop.ui.common.widgets.list_table import ListTable
from curator_desktop.ui.documents import actions
from curator_desktop.ui.documents.labels import document_name, short_date
from curator_desktop.ui.documents.models import (
    ConfirmationTableModel,
    DocumentTableModel,
    VersionTableModel,
)

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.documents import DocumentService


def _button(text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    never_default(button)
    return button


class SchoolDocumentsWidget(QWidget):
    """A school's documents of a cycle year; ``data_changed`` carries what a write changed."""

    data_changed = Signal(frozenset)

    def __init__(self, context: AppContext, school_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._school_id = school_id
        self.clock: Callable[[], dt.date] = dt.date.today
        """Where «today» comes from (tests set a fixed date)."""
        self._documents: list[DocumentRecord] = []

        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(cycle_year(self.clock()))
        self.year.setAccessibleName(_("Cycle year"))
        self.year.valueChanged.connect(self._on_year_value_changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.document_model = DocumentTableModel(self)
        self.document_table = ListTable(self.document_model)
        self.document_table.view.setAccessibleName(_("Documents"))
        self.document_table.view.selectionModel().currentRowChanged.connect(
            self._on_document_current_changed
        )
        self.document_table.row_activated.connect(lambda _row: self.review())

        self.document_title = QLabel()
        self.document_title.setWordWrap(True)
        font = self.document_title.font()
        font.setBold(True)
        self.document_title.setFont(font)
        self.version_model = VersionTableModel(self)
        self.version_table = ListTable(
            self.version_model, sort_order=Qt.SortOrder.DescendingOrder
        )  # the newest version first
        self.version_table.view.setAccessibleName(_("Versions"))
        self.version_table.row_activated.connect(lambda _row: self.open_file())
        self.version_table.view.selectionModel().currentRowChanged.connect(
            lambda *_args: self._update_buttons()
        )
        self.receive_button = _button(
            _("Receive version…"),
            _("Record a version the school sent, with its file"),
            self.receive,
        )
        self.review_button = _button(
            _("Review…"), _("Rate the selected version against the criteria"), self.review
        )
        self.open_button = _button(
            _("Open file"), _("Open the selected version's file"), self.open_file
        )
        self.upload_button = _button(
            _("Uploaded to IS MEDK…"),
            _("Record the day the accepted version was uploaded to IS MEDK"),
            self.mark_uploaded,
        )
        self.report_button = _button(
            _("Expert opinion (PDF)"),
            _("Make the «Expert opinion» on the selected version's review"),
            self.make_report,
        )
        self.history = QListWidget()
        self.history.setAccessibleName(_("History"))

        self.confirmation_model = ConfirmationTableModel(self, programme_name=self._programme_name)
        self.confirmation_table = ListTable(self.confirmation_model)
        self.confirmation_table.view.setAccessibleName(_("Confirmation documents"))
        self.confirmation_table.row_activated.connect(lambda _row: self.open_confirmation())
        self.confirmation_table.view.selectionModel().currentRowChanged.connect(
            lambda *_args: self._update_buttons()
        )
        self.add_confirmation_button = _button(
            _("Add confirmation…"),
            _("Record a confirmation document of a measure, with its file"),
            self.add_confirmation,
        )
        self.open_confirmation_button = _button(
            _("Open"), _("Open the selected confirmation document"), self.open_confirmation
        )
        self.confirmation_upload_button = _button(
            _("Uploaded to IS MEDK…"),
            _("Record the day the confirmation document was uploaded to IS MEDK"),
            self.mark_confirmation_uploaded,
        )
        keep_enter(self.document_table, self.version_table, self.confirmation_table)
        self._build_layout()
        self.refresh()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        year_label = QLabel(_("Cycle year:"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)

        details = QWidget()
        grid = QGridLayout(details)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.document_title, 0, 0, 1, 3)
        grid.addWidget(self.version_table, 1, 0, 1, 3)
        buttons = (
            self.receive_button,
            self.review_button,
            self.open_button,
            self.upload_button,
            self.report_button,
        )
        for index, button in enumerate(buttons):
            grid.addWidget(button, 2 + index // 3, index % 3)
        history_label = QLabel(_("History:"))
        history_label.setBuddy(self.history)
        grid.addWidget(history_label, 4, 0, 1, 3)
        grid.addWidget(self.history, 5, 0, 1, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(5, 2)

        self.upper = QSplitter(Qt.Orientation.Horizontal)
        self.upper.setChildrenCollapsible(False)
        self.upper.addWidget(self.document_table)
        self.upper.addWidget(details)
        self.upper.setStretchFactor(0, 1)
        self.upper.setStretchFactor(1, 1)
        self.upper.setSizes([460, 540])  # the list and its statuses read whole

        confirmations = QGroupBox(_("Confirmation documents"))
        box = QVBoxLayout(confirmations)
        box.addWidget(self.confirmation_table, 1)
        row = QHBoxLayout()
        for button in (
            self.add_confirmation_button,
            self.open_confirmation_button,
            self.confirmation_upload_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.upper)
        self.splitter.addWidget(confirmations)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 180])
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.splitter, 1)
        rows = self.fontMetrics().lineSpacing()
        self.version_table.setMinimumHeight(rows * 5)
        self.history.setMinimumHeight(rows * 4)
        self.confirmation_table.setMinimumHeight(rows * 5)
        content.setMinimumHeight(rows * 30)  # below that (a laptop at 150 %) the tab scrolls
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(content))

    # -- public ------------------------------------------------------------------------------

    @property
    def service(self) -> DocumentService:
        return self._context.document_service

    @property
    def school_id(self) -> str:
        return self._school_id

    @property
    def last_widget(self) -> QWidget:
        """The last widget Tab reaches in the tab (the card's buttons come after it)."""
        return self.confirmation_upload_button

    def refresh(self, *, keep: str | None = None) -> None:
        """Reload the year's documents (keeping the selected one, or selecting ``keep``)."""
        keep = keep or (self.current_document().id if self.current_document() else None)
        year = self.year.value()
        try:
            self._documents = self.service.documents(self._school_id, year)
            confirmations = self.service.confirmations(self._school_id, year)
            factors = self._context.risk_service.profile(self._school_id, year)
        except Exception as exc:
            show_error(self, exc)
            return
        language = current_language()
        self.document_model.factor_names = {f.code: f.name_in(language) for f in factors}
        self.document_model.order = {d.id: i for i, d in enumerate(self._documents)}
        self.document_model.set_rows(self._documents)
        if self._documents:
            self.document_table.show_rows()
        else:
            self.document_table.show_empty(_("No documents expected"), "")
        self.confirmation_model.set_rows(confirmations)
        if confirmations:
            self.confirmation_table.show_rows()
        else:
            self.confirmation_table.show_empty(
                _("No confirmation documents yet"),
                _("Add the documents confirming the measures done with «Add confirmation…»."),
            )
        self._update_summary()
        rows = self.document_model.rows()
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        if index >= 0:
            self.document_table.view.selectRow(index)
        self._show_document(self.current_document())

    def current_document(self) -> DocumentRecord | None:
        index = self.document_table.view.currentIndex()
        if not index.isValid():
            return None
        return self.document_model.row_at(index.row())

    def current_version(self) -> VersionRecord | None:
        """The selected version of the selected document (its latest when none is selected)."""
        document = self.current_document()
        if document is None or not document.versions:
            return None
        index = self.version_table.view.currentIndex()
        if index.isValid():
            return self.version_model.row_at(index.row())
        return document.latest_version

    # -- actions -----------------------------------------------------------------------------

    def receive(self) -> None:
        document = self.current_document()
        if document is None:
            return
        title = document_name(document.kind, document.factor_code, self.document_model.factor_names)
        done = actions.receive_version(
            self, self.service, document, today=self.clock(), title=title
        )
        self._after_write(done, document.id)

    def review(self) -> None:
        document, version = self.current_document(), self.current_version()
        if document is None or version is None:
            return
        title = document_name(document.kind, document.factor_code, self.document_model.factor_names)
        done = actions.review_version(
            self, self.service, document, version, today=self.clock(), title=title
        )
        self._after_write(done, document.id)

    def open_file(self) -> None:
        version = self.current_version()
        if version is not None and version.attachment_id:
            actions.open_attachment(self, self.service, version.attachment_id, version.file_name)

    def mark_uploaded(self) -> None:
        document, version = self.current_document(), self.current_version()
        if document is None or version is None:
            return
        done = actions.mark_version_uploaded(self, self.service, version, today=self.clock())
        self._after_write(done, document.id)

    def make_report(self) -> None:
        document, version = self.current_document(), self.current_version()
        review = self._review_of(document, version)
        if review is not None:
            actions.show_review_report(self, self._context, review.id)

    def add_confirmation(self) -> None:
        done = actions.add_confirmation(
            self,
            self.service,
            school_id=self._school_id,
            year=self.year.value(),
            programmes=[(d.id, self._programme_name(d.id)) for d in self._documents if d.present],
            current=self.current_document(),
            today=self.clock(),
        )
        self._after_write(done, None)

    def open_confirmation(self) -> None:
        record = self._current_confirmation()
        if record is not None and record.attachment_id:
            actions.open_attachment(self, self.service, record.attachment_id, record.file_name)

    def mark_confirmation_uploaded(self) -> None:
        record = self._current_confirmation()
        if record is None:
            return
        done = actions.mark_confirmation_uploaded(self, self.service, record, today=self.clock())
        self._after_write(done, None)

    # -- helpers -----------------------------------------------------------------------------

    def _after_write(self, done: bool, keep: str | None) -> None:
        if not done:
            return
        self.data_changed.emit(self.service.CHANGED)
        self.refresh(keep=keep)

    def _current_confirmation(self) -> ConfirmationRecord | None:
        index = self.confirmation_table.view.currentIndex()
        if not index.isValid():
            return None
        return self.confirmation_model.row_at(index.row())

    @staticmethod
    def _review_of(
        document: DocumentRecord | None, version: VersionRecord | None
    ) -> ReviewRecord | None:
        if document is None or version is None:
            return None
        return next((r for r in reversed(document.reviews) if r.version_id == version.id), None)

    def _programme_name(self, document_id: str | None) -> str:
        if document_id is None:
            return "—"
        document = next((d for d in self._documents if d.id == document_id), None)
        if document is None:
            return "—"
        return document_name(document.kind, document.factor_code, self.document_model.factor_names)

    def _update_summary(self) -> None:
        expected = [d for d in self._documents if d.expected]
        accepted = sum(
            d.status in (DocumentStatus.ACCEPTED, DocumentStatus.UPLOADED) for d in expected
        )
        missing = sum(d.status == DocumentStatus.MISSING for d in expected)
        overdue = sum(d.overdue for d in self._documents)
        parts = [
            _("{accepted} of {expected} expected documents accepted").format(
                accepted=accepted, expected=len(expected)
            )
        ]
        if missing:
            parts.append(
                ngettext("{n} not received", "{n} not received", missing).format(n=missing)
            )
        if overdue:
            parts.append(ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue))
        self.summary.setText("; ".join(parts))

    def _show_document(self, document: DocumentRecord | None) -> None:
        self.history.clear()
        if document is None:
            self.document_title.setText("")
            self.version_model.set_rows([])
            self.version_table.show_empty(_("Select a document"), "")
            self._update_buttons()
            return
        self.document_title.setText(
            document_name(document.kind, document.factor_code, self.document_model.factor_names)
        )
        self.version_model.reviews = {r.version_id: r for r in document.reviews if r.version_id}
        self.version_model.set_rows(list(document.versions))
        if document.versions:
            self.version_table.show_rows()
            self.version_table.view.selectRow(0)
        else:
            self.version_table.show_empty(
                _("Not received yet"),
                _("When the school sends the document, record it with «Receive version…»."),
            )
        for event in document.history:
            self.history.addItem(_history_line(event))
        self._update_buttons()

    def _update_buttons(self) -> None:
        document, version = self.current_document(), self.current_version()
        self.receive_button.setEnabled(document is not None)
        self.review_button.setEnabled(version is not None)
        self.open_button.setEnabled(version is not None and bool(version.attachment_id))
        review = self._review_of(document, version)
        accepted = review is not None and review.conclusion == ReviewConclusion.ACCEPT
        self.upload_button.setEnabled(accepted)
        self.report_button.setEnabled(review is not None)
        has_confirmation = self.confirmation_model.row_count() > 0
        self.open_confirmation_button.setEnabled(has_confirmation)
        self.confirmation_upload_button.setEnabled(has_confirmation)

    def _on_year_value_changed(self, _year: int) -> None:
        self.refresh()

    def _on_document_current_changed(self, *_args: object) -> None:
        self._show_document(self.current_document())


def _history_line(event: HistoryEvent) -> str:
    text = f"{short_date(event.on)} — {event.status.label}"
    if event.version_number:
        text += ", " + _("version {number}").format(number=event.version_number)
    if event.deadline:
        text += ", " + _("deadline {date}").format(date=short_date(event.deadline))
    return text
