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
from curator_desktop.ui.common import colours

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
    """Name the application, set its icon, make every text readable
    (:mod:`~curator_desktop.ui.common.colours`) and install Qt's translations for standard
    dialogs. (Keyboard and screen-reader access, :func:`install_access`, waits for the first
    paint.)"""
    app.setApplicationName(name)
    app.setOrganizationName(name)
    app.setApplicationVersion(version)
    app.setDesktopFileName(app_id)
    icon = resource("icons", "curator-desktop.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    colours.apply_palette(app)  # kept when a style is set later
    install_qt_translations(app)


class QtTranslator(QTranslator):
    """Qt's own translations (``qtbase_<lang>.qm``). Qt 6 gave some labels a mnemonic
    («&Look in:», «Files of &type:» in the file dialog) that the shipped catalogs know only
    without one: such a label is looked up without it and gets one again."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """The translation, or None (Qt's null string: the next translator, else the source;
        an empty string would blank the label)."""
        text = super().translate(context, source, disambiguation, n)
        if text or "&" not in source:
            return text or None
        bare = source.replace("&&", "\0").replace("&", "").replace("\0", "&&")
        text = super().translate(context, bare, disambiguation, n)
        return "&" + text if text else None


def install_access(app: QApplication) -> None:
    """Make every widget reachable by keyboard and screen reader
    (:mod:`~curator_desktop.ui.common.accessibility`): before the first window the user works
    in, not before the first paint (its style costs ≈15 ms to set up)."""
    from curator_desktop.ui.common import accessibility

    accessibility.install(app)


def install_qt_translations(app: QApplication) -> None:
    """Load ``qtbase_<lang>.qm`` so Qt's own buttons and dialogs speak the chosen language
    (replacing the translations of a language chosen before)."""
    lang = current_language()
    QLocale.setDefault(
        QLocale(QLocale.Language.Russian if lang == "ru" else QLocale.Language.English)
    )
    for previous in app.findChildren(QtTranslator):
        app.removeTranslator(previous)
        previous.deleteLater()
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QtTranslator(app)
    if translator.load(f"qtbase_{lang}", translations):
        app.installTranslator(translator)
    elif lang != "en":  # English is Qt's own language: there is no catalog for it
        log.warning("Qt translations for %s not found in %s", lang, translations)
