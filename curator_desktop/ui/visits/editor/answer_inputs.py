"""One input widget per checklist answer type, all with the same small interface.

``value()`` / ``set_value()`` read and show a stored answer (None = not answered) and
``edited(value)`` fires on every user edit. Text inputs mark themselves ``debounced``: the form
saves them after a pause and when focus leaves, choices are saved at once. Choices stand in a row
while they fit and one under another when they do not, their texts wrapping if even that is too
narrow (:class:`~curator_desktop.ui.common.widgets.row_or_column.RowOrColumnLayout`): nothing of
an answer runs past the form's edge.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.checklists.answers import localized
from curator_desktop.domain.checklists.items import is_answered
from curator_desktop.i18n import _, format_number
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.common.widgets.row_or_column import (
    RowOrColumnLayout,
    WrapCheckBox,
    WrapToolButton,
)

YES_NO_PARTLY_KEYS = {
    # value: keys that choose it (digits follow the buttons' order; letters in both layouts)
    "yes": (Qt.Key.Key_1, Qt.Key.Key_Y, "д"),
    "no": (Qt.Key.Key_2, Qt.Key.Key_N, "н"),
    "partly": (Qt.Key.Key_3, Qt.Key.Key_P, "ч"),
    "na": (Qt.Key.Key_4, Qt.Key.Key_A, Qt.Key.Key_0),
}
INVALID_STYLE = f"border: 2px solid {colours.ATTENTION};"
SEGMENT_STYLE = """
SegmentedChoice { border: 1px solid transparent; border-radius: 4px; }
SegmentedChoice:focus { border: 2px solid palette(highlight); }
QToolButton { padding: 3px 8px; }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); }
"""


def yes_no_partly_labels() -> list[tuple[str, str]]:
    """The four answers, in button order, translated."""
    return [
        ("yes", _("Yes")),
        ("no", _("No")),
        ("partly", _("Partly")),
        ("na", _("Not applicable")),
    ]


class AnswerInput(QWidget):
    """The common interface of the answer widgets."""

    edited = Signal(object)
    debounced = False

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def name_options(self, item: str) -> None:
        """Name each option button after its item («Yes (1.4)»): every row of a checklist has
        the same options, and a screen reader should tell them apart. Inputs without option
        buttons have nothing to name."""

    @staticmethod
    def _option_name(label: str, item: str) -> str:
        return _("{option} ({item})").format(option=label, item=item)


class SegmentedChoice(AnswerInput):
    """Toggle buttons (a row, or a column when the row does not fit) that are ONE tab stop:
    keys choose, arrows move, Delete clears.

    ``keys`` maps each value to the keys (Qt keys or lower-case letters) that choose it.
    """

    def __init__(
        self,
        options: Sequence[tuple[Any, str]],
        keys: Mapping[Any, Sequence[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(SEGMENT_STYLE)
        self._values = [value for value, _label in options]
        self._keys = keys
        self._read_only = False
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        layout = RowOrColumnLayout(self, spacing=2)
        layout.setContentsMargins(2, 2, 2, 2)
        self.buttons: list[WrapToolButton] = []
        for index, (_value, label) in enumerate(options):
            button = WrapToolButton(label)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._group.addButton(button, index)
            layout.addWidget(button)
            self.buttons.append(button)
        self._group.idClicked.connect(self._on_clicked)
        self._current: Any = None

    def name_options(self, item: str) -> None:
        for button in self.buttons:
            button.setAccessibleName(self._option_name(button.full_text(), item))

    def value(self) -> Any:
        return self._current

    def set_value(self, value: Any) -> None:
        self._current = value if value in self._values else None
        for index, button in enumerate(self.buttons):
            button.setChecked(self._values[index] == self._current)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self.buttons:
            button.setEnabled(not read_only or button.isChecked())

    def choose(self, value: Any) -> None:
        """Set ``value`` as a user edit (clicking the chosen answer again clears it)."""
        if self._read_only:
            return
        new = None if value == self._current else value
        self.set_value(new)
        self.edited.emit(new)

    def _on_clicked(self, index: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.choose(self._values[index])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text().lower()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        for value, keys in self._keys.items():
            if key in keys or (text and text in keys):
                if value != self._current:
                    self.choose(value)
                return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._current is not None:
            self.choose(self._current)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step(-1 if key == Qt.Key.Key_Left else 1)
        else:
            super().keyPressEvent(event)

    def _step(self, delta: int) -> None:
        index = self._values.index(self._current) if self._current in self._values else -1
        index = max(0, min(len(self._values) - 1, index + delta))
        if self._values[index] != self._current:
            self.choose(self._values[index])

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()


class MultiChoiceInput(AnswerInput):
    """Check boxes, one per option (in a row when few and short and the row fits, else one per
    line, long labels wrapping); the value is the list of chosen option values."""

    ROW_LIMIT = (3, 60)
    """At most this many options, of at most this many characters in all, go in one row."""

    def __init__(self, options: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        in_row = len(options) <= self.ROW_LIMIT[0] and (
            sum(len(label) for _value, label in options) <= self.ROW_LIMIT[1]
        )
        layout = RowOrColumnLayout(self, spacing=6) if in_row else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not in_row:
            layout.setSpacing(2)
        self.boxes: dict[str, WrapCheckBox] = {}
        for value, label in options:
            box = WrapCheckBox(label)
            box.toggled.connect(self._on_toggled)
            layout.addWidget(box)
            self.boxes[value] = box
        if not in_row:
            layout.addStretch(1)
        self._loading = False

    def name_options(self, item: str) -> None:
        for box in self.boxes.values():
            box.setAccessibleName(self._option_name(box.full_text(), item))

    def value(self) -> list[str] | None:
        chosen = [value for value, box in self.boxes.items() if box.isChecked()]
        return chosen or None

    def set_value(self, value: Any) -> None:
        self._loading = True
        chosen = set(value) if isinstance(value, list) else set()
        for option, box in self.boxes.items():
            box.setChecked(option in chosen)
        self._loading = False

    def _on_toggled(self) -> None:
        if not self._loading:
            self.edited.emit(self.value())


class ChoiceInput(AnswerInput):
    """A drop-down of options with an empty «—» entry."""

    def __init__(self, options: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.addItem("—", None)
        for value, label in options:
            self.combo.addItem(label, value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(12)
        # as wide as its longest option where there is room, narrower (eliding) where not
        self.combo.setMinimumWidth(self.combo.fontMetrics().horizontalAdvance("M" * 12))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self._loading = False
        self.combo.currentIndexChanged.connect(self._on_changed)

    def value(self) -> str | None:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self._loading = True
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self._loading = False

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.value())


class TextInput(AnswerInput):
    """A one-line text."""

    debounced = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._on_text_edited)

    def _on_text_edited(self) -> None:
        self.edited.emit(self.value())

    def value(self) -> str | None:
        return self.line.text() or None

    def set_value(self, value: Any) -> None:
        self.line.setText(value if isinstance(value, str) else "")

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)


class LongTextInput(AnswerInput):
    """A paragraph; Tab moves on to the next field instead of typing a tab."""

    debounced = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._loading = False
        self.edit.textChanged.connect(self._on_changed)

    def value(self) -> str | None:
        return self.edit.toPlainText() or None

    def set_value(self, value: Any) -> None:
        self._loading = True
        self.edit.setPlainText(value if isinstance(value, str) else "")
        self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.value())


class NumberInput(TextInput):
    """A number within the item's limits; what is not a number yet is not emitted."""

    def __init__(self, low: float | None, high: float | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._low, self._high = low, high
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0" * 12) + 16)
        self.layout().addStretch(1)
        self._hint = _("A number")
        if low is not None and high is not None:
            self.line.setPlaceholderText(f"{format_number(low)}–{format_number(high)}")
            self._hint = _("A number from {low} to {high}").format(
                low=format_number(low), high=format_number(high)
            )
        self.line.setToolTip(self._hint)

    def _on_text_edited(self) -> None:
        """Emit only what can be stored: a number within the limits, or nothing (cleared). Text
        that is not such a number is outlined and NOT saved, so the stored answer stays."""
        acceptable = self.is_acceptable()
        self.line.setStyleSheet("" if acceptable else INVALID_STYLE)
        self.line.setToolTip(
            self._hint if acceptable else _("Not saved: {hint}.").format(hint=self._hint)
        )
        if acceptable:
            self.edited.emit(self.value())

    def value(self) -> int | float | None:
        text = self.line.text().strip().replace(",", ".").replace(" ", "")
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            return None
        number: int | float = int(text) if "." not in text else float(text)
        if (self._low is not None and number < self._low) or (
            self._high is not None and number > self._high
        ):
            return None
        return number

    def is_acceptable(self) -> bool:
        """Empty, or a number within the limits."""
        return not self.line.text().strip() or self.value() is not None

    def set_value(self, value: Any) -> None:
        self.line.setStyleSheet("")
        self.line.setToolTip(self._hint)
        self.line.setText(format_number(value).replace("\u00a0", "") if is_answered(value) else "")


class DateInput(AnswerInput):
    """A date (stored as ISO text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = DateField()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addStretch(1)
        self.setFocusProxy(self.field)
        self._loading = False
        self.field.changed.connect(self._on_changed)

    def value(self) -> str | None:
        day = self.field.value()
        return day.isoformat() if day else None

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.field.set_value(dt.date.fromisoformat(value) if value else None)
        except (TypeError, ValueError):
            self.field.set_value(None)
        self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.field.set_read_only(read_only)

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.value())


def _options(item: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(option["value"], localized(option["label"])) for option in item["options"]]


def _scale_options(item: Mapping[str, Any]) -> list[tuple[int, str]]:
    scale = item["scale"]
    labels = scale.get("labels", {})
    return [
        (
            value,
            f"{value} — {localized(labels[str(value)])}" if str(value) in labels else str(value),
        )
        for value in range(scale["min"], scale["max"] + 1)
    ]


def make_input(item: Mapping[str, Any]) -> AnswerInput:
    """The input widget for a template item."""
    kind = item["type"]
    if kind == "yes_no_partly":
        return SegmentedChoice(yes_no_partly_labels(), YES_NO_PARTLY_KEYS)
    if kind == "scale":
        options = _scale_options(item)
        digit_keys = {
            value: (Qt.Key.Key_0 + value,) for value, _label in options if 0 <= value <= 9
        }
        return SegmentedChoice(options, digit_keys)
    if kind == "number":
        return NumberInput(item.get("min"), item.get("max"))
    if kind == "text":
        return TextInput()
    if kind == "long_text":
        return LongTextInput()
    if kind == "date":
        return DateInput()
    if kind == "choice":
        return ChoiceInput(_options(item))
    return MultiChoiceInput(_options(item))
