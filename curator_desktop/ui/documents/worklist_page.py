"""The Documents page: the curator's worklist across schools — documents returned for revision,
awaiting review, overdue — as of today. A row opens the school's card on its «Документы» tab.

A tab bar narrows the list to one group (all, overdue, awaiting review, returned for revision);
«Today» comes from ``clock`` so tests can fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabBar, QWidget

from curator_desktop.domain.changes import Change
from curator_desktop.domain.documents import WorklistEntry
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.services.documents.worklist import WORKLIST_GROUPS
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.list_table import ListTable
from curator_desktop.ui.documents.models import WorklistTableModel, set_worklist_rows

ALL = ""


class DocumentsPage(Page):
    """Lists the documents needing the curator; ``school_activated`` carries a row's school."""

    kinds = frozenset({Change.DOCUMENTS, Change.SCHOOLS})

    school_activated = Signal(str)
    """A row was double-clicked or Enter pressed on it: the school's id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], dt.date] = dt.date.today
        self._entries: list[WorklistEntry] = []
        self.groups = QTabBar()
        self.groups.setAccessibleName(_("Worklist groups"))
        self._keys = [ALL, *WORKLIST_GROUPS]
        self.groups.addTab(_("All"))
        for key in WORKLIST_GROUPS:
            self.groups.addTab(_(WORKLIST_GROUPS[key]))
        self.groups.currentChanged.connect(self._on_groups_current_changed)
        self.count_label = QLabel()
        self.model = WorklistTableModel(self)
        self.table = ListTable(self.model, sort_column=WorklistTableModel.NEEDS)
        self.table.view.setAccessibleName(_("Documents needing the curator"))
        self.table.row_activated.connect(self._on_table_row_activated)
        self.build_layout(
            self.intro(
                _(
                    "The schools' documents that need you: returned for revision, awaiting "
                    "review, and revisions past their deadline. Enter opens the school's card."
                )
            ),
            self.groups,
            self.count_label,
            self.table,
        )

    def title(self) -> str:
        return _("Documents")

    def start_focus(self) -> QWidget | None:
        return self.table.view

    def refresh(self) -> None:
        if self.context is None or self.context.store is None:
            return
        try:
            self._entries = self.context.document_service.worklist(self.clock())
        except Exception as exc:
            show_error(self, exc)
            return
        self._show()

    def current_group(self) -> str:
        return self._keys[self.groups.currentIndex()]

    def _show(self) -> None:
        group = self.current_group()
        entries = [e for e in self._entries if not group or e.group == group]
        set_worklist_rows(self.model, entries)
        for index, key in enumerate(self._keys):
            count = sum(1 for e in self._entries if not key or e.group == key)
            name = _("All") if not key else _(WORKLIST_GROUPS[key])
            self.groups.setTabText(index, f"{name} ({format_number(count)})")
        self.count_label.setText(
            ngettext("{n} document", "{n} documents", len(entries)).format(
                n=format_number(len(entries))
            )
        )
        if entries:
            self.table.show_rows()
        else:
            self.table.show_empty(
                _("Nothing to do"),
                _("No document is waiting for review, returned for revision or overdue."),
            )

    def _on_groups_current_changed(self, _index: int) -> None:
        self._show()

    def _on_table_row_activated(self, entry: WorklistEntry) -> None:
        if entry is not None:
            self.school_activated.emit(entry.summary.school_id)
