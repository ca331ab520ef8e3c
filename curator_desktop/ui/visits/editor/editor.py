"""The visit editor: one window per visit, every change saved as it is made.

Tabs: details and participants, the checklist, lessons observed, findings per risk factor,
recommendations, photos and files. «Complete visit» lists what is missing; a completed visit is
read-only until «Reopen», which is recorded in the history with its reason.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.checklists.answers import localized
from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.errors import CuratorError, IncompleteVisitError, ReadOnlyVisitError
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.visits.editor.autosave import Autosaver
from curator_desktop.ui.visits.editor.details_tab import DetailsTab
from curator_desktop.ui.visits.editor.findings_tab import FindingsTab
from curator_desktop.ui.visits.editor.lessons_tab import LessonsTab
from curator_desktop.ui.visits.editor.recommendations_tab import RecommendationsTab

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import AttachmentRecord, EditorState, MissingItem
    from curator_desktop.services.context import AppContext
    from curator_desktop.ui.visits.editor.attachment_panel import AttachmentPanel
    from curator_desktop.ui.visits.editor.checklist_form import ChecklistForm

log = logging.getLogger(__name__)

PROBLEM_STYLE = "color: #b3261e;"
CHANGE_NOTICE_MS = 800
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
        self.autosaver = Autosaver(self)
        self.autosaver.state_changed.connect(self._on_save_state)
        self._pending_kinds: set[str] = set()
        self._notice = QTimer(self)
        self._notice.setSingleShot(True)
        self._notice.setInterval(CHANGE_NOTICE_MS)
        self._notice.timeout.connect(self._emit_changes)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.save_state = QLabel()
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.problem = QLabel()
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.read_only_banner = QLabel()
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "background: palette(alternate-base); padding: 6px; border-radius: 4px;"
        )

        self.tabs = QTabWidget()
        self.details = DetailsTab()
        self.checklist_holder = QWidget()
        self.checklist_layout = QVBoxLayout(self.checklist_holder)
        self.checklist_layout.setContentsMargins(0, 0, 0, 0)
        self.form: ChecklistForm | None = None
        path_for = self.service.attachment_path
        from curator_desktop.ui.visits.editor.thumbnails import ThumbnailLoader

        self.thumbnails = ThumbnailLoader(self)
        self.lessons = LessonsTab(path_for, thumbnails=self.thumbnails)
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

        self.compare_button = QPushButton(_("Compare with previous visit…"))
        self.compare_button.clicked.connect(self.compare_with_previous)
        self.report_button = QPushButton(_("&Generate report"))
        self.report_button.setToolTip(
            _(
                "The visit report (справка) as a PDF to print and sign; a visit not completed yet "
                "gives a draft."
            )
        )
        self.report_button.clicked.connect(self.generate_report)
        self.complete_button = QPushButton(_("Co&mplete visit…"))
        self.complete_button.clicked.connect(self.complete)
        self.reopen_button = QPushButton(_("&Reopen…"))
        self.reopen_button.clicked.connect(self.reopen)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_state)
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save_now)
        self._connect_tabs()
        self.load()
        self._fit_to_screen()

    # --- loading --------------------------------------------------------------------------

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
            template, self.service.attachment_path, thumbnails=self.thumbnails
        )
        self.form.answer_edited.connect(
            lambda key, value, debounced: self._save_answer(None, key, value, debounced)
        )
        self.form.comment_edited.connect(lambda key, text: self._save_comment(None, key, text))
        self.form.focus_left.connect(lambda key: self._flush(("answer", None, key)))
        self.form.files_added.connect(lambda key, paths: self._attach(paths, item_key=key))
        self.form.caption_changed.connect(self._set_caption)
        self.form.remove_requested.connect(self._remove_attachment)
        self.checklist_layout.addWidget(self.form, 1)

    def _show_header(self) -> None:
        assert self.state is not None
        visit = self.state.visit
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
        self.setWindowTitle(f"{visit.school_name} — {date}")

    def _fit_to_screen(self) -> None:
        fit_to_screen(self, PREFERRED_SIZE)

    # --- read-only --------------------------------------------------------------------------

    def _apply_read_only(self, read_only: bool) -> None:
        assert self.state is not None
        visit = self.state.visit
        when = format_date(visit.completed_at.date()) if visit.completed_at else ""
        self.read_only_banner.setText(
            _(
                "This visit was completed on {date} and is read-only. Press «Reopen…» to change "
                "it; the reopening is recorded in the history."
            ).format(date=when)
        )
        self.read_only_banner.setVisible(read_only)
        self.details.set_read_only(read_only)
        if self.form is not None:
            self.form.set_read_only(read_only)
        self.lessons.set_read_only(read_only)
        self.findings.set_read_only(read_only)
        self.recommendations.set_read_only(read_only)
        self.files.set_read_only(read_only)
        self.complete_button.setVisible(not read_only)
        self.reopen_button.setVisible(read_only)

    @property
    def read_only(self) -> bool:
        return self.state is not None and self.state.visit.read_only

    # --- wiring -----------------------------------------------------------------------------

    def _connect_tabs(self) -> None:
        d = self.details
        d.field_edited.connect(self._save_visit_field)
        d.field_focus_left.connect(lambda name: self._flush(("visit", name)))
        d.participant_added.connect(self._add_participant)
        d.participant_edited.connect(
            lambda pid, name, text: self._write(
                lambda: self.service.update_participant(pid, **{name: text})
            )
        )
        d.participant_removed.connect(self._remove_participant)
        les = self.lessons
        les.lesson_added.connect(self._add_lesson)
        les.lesson_removed.connect(self._remove_lesson)
        les.header_edited.connect(self._save_lesson_header)
        les.header_focus_left.connect(lambda lid, name: self._flush(("lesson", lid, name)))
        les.answer_edited.connect(
            lambda lid, key, value, debounced: self._save_answer(lid, key, value, debounced)
        )
        les.comment_edited.connect(lambda lid, key, text: self._save_comment(lid, key, text))
        les.focus_left.connect(lambda lid, key: self._flush(("answer", lid, key)))
        les.files_added.connect(
            lambda lid, key, paths: self._attach(paths, item_key=key, lesson_id=lid)
        )
        les.caption_changed.connect(self._set_caption)
        les.remove_requested.connect(self._remove_attachment)
        self.findings.finding_edited.connect(self._save_finding)
        self.findings.focus_left.connect(lambda code: self._flush(("finding", code)))
        rec = self.recommendations
        rec.added.connect(self._add_recommendation)
        rec.edited.connect(self._save_recommendation)
        rec.removed.connect(self._remove_recommendation)
        rec.focus_left.connect(lambda rid, name: self._flush(("recommendation", rid, name)))
        self.files.files_added.connect(lambda paths: self._attach(paths))
        self.files.caption_changed.connect(self._set_caption)
        self.files.remove_requested.connect(self._remove_attachment)

    # --- writing ----------------------------------------------------------------------------

    def _write(self, action: Callable[[], Any], *kinds: str) -> bool:
        """Run one store write; a refused write shows its reason and changes nothing."""
        try:
            action()
        except ReadOnlyVisitError as error:
            self._show_problem(error.user_message)
            self.load()
            return False
        except CuratorError as error:
            self._show_problem(error.user_message)
            return False
        self._show_problem("")
        self._pending_kinds.update(kinds or ("visits",))
        self._notice.start()
        return True

    def _save(self, key: tuple[Any, ...], action: Callable[[], Any], debounced: bool) -> None:
        write = lambda: self._write(action)  # noqa: E731 (a deferred call)
        if debounced:
            self.autosaver.later(key, write)
        else:
            self.autosaver.now(key, write)

    def _flush(self, key: tuple[Any, ...]) -> None:
        self.autosaver.flush_key(key)

    def save_now(self) -> bool:
        """Write whatever is still waiting for the typing pause (Ctrl+S)."""
        return self.autosaver.flush()

    def _save_visit_field(self, name: str, value: Any, debounced: bool) -> None:
        def action() -> None:
            self.service.update_visit(self.visit_id, **{name: value})
            if name in ("visit_type", "planned_date", "actual_date"):
                self._refresh_visit_record()

        self._save(("visit", name), action, debounced)

    def _refresh_visit_record(self) -> None:
        from dataclasses import replace

        assert self.state is not None
        fresh = self.service.load(self.visit_id)
        self.state = replace(self.state, visit=fresh.visit)
        self._show_header()

    def _save_answer(self, lesson_id: str | None, key: str, value: Any, debounced: bool) -> None:
        def action() -> None:
            self.service.set_answer(self.visit_id, key, value, lesson_id=lesson_id)
            if self.state is not None and self.state.visit.status == VisitStatus.PLANNED:
                self._refresh_visit_record()

        self._save(("answer", lesson_id, key), action, debounced)

    def _save_comment(self, lesson_id: str | None, key: str, text: str) -> None:
        self._save(
            ("comment", lesson_id, key),
            lambda: self.service.set_comment(self.visit_id, key, text, lesson_id=lesson_id),
            True,
        )

    def _save_finding(self, code: str, text: str) -> None:
        self._save(
            ("finding", code), lambda: self.service.set_finding(self.visit_id, code, text), True
        )

    def _save_lesson_header(self, lesson_id: str, name: str, text: str) -> None:
        self._save(
            ("lesson", lesson_id, name),
            lambda: self.service.update_lesson(lesson_id, **{name: text}),
            True,
        )

    def _save_recommendation(self, rec_id: str, name: str, value: Any, debounced: bool) -> None:
        def action() -> None:
            self.service.update_recommendation(rec_id, **{name: value})
            if not debounced:
                self._reload_recommendations(select_id=rec_id)

        key = ("recommendation", rec_id, name)
        write = lambda: self._write(action, "recommendations")  # noqa: E731
        if debounced:
            self.autosaver.later(key, write)
        else:
            self.autosaver.now(key, write)

    # --- adding and removing records ------------------------------------------------------

    def _add_participant(self) -> None:
        self.save_now()
        if self._write(lambda: self.service.add_participant(self.visit_id)):
            self.details.show_participants(self.service.load(self.visit_id).participants)
            self.details.edit_last_participant()

    def _remove_participant(self, participant_id: str) -> None:
        self.save_now()
        if self._write(lambda: self.service.remove_participant(participant_id)):
            self.details.show_participants(self.service.load(self.visit_id).participants)

    def _add_lesson(self) -> None:
        self.save_now()
        created: list[str] = []
        if self._write(lambda: created.append(self.service.add_lesson(self.visit_id))):
            self._reload_lessons(select_id=created[0])
            self.lessons.header["teacher"].setFocus()

    def _remove_lesson(self, lesson_id: str) -> None:
        answer = QMessageBox.question(
            self,
            _("Remove lesson"),
            _("Remove this lesson observation with its answers?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.save_now()
            if self._write(lambda: self.service.remove_lesson(lesson_id)):
                self._reload_lessons()

    def _reload_lessons(self, select_id: str | None = None) -> None:
        state = self.service.load(self.visit_id)
        self.state = state
        self.lessons.show_lessons(
            state.lessons,
            state.lesson_answers,
            self._lesson_attachments(state),
            select_id=select_id,
        )
        self._update_tab_titles()

    def _add_recommendation(self) -> None:
        self.save_now()
        created: list[str] = []
        action = lambda: created.append(self.service.add_recommendation(self.visit_id))  # noqa: E731
        if self._write(action, "recommendations"):
            self._reload_recommendations(select_id=created[0])
            self.recommendations.text.setFocus()

    def _remove_recommendation(self, rec_id: str) -> None:
        answer = QMessageBox.question(
            self, _("Remove recommendation"), _("Remove this recommendation?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.save_now()
            if self._write(lambda: self.service.remove_recommendation(rec_id), "recommendations"):
                self._reload_recommendations()

    def _reload_recommendations(self, select_id: str | None = None) -> None:
        state = self.service.load(self.visit_id)
        self.state = state
        self.recommendations.show_recommendations(state.recommendations, select_id=select_id)
        self._update_tab_titles()

    # --- attachments ----------------------------------------------------------------------

    def _attach(
        self, paths: list[Any], *, item_key: str | None = None, lesson_id: str | None = None
    ) -> None:
        self.save_now()
        for path in paths:
            action = lambda path=path: self.service.attach(  # noqa: E731
                self.visit_id, path, item_key=item_key, lesson_id=lesson_id
            )
            if not self._write(action):
                break
        self._reload_attachments()

    def _set_caption(self, attachment_id: str, caption: str) -> None:
        self._write(lambda: self.service.set_caption(attachment_id, caption))
        self._reload_attachments()

    def _remove_attachment(self, attachment_id: str) -> None:
        self._write(lambda: self.service.remove_attachment(attachment_id))
        self._reload_attachments()

    def _reload_attachments(self) -> None:
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

    # --- completing -------------------------------------------------------------------------

    def complete(self) -> bool:
        """Complete the visit, or list what is missing with a jump to each item."""
        if not self.save_now():
            return False
        answer = QMessageBox.question(
            self,
            _("Complete visit"),
            _(
                "Complete this visit? It becomes read-only; you can reopen it later if something "
                "has to be corrected."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.service.complete(self.visit_id)
        except IncompleteVisitError as error:
            self._show_missing(error.missing)
            return False
        except CuratorError as error:
            self._show_problem(error.user_message)
            return False
        self._pending_kinds.update({"visits", "schools"})
        self._emit_changes()
        self.load()
        return True

    def _show_missing(self, missing: list[MissingItem]) -> None:
        from curator_desktop.ui.visits.editor.completion_dialog import MissingItemsDialog

        by_lesson: dict[str | None, list[str]] = defaultdict(list)
        for item in missing:
            by_lesson[item.lesson_id].append(item.item_key)
        if self.form is not None:
            self.form.mark_missing(by_lesson.get(None, []))
        dialog = MissingItemsDialog(missing, self)
        dialog.jump_requested.connect(self.jump_to)
        dialog.exec()

    def jump_to(self, item: MissingItem) -> None:
        """Show a missing item and put the cursor in its answer."""
        if item.lesson_id is None:
            self.tabs.setCurrentWidget(self.checklist_holder)
            if self.form is not None:
                self.form.focus_item(item.item_key)
        else:
            self.tabs.setCurrentWidget(self.lessons)
            self.lessons.focus_item(item.lesson_id, item.item_key)
            self.lessons.mark_missing(item.lesson_id, [item.item_key])

    def reopen(self) -> bool:
        reason, ok = QInputDialog.getText(
            self,
            _("Reopen visit"),
            _("Why is the visit reopened? (recorded in the history)"),
        )
        if not ok:
            return False
        if self._write(lambda: self.service.reopen(self.visit_id, reason.strip()), "visits"):
            self.load()
            return True
        return False

    def generate_report(self) -> Any:
        """Make the visit report off the GUI thread and open its preview."""
        from curator_desktop.ui.reports.actions import generate_and_preview

        if not self.save_now():
            return None

        def on_generated(_record: Any) -> None:
            self.reports.refresh()
            self._pending_kinds.update({"reports", "visits"})
            self._emit_changes()
            self.load()

        return generate_and_preview(
            self, self.context, "visit", visit_id=self.visit_id, on_generated=on_generated
        )

    def compare_with_previous(self) -> None:
        from curator_desktop.ui.visits.editor.compare_dialog import CompareDialog

        self.save_now()
        CompareDialog(self.service.compare_with_previous(self.visit_id), self).exec()

    # --- feedback ---------------------------------------------------------------------------

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _on_save_state(self, pending: bool, failed: bool) -> None:
        if failed:
            self.save_state.setText(_("Not saved — see the message above"))
            self.save_state.setStyleSheet(PROBLEM_STYLE)
        elif pending:
            self.save_state.setText(_("Saving…"))
            self.save_state.setStyleSheet("")
        else:
            now = dt.datetime.now().strftime("%H:%M:%S")
            self.save_state.setText(_("All changes saved at {time}").format(time=now))
            self.save_state.setStyleSheet("color: palette(mid);")

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

    def _emit_changes(self) -> None:
        self._notice.stop()
        if self._pending_kinds:
            kinds, self._pending_kinds = frozenset(self._pending_kinds), set()
            self.visit_changed.emit(kinds)

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
        self._pending_kinds.add("visits")
        self._emit_changes()
        super().reject()
