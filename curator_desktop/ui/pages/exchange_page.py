"""The Exchange page: exports and imports of exchange files, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from curator_desktop.i18n import _, format_datetime
from curator_desktop.ui.models.history_table_models import ExchangeTableModel
from curator_desktop.ui.pages.page import Page
from curator_desktop.ui.widgets.record_table import RecordTable


class ExchangePage(Page):
    """Shows the exchange history and when the store was last exported."""

    kinds = frozenset({"exchange"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = self.intro(
            _(
                "Data moves between your computers and your coordinator as one "
                "exchange file on a USB stick or by e-mail."
            )
        )
        self.last_export_label = QLabel()
        self.table = RecordTable(ExchangeTableModel(), sort_order=Qt.SortOrder.DescendingOrder)
        self.table.set_empty_text(_("Opening the store…"), "")
        self.build_layout(intro, self.last_export_label, self.table)

    def title(self) -> str:
        return _("Exchange")

    def refresh(self) -> None:
        if self.context is None:
            return
        history = self.context.history
        last = history.last_export()
        self.last_export_label.setText(
            _("Last export: {when}").format(when=format_datetime(last.at) if last else _("never"))
        )
        self.table.set_empty_text(
            _("No exchanges yet"),
            _("Every export and import is listed here with its date, file and checksum."),
        )
        self.table.set_rows(history.exchanges())
