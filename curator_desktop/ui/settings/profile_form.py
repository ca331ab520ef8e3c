"""The profile's fields and the store's role, shared by the first-run dialog and the Settings
page; the values are checked by the domain's rules (the same ones ``curator-desktop init``
applies)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from curator_desktop.domain.profile import (
    MAX_LENGTH,
    ProfileFields,
    Role,
    field_label,
    profile_problems,
)
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours

FIELDS = ProfileFields.column_names()


class ProfileForm(QWidget):
    """Name, position, organisation, region, e-mail, phone and the role (curator or
    coordinator); the name is required."""

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
        self.error_label.setStyleSheet(colours.ERROR_STYLE)
        self.error_label.hide()
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholders.get(name, ""))
            edit.setMaxLength(MAX_LENGTH)
            self.edits[name] = edit
            layout.addRow(labels[name], edit)
        self.role_buttons: dict[Role, QRadioButton] = {}
        self.role_group = QButtonGroup(self)
        roles = QHBoxLayout()
        for role in Role:
            button = QRadioButton(role.label)
            button.setObjectName(f"role_{role.value}")
            self.role_buttons[role] = button
            self.role_group.addButton(button)
            roles.addWidget(button)
        roles.addStretch(1)
        self.role_buttons[Role.CURATOR].setChecked(True)
        role_hint = QLabel(
            _("A curator visits the assigned schools; a coordinator collects curators' packages.")
        )
        role_hint.setStyleSheet(colours.HINT_STYLE)
        for label in (role_hint, self.error_label):  # wrapped at the field's width, not narrower
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addRow(field_label("role"), roles)
        layout.addRow("", role_hint)
        layout.addRow("", self.error_label)

    def load(self, profile: ProfileFields | None) -> None:
        """Show ``profile`` (empty fields and the curator's role when None)."""
        for name, edit in self.edits.items():
            edit.setText(getattr(profile, name, "") if profile else "")
        role = Role.parse(profile.role) if profile else None
        self.role_buttons[role or Role.CURATOR].setChecked(True)
        self.error_label.hide()

    def role(self) -> Role:
        return next(
            (role for role, button in self.role_buttons.items() if button.isChecked()),
            Role.CURATOR,
        )

    def profile(self) -> ProfileFields:
        """The values as typed (surrounding spaces removed) and the chosen role."""
        values = {name: edit.text() for name, edit in self.edits.items()}
        return ProfileFields.from_strings({**values, "role": self.role().value})

    def validate(self) -> bool:
        """Show what is wrong under the form; True when the values may be saved."""
        problems = profile_problems(self.profile())
        self.error_label.setText("\n".join(problems.values()))
        self.error_label.setVisible(bool(problems))
        first = next(iter(problems), None)
        if first in self.edits:
            self.edits[first].setFocus()
        elif first is not None:
            self.role_buttons[self.role()].setFocus()
        return not problems
