"""First run: how the store starts (:class:`WelcomeDialog`) and who the curator is
(:class:`FirstRunDialog`).

The welcome dialog appears before the store exists. «Restore from a package» is how a curator
moves to a new computer: the store is created from the package off the GUI thread, and a
package that is refused leaves nothing behind, so the dialog stays and the curator can try
another file or start empty. Closing the dialog (Esc, the window's ×) means an empty store.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.tasks import Cancelled, Progress, ProgressTask
from curator_desktop.ui.exchange.package_password import ask_package_password
from curator_desktop.ui.settings.profile_form import ProfileForm

if TYPE_CHECKING:
    from curator_desktop.paths import AppPaths
    from curator_desktop.services.exchange.results import ImportResult
    from curator_desktop.services.profile.service import ProfileService
    from curator_desktop.store.lock import StoreLock

log = logging.getLogger(__name__)

EMPTY, RESTORED, DEMO = "empty", "restored", "demo"
"""What the welcome dialog ended with: the app then opens an empty, the restored or the demo
store."""
PACKAGE_FILTER = "*.curator"
HINT_STYLE = colours.HINT_STYLE + " margin-left: 24px;"


def restore_summary(result: ImportResult) -> str:
    """What came with the package, in words (schools, visits, attachments)."""

    def new(table: str) -> int:
        counts = result.reconciliation.counts.get(table)
        return counts.new if counts is not None else 0

    schools, visits, files = new("school"), new("visit"), new("attachment")
    return _("Your data was restored from {file}: {schools}, {visits}, {attachments}.").format(
        file=result.path.name,
        schools=ngettext("{n} school", "{n} schools", schools).format(n=format_number(schools)),
        visits=ngettext("{n} visit", "{n} visits", visits).format(n=format_number(visits)),
        attachments=ngettext("{n} attachment", "{n} attachments", files).format(
            n=format_number(files)
        ),
    )


class WelcomeDialog(QDialog):
    """Asks how to start when the data folder has no store: empty, restored from a package,
    or the demo store. ``choice`` holds the answer (EMPTY unless restored or demo).

    ``lock`` is the data folder's lock when the caller holds it: it is let go while the
    store is created from the package (that takes the lock itself) and taken back after.
    """

    store_restored = Signal(object)
    """The store was created from a package: its ``ImportResult``."""
    restore_failed = Signal(object)
    """The package was refused (the exception); nothing was created."""

    def __init__(
        self,
        paths: AppPaths,
        *,
        device_id: str,
        lock: StoreLock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths, self._device_id, self._lock = paths, device_id, lock
        self.choice = EMPTY
        self.busy = False
        self.setWindowTitle(_("Welcome to Curator Desktop"))
        intro = QLabel(_("There is no data on this computer yet. How do you want to start?"))
        intro.setWordWrap(True)
        self.empty_radio = QRadioButton(_("Start with an empty store"))
        self.restore_radio = QRadioButton(
            _("Restore from a package (moving from another computer)…")
        )
        self.demo_radio = QRadioButton(_("Open the demo store"))
        self.empty_radio.setChecked(True)
        self.group = QButtonGroup(self)
        hints = {
            self.empty_radio: _("Add your schools one by one or import your coordinator's list."),
            self.restore_radio: _(
                "Choose the exchange file ({pattern}) you exported on your other computer: "
                "schools, visits, photos, reports and their history come here as they were."
            ).format(pattern=PACKAGE_FILTER),
            self.demo_radio: _(
                "Look around with made-up schools and visits. Your own data folder stays empty: "
                "this choice is offered again at the next start."
            ),
        }
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.continue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.continue_button.setText(_("Continue"))
        self.continue_button.setDefault(True)
        self.buttons.accepted.connect(self._on_continue_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        for radio, hint in hints.items():
            self.group.addButton(radio)
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setStyleSheet(HINT_STYLE)
            layout.addWidget(radio)
            layout.addWidget(label)
            layout.addSpacing(4)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self._set_busy(False)
        self.setMinimumWidth(600)

    # -- choices -----------------------------------------------------------------------------

    def _on_continue_clicked(self) -> None:
        if self.busy:
            return
        if self.restore_radio.isChecked():
            self.choose_package()
            return
        self.choice = DEMO if self.demo_radio.isChecked() else EMPTY
        log.info("First run: %s", self.choice)
        self.accept()

    def choose_package(self) -> None:
        """Ask for the package (and its password), then restore it."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Restore from a package"),
            str(Path.home()),
            _("Exchange files ({pattern})").format(pattern=PACKAGE_FILTER),
        )
        if name:
            self._ask_password_and_restore(Path(name))

    def _ask_password_and_restore(self, path: Path) -> None:
        go_on, password = ask_package_password(self, path)
        if go_on:
            self.restore(path, password)

    def restore(self, path: Path, password: str | None = None) -> None:
        """Create the store from ``path`` in the background; the dialog closes when it is done."""
        paths, device_id = self._paths, self._device_id

        def work(progress: Progress, cancelled: Cancelled) -> ImportResult:
            from curator_desktop.services.exchange.store_move import create_store_from_package

            return create_store_from_package(paths, path, device_id=device_id, password=password)

        label = _("Restoring from {file}…").format(file=path.name)
        self._set_busy(True, label)
        if self._lock is not None and self._lock.held:
            self._lock.release()
        else:
            self._lock = None
        # the dialog shows its own busy bar (and cannot be closed meanwhile): no popup
        task = ProgressTask(label, work, self, dialog=False)
        task.finished.connect(self._on_restored)
        task.failed.connect(lambda exc: self._on_restore_failed(path, exc))
        task.start()

    def _take_lock_back(self) -> None:
        from curator_desktop.domain.errors import StoreLockedError

        if self._lock is None:
            return
        try:
            self._lock.acquire()
        except StoreLockedError:
            log.warning("The data folder was taken by another copy while restoring")

    def _on_restored(self, result: ImportResult) -> None:
        self._take_lock_back()
        self._set_busy(False)
        log.info("First run: store restored from %s", result.path)
        self.choice = RESTORED
        self.store_restored.emit(result)
        QMessageBox.information(self, self.windowTitle(), restore_summary(result))
        self.accept()

    def _on_restore_failed(self, path: Path, exc: BaseException) -> None:
        from curator_desktop.services.exchange.crypto import WrongPasswordError

        self._take_lock_back()
        self._set_busy(False)
        self.restore_failed.emit(exc)
        show_error(self, exc, title=_("The package could not be restored"))
        if isinstance(exc, WrongPasswordError):
            self._ask_password_and_restore(path)

    # -- state -------------------------------------------------------------------------------

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        for widget in (self.empty_radio, self.restore_radio, self.demo_radio, self.buttons):
            widget.setEnabled(not busy)
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def reject(self) -> None:
        """Esc or the window's ×: an empty store (ignored while a package is being restored)."""
        if self.busy:
            return
        self.choice = EMPTY
        log.info("First run: dialog closed, empty store")
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


class FirstRunDialog(QDialog):
    """Asks for the name, organisation and region, and whether this is a curator's or a
    coordinator's store, and stores them."""

    def __init__(self, profiles: ProfileService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self.setWindowTitle(_("Welcome to Curator Desktop"))
        intro = QLabel(
            _(
                "Tell us who you are: your name, organisation and region appear on the "
                "reports you print. You can change them later in Settings."
            )
        )
        intro.setWordWrap(True)
        self.form = ProfileForm()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Later"))
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def _on_save_clicked(self) -> None:
        if not self.form.validate():
            self._grow_to_fit()
            return
        try:
            self._profiles.save(self.form.profile())
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()

    def _grow_to_fit(self) -> None:
        """Make room for the wrapped messages just shown (a window's minimum size does not
        follow a word-wrapped label's height)."""
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)
