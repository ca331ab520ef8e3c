"""Composition root: the only module that knows every layer.

Arguments → paths and logging → exception hook → settings → language → QApplication and Qt's
own translations → the main window is shown at once → the store is opened (locked, backed up,
migrated) off the GUI thread → the window receives it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from curator_desktop import APP_ID, APP_NAME, __version__
from curator_desktop.i18n import set_language
from curator_desktop.logging_setup import configure_logging
from curator_desktop.paths import AppPaths
from curator_desktop.services.context import AppContext
from curator_desktop.settings import load_settings, save_settings

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


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desktop application; returns its exit code."""
    args = parse_gui_args(sys.argv[1:] if argv is None else argv)
    context = create_context(args)

    from PySide6.QtWidgets import QApplication

    from curator_desktop.domain.errors import StoreLockedError
    from curator_desktop.store.lock import StoreLock
    from curator_desktop.ui import single_instance
    from curator_desktop.ui.errors import install_excepthook, show_error
    from curator_desktop.ui.main_window import MainWindow
    from curator_desktop.ui.qt_setup import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app, APP_ID, APP_NAME, __version__)
    install_excepthook()
    channel = single_instance.server_name(context.paths.data_dir)
    lock = StoreLock(context.paths.lock_file)
    try:
        lock.acquire()
    except StoreLockedError as exc:
        if single_instance.ask_running_instance_to_activate(channel):
            log.info("Another window has this data folder; asked it to come forward")
            return 0
        if args.quit_after_show:
            log.error("%s", exc.user_message)
        else:
            show_error(None, exc)
        return exc.exit_code
    server = single_instance.InstanceServer(channel)
    server.listen()
    window = MainWindow(context, quit_after_show=args.quit_after_show, store_lock=lock)
    server.activation_requested.connect(window.bring_to_front)
    window.show()
    window.open_store()
    code = app.exec()
    server.close()
    window.shutdown()
    lock.release()
    return code
