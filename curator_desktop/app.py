"""Composition root: the only module that knows every layer.

Arguments → paths and logging → exception hook → settings → language → QApplication and Qt's
own translations → the data folder is locked → on a first run, the welcome dialog asks how to
start (empty, restored from a package, demo) → the main window is shown at once → the store is
opened (backed up, migrated) off the GUI thread → the window receives it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from curator_desktop import APP_ID, APP_NAME, __version__
from curator_desktop.i18n import set_language
from curator_desktop.logging_setup import configure_logging
from curator_desktop.paths import AppPaths
from curator_desktop.services.context import AppContext
from curator_desktop.settings import load_settings, save_settings

if TYPE_CHECKING:
    from curator_desktop.store.lock import StoreLock
    from curator_desktop.ui.single_instance import InstanceServer

log = logging.getLogger(__name__)


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    """Options of the desktop window (the CLI's ``--help`` lists them too)."""
    parser = argparse.ArgumentParser(prog="curator-desktop")
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--lang", choices=("ru", "en"))
    parser.add_argument("--quit-after-show", action="store_true")
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def create_context(args: argparse.Namespace) -> AppContext:
    """Paths, logging, settings and language: everything decided before the first widget."""
    paths = AppPaths.resolve(args.data_dir, demo=args.demo).ensure()
    log_file = configure_logging(paths.log_dir)
    log.info("%s %s starting, data in %s", APP_NAME, __version__, paths.data_dir)
    settings = load_settings(paths.settings_file)
    save_settings(settings, paths.settings_file)
    set_language(args.lang or settings.language)
    return AppContext(paths=paths, settings=settings, log_file=log_file, demo=args.demo)


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


def _hold_data_folder(context: AppContext, quiet: bool) -> tuple[StoreLock, InstanceServer] | int:
    """Lock the data folder and listen for later starts: (lock, server), or the exit code
    when another window has the folder (asked to come forward) or another program holds it."""
    from curator_desktop.domain.errors import StoreLockedError
    from curator_desktop.store.lock import StoreLock
    from curator_desktop.ui import single_instance
    from curator_desktop.ui.errors import show_error

    channel = single_instance.server_name(context.paths.data_dir)
    lock = StoreLock(context.paths.lock_file)
    try:
        lock.acquire()
    except StoreLockedError as exc:
        if single_instance.ask_running_instance_to_activate(channel):
            log.info("Another window has this data folder; asked it to come forward")
            return 0
        if quiet:
            log.error("%s", exc.user_message)
        else:
            show_error(None, exc)
        return exc.exit_code
    server = single_instance.InstanceServer(channel)
    server.listen()
    return lock, server


def _welcome_chose_demo(context: AppContext, lock: StoreLock, server: InstanceServer) -> bool:
    """Show the welcome dialog (first run); True when the demo store was chosen. An empty or
    a restored store is then simply opened; closing the dialog means an empty store."""
    from curator_desktop.ui.dialogs.first_run_dialog import DEMO, WelcomeDialog

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
    args = parse_gui_args(sys.argv[1:] if argv is None else argv)
    context = create_context(args)

    from PySide6.QtWidgets import QApplication

    from curator_desktop.ui.errors import install_excepthook
    from curator_desktop.ui.main_window import MainWindow
    from curator_desktop.ui.qt_setup import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app, APP_ID, APP_NAME, __version__)
    install_excepthook()
    held = _hold_data_folder(context, args.quit_after_show)
    if isinstance(held, int):
        return held
    lock, server = held
    first_run = welcome and wants_welcome(args, context.paths, QApplication.platformName())
    if first_run and _welcome_chose_demo(context, lock, server):
        server.close()
        lock.release()
        args.demo = True
        context = create_context(args)
        held = _hold_data_folder(context, args.quit_after_show)
        if isinstance(held, int):
            return held
        lock, server = held
    window = MainWindow(context, quit_after_show=args.quit_after_show, store_lock=lock)
    server.activation_requested.connect(window.bring_to_front)
    window.show()
    window.open_store()
    code = app.exec()
    server.close()
    window.shutdown()
    lock.release()
    return code
