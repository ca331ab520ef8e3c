"""Completing a visit and reopening it.

«Complete visit» saves what is pending, asks for confirmation and lists what is still missing,
with a jump to each item; a completed visit is read-only until «Reopen», whose reason is
recorded in the history.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.domain.errors import CuratorError, IncompleteVisitError
from curator_desktop.i18n import _

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import MissingItem
    from curator_desktop.ui.visits.editor.editor import VisitEditor


class CompletionFlow:
    """The «Complete visit…» and «Reopen…» commands of one visit editor."""

    def __init__(self, editor: VisitEditor) -> None:
        self.editor = editor

    def complete(self) -> bool:
        """Complete the visit, or list what is missing with a jump to each item."""
        editor = self.editor
        if not editor.save_now():
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
        except IncompleteVisitError as error:
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
            by_lesson[item.lesson_id].append(item.item_key)
        if self.editor.form is not None:
            self.editor.form.mark_missing(by_lesson.get(None, []))
        dialog = MissingItemsDialog(missing, self.editor)
        dialog.jump_requested.connect(self.jump_to)
        dialog.exec()

    def jump_to(self, item: MissingItem) -> None:
        """Show a missing item and put the cursor in its answer."""
        editor = self.editor
        if item.lesson_id is None:
            editor.tabs.setCurrentWidget(editor.checklist_holder)
            if editor.form is not None:
                editor.form.focus_item(item.item_key)
        else:
            editor.tabs.setCurrentWidget(editor.lessons)
            editor.lessons.focus_item(item.lesson_id, item.item_key)
            editor.lessons.mark_missing(item.lesson_id, [item.item_key])

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
