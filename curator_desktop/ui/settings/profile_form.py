"""The curator's profile fields, shared by the first-run dialog and the Settings page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from curator_desktop.i18n import _

if TYPE_CHECKING:
    from curator_desktop.store.tables import CuratorProfile

FIELDS = ("full_name", "position", "organisation", "region", "email", "phone")


class ProfileForm(QWidget):
    """Name, position, organisation, region, e-mail and phone; the name is required."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = {
            "full_name": _("Full name *"),
            "position": _("Position"),
            "organisation": _("Organisation"),
            "region": _("Region"),
            "email": _("E-mail"),
            "phone": _("Phone"),
        }
        placeholders = {
            "full_name": _("Surname First name Patronymic"),
            "organisation": _("e.g. the regional institute of education development"),
            "region": _("e.g. Leningrad oblast"),
        }
        self.edits: dict[str, QLineEdit] = {}
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholders.get(name, ""))
            edit.setMaxLength(200)
            self.edits[name] = edit
            layout.addRow(labels[name], edit)
        layout.addRow("", self.error_label)

    def load(self, profile: CuratorProfile | None) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(profile, name, "") if profile else "")

    def values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}

    def validate(self) -> bool:
        """Show what is wrong next to the form; True when the values may be saved."""
        values = self.values()
        problem = ""
        if not values["full_name"]:
            problem = _("Enter your full name: it is printed on every report.")
        elif values["email"] and "@" not in values["email"]:
            problem = _("The e-mail address must contain «@».")
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        if problem:
            self.edits["full_name" if not values["full_name"] else "email"].setFocus()
        return not problem
