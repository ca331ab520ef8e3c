"""The deficits of a self-diagnosis round as a table: per row the direction, the indicator not
met and whether it is a critical one.

Where the catalog lists indicators for the row's direction (a coordinator's catalog), the
indicator is picked from them — critical ones marked, the flag the catalog's, not the
methodist's to change; where it lists none (the built-in catalog), the deficit is typed as the
school's results name it. A deficit typed before the catalog listed indicators stays as the
picker's first choice; a picked indicator keeps the results' own wording, else takes the
indicator's name as its text (what the card, the comparison and the справка show).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from curator_desktop.domain.selfdiag import Deficit, Indicator, SelfdiagCatalog
from curator_desktop.i18n import _, pgettext

DIRECTION, INDICATOR, CRITICAL = range(3)
KEPT_TEXT = Qt.ItemDataRole.UserRole + 1
"""A picked indicator's item keeps the deficit's own wording from the school's results."""


class DeficitTable(QTableWidget):
    """The deficits table; ``changed`` when a row's direction or critical flag changes."""

    changed = Signal()

    def __init__(
        self,
        directions: Sequence[tuple[str, str]],
        catalog: SelfdiagCatalog,
        indicators: Callable[[str], tuple[Indicator, ...]],
        language: str = "ru",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, 3, parent)
        self._directions = list(directions)
        """(code, name) of the directions a deficit may belong to."""
        self._catalog = catalog
        self._indicators = indicators
        self._language = language
        self.setHorizontalHeaderLabels(
            [
                pgettext("self-diagnosis", "Direction"),
                _("Indicator not met (deficit)"),
                _("Critical"),
            ]
        )
        self.setAccessibleName(_("Deficits"))
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(DIRECTION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(INDICATOR, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CRITICAL, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(150)

    def add(
        self, direction: str = "", text: str = "", critical: bool = False, *, indicator: str = ""
    ) -> int:
        """Add a row (direction code, the deficit's text, critical, the indicator's code);
        returns its number."""
        number = self.rowCount()
        self.insertRow(number)
        combo = QComboBox()
        for code, name in self._directions:
            combo.addItem(name, code)
        combo.setCurrentIndex(max(0, combo.findData(direction)))
        combo.setAccessibleName(_("Direction of the deficit"))
        self.setCellWidget(number, DIRECTION, combo)
        check = QCheckBox()
        check.setChecked(critical)
        check.setAccessibleName(_("Critical indicator"))
        check.toggled.connect(self.changed)
        self.setCellWidget(number, CRITICAL, check)
        self._set_indicator_cell(number, text, indicator)
        combo.currentIndexChanged.connect(partial(self._on_direction_changed, combo))
        self.setCurrentCell(number, INDICATOR)
        return number

    def edit_row(self, number: int) -> None:
        """Put the cursor into the row's indicator: the picker, or the text opened to type."""
        self.setFocus()
        picker = self.cellWidget(number, INDICATOR)
        if picker is not None:
            picker.setFocus()
        else:
            self.editItem(self.item(number, INDICATOR))

    def remove_current(self) -> bool:
        """Remove the current row; False when there is none."""
        number = self.currentRow()
        if number < 0:
            return False
        self.removeRow(number)
        return True

    def deficits(self) -> list[Deficit]:
        """The deficits as entered (rows without an indicator or text are left out)."""
        found = []
        for number in range(self.rowCount()):
            code, text = self._entered(number)
            if code or text:
                direction = self._direction(number).currentData()
                found.append(Deficit(direction, code, text, self._check(number).isChecked()))
        return found

    def refresh(self) -> None:
        """Build the indicator cells again (the round's year decides the indicators)."""
        for number in range(self.rowCount()):
            code, text = self._entered(number)
            self._set_indicator_cell(number, text, code)

    def _entered(self, number: int) -> tuple[str, str]:
        """(indicator code, text) of row ``number`` as entered."""
        picker = self.cellWidget(number, INDICATOR)
        if isinstance(picker, QComboBox):
            code = picker.currentData() or ""
            if not code:
                return "", picker.currentText().strip()
            # The results' own wording, else the indicator's name (every list shows the text).
            found = self._catalog.find_indicator(self._direction(number).currentData(), code)
            text = picker.currentData(KEPT_TEXT) or (found.name_ru if found else "")
            return code, text.strip()
        item = self.item(number, INDICATOR)
        if item is None:
            return "", ""
        return item.data(Qt.ItemDataRole.UserRole) or "", item.text().strip()

    # -- the indicator cell -----------------------------------------------------------------------

    def _direction(self, number: int) -> QComboBox:
        combo = self.cellWidget(number, DIRECTION)
        assert isinstance(combo, QComboBox)
        return combo

    def _check(self, number: int) -> QCheckBox:
        check = self.cellWidget(number, CRITICAL)
        assert isinstance(check, QCheckBox)
        return check

    def _set_indicator_cell(self, number: int, text: str, indicator: str = "") -> None:
        """A picker of the direction's indicators (the one named by ``indicator`` or ``text``
        chosen; a text no indicator has kept as the first choice), else free text (keeping
        ``indicator``)."""
        direction = self._direction(number).currentData()
        indicators = self._indicators(direction)
        self.removeCellWidget(number, INDICATOR)
        if not indicators:
            item = QTableWidgetItem(text or indicator)
            item.setData(Qt.ItemDataRole.UserRole, indicator if text else "")
            self.setItem(number, INDICATOR, item)
            self._check(number).setEnabled(True)
            return
        self.setItem(number, INDICATOR, None)
        picker = QComboBox()
        picker.setAccessibleName(_("Indicator not met (deficit)"))
        named = self._catalog.find_indicator(direction, text) if text else None
        wanted = {indicator, named.code if named else ""} - {""}
        found = next((i for i in indicators if i.code in wanted), None)
        if found is None and (text or indicator):
            picker.addItem(text or indicator, "")
        for each in indicators:
            name = each.name(self._language)
            picker.addItem(
                _("{text} (critical)").format(text=name) if each.critical else name, each.code
            )
        if found is not None:
            picker.setCurrentIndex(max(0, picker.findData(found.code)))
            picker.setItemData(picker.currentIndex(), text, KEPT_TEXT)
        picker.currentIndexChanged.connect(partial(self._on_indicator_picked, picker))
        view = picker.view()  # long indicator names read whole in the list
        view.setMinimumWidth(
            view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width()
        )
        self.setCellWidget(number, INDICATOR, picker)
        self._on_indicator_picked(picker)

    def _row_of(self, widget: QWidget, column: int) -> int:
        return next(n for n in range(self.rowCount()) if self.cellWidget(n, column) is widget)

    def _on_direction_changed(self, combo: QComboBox, _index: int = 0) -> None:
        number = self._row_of(combo, DIRECTION)
        picker = self.cellWidget(number, INDICATOR)
        if isinstance(picker, QComboBox):  # a picked indicator is not the new direction's
            self._set_indicator_cell(number, "" if picker.currentData() else picker.currentText())
        else:
            item = self.item(number, INDICATOR)
            self._set_indicator_cell(number, item.text() if item is not None else "")
        self.changed.emit()

    def _on_indicator_picked(self, picker: QComboBox, _index: int = 0) -> None:
        """A catalog indicator brings its critical flag (not the methodist's to change)."""
        number = self._row_of(picker, INDICATOR)
        code = picker.currentData()
        direction = self._direction(number).currentData()
        indicator = self._catalog.find_indicator(direction, code) if code else None
        picker.setToolTip(picker.currentText())
        check = self._check(number)
        check.setEnabled(indicator is None)
        if indicator is not None:
            check.setChecked(indicator.critical)
