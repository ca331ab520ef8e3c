"""The first-run dialog: who the curator is (printed on every report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from curator_desktop.i18n import _

if TYPE_CHECKING:
    from curator_desktop.store.repositories.profile import ProfileRepository
from curator_desktop.ui.widgets.profile_form import ProfileForm


class FirstRunDialog(QDialog):
    """Asks for the curator's name, organisation and region and stores them."""

    def __init__(self, profiles: ProfileRepository, parent: QWidget | None = None) -> None:
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
            return
        self._profiles.save(**self.form.values())
        self.accept()
