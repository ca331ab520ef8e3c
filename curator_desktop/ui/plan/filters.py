"""The Plan page's filter bar: which roadmap, only the curator's items, and a search."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.filter_combo import filter_combo


class PlanFilters(QWidget):
    """``changed`` when the roadmap or «Only mine» changes (the plan is read again);
    ``search_changed`` when the search text does (the plan read is narrowed)."""

    changed = Signal()
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years: dict[str, int | None] = {}
        self.document_filter = filter_combo(_("All roadmaps"), [], length=28, name=_("Roadmap"))
        self.mine_check = QCheckBox(_("Only mine"))
        self.mine_check.setChecked(True)
        self.mine_check.setToolTip(_("Only the items that concern the curator"))
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by item, deadline or responsible"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document_filter)
        layout.addWidget(self.mine_check)
        layout.addWidget(self.search, 1)
        self.document_filter.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.mine_check.toggled.connect(lambda _checked: self.changed.emit())
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

    def curator_only(self) -> bool:
        return self.mine_check.isChecked()

    def text(self) -> str:
        return self.search.text()

    def show_everything(self) -> None:
        """All roadmaps and no search («Only mine» stays as it is)."""
        self.document_filter.setCurrentIndex(0)
        self.search.clear()
