"""The «Сегодня» list as a two-level model: a heading per section (its count beside it), its
entries under it, and «… and N more» when the section was cut.

Headings can be neither selected nor activated; an entry's target is under :data:`TARGET_ROLE`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont

from curator_desktop.i18n import _, format_date, format_number, ngettext
from curator_desktop.services.today.agenda import Agenda, Target, TodayEntry, TodaySection
from curator_desktop.ui.common import colours

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
"""An entry's :class:`Target` (None on a heading)."""
DATE, SCHOOL, WHAT, NEXT = range(4)

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
_HEADING = 0
"""The internal id of a heading; an entry's is its section's row + 1."""


def day_text(day: dt.date | None, today: dt.date) -> str:
    """«10 дек.» this year, «10 дек. 2025 г.» another; an empty cell without a day."""
    if day is None:
        return ""
    return format_date(day, "d MMM" if day.year == today.year else "d MMM y")


class TodayModel(QAbstractItemModel):
    """The sections of an :class:`Agenda` and their entries."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.sections: tuple[TodaySection, ...] = ()
        self._bold = QFont()
        self._bold.setBold(True)
        self._attention = QColor(colours.ATTENTION)
        self.heading_height = 0
        """A heading row's height (0: as any row); the view sets it to leave air above it."""

    def set_agenda(self, agenda: Agenda) -> None:
        self.beginResetModel()
        self.today, self.sections = agenda.today, agenda.sections
        self.endResetModel()

    # -- structure -----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _HEADING)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _HEADING:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _HEADING)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self.sections)
        if parent.internalId() != _HEADING or parent.column() != 0:
            return 0
        section = self.sections[parent.row()]
        return len(section.entries) + (1 if section.more is not None else 0)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 4

    def is_heading(self, index: Index) -> bool:
        return index.isValid() and index.internalId() == _HEADING

    def section_of(self, index: Index) -> TodaySection:
        row = index.row() if self.is_heading(index) else index.internalId() - 1
        return self.sections[row]

    def entry(self, index: Index) -> TodayEntry | None:
        """The entry of a row (None on a heading and on «… and N more»)."""
        if not index.isValid() or self.is_heading(index):
            return None
        entries = self.section_of(index).entries
        return entries[index.row()] if index.row() < len(entries) else None

    def target(self, index: Index) -> Target | None:
        if not index.isValid() or self.is_heading(index):
            return None
        entry = self.entry(index)
        return entry.target if entry is not None else self.section_of(index).more

    def entry_indexes(self) -> list[QModelIndex]:
        """The first column of every row that opens something, top to bottom."""
        found = []
        for row in range(self.rowCount()):
            heading = self.index(row, 0)
            found += [self.index(child, 0, heading) for child in range(self.rowCount(heading))]
        return found

    # -- data ----------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_heading(index):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Date"), _("School"), _("What"), _("Next step"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self.is_heading(index):
            return self._heading_data(self.sections[index.row()], index.column(), role)
        if role == TARGET_ROLE:
            return self.target(index)
        entry = self.entry(index)
        if entry is None:
            return self._more_data(self.section_of(index), index.column(), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(entry, index.column())
            return text if role == Qt.ItemDataRole.DisplayRole or text else None
        if role == Qt.ItemDataRole.ForegroundRole and entry.late and index.column() in (DATE, NEXT):
            return self._attention
        return None

    def _text(self, entry: TodayEntry, column: int) -> str:
        if column == DATE:
            return day_text(entry.day, self.today)
        return (entry.school, entry.text, entry.next_step)[column - 1]

    def _heading_data(self, section: TodaySection, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{section.title} ({format_number(section.total)})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.SizeHintRole and self.heading_height:
            return QSize(0, self.heading_height)
        if role == Qt.ItemDataRole.TextAlignmentRole:  # the air above, not below
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{section.title}: {format_number(section.total)}"
        return None

    def _more_data(self, section: TodaySection, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or column != WHAT:
            return None
        rest = section.total - len(section.entries)
        return ngettext(
            "… and {n} more: Enter opens the page", "… and {n} more: Enter opens the page", rest
        ).format(n=format_number(rest))
