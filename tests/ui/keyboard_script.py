"""Driving the window with key events only, through modal dialogs too.

A modal dialog's ``exec()`` does not return until the dialog closes, so a test cannot simply
go on after the key that opens it. :class:`KeyboardScript` runs a *script*: a generator that
sends key events where the keyboard focus is and yields a :class:`Then` — the key that leads
on (sent by the script runner, which may block in the dialog it opens) and what to wait for
(a window that becomes the active one). The runner resumes the script with that window, from a
timer inside whichever event loop is running, so every modal level is driven the same way.

Typing goes through :func:`type_text`, whose key events carry the text (Cyrillic included:
``qtbot.keyClicks`` with Cyrillic can abort the run — conventions, known traps).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

Key = Qt.Key
Mod = Qt.KeyboardModifier
TICK_MS = 25
MNEMONIC_MS = 150
"""A button's Alt+letter presses it after its press animation (100 ms): a person is slower."""


def focused() -> QWidget:
    """The widget with the keyboard focus (it must exist: a keyboard user needs one)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    key: Qt.Key, modifiers: Qt.KeyboardModifier = Mod.NoModifier, times: int = 1
) -> QWidget | None:
    """Press ``key`` where the focus is, as a user would; the focus after (None when the key
    closed the window that had it)."""
    for _time in range(times):
        QTest.keyClick(receiver(), key, modifiers)
        QApplication.processEvents()
        if modifiers & Mod.AltModifier:
            QTest.qWait(MNEMONIC_MS)
    return QApplication.focusWidget()


def receiver() -> QWidget:
    """Where a key goes: an open popup (a menu, a completer's list), else the focused widget."""
    return QApplication.activePopupWidget() or focused()


def type_text(text: str) -> None:
    """Type ``text`` where the focus is: one key press and release per character, carrying it."""
    for char in text:
        widget = receiver()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Mod.NoModifier, char)
            if char.isascii() and char.isalnum():
                event = QKeyEvent(kind, Qt.Key(ord(char.upper())), Mod.NoModifier, char)
            QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def tab_to(condition: Callable[[QWidget], bool], *, limit: int = 60, back: bool = False) -> QWidget:
    """Press Tab (Shift+Tab with ``back``) until the focused widget meets ``condition``."""
    widget = focused()
    for _step in range(limit):
        if condition(widget):
            return widget
        widget = press(Key.Key_Backtab if back else Key.Key_Tab) or focused()
    raise AssertionError(f"Tab never reached the widget; the focus is on {widget!r}")


@dataclass
class Then:
    """What the script does next: send ``key`` (with ``modifiers``) where the focus is, then
    wait until a window for which ``until`` is true is the active one and has the keyboard
    focus (``until`` None: go on at once; the key must not open a modal dialog then)."""

    key: Qt.Key | None
    until: Callable[[QWidget], bool] | None
    modifiers: Qt.KeyboardModifier = Mod.NoModifier
    text: str = ""
    """Typed instead of ``key`` (a menu item's letter): :func:`type_text`."""


def window_of(kind: type | tuple[type, ...]) -> Callable[[QWidget], bool]:
    """A condition: the active window is a ``kind``."""
    return lambda window: isinstance(window, kind)


Script = Generator[Then, QWidget | None, None]


class WindowManager(QObject):
    """What a desktop's window manager does and the offscreen platform does not: the newest
    window shown gets the focus; when the active one closes, the newest still shown does.
    (Under offscreen a window that closes can leave no window active, or take the activation
    from one shown just after it, e.g. the busy dialog closing as the preview opens.)"""

    def __init__(self) -> None:
        super().__init__()
        active = QApplication.activeWindow()
        self._shown: list[QWidget] = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible()
            and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
            and w is not active
        ] + ([active] if active is not None else [])
        """Windows in the order they were shown, the newest last."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ):
            if watched in self._shown:
                self._shown.remove(watched)
            self._shown.append(watched)
        return False

    def shown(self) -> list[str]:
        return [type(w).__name__ for w in self._shown if _alive(w) and w.isVisible()]

    def settle(self) -> None:
        """Activate the newest window still shown, if it is not the active one."""
        self._shown = [w for w in self._shown if _alive(w) and w.isVisible()]
        if QApplication.activePopupWidget() is not None or not self._shown:
            return
        newest = self._shown[-1]
        if QApplication.activeWindow() is not newest:
            newest.activateWindow()


def _alive(widget: QWidget) -> bool:
    try:
        widget.isVisible()
    except RuntimeError:  # deleted on the C++ side
        return False
    return True


class KeyboardScript:
    """Runs a script (see the module's docstring); ``done`` once it ends, ``error`` if it
    failed (the windows it left open are closed, so the test can report it)."""

    def __init__(self, script: Script, *, timeout_ms: int = 180_000) -> None:
        self._script = script
        self._clock = QElapsedTimer()
        self._timeout_ms = timeout_ms
        self._manager = WindowManager()
        self._waiting: Then | None = None
        self._busy = False
        self.done = False
        self.error: BaseException | None = None

    def start(self) -> None:
        QApplication.instance().installEventFilter(self._manager)
        self._clock.start()
        QTimer.singleShot(0, lambda: self._advance(None))

    def _active(self) -> QWidget | None:
        return QApplication.activeWindow() or QApplication.activeModalWidget()

    def _tick(self) -> None:
        if self.done:
            return
        if self._clock.hasExpired(self._timeout_ms):  # a test's wait cannot end in a modal loop
            self._fail(
                TimeoutError(
                    f"still waiting after {self._timeout_ms} ms: {self._waiting}; active: "
                    f"{QApplication.activeWindow()!r}, focus: {QApplication.focusWidget()!r}, "
                    f"shown: {self._manager.shown()}"
                )
            )
            return
        if self._busy:
            QTimer.singleShot(TICK_MS, self._tick)
            return
        assert self._waiting is not None and self._waiting.until is not None
        self._manager.settle()
        window = self._active()
        focus = QApplication.focusWidget()
        if (
            window is not None
            and window.isVisible()
            and self._waiting.until(window)
            and focus is not None
            and focus.window() is window  # the keyboard is in it: a user can go on
        ):
            self._advance(window)
        else:
            QTimer.singleShot(TICK_MS, self._tick)

    def _advance(self, window: QWidget | None) -> None:
        """Resume the script with ``window``; then send its key (which may block in a dialog)."""
        self._busy = True
        try:
            step = self._script.send(window) if self._waiting is not None else next(self._script)
        except StopIteration:
            self.done = True
            return
        except BaseException as error:  # reported by the test, after the dialogs are closed
            self._fail(error)
            return
        finally:
            self._busy = False
        self._waiting = step
        if step.until is not None:
            QTimer.singleShot(TICK_MS, self._tick)  # before the key: it may open a modal loop
        if step.key is not None or step.text:
            try:
                if step.text:
                    type_text(step.text)
                else:
                    assert step.key is not None
                    press(step.key, step.modifiers)
            except BaseException as error:
                self._fail(error)
                return
        if step.until is None:
            QTimer.singleShot(0, lambda: self._advance(None))

    def _fail(self, error: BaseException) -> None:
        log.error("The keyboard script failed", exc_info=error)
        self.error = error
        self.done = True
        for _attempt in range(10):  # unwind the modal dialogs left open
            modal = QApplication.activeModalWidget()
            if modal is None:
                break
            modal.close()
            QApplication.processEvents()

    def run(self, qtbot: Any) -> None:
        """Start the script and wait for its end; re-raise what failed in it."""
        self.start()
        try:
            qtbot.waitUntil(lambda: self.done, timeout=self._timeout_ms + 10_000)
        finally:
            QApplication.instance().removeEventFilter(self._manager)
        if self.error is not None:
            raise self.error
