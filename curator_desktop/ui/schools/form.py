"""The fields of a school's card, grouped as a curator reads them, with messages beside each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import LabelledEnum, Programme, SchoolStatus, SettlementType
from curator_desktop.domain.schools.rules import (
    INT_FIELDS,
    LEVEL_CODES,
    SchoolFields,
    field_label,
    level_label,
    validate_school,
)
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours

ERROR_COLOUR = colours.ATTENTION

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "school",
        ("full_name", "short_name", "inn", "medk_code", "programme", "cohort_year", "status"),
    ),
    ("address", ("region", "municipality", "settlement_type", "address")),
    (
        "management",
        (
            "director_name",
            "director_phone",
            "director_email",
            "deputy_name",
            "deputy_phone",
            "deputy_email",
        ),
    ),
    ("students", ("levels", "students_count", "students_ovz_count", "teachers_count")),
    ("notes", ("notes",)),
)
"""Section key → its fields, in the order shown."""

CHOICES: dict[str, type[LabelledEnum]] = {
    "programme": Programme,
    "status": SchoolStatus,
    "settlement_type": SettlementType,
}

_STYLE = f"""
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"],
QFrame[invalid="true"] {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}
QLabel[role="field-error"] {{ color: {ERROR_COLOUR}; }}
"""


def _section_titles() -> dict[str, str]:
    return {
        "school": _("School"),
        "address": _("Address"),
        "management": _("Management"),
        "students": _("Students and staff"),
        "notes": _("Notes"),
    }


def _placeholders() -> dict[str, str]:
    phone = _("e.g. +7 (812) 123-45-67")
    email = _("name@example.ru")
    return {
        "full_name": _("as in the charter"),
        "short_name": _("as shown in lists and reports"),
        "inn": _("10 digits"),
        "cohort_year": _("e.g. 2024"),
        "director_phone": phone,
        "deputy_phone": phone,
        "director_email": email,
        "deputy_email": email,
    }


class SchoolForm(QWidget):
    """Edits :class:`SchoolFields`; shows each field's message in red under it, highlighted.

    ``changed`` fires on every edit; ``is_modified`` compares with what was last loaded or saved.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_STYLE)
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.level_boxes: dict[str, QCheckBox] = {}
        self.sections: dict[str, QGroupBox] = {}
        self._levels_frame = QFrame()
        self._levels_layout = QHBoxLayout(self._levels_frame)
        self._levels_layout.setContentsMargins(4, 2, 4, 2)
        self._loaded: dict[str, object] = {}
        self._shown: dict[str, str] = {}
        self._sticky: set[str] = set()
        self._labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        titles = _section_titles()
        for key, names in SECTIONS:
            box = QGroupBox(titles[key])
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.sections[key] = box
            layout.addWidget(box)
            for name in names:
                self._add_row(form, name)
        layout.addStretch(1)
        for code in LEVEL_CODES:
            self._add_level_box(code, level_label(code))
        label_width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:  # one column of labels across the sections
            label.setMinimumWidth(label_width)

    # -- building ----------------------------------------------------------------------------

    def _add_row(self, form: QFormLayout, name: str) -> None:
        editor = self._make_editor(name)
        editor.setObjectName(name)
        self.editors[name] = editor
        error = QLabel()
        error.setProperty("role", "field-error")
        error.setObjectName(f"{name}_error")
        error.setWordWrap(True)
        error.hide()
        self.error_labels[name] = error
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        text = field_label(name) + (" *" if name == "full_name" else "")
        label = QLabel(text)
        label.setBuddy(editor)
        if name == "notes":
            form.addRow(cell)
        else:
            self._labels.append(label)
            form.addRow(label, cell)

    def _make_editor(self, name: str) -> QWidget:
        if name in CHOICES:
            combo = QComboBox()
            for code, label in CHOICES[name].choices():
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._on_field_changed(n))
            return combo
        if name == "levels":
            return self._levels_frame
        if name == "notes":
            notes = QPlainTextEdit()
            notes.setMinimumHeight(90)
            notes.textChanged.connect(lambda n=name: self._on_field_changed(n))
            return notes
        edit = QLineEdit()
        edit.setPlaceholderText(_placeholders().get(name, ""))
        if name in INT_FIELDS or name == "inn":
            edit.setMaximumWidth(220)
        edit.textChanged.connect(lambda _t, n=name: self._on_field_changed(n))
        return edit

    def _add_level_box(self, code: str, label: str) -> QCheckBox:
        box = QCheckBox(label)
        box.setObjectName(f"level_{code}")
        box.toggled.connect(lambda _c: self._on_field_changed("levels"))
        self.level_boxes[code] = box
        self._levels_layout.insertWidget(len(self.level_boxes) - 1, box)
        if self._levels_layout.count() == len(self.level_boxes):
            self._levels_layout.addStretch(1)
        return box

    # -- values ------------------------------------------------------------------------------

    def load(self, fields: SchoolFields) -> None:
        """Show ``fields`` as the unmodified state and clear every message."""
        for code in [c for c in self.level_boxes if c not in LEVEL_CODES]:
            box = self.level_boxes.pop(code)
            self._levels_layout.removeWidget(box)
            box.deleteLater()
        for code in fields.levels:
            if code not in self.level_boxes:  # a level this version does not know: keep it
                self._add_level_box(code, code)
        widgets = [*self.editors.values(), *self.level_boxes.values()]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for name, editor in self.editors.items():
                value = getattr(fields, name)
                if isinstance(editor, QComboBox):
                    index = editor.findData(value)
                    if index < 0:  # a code from a newer version is shown as stored
                        editor.addItem(str(value), value)
                        index = editor.count() - 1
                    editor.setCurrentIndex(index)
                elif isinstance(editor, QPlainTextEdit):
                    editor.setPlainText(value)
                elif isinstance(editor, QLineEdit):
                    editor.setText("" if value is None else str(value))
                    editor.setCursorPosition(0)  # a long name shows its beginning
            for code, box in self.level_boxes.items():
                box.setChecked(code in fields.levels)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._loaded = self.raw_values()
        self.clear_errors()

    def raw_values(self) -> dict[str, object]:
        """What the widgets hold, as text (levels as a list of codes)."""
        values: dict[str, object] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                values[name] = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                values[name] = editor.toPlainText()
            elif isinstance(editor, QLineEdit):
                values[name] = editor.text()
        values["levels"] = [code for code, box in self.level_boxes.items() if box.isChecked()]
        return values

    def fields(self) -> SchoolFields:
        """The edited fields (numbers that are not numbers come as conversion errors)."""
        return SchoolFields.from_strings(self.raw_values())

    def is_modified(self) -> bool:
        """True when the values differ from what was last loaded or saved."""
        return self.raw_values() != self._loaded

    def mark_saved(self) -> None:
        """Take the current values as the unmodified state."""
        self._loaded = self.raw_values()

    # -- messages ----------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Show each message under its field and highlight it; focus and return the first one.

        Messages the rules do not produce (a duplicate INN found by the service) stay until their
        own field is edited; the others update as the user corrects the values.
        """
        rules = validate_school(self.fields())
        self._sticky = {name for name in errors if name not in rules}
        self._display(errors)
        first = next((self.editors[n] for n in self.editors if n in errors), None)
        if first is not None:
            first.setFocus()
        return first

    def clear_errors(self) -> None:
        self._sticky = set()
        self._display({})

    def shown_errors(self) -> dict[str, str]:
        """Field → message currently shown."""
        return dict(self._shown)

    def _display(self, errors: dict[str, str]) -> None:
        for name, label in self.error_labels.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            editor = self.editors[name]
            if bool(editor.property("invalid")) != bool(message):
                editor.setProperty("invalid", bool(message))
                editor.style().unpolish(editor)
                editor.style().polish(editor)
            editor.setToolTip(message)
        self._shown = {name: text for name, text in errors.items() if name in self.error_labels}

    def _on_field_changed(self, name: str) -> None:
        if self._shown:
            rules = validate_school(self.fields())
            still: dict[str, str] = {}
            for shown, message in self._shown.items():
                if shown in rules:
                    still[shown] = rules[shown]
                elif shown in self._sticky and shown != name:
                    still[shown] = message
            self._sticky.discard(name)
            self._display(still)
        self.changed.emit()
