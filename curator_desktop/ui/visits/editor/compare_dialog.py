"""This visit against the school's previous one with the same checklist: what changed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.visits.records import Comparison
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.ui.common.screen_fit import fit_to_screen


class CompareDialog(QDialog):
    """A table of the items whose answers changed: section, item, before, now."""

    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Compare with the previous visit"))
        changes = comparison.changes
        if comparison.previous_visit_id is None:
            text = _(
                "There is no earlier visit to this school with the same checklist to compare with."
            )
        elif not changes:
            text = _("No answers changed since the visit of {date}.").format(
                date=format_date(comparison.previous_date)
            )
        else:
            text = ngettext(
                "{n} answer changed since the visit of {date}:",
                "{n} answers changed since the visit of {date}:",
                len(changes),
            ).format(n=len(changes), date=format_date(comparison.previous_date))
        summary = QLabel(text)
        summary.setWordWrap(True)
        self.table = QTableWidget(len(changes), 4)
        self.table.setHorizontalHeaderLabels(
            [_("Section"), _("Item"), _("Previous visit"), _("This visit")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for row, change in enumerate(changes):
            values = (change.section_title, change.item_text, change.previous, change.current)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(changes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, (820, 480 if changes else 160), anchor=parent)
