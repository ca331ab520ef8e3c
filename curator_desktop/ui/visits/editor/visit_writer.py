"""Writing the visit editor's edits to the store, through the autosaver.

A refused write shows its reason and changes nothing; a write refused because the visit is now
read-only reloads the editor. What the writes changed (each a :class:`Change`) is announced to
the main window a moment after the last one, so that typing does not refresh its pages on every
pause.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from curator_desktop.domain.changes import Change
from curator_desktop.domain.errors import CuratorError, ReadOnlyVisitError
from curator_desktop.ui.visits.editor.autosave import Autosaver

CHANGE_NOTICE_MS = 800


class VisitWriter(QObject):
    """Runs the editor's store writes (now, or after the typing pause) and reports on them.

    ``problem_changed(message)`` gives the reason of a refused write, or "" after one that
    succeeded; ``read_only_refused()`` follows a write refused because the visit was completed;
    ``changed(kinds)`` tells what kinds of data the writes changed.
    """

    problem_changed = Signal(str)
    read_only_refused = Signal()
    changed = Signal(frozenset)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.autosaver = Autosaver(self)
        self._pending_kinds: set[Change] = set()
        self._notice = QTimer(self)
        self._notice.setSingleShot(True)
        self._notice.setInterval(CHANGE_NOTICE_MS)
        self._notice.timeout.connect(self.announce)

    def write(self, action: Callable[[], Any], *kinds: Change) -> bool:
        """Run one store write; a refused write shows its reason and changes nothing."""
        try:
            action()
        except ReadOnlyVisitError as error:
            self.problem_changed.emit(error.user_message)
            self.read_only_refused.emit()
            return False
        except CuratorError as error:
            self.problem_changed.emit(error.user_message)
            return False
        self.problem_changed.emit("")
        self._pending_kinds.update(kinds or (Change.VISITS,))
        self._notice.start()
        return True

    def save(
        self, key: Hashable, action: Callable[[], Any], debounced: bool, *kinds: Change
    ) -> None:
        """Write the edit of one field: after the typing pause when ``debounced``, else now."""
        write = lambda: self.write(action, *kinds)  # noqa: E731 (a deferred call)
        if debounced:
            self.autosaver.later(key, write)
        else:
            self.autosaver.now(key, write)

    def flush(self, key: Hashable) -> None:
        """Write the pending edit of one field now (its editor lost focus)."""
        self.autosaver.flush_key(key)

    def save_now(self) -> bool:
        """Write whatever is still waiting for the typing pause; True when all was saved."""
        return self.autosaver.flush()

    def announce(self, *kinds: Change) -> None:
        """Tell now what the writes changed, with ``kinds`` changed outside the writes."""
        self._pending_kinds.update(kinds)
        self._notice.stop()
        if self._pending_kinds:
            changed, self._pending_kinds = frozenset(self._pending_kinds), set()
            self.changed.emit(changed)
