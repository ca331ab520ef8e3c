"""Showing errors: plain messages for expected ones, a details dialog for the unexpected."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException, *, title: str | None = None) -> None:
    """Tell the user what went wrong; unexpected errors come with copyable details."""
    box = QMessageBox(parent)
    box.setWindowTitle(title or _("Curator Desktop"))
    if isinstance(exc, CuratorError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(exc.user_message)
        if exc.details:
            box.setDetailedText(exc.details)
    else:
        log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(
            _(
                "Something unexpected went wrong. The program keeps running; "
                "what you had saved is safe."
            )
        )
        box.setInformativeText(_("Please send the details to your coordinator or to support."))
        box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QApplication.clipboard().setText(box.detailedText()))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


class ExceptionHook:
    """``sys.excepthook`` that logs an uncaught exception and shows it instead of crashing."""

    def __init__(self) -> None:
        self._showing = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("Uncaught exception", exc_info=(exc_type, exc, tb))
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            show_error(QApplication.activeWindow(), exc)
        finally:
            self._showing = False


def install_excepthook() -> ExceptionHook:
    """Install and return the application's exception hook."""
    hook = ExceptionHook()
    sys.excepthook = hook
    return hook
