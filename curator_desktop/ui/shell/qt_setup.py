"""Application-wide Qt set-up: names, icon, Qt's own translations, fonts; and whether there is
a display to open the window on (Qt aborts the process when there is none)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from curator_desktop.i18n import _, current_language
from curator_desktop.paths import resource

log = logging.getLogger(__name__)

_DISPLAY_SYSTEMS = ("linux", "freebsd", "openbsd", "netbsd")
"""Systems where Qt's window needs an X11 or Wayland server (``DISPLAY``/``WAYLAND_DISPLAY``)."""


def display_missing(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt would find no display to open a window on (and abort the process): on X11 and
    Wayland systems, neither ``DISPLAY`` nor ``WAYLAND_DISPLAY`` is set and ``QT_QPA_PLATFORM``
    names no platform, or it names only ``xcb`` and ``DISPLAY`` is not set (any other platform,
    ``offscreen`` or ``vnc`` say, is taken at its word).
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith(_DISPLAY_SYSTEMS):
        return False
    chosen = {p.split(":", 1)[0].strip() for p in environ.get("QT_QPA_PLATFORM", "").split(";")}
    chosen.discard("")
    if chosen:
        return chosen == {"xcb"} and not environ.get("DISPLAY")
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def no_display_text() -> str:
    """What is said instead of opening the window when :func:`display_missing`."""
    return _(
        "No display: the window cannot open here (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Start it in a graphical session, or use the commands that need no window: "
        "«curator-desktop --help» lists them."
    )


def configure_application(app: QApplication, app_id: str, name: str, version: str) -> None:
    """Name the application, set its icon and install Qt's translations for standard dialogs."""
    app.setApplicationName(name)
    app.setOrganizationName(name)
    app.setApplicationVersion(version)
    app.setDesktopFileName(app_id)
    icon = resource("icons", "curator-desktop.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_qt_translations(app)


def install_qt_translations(app: QApplication) -> None:
    """Load ``qtbase_<lang>.qm`` so Qt's own buttons and dialogs speak the chosen language."""
    lang = current_language()
    QLocale.setDefault(
        QLocale(QLocale.Language.Russian if lang == "ru" else QLocale.Language.English)
    )
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{lang}", translations):
        app.installTranslator(translator)
    else:
        log.warning("Qt translations for %s not found in %s", lang, translations)
