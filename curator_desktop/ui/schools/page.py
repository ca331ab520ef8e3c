"""The Schools page: the curator's schools, searched, filtered and sorted by the store.

The page keeps the ordered ids of the current query; the model fetches rows a page at a time.
A change of filter or order reads a new ``SchoolListing`` off the GUI thread (a store query over
5,000 schools takes 10–50 ms, too long to block typing), with the first page of rows; a result
that a newer query has overtaken is dropped. Typed text waits for a short pause, then narrows
the listing in memory on the GUI thread (under a millisecond), so the table follows typing
within a frame. After a change to the data (``refresh``) the listing is read again at once, so
the list is current as soon as the change is announced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.domain.enums import Programme, SchoolStatus
from curator_desktop.domain.summaries import SchoolSummary
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.tasks import run_in_background
from curator_desktop.ui.common.widgets.filter_combo import filter_combo
from curator_desktop.ui.common.widgets.list_table import CELL_PADDING, ListTable
from curator_desktop.ui.schools.table_model import SORT_FIELDS, SchoolColumn, SchoolTableModel

if TYPE_CHECKING:
    from curator_desktop.store.repositories.school_listing import SchoolListing
    from curator_desktop.store.repositories.schools import SchoolQuery, SchoolRepository

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
"""Typing pause before the query runs."""
ROWS_PER_FETCH = 30
"""Rows read from the store at once: a screen's worth at 1366×768 with room to spare (each new
row costs ≈60 µs to read; the first page of a new list is read with it, the pages below as
the table is scrolled)."""
FIT_ROWS = ROWS_PER_FETCH
"""Column widths are fitted to the first page."""
MIN_COLUMN_WIDTH = 70
SORT_ARROW_WIDTH = 20
"""Room for the header's sort indicator."""


@dataclass(frozen=True)
class _Result:
    """What one query returned: the ordered ids and the listing they were narrowed from."""

    generation: int
    query: SchoolQuery
    ids: list[str]
    listing: SchoolListing
    """The query's filters and order, with the totals and the rows read so far."""


def _execute(
    repository: SchoolRepository,
    query: SchoolQuery,
    generation: int,
    listing: SchoolListing | None = None,
) -> _Result:
    """Narrow ``listing`` by the query's words (reading a new listing when it does not serve the
    query) and read the first rows shown."""
    from curator_desktop.store.repositories.school_listing import SchoolListing

    if listing is None or not listing.serves(query):
        listing = SchoolListing.read(repository, query)
    ids = listing.ids(query)
    listing.summaries(ids[:ROWS_PER_FETCH])
    return _Result(generation, query, ids, listing)


class SchoolTable(ListTable):
    """The schools table, or an empty state saying why nothing is shown."""

    def __init__(self, model: SchoolTableModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent, sort_column=SchoolColumn.NAME)
        self.model: SchoolTableModel = model

    def show_rows(self) -> None:
        """Show the table; the first time it has rows, fit the columns to the first page.

        The texts are measured here, not with ``resizeColumnsToContents``: that asks the model
        for ten roles of every measured cell, ≈60 ms for the first page on the start-up path.
        """
        if not self._fitted and self.model.rowCount():
            self._fitted = True
            self._fit_columns(min(self.model.rowCount(), FIT_ROWS))
        self.show_view()

    def _fit_columns(self, count: int) -> None:
        rows = [row for row in map(self.model.row_at, range(count)) if row is not None]
        cells = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        titles = header.fontMetrics()
        widths = []
        for column in self.model.columns:
            texts = [column.text(row) for row in rows]
            if column.samples is not None:
                texts += column.samples()
            widest = max(map(cells.horizontalAdvance, texts), default=0) + CELL_PADDING
            title = titles.horizontalAdvance(column.header()) + CELL_PADDING + SORT_ARROW_WIDTH
            widths.append(min(max(widest, title, MIN_COLUMN_WIDTH), column.max_width))
        self.set_natural_widths(widths)

    def visible_rows(self) -> list[SchoolSummary]:
        """The rows in their current order (reads every page: for tests and small lists)."""
        return self.model.rows()

    def selected_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, school_id: str | None) -> None:
        row = self.model.row_of(school_id) if school_id else -1
        if row >= 0:
            self.view.selectRow(row)


class SchoolsPage(Page):
    """Lists schools (name, municipality, programme, status, next visit, open recs, risk)."""

    kinds = frozenset({Change.SCHOOLS, Change.VISITS, Change.RECOMMENDATIONS, Change.RISKS})

    school_activated = Signal(str)
    """A row was double-clicked or Enter pressed on it: the school's id."""
    add_requested = Signal()
    import_requested = Signal()
    twins_repair_requested = Signal()
    """«Merge…» on the banner that says some schools are held twice."""
    results_shown = Signal()
    """A query's result is on screen (emitted after every search, filter, sort or refresh)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._running = False
        self._pending = False
        self._listing: SchoolListing | None = None
        """The current query's filters and order in memory: typing narrows it at once."""
        self._sort = (SchoolColumn.NAME, Qt.SortOrder.AscendingOrder)

        self.count_label = QLabel()
        self.add_button = QPushButton(_("Add school"))
        self.add_button.clicked.connect(self.add_requested)
        self.import_button = QPushButton(_("Import list…"))
        self.import_button.clicked.connect(self.import_requested)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by name, municipality, director or INN"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.municipality_filter = filter_combo(
            _("All municipalities"), [], length=14, name=_("Municipality")
        )
        self.programme_filter = filter_combo(
            _("All programmes"), Programme.choices(), length=14, name=_("Programme")
        )
        self.status_filter = filter_combo(
            _("All statuses"), SchoolStatus.choices(), length=14, name=_("Status")
        )
        self.show_archived = QCheckBox(_("Show archived"))
        for combo in (self.municipality_filter, self.programme_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.show_archived.toggled.connect(self._on_filter_changed)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)

        self.model = SchoolTableModel(self, page_size=ROWS_PER_FETCH)
        self.model.sort_requested.connect(self._on_model_sort_requested)
        self.table = SchoolTable(self.model)
        self.table.view.setAccessibleName(_("Schools"))
        self.table.view.activated.connect(self._on_view_activated)
        self.search_lead = SearchLead(self.search, self.table.view)
        self.table.show_empty(_("Opening the store…"))
        self.twins_label = QLabel()
        self.twins_label.setWordWrap(True)
        self.twins_button = QPushButton(_("Merge…"))
        self.twins_button.setAccessibleName(_("Merge schools held twice"))
        self.twins_button.clicked.connect(self.twins_repair_requested)
        self.twins_banner = QWidget()
        self.twins_banner.setObjectName("twinsBanner")
        self.twins_banner.setStyleSheet(
            f"#twinsBanner {{ background: {colours.NOTICE_BACKGROUND}; }}"
        )
        banner = QHBoxLayout(self.twins_banner)
        banner.addWidget(self.twins_label, 1)
        banner.addWidget(self.twins_button)
        self.twins_banner.hide()
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading(self.title()))
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.import_button)
        search = QHBoxLayout()  # the search on a row of its own: never squeezed by the filters
        search.addWidget(self.search, 1)
        search.addWidget(self.show_archived)
        filters = QHBoxLayout()
        for widget in (self.municipality_filter, self.programme_filter, self.status_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.twins_banner)
        layout.addLayout(search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def title(self) -> str:
        return _("Schools")

    def start_focus(self) -> QWidget:
        return self.search

    # -- queries -------------------------------------------------------------------------------

    def query(self) -> SchoolQuery:
        """The query the widgets describe now."""
        from curator_desktop.store.repositories.schools import SchoolQuery, SchoolSort

        column, order = self._sort
        return SchoolQuery(
            text=self.search.text(),
            municipality=self.municipality_filter.currentData(),
            programme=self.programme_filter.currentData(),
            status=self.status_filter.currentData(),
            include_archived=self.show_archived.isChecked(),
            sort=SchoolSort(SORT_FIELDS[SchoolColumn(column)]),
            descending=order == Qt.SortOrder.DescendingOrder,
        )

    def refresh(self) -> None:
        """Reload after a change to the data: at once, on this thread, keeping the query."""
        if self.context is None:
            return
        repository = self.context.schools
        self._update_municipalities(repository.municipalities())
        self.search_timer.stop()
        self._listing = None
        self._generation += 1
        self._show(_execute(repository, self.query(), self._generation))
        self.update_twins()

    def update_twins(self) -> None:
        """Show the banner when schools are held twice (the same ИНН), else hide it."""
        if self.context is None:
            return
        count = self.context.school_service.twin_count()
        self.twins_label.setText(
            ngettext(
                "{count} school is held twice in this store (the same INN), each copy with "
                "part of its visits. Merge the copies into one record: nothing is lost, a "
                "backup is taken first.",
                "{count} schools are held twice in this store (the same INN), each copy with "
                "part of its visits. Merge the copies into one record: nothing is lost, a "
                "backup is taken first.",
                count,
            ).format(count=format_number(count))
        )
        self.twins_banner.setVisible(count > 0)

    def _start_query(self) -> None:
        """Show the current query's result: narrowed in memory on this thread when only the
        words changed, otherwise read off the GUI thread (only the newest result is shown)."""
        if self.context is None:
            return
        self.search_timer.stop()
        repository, query = self.context.schools, self.query()
        if self._listing is not None and self._listing.serves(query):
            self._generation += 1
            try:
                result = _execute(repository, query, self._generation, self._listing)
            except Exception:  # the store went away: read it again off the GUI thread
                log.warning("Narrowing the schools list failed", exc_info=True)
                self._listing = None
            else:
                self._show(result)
                return
        if self._running:
            self._pending = True
            return
        self._running = True
        self._generation += 1
        generation = self._generation
        run_in_background(
            lambda: _execute(repository, query, generation),
            on_done=self._on_query_done,
            on_error=self._on_query_failed,
        )

    def _on_query_done(self, result: _Result) -> None:
        self._running = False
        if self._pending:
            self._pending = False
            self._start_query()
        elif result.generation == self._generation:
            self._show(result)

    def _on_query_failed(self, exc: BaseException) -> None:
        self._running = False
        log.warning("Searching the schools failed", exc_info=(type(exc), exc, exc.__traceback__))
        if self._pending:
            self._pending = False
            self._start_query()

    def _show(self, result: _Result) -> None:
        selected = self.table.selected_id()
        listing, previous = result.listing, self._listing
        self._listing = listing
        if listing is not previous:
            self.model.set_fetcher(listing.summaries)
            self.model.set_ids(result.ids)
            self.table.select_id(selected)
        elif not self.model.shows(result.ids):  # the same rows in the same order: left as is
            self.model.set_ids(result.ids, rows_current=True)
            self.table.select_id(selected)
        shown = len(result.ids)
        if result.query.filtered:
            text = ngettext("found {n} of {total}", "found {n} of {total}", shown)
        else:
            text = ngettext("{n} school", "{n} schools", shown)
        self.count_label.setText(
            text.format(n=format_number(shown), total=format_number(listing.total))
        )
        if shown:
            self.table.show_rows()
        elif not listing.stored:
            self.table.show_empty(
                _("No schools assigned yet"),
                _(
                    "The list of assigned schools comes from your coordinator as a file: bring "
                    "it in with «Import list…», or add a school by hand. To look around first, "
                    "start the program with the demo store: curator-desktop --demo"
                ),
            )
        elif not result.query.filtered and not listing.total:
            self.table.show_empty(
                _("Every school is archived"), _("Tick «Show archived» to see them.")
            )
        else:
            words = result.query.text.strip()
            self.table.show_empty(
                _("Nothing found for «{query}»").format(query=words)
                if words
                else _("Nothing matches the filter"),
                _("Check the spelling or clear the search and filters."),
            )
        self.results_shown.emit()

    def _update_municipalities(self, names: list[str]) -> None:
        combo = self.municipality_filter
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        finally:
            combo.blockSignals(False)

    # -- slots ---------------------------------------------------------------------------------

    def _on_search_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self._start_query()

    def _on_filter_changed(self, *_args: Any) -> None:
        self._start_query()

    def _on_model_sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        self._start_query()

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.school_activated.emit(self.model.id_at(index.row()))
