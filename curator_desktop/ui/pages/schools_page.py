"""The Schools page: the curator's assigned schools with search."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from curator_desktop.i18n import _, ngettext
from curator_desktop.ui.models.school_table_model import SchoolTableModel
from curator_desktop.ui.pages.page import Page
from curator_desktop.ui.widgets.record_table import RecordTable


class SchoolsPage(Page):
    """Lists schools (name, municipality, programme, status, next visit, open recs, risk)."""

    kinds = frozenset({"schools", "visits", "recommendations", "risks"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by name, municipality, director or INN"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.show_archived = QCheckBox(_("Show archived"))
        self.show_archived.toggled.connect(self.refresh)
        self.table = RecordTable(SchoolTableModel())
        self.table.set_empty_text(_("Opening the store…"), "")

        top = QHBoxLayout()
        top.addWidget(self.heading(self.title()))
        top.addWidget(self.count_label)
        top.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def title(self) -> str:
        return _("Schools")

    def refresh(self) -> None:
        if self.context is None:
            return
        rows = self.context.schools.summaries(include_archived=self.show_archived.isChecked())
        self.table.set_empty_text(
            _("No schools assigned yet"),
            _(
                "The list of assigned schools comes from your coordinator as a file. "
                "To look around first, start the program with the demo store: "
                "curator-desktop --demo"
            ),
        )
        self.table.set_rows(rows)
        self.count_label.setText(
            ngettext("{n} school", "{n} schools", len(rows)).format(n=len(rows))
        )

    def _on_search_text_changed(self, text: str) -> None:
        self.table.set_query(text)
