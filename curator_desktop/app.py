"""Composition root: the only module that knows every layer.

Arguments → paths and logging → exception hook → settings → language → QApplication (with no
display to open it on, a message and exit 1 instead of Qt's abort) and Qt's own translations →
the data folder is locked → on a first run, the welcome dialog asks how to start (empty,
restored from a package, demo) → the main window is shown at once → once it has been painted,
the app listens for later starts and opens the store (backed up, migrated) off the GUI thread →
the window receives it. The log times each step from the start ("Window shown …",
"Data shown … ms after start-up began"); ``--quit-after-show`` exits 0 once the data is painted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop import APP_ID, APP_NAME, __version__
from curator_desktop.i18n import set_language
from curator_desktop.logging_setup import configure_logging
from curator_desktop.paths import AppPaths
from curator_desktop.services.context import AppContext
from curator_desktop.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from curator_desktop.store.lock import StoreLock
    from curator_desktop.ui.shell.single_instance import InstanceServer

log = logging.getLogger(__name__)

_IMPORTED_AT = time.perf_counter()
LAUNCHED_AT_ENV = "CURATOR_LAUNCHED_AT"
"""A launcher's ``time.perf_counter()`` reading taken just before it started this process (a
system-wide monotonic clock): the log's start-up times then count from the launch itself."""
MAX_LAUNCH_DELAY_S = 60.0
FIRST_PAINT_WAIT_MS = 3000
"""The store is opened after the window's first paint, or after this long without one."""


def startup_clock(environ: dict[str, str] | None = None) -> float:
    """When start-up began on ``time.perf_counter``'s clock: the launcher's reading in
    ``CURATOR_LAUNCHED_AT`` when it is sensible, else the moment this module was imported."""
    text = (os.environ if environ is None else environ).get(LAUNCHED_AT_ENV, "")
    try:
        launched = float(text)
    except ValueError:
        return _IMPORTED_AT
    sensible = 0 <= _IMPORTED_AT - launched < MAX_LAUNCH_DELAY_S
    return launched if sensible else _IMPORTED_AT


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    """Options of the desktop window (the CLI's ``--help`` lists them too)."""
    parser = argparse.ArgumentParser(prog="curator-desktop")
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--lang", choices=("ru", "en"))
    parser.add_argument("--quit-after-show", action="store_true")
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def create_context(args: argparse.Namespace, *, started_at: float | None = None) -> AppContext:
    """Paths, logging, settings and language: everything decided before the first widget.

    ``started_at``: when start-up began (``time.perf_counter``), for the log's timings.
    """
    paths = AppPaths.resolve(args.data_dir, demo=args.demo).ensure()
    log_file = configure_logging(paths.log_dir)
    log.info("%s %s starting, data in %s", APP_NAME, __version__, paths.data_dir)
    settings = load_settings(paths.settings_file)
    _save_if_changed(settings, paths.settings_file)
    set_language(args.lang or settings.language)
    context = AppContext(paths=paths, settings=settings, log_file=log_file, demo=args.demo)
    if started_at is not None:
        context.started_at = started_at
    return context


def _save_if_changed(settings: Settings, path: Path) -> None:
    """Write the settings when the file is missing or says something else (repaired values, a
    newer format); an unchanged file is left alone (a synced write costs start-up time)."""
    try:
        unchanged = json.loads(path.read_text(encoding="utf-8")) == asdict(settings)
    except (OSError, ValueError):
        unchanged = False
    if not unchanged:
        save_settings(settings, path)


INTERACTIVE_EXCLUDED = ("offscreen", "minimal")
"""Qt platforms without a screen: nobody could answer the welcome dialog there."""


def wants_welcome(args: argparse.Namespace, paths: AppPaths, platform: str) -> bool:
    """Whether to ask how to start: the data folder has no store yet, it is not the demo or a
    smoke run (``--quit-after-show``), and there is a screen to ask on."""
    return not (
        args.demo
        or args.quit_after_show
        or platform in INTERACTIVE_EXCLUDED
        or paths.store_file.exists()
    )


def _lock_data_folder(context: AppContext, quiet: bool) -> StoreLock | int:
    """Lock the data folder: the lock, or the exit code when another window has the folder
    (asked to come forward) or another program holds it."""
    from curator_desktop.domain.errors import StoreLockedError
    from curator_desktop.store.lock import StoreLock

    lock = StoreLock(context.paths.lock_file)
    try:
        lock.acquire()
    except StoreLockedError as exc:
        from curator_desktop.ui.common.errors import show_error
        from curator_desktop.ui.shell import single_instance

        channel = single_instance.server_name(context.paths.data_dir)
        if single_instance.ask_running_instance_to_activate(channel):
            log.info("Another window has this data folder; asked it to come forward")
            return 0
        if quiet:
            log.error("%s", exc.user_message)
        else:
            show_error(None, exc)
        return exc.exit_code
    return lock


def _listen_for_later_starts(context: AppContext) -> InstanceServer:
    """Listen for later starts on this data folder (they ask this window to come forward)."""
    from curator_desktop.ui.shell import single_instance

    server = single_instance.InstanceServer(single_instance.server_name(context.paths.data_dir))
    server.listen()
    return server


def _welcome_chose_demo(context: AppContext, lock: StoreLock, server: InstanceServer) -> bool:
    """Show the welcome dialog (first run); True when the demo store was chosen. An empty or
    a restored store is then simply opened; closing the dialog means an empty store."""
    from curator_desktop.ui.shell.first_run_dialog import DEMO, WelcomeDialog

    dialog = WelcomeDialog(context.paths, device_id=context.settings.device_id, lock=lock)

    def come_forward() -> None:
        dialog.raise_()
        dialog.activateWindow()

    server.activation_requested.connect(come_forward)
    dialog.exec()
    server.activation_requested.disconnect(come_forward)
    choice = dialog.choice
    dialog.deleteLater()
    return choice == DEMO


def main(argv: Sequence[str] | None = None, *, welcome: bool = True) -> int:
    """Start the desktop application; returns its exit code.

    ``welcome``: on a first run (see :func:`wants_welcome`) ask how to start — an empty store,
    one restored from a package (moving from another computer) or the demo store.
    """
    started_at = startup_clock()
    args = parse_gui_args(sys.argv[1:] if argv is None else argv)
    context = create_context(args, started_at=started_at)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from curator_desktop.ui.shell.qt_setup import (
        configure_application,
        display_missing,
        install_access,
        no_display_text,
    )

    if QApplication.instance() is None and display_missing():
        log.info("No display to open the window on: DISPLAY and WAYLAND_DISPLAY are not set")
        print(no_display_text(), file=sys.stderr)
        return 1
    from curator_desktop.ui.common.errors import install_excepthook
    from curator_desktop.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app, APP_ID, APP_NAME, __version__)
    install_excepthook()
    lock = _lock_data_folder(context, args.quit_after_show)
    if isinstance(lock, int):
        return lock
    server: InstanceServer | None = None
    if welcome and wants_welcome(args, context.paths, QApplication.platformName()):
        install_access(app)  # the window does it after its first paint
        server = _listen_for_later_starts(context)
        if _welcome_chose_demo(context, lock, server):
            server.close()
            lock.release()
            args.demo = True
            context = create_context(args, started_at=started_at)
            lock = _lock_data_folder(context, args.quit_after_show)
            if isinstance(lock, int):
                return lock
            server = _listen_for_later_starts(context)
    window = MainWindow(context, quit_after_show=args.quit_after_show, store_lock=lock)
    listening: list[InstanceServer] = []

    def after_first_paint() -> None:
        """Listen for later starts, then open the store: neither delays the first paint."""
        if listening:
            return
        listening.append(server or _listen_for_later_starts(context))
        listening[0].activation_requested.connect(window.bring_to_front)
        window.open_store()

    window.window_shown.connect(after_first_paint)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, after_first_paint)  # even if nothing is painted
    window.show()
    code = app.exec()
    for opened in listening or ([server] if server else []):
        opened.close()
    window.shutdown()
    lock.release()
    return code
