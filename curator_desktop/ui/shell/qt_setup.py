"""Application-wide Qt set-up: names, icon, Qt's own translations, fonts."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from curator_desktop.i18n import current_language
from curator_desktop.paths import resource

log = logging.getLogger(__name__)


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
