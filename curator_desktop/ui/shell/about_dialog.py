"""About: version, where the data lives, the components and their licences."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from curator_desktop import APP_NAME, __version__
from curator_desktop.i18n import _
from curator_desktop.services.context import AppContext


class AboutDialog(QDialog):
    """Shows the version and the data location."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        text = QLabel(
            (
                "<h2>{app} {version}</h2><p>{what}</p><p>{data}: <code>{data_dir}</code><br>"
                "{log}: <code>{log_file}</code></p><p>Python {python}, Qt for Python {pyside}. "
                "{fonts}</p>"
            ).format(
                app=APP_NAME,
                version=__version__,
                what=_(
                    "The curator's workbench for «500+» and «School of the Ministry of Education»: "
                    "schools, risk profiles, visits, reports and exchange, all offline."
                ),
                data=_("Data folder"),
                data_dir=context.paths.data_dir,
                log=_("Log file"),
                log_file=context.log_file,
                python=platform.python_version(),
                pyside=pyside_version,
                fonts=_("Reports use the PT Sans and PT Serif fonts (SIL Open Font License)."),
            )
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
