"""The Plan page's filter bar: which roadmap, whose items («Mine», «I take part», «All»), and a
search."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from curator_desktop.domain.roadmap.relation import Relation
from curator_desktop.i18n import _
from curator_desktop.services.plan.relations import RelationFilter
from curator_desktop.ui.common.widgets.filter_combo import filter_combo


class PlanFilters(QWidget):
    """``changed`` when the roadmap or the relation filter changes (the plan is read again);
    ``search_changed`` when the search text does (the plan read is narrowed). The relation
    filter is three radio buttons: Tab reaches the chosen one, the arrow keys choose."""

    changed = Signal()
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years: dict[str, int | None] = {}
        self.document_filter = filter_combo(_("All roadmaps"), [], length=28, name=_("Roadmap"))
        self.relation_group = QButtonGroup(self)
        self.relation_buttons: dict[RelationFilter, QRadioButton] = {}
        for choice in RelationFilter:
            button = QRadioButton(choice.label)
            button.setToolTip(choice.tip)
            self.relation_group.addButton(button)
            self.relation_buttons[choice] = button
        self.relation_buttons[RelationFilter.MINE].setChecked(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by item, deadline or responsible"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document_filter)
        for button in self.relation_buttons.values():
            layout.addWidget(button)
        layout.addWidget(self.search, 1)
        self.document_filter.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.relation_group.buttonToggled.connect(self._on_relation_group_button_toggled)
        self.search.textChanged.connect(self.search_changed)

    def set_documents(self, documents: list[tuple[str, str, int | None]]) -> None:
        """The roadmaps to choose from, as ``(id, title, year)``; the choice stays if it can."""
        combo = self.document_filter
        current = combo.currentData()
        self._years = {doc_id: year for doc_id, _title, year in documents}
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for doc_id, title, year in documents:
            label = f"{title} ({year})" if year else title
            combo.addItem(label, doc_id)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)

    def has_documents(self) -> bool:
        return bool(self._years)

    def document_id(self) -> str | None:
        return self.document_filter.currentData()

    def document_year(self) -> int | None:
        """The year of the chosen roadmap (None: all roadmaps, or no year)."""
        return self._years.get(self.document_id() or "")

    def relation_filter(self) -> RelationFilter:
        return next(c for c, b in self.relation_buttons.items() if b.isChecked())

    def set_relation_filter(self, choice: RelationFilter) -> None:
        self.relation_buttons[choice].setChecked(True)

    def relations(self) -> frozenset[Relation] | None:
        """What the plan shows (None: every item)."""
        return self.relation_filter().relations

    def text(self) -> str:
        return self.search.text()

    def show_everything(self) -> None:
        """All roadmaps and no search (the relation filter stays as it is)."""
        self.document_filter.setCurrentIndex(0)
        self.search.clear()

    def _on_relation_group_button_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.changed.emit()
