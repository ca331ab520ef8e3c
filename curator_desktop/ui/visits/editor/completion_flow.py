"""Completing a visit and reopening it.

«Complete visit…» saves what is pending, then checks first: what a completion still needs (the
visit's purpose, participants and findings, the required answers of its checklist and lessons —
one rule set, :meth:`VisitService.missing_required`) is listed with a jump to each. Only a visit
that may be completed is asked about («Complete this visit?»). A completed visit is read-only
until «Reopen», whose reason is recorded in the history.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.domain.errors import CuratorError, IncompleteVisitError
from curator_desktop.domain.visits import completeness
from curator_desktop.i18n import _

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import MissingItem
    from curator_desktop.ui.visits.editor.editor import VisitEditor

FIELD = "field"
"""The ``reason`` of a missing entry that is a field of the visit itself."""


class CompletionFlow:
    """The «Complete visit…» and «Reopen…» commands of one visit editor."""

    def __init__(self, editor: VisitEditor) -> None:
        self.editor = editor

    def complete(self) -> bool:
        """Check, then confirm, then complete; or list what is missing with a jump to each."""
        editor = self.editor
        if not editor.save_now():
            return False
        try:
            missing = editor.service.missing_required(editor.visit_id)
        except CuratorError as error:
            editor.header.show_problem(error.user_message)
            return False
        if missing:
            self._show_missing(missing)
            return False
        answer = QMessageBox.question(
            editor,
            _("Complete visit"),
            _(
                "Complete this visit? It becomes read-only; you can reopen it later if something "
                "has to be corrected."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            changes = editor.service.complete(editor.visit_id)
        except IncompleteVisitError as error:  # changed meanwhile (another window, an import)
            self._show_missing(error.missing)
            return False
        except CuratorError as error:
            editor.header.show_problem(error.user_message)
            return False
        editor.writer.announce(*changes)
        editor.load()
        return True

    def _show_missing(self, missing: list[MissingItem]) -> None:
        from curator_desktop.ui.visits.editor.completion_dialog import MissingItemsDialog

        by_lesson: dict[str | None, list[str]] = defaultdict(list)
        for item in missing:
            if item.reason != FIELD:
                by_lesson[item.lesson_id].append(item.item_key)
        if self.editor.form is not None:
            self.editor.form.mark_missing(by_lesson.get(None, []))
        self.editor.details.mark_missing(
            {item.item_key for item in missing if item.reason == FIELD}
        )
        dialog = MissingItemsDialog(missing, self.editor)
        dialog.jump_requested.connect(self.jump_to)
        dialog.exec()
        chosen, dialog.chosen = dialog.chosen, None
        if chosen is not None:  # again once the list is gone: the editor has the keyboard
            self.editor.activateWindow()
            self.jump_to(chosen)

    def jump_to(self, item: MissingItem) -> None:
        """Show a missing entry and put the cursor where it is filled in."""
        editor = self.editor
        if item.reason == FIELD:
            self._jump_to_field(item.item_key)
        elif item.lesson_id is None:
            editor.tabs.setCurrentWidget(editor.checklist_holder)
            if editor.form is not None:
                editor.form.focus_item(item.item_key)
        else:
            editor.tabs.setCurrentWidget(editor.lessons)
            editor.lessons.focus_item(item.lesson_id, item.item_key)
            editor.lessons.mark_missing(item.lesson_id, [item.item_key])

    def _jump_to_field(self, name: str) -> None:
        editor = self.editor
        if name == completeness.FINDINGS:
            editor.tabs.setCurrentWidget(editor.findings)
            editor.findings.focus_first()
        else:
            editor.tabs.setCurrentWidget(editor.details)
            editor.details.focus_field(name)

    def reopen(self) -> bool:
        """Ask why the visit is reopened and make it editable again."""
        editor = self.editor
        reason, ok = QInputDialog.getText(
            editor,
            _("Reopen visit"),
            _("Why is the visit reopened? (recorded in the history)"),
        )
        if not ok:
            return False
        if editor.writer.write(
            lambda: editor.service.reopen(editor.visit_id, reason.strip()), Change.VISITS
        ):
            editor.load()
            return True
        return False
