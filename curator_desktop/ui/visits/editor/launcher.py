"""Opening visit editors from anywhere in the main window: one editor per visit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.ui.visits.editor.editor import VisitEditor


class VisitWindows(QObject):
    """Keeps the open visit editors; asking for an open visit brings its window forward.

    ``data_changed(changes)`` relays what the editors changed (``Changes``), for the main
    window's pages.
    """

    data_changed = Signal(frozenset)

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self.editors: dict[str, VisitEditor] = {}

    def open(self, visit_id: str, over: QWidget | None = None) -> VisitEditor | None:
        """Show the editor of a visit: beside the main window, or modal ``over`` a modal dialog
        (a school card) that would otherwise block it."""
        if self._context.store is None or not visit_id:
            return None
        editor = self.editors.get(visit_id)
        if editor is not None and over is not None:
            editor.reject()  # saved and closed, reopened over the dialog below
            editor = None
        if editor is None:
            from curator_desktop.ui.visits.editor.editor import VisitEditor

            editor = VisitEditor(self._context, visit_id, over or self._parent)
            editor.visit_changed.connect(self.data_changed)
            editor.destroyed.connect(lambda *_args, vid=visit_id: self.editors.pop(vid, None))
            self.editors[visit_id] = editor
        if over is not None:
            editor.exec()
            return None
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def new_visit(self, school_id: str = "", over: QWidget | None = None) -> VisitEditor | None:
        """Plan a visit (for ``school_id`` when given) and open it."""
        if self._context.store is None:
            return None
        from curator_desktop.ui.visits.new_visit_dialog import NewVisitDialog

        dialog = NewVisitDialog(self._context, school_id, over or self._parent)
        created = dialog.exec() and dialog.visit_id
        dialog.deleteLater()
        if not created:
            return None
        self.data_changed.emit(self._context.visit_service.CREATED)
        return self.open(dialog.visit_id, over)

    def close_all(self) -> bool:
        """Close every editor (each saves first); False if one stayed open."""
        for editor in list(self.editors.values()):
            editor.reject()
            if editor.isVisible():
                return False
        return True
