"""The drop-down of a list's filter bar: «All …» first, then the choices."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def filter_combo(
    everything: str, choices: Sequence[tuple[str, str]], *, length: int, name: str
) -> QComboBox:
    """A combo whose first item ``everything`` (data None) does not filter, then each
    ``(value, label)``. It is ``length`` characters wide: a long choice («Школа Минпросвещения
    России») is elided, not allowed to crowd the search box. ``name``: what it filters by, for
    screen readers (no label is shown beside it)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(length)
    combo.addItem(everything, None)
    for value, label in choices:
        combo.addItem(label, value)
    return combo
