"""The visit editor: one window per visit, every change saved as it is made.

Tabs: details and participants, the checklist, lessons observed, findings per risk factor,
recommendations, photos and files. «Complete visit» lists what is missing; a completed visit is
read-only until «Reopen», which is recorded in the history with its reason.

The window lays out and shows the visit; its parts live beside it: :mod:`header` (title, status,
problems), :mod:`action_bar` (the commands and the autosave state), :mod:`visit_writer` (store
writes through the autosaver), :mod:`edit_wiring` (the tabs' edits to their writes) and
:mod:`completion_flow` (completing and reopening).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.domain.checklists.answers import localized
from curator_desktop.i18n import _, ngettext
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.visits.editor.action_bar import ActionBar
from curator_desktop.ui.visits.editor.completion_flow import CompletionFlow
from curator_desktop.ui.visits.editor.details_tab import DetailsTab
from curator_desktop.ui.visits.editor.edit_wiring import EditWiring
from curator_desktop.ui.visits.editor.findings_tab import FindingsTab
from curator_desktop.ui.visits.editor.header import VisitHeader
from curator_desktop.ui.visits.editor.lessons_tab import LessonsTab
from curator_desktop.ui.visits.editor.recommendations_tab import RecommendationsTab
from curator_desktop.ui.visits.editor.visit_writer import VisitWriter

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import AttachmentRecord, EditorState, MissingItem
    from curator_desktop.services.context import AppContext
    from curator_desktop.ui.visits.editor.attachment_panel import AttachmentPanel
    from curator_desktop.ui.visits.editor.checklist_form import ChecklistForm

log = logging.getLogger(__name__)

PREFERRED_SIZE = (1100, 760)


class VisitEditor(QDialog):
    """Edits one visit. ``visit_changed(kinds)`` tells the main window what to refresh."""

    visit_changed = Signal(frozenset)

    def __init__(self, context: AppContext, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.context = context
        self.service = context.visit_service
        self.visit_id = visit_id
        self.state: EditorState | None = None
        self.writer = VisitWriter(self)
        self.autosaver = self.writer.autosaver
        self.writer.changed.connect(self.visit_changed)

        self.header = VisitHeader()
        self.problem = self.header.problem
        self.read_only_banner = self.header.read_only_banner
        self.action_bar = ActionBar()
        self.save_state = self.action_bar.save_state
        self.complete_button = self.action_bar.complete_button
        self.reopen_button = self.action_bar.reopen_button

        self.tabs = QTabWidget()
        self.details = DetailsTab()
        self.checklist_holder = QWidget()
        self.checklist_layout = QVBoxLayout(self.checklist_holder)
        self.checklist_layout.setContentsMargins(0, 0, 0, 0)
        self.form: ChecklistForm | None = None
        path_for = self.service.attachment_path
        from curator_desktop.ui.visits.editor.thumbnails import ThumbnailLoader

        self.thumbnails = ThumbnailLoader(self)
        side_widths = context.settings.side_panel_widths
        self.lessons = LessonsTab(path_for, thumbnails=self.thumbnails, side_widths=side_widths)
        self.findings = FindingsTab()
        self.recommendations = RecommendationsTab()
        from curator_desktop.ui.visits.editor.attachment_panel import AttachmentPanel

        self.files: AttachmentPanel = AttachmentPanel(path_for, thumbnails=self.thumbnails)
        from curator_desktop.ui.reports.versions import ReportVersionsWidget

        self.reports = ReportVersionsWidget(context, visit_id=visit_id, kind="visit")
        for widget, label in (
            (self.details, _("&Details")),
            (self.checklist_holder, _("&Checklist")),
            (self.lessons, _("&Lessons")),
            (self.findings, _("&Findings")),
            (self.recommendations, _("Recommendatio&ns")),
            (self.files, _("P&hotos and files")),
            (self.reports, _("Re&ports")),
        ):
            self.tabs.addTab(widget, label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.action_bar)
        self.completion = CompletionFlow(self)
        self.wiring = EditWiring(self)
        self._connect_parts()
        self.load()
        # Every change is saved as it is typed: Enter in a field presses no button at all.
        never_default(*self.findChildren(QPushButton))
        fit_to_screen(self, PREFERRED_SIZE)

    def _connect_parts(self) -> None:
        self.writer.autosaver.state_changed.connect(self.action_bar.show_save_state)
        self.writer.problem_changed.connect(self.header.show_problem)
        self.writer.read_only_refused.connect(self.load)
        bar = self.action_bar
        bar.compare_requested.connect(self.compare_with_previous)
        bar.report_requested.connect(self.generate_report)
        bar.complete_requested.connect(self.complete)
        bar.reopen_requested.connect(self.reopen)
        bar.close_requested.connect(self.close)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save_now)
        self.wiring.connect_tabs()

    # --- showing the visit ------------------------------------------------------------------

    def load(self) -> None:
        """Read the whole visit from the store and show it."""
        state = self.service.load(self.visit_id)
        self.state = state
        visit = state.visit
        self._show_header()
        self.details.show_visit(visit)
        self.details.show_participants(state.participants)
        if self.form is None and visit.template:
            self._build_form(visit.template)
        if self.form is not None:
            self.form.set_answers(state.answers)
        self.lessons.show_lessons(
            state.lessons, state.lesson_answers, self._lesson_attachments(state)
        )
        self.findings.show_findings(state.factors, state.findings)
        self.recommendations.visit_id = visit.id
        self.recommendations.set_factors(state.factors)
        self.recommendations.show_recommendations(state.recommendations)
        self._show_attachments(state)
        self._apply_read_only(visit.read_only)
        self._update_tab_titles()

    def _build_form(self, template: dict[str, Any]) -> None:
        from curator_desktop.ui.visits.editor.checklist_form import ChecklistForm

        title = QLabel(localized(template.get("title")))
        title.setStyleSheet("font-weight: bold;")
        self.checklist_layout.addWidget(title)
        self.form = ChecklistForm(
            template,
            self.service.attachment_path,
            thumbnails=self.thumbnails,
            side_widths=self.context.settings.side_panel_widths,
        )
        self.form.section_list.setAccessibleName(_("Sections of the checklist"))
        self.wiring.connect_form(self.form)
        self.checklist_layout.addWidget(self.form, 1)

    def _show_header(self) -> None:
        assert self.state is not None
        self.setWindowTitle(self.header.show_visit(self.state.visit))

    def refresh_visit_record(self) -> None:
        """Show the visit's own fields again (type, date, status) after a write changed them."""
        assert self.state is not None
        fresh = self.service.load(self.visit_id)
        self.state = replace(self.state, visit=fresh.visit)
        self._show_header()

    def reload_lessons(self, select_id: str | None = None) -> None:
        """Show the lessons as stored (selecting ``select_id``)."""
        state = self.service.load(self.visit_id)
        self.state = state
        self.lessons.show_lessons(
            state.lessons,
            state.lesson_answers,
            self._lesson_attachments(state),
            select_id=select_id,
        )
        self._update_tab_titles()

    def reload_recommendations(self, select_id: str | None = None) -> None:
        """Show the recommendations as stored (selecting ``select_id``)."""
        state = self.service.load(self.visit_id)
        self.state = state
        self.recommendations.show_recommendations(state.recommendations, select_id=select_id)
        self._update_tab_titles()

    def reload_attachments(self) -> None:
        """Show the photos and files as stored, on the visit and on their items."""
        state = self.service.load(self.visit_id)
        self.state = state
        self._show_attachments(state)
        self._update_tab_titles()

    def _show_attachments(self, state: EditorState) -> None:
        self.files.set_attachments(state.attachments)
        if self.form is not None:
            self.form.set_attachments(self._item_attachments(state, None))
        lessons = self._lesson_attachments(state)
        if self.lessons.form is not None:
            lesson = self.lessons.current_lesson()
            self.lessons.form.set_attachments(lessons.get(lesson.id, {}) if lesson else {})

    @staticmethod
    def _item_attachments(
        state: EditorState, lesson_id: str | None
    ) -> dict[str, list[AttachmentRecord]]:
        answers = state.answers if lesson_id is None else state.lesson_answers.get(lesson_id, {})
        key_of = {answer.id: key for key, answer in answers.items()}
        by_item: dict[str, list[AttachmentRecord]] = defaultdict(list)
        for record in state.attachments:
            if record.owner_type == "answer" and record.owner_id in key_of:
                by_item[key_of[record.owner_id]].append(record)
        return by_item

    def _lesson_attachments(self, state: EditorState) -> dict[str, dict[str, list[Any]]]:
        return {lesson.id: self._item_attachments(state, lesson.id) for lesson in state.lessons}

    def _update_tab_titles(self) -> None:
        assert self.state is not None
        state = self.state
        own = sum(1 for r in state.recommendations if r.visit_id == self.visit_id)
        titles = {
            self.lessons: ngettext("&Lessons ({n})", "&Lessons ({n})", len(state.lessons)),
            self.recommendations: ngettext("Recommendatio&ns ({n})", "Recommendatio&ns ({n})", own),
            self.files: ngettext(
                "P&hotos and files ({n})", "P&hotos and files ({n})", len(state.attachments)
            ),
        }
        for widget, title in titles.items():
            count = {
                self.lessons: len(state.lessons),
                self.recommendations: own,
                self.files: len(state.attachments),
            }[widget]
            self.tabs.setTabText(self.tabs.indexOf(widget), title.format(n=count))
        if self.form is None:
            self.tabs.setTabEnabled(self.tabs.indexOf(self.checklist_holder), False)
            self.tabs.setTabToolTip(
                self.tabs.indexOf(self.checklist_holder),
                _("This visit has no checklist: no template matches its type."),
            )

    # --- read-only --------------------------------------------------------------------------

    def _apply_read_only(self, read_only: bool) -> None:
        assert self.state is not None
        self.header.show_read_only(self.state.visit, read_only)
        self.details.set_read_only(read_only)
        if self.form is not None:
            self.form.set_read_only(read_only)
        self.lessons.set_read_only(read_only)
        self.findings.set_read_only(read_only)
        self.recommendations.set_read_only(read_only)
        self.files.set_read_only(read_only)
        self.action_bar.set_read_only(read_only)

    @property
    def read_only(self) -> bool:
        return self.state is not None and self.state.visit.read_only

    # --- commands ---------------------------------------------------------------------------

    def save_now(self) -> bool:
        """Write whatever is still waiting for the typing pause (Ctrl+S)."""
        return self.writer.save_now()

    def complete(self) -> bool:
        """Complete the visit, or list what is missing with a jump to each item."""
        return self.completion.complete()

    def jump_to(self, item: MissingItem) -> None:
        """Show a missing item and put the cursor in its answer."""
        self.completion.jump_to(item)

    def reopen(self) -> bool:
        """Ask why the visit is reopened and make it editable again."""
        return self.completion.reopen()

    def generate_report(self) -> Any:
        """Make the visit report off the GUI thread and open its preview."""
        from curator_desktop.ui.reports.actions import generate_and_preview

        if not self.save_now():
            return None

        def on_generated(record: Any) -> None:
            self.reports.refresh()
            self.writer.announce(*record.changes)
            self.load()

        return generate_and_preview(
            self, self.context, "visit", visit_id=self.visit_id, on_generated=on_generated
        )

    def compare_with_previous(self) -> None:
        from curator_desktop.ui.visits.editor.compare_dialog import CompareDialog

        self.save_now()
        CompareDialog(self.service.compare_with_previous(self.visit_id), self).exec()

    def reject(self) -> None:
        """Closing (Esc, the window's close button, «Close») saves what is pending first."""
        if not self.save_now():
            answer = QMessageBox.question(
                self,
                _("Close visit"),
                _("Some changes could not be saved:\n{problem}\n\nClose anyway?").format(
                    problem=self.problem.text()
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.writer.announce(Change.VISITS)
        super().reject()
