"""A school's card: its fields in the first tab, further tabs (risk profile) added by the caller."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.schools.rules import FieldErrors, SchoolFields, validate_school
from curator_desktop.i18n import _, ngettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.enter_keeper import keep_enter_within
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.schools.form import ERROR_COLOUR, SchoolForm

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.store.tables import School
    from curator_desktop.ui.documents.school_tab import SchoolDocumentsWidget
    from curator_desktop.ui.risk.profile_widget import RiskProfileWidget
    from curator_desktop.ui.schools.card_visits import SchoolVisitsWidget
    from curator_desktop.ui.selfdiag.section import SelfdiagSection

log = logging.getLogger(__name__)

PREFERRED_SIZE = (780, 860)


class SchoolCardDialog(QDialog):
    """Shows and edits one school (or a new one); stores nothing until every field is valid.

    Save stores and closes, Ctrl+S stores and keeps the card open; Cancel or closing with
    unsaved edits asks whether to save them. An existing school can be moved to the archive and
    back. ``school_saved`` and ``school_archived_changed`` carry the school's id; ``data_changed``
    carries what each write changed (``Changes``, from the services). Once the school is stored,
    its risk profile and its visits have their own tabs; ``visit_open_requested`` carries a
    visit's id, ``new_visit_requested`` the school's.
    """

    data_changed = Signal(frozenset)
    """Something was stored from the card: what (``Changes``)."""
    school_saved = Signal(str)
    school_archived_changed = Signal(str)
    profile_changed = Signal(str)
    visit_open_requested = Signal(str)
    """A visit of the school (or a recommendation's visit) was double-clicked: the visit's id."""
    new_visit_requested = Signal(str)
    """«New visit…» on the Visits tab: the school's id."""

    def __init__(
        self, context: AppContext, school_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._service = context.school_service
        self._school_id = school_id
        self.profile_widget: RiskProfileWidget | None = None
        self.visits_widget: SchoolVisitsWidget | None = None
        self.documents_widget: SchoolDocumentsWidget | None = None
        self.selfdiag_widget: SelfdiagSection | None = None
        self._archived = False
        self._name = ""

        self.form = SchoolForm()
        self.form.changed.connect(self._on_form_changed)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.scroll, _("Card"))

        self.archived_banner = QLabel(
            _("This school is in the archive: it is hidden from the list of schools.")
        )
        self.archived_banner.setWordWrap(True)
        self.archived_banner.setStyleSheet(colours.NOTICE_STYLE)
        self.curators_label = QLabel()
        self.curators_label.setWordWrap(True)
        self.curators_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self._on_archive_clicked)
        never_default(self.archive_button)  # Enter in a field saves, never archives
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(_("Save and close (Ctrl+S saves and keeps the card open)"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self._on_save_shortcut_activated)

        bottom = QHBoxLayout()
        bottom.addWidget(self.archive_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.archived_banner)
        layout.addWidget(self.curators_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        if school_id is None:
            self.form.load(SchoolFields())
        else:
            self._show_school(self._service.get(school_id))
            self._add_record_tabs()
        self._update_header()
        self.save_button.setDefault(True)  # Enter in a field saves (the last word on defaults)
        self._fit_to_screen()

    # -- public ------------------------------------------------------------------------------

    @property
    def school_id(self) -> str | None:
        """The school's id; ``None`` for a new school until it is first saved."""
        return self._school_id

    @property
    def archived(self) -> bool:
        return self._archived

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab after the card (the risk profile, for instance); returns its index."""
        return self.tabs.addTab(widget, title)

    def refresh_visits(self) -> None:
        """Reload the Visits tab (after a visit of this school was saved elsewhere)."""
        if self.visits_widget is not None:
            self.visits_widget.refresh()

    def save(self) -> bool:
        """Validate and store the card; on any invalid field show the messages, store nothing."""
        fields = self.form.fields()
        errors = validate_school(fields)
        if errors:
            self._show_errors(errors)
            return False
        try:
            if self._school_id is None:
                school = self._service.create(fields)
            else:
                school = self._service.update(self._school_id, fields)
        except FieldErrors as exc:
            self._show_errors(exc.errors)
            return False
        except Exception as exc:  # the edits stay in the card; the user is told why
            show_error(self, exc)
            return False
        self._school_id = school.id
        self._show_school(school)
        if self.visits_widget is None:
            self._add_record_tabs()
        self._set_status(_("Saved."))
        self.data_changed.emit(self._service.WRITES)
        self.school_saved.emit(school.id)
        return True

    def reject(self) -> None:
        """Cancel, Esc or closing the window: ask before dropping unsaved edits."""
        if self.profile_widget is not None and not self.profile_widget.confirm_leave():
            return
        if self.form.is_modified():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                _("Save changes?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                if self.save():
                    self.accept()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # -- slots -------------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        if self._save_profile() and self.save():
            self.accept()

    def _save_profile(self) -> bool:
        """Store the risk factor being edited (the card's «Save» is the profile's too); False,
        with its tab shown, when the rules refused it."""
        if self.profile_widget is None or self.profile_widget.save_pending():
            return True
        self.tabs.setCurrentWidget(self.profile_widget)
        return False

    def _add_record_tabs(self) -> None:
        """The school's risk profile and visits, once the school exists in the store."""
        from curator_desktop.ui.risk.profile_widget import RiskProfileWidget
        from curator_desktop.ui.schools.card_visits import SchoolVisitsWidget

        assert self._school_id is not None
        # The school's programme decides its section: «500+» the risk profile, «Школа
        # Минпросвещения» the self-diagnosis; one in both (in different years) shows both.
        from curator_desktop.services.selfdiag.card_sections import card_sections

        shows = card_sections(self._context.database, self._school_id, on=date.today())
        if "risk" in shows:
            self.profile_widget = RiskProfileWidget(self._context, self._school_id)
            self.profile_widget.profile_changed.connect(self.profile_changed)
            self.profile_widget.data_changed.connect(self.data_changed)
            self.add_tab(self.profile_widget, _("Risk profile"))
        if "selfdiag" in shows:
            from curator_desktop.ui.selfdiag.section import SelfdiagSection

            self.selfdiag_widget = SelfdiagSection(self._context, self._school_id)
            self.selfdiag_widget.data_changed.connect(self.data_changed)
            self.add_tab(self.selfdiag_widget, _("Self-diagnosis"))
        self.visits_widget = SchoolVisitsWidget(self._context, self._school_id)
        self.visits_widget.visit_open_requested.connect(self.visit_open_requested)
        self.visits_widget.new_visit_requested.connect(self.new_visit_requested)
        never_default(self.visits_widget.new_button)
        self.add_tab(self.visits_widget, _("Visits"))
        from curator_desktop.ui.documents.school_tab import SchoolDocumentsWidget

        self.documents_widget = SchoolDocumentsWidget(self._context, self._school_id)
        self.documents_widget.data_changed.connect(self.data_changed)
        self.add_tab(self.documents_widget, _("Documents"))
        last: QWidget = self.documents_widget.last_widget
        for button in (self.archive_button, self.save_button, self.cancel_button):
            QWidget.setTabOrder(last, button)  # Tab from a tab goes into it, then to the buttons
            last = button
        keep_enter_within(self)  # Enter on a row opens it; it never presses «Save»

    def _on_save_shortcut_activated(self) -> None:
        if self._save_profile():
            self.save()

    def _on_form_changed(self) -> None:
        if self.status_label.text() and not self.form.shown_errors():
            self._set_status("")

    def _on_archive_clicked(self) -> None:
        if self._school_id is None:
            return
        if self._archived:
            question = _("Restore «{name}» from the archive? It returns to the list of schools.")
        else:
            question = _(
                "Move «{name}» to the archive? It disappears from the list of schools; nothing "
                "is deleted and you can restore it at any time."
            )
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            question.format(name=self._name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            if self._archived:
                school = self._service.restore(self._school_id)
            else:
                school = self._service.archive(self._school_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._archived = school.archived_at is not None
        self._update_header()
        self._set_status(_("Moved to the archive.") if self._archived else _("Restored."))
        self.data_changed.emit(self._service.WRITES)
        self.school_archived_changed.emit(school.id)

    # -- helpers -----------------------------------------------------------------------------

    def _show_school(self, school: School) -> None:
        names = self._context.profile_service.curators_of(school.id)
        self.curators_label.setText(
            ngettext("Curator: {names}", "Curators: {names}", len(names)).format(
                names=", ".join(names)
            )
            if names
            else ""
        )
        self.form.load(SchoolFields.from_record(school))
        self._archived = school.archived_at is not None
        self._name = school.short_name or school.full_name
        self._update_header()

    def _update_header(self) -> None:
        self.setWindowTitle(self._name or _("New school"))
        self.archived_banner.setVisible(self._archived)
        self.archive_button.setVisible(self._school_id is not None)
        self.curators_label.setVisible(bool(self.curators_label.text()))
        self.archive_button.setText(
            _("Restore from archive") if self._archived else _("Move to archive")
        )

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.tabs.setCurrentWidget(self.scroll)
        first = self.form.show_errors(errors)
        if first is not None:
            self.scroll.ensureWidgetVisible(first)
        count = len(errors)
        message = ngettext(
            "Correct {n} highlighted field: nothing was saved.",
            "Correct {n} highlighted fields: nothing was saved.",
            count,
        ).format(n=count)
        self._set_status(message, error=True)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")

    def _fit_to_screen(self) -> None:
        fit_to_screen(self, PREFERRED_SIZE, (320, 240), anchor=self.parentWidget())
