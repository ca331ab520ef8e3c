"""The curator's plan as a Qt table model, and the words the plan's views share.

Columns: №, item, deadline (as written; the understood range in its tooltip, a mark when it was
not understood), due day («overdue by N days» in red; every due day of an item with several,
such as an interim and a final report), responsible (the document's abbreviations explained in
its tooltip), the curator's relation (ведёт / участвует / посещает, why in its tooltip), status
(in words, coloured too), links.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.plan.schedule import PlanStatus
from curator_desktop.domain.roadmap.deadlines import recurrence_days
from curator_desktop.domain.roadmap.document import DeadlineKind
from curator_desktop.domain.roadmap.relation import Relation
from curator_desktop.domain.text import sort_key
from curator_desktop.i18n import _, format_date, format_number, ngettext
from curator_desktop.services.plan.relations import relation_label, relation_text
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import PlanEntry
    from curator_desktop.store.repositories.roadmaps import LinkRow, Target

STATUS_COLOURS = {
    PlanStatus.OVERDUE: QColor(colours.ATTENTION),
    PlanStatus.DONE: QColor(colours.DONE),
    PlanStatus.PLANNED: QColor(colours.PLANNED),
}
"""Red, green, blue: never the only signal (the status is written out too)."""
_FAR = dt.date.max
RECURRING_SHOWN = 4
"""How many of a recurring deadline's next days its tooltip lists."""
DUE_DAYS_SHOWN = 4
"""How many due days of an item due more than once its cell lists."""


class PlanColumn(IntEnum):
    NUMBER = 0
    TITLE = 1
    DEADLINE = 2
    DUE = 3
    RESPONSIBLE = 4
    RELATION = 5
    STATUS = 6
    LINKS = 7


# --- words shared by the list, the timeline and the item's panel --------------------------------


def date_range_text(start: dt.date, end: dt.date) -> str:
    if start == end:
        return format_date(start, "short")
    return f"{format_date(start, 'short')} – {format_date(end, 'short')}"


def understood_text(entry: PlanEntry, today: dt.date | None = None) -> str:
    """What was made of the deadline: its ranges, its days, or that it has none."""
    deadline = entry.deadline
    if deadline.kind == DeadlineKind.UNPARSED:
        return _("not understood — kept as written")
    if deadline.kind == DeadlineKind.UNDATED:
        return _("no date")
    ranges = "; ".join(date_range_text(r.start, r.end) for r in deadline.ranges)
    if deadline.kind != DeadlineKind.RECURRING:
        return ranges
    days = recurrence_days(deadline)
    ahead = [day for day in days if today is None or day >= today][:RECURRING_SHOWN]
    text = ngettext(
        "repeats on {n} day within {ranges}", "repeats on {n} days within {ranges}", len(days)
    ).format(n=format_number(len(days)), ranges=ranges)
    if ahead:
        text += "\n" + _("next: {days}").format(
            days=", ".join(format_date(day, "short") for day in ahead)
        )
    return text


def deadline_tip(entry: PlanEntry, today: dt.date | None = None) -> str:
    """The deadline cell's tooltip: what was understood, or why there is no date."""
    deadline = entry.deadline
    if deadline.kind == DeadlineKind.UNPARSED:
        return _("Not understood — kept as written: «{text}»").format(text=deadline.text)
    if deadline.kind == DeadlineKind.UNDATED:
        return _("No date: «{text}»").format(text=deadline.text)
    return _("Understood as {ranges}").format(ranges=understood_text(entry, today))


def overdue_text(days: int) -> str:
    return ngettext("overdue by {n} day", "overdue by {n} days", days).format(n=format_number(days))


def due_days(entry: PlanEntry) -> list[dt.date]:
    """The item's due days: each range's last day for a dated item with several («interim
    report in June, final in December»), else its next due day (none without a date)."""
    deadline, due = entry.deadline, entry.standing.due
    if due is None:
        return []
    if deadline.kind == DeadlineKind.DATED and len(deadline.ranges) > 1:
        return sorted({r.end for r in deadline.ranges})
    return [due]


def due_text(entry: PlanEntry) -> str:
    """«31/03/2021», «28/02/2021 — overdue by 15 days», «30/06/2027; 31/12/2027» for an item due
    more than once (the current day marked when overdue), or «» without a date."""
    standing = entry.standing
    days = due_days(entry)
    parts = []
    for day in days[:DUE_DAYS_SHOWN]:
        text = format_date(day, "short")
        if day == standing.due and standing.status == PlanStatus.OVERDUE:
            text = _("{date} — {overdue}").format(
                date=text, overdue=overdue_text(standing.days_overdue)
            )
        parts.append(text)
    if len(days) > DUE_DAYS_SHOWN:
        parts.append("…")
    return "; ".join(parts)


def status_text(entry: PlanEntry) -> str:
    """The status in words."""
    return entry.standing.status.label


def status_tip(entry: PlanEntry) -> str:
    status = entry.standing.status
    if status == PlanStatus.DONE and not entry.marked_done:
        return _("Done: everything linked to it is done")
    if status == PlanStatus.DONE and entry.done_on is not None:
        return _("Marked done on {date}").format(date=format_date(entry.done_on, "short"))
    if status == PlanStatus.DONE:
        return _("Marked done")
    if status == PlanStatus.OVERDUE:
        return _("Not done, and its day has passed")
    return _("Planned")


def relation_cell(entry: PlanEntry) -> str:
    """The relation's label, «(you)» when the curator set it."""
    label = relation_label(entry.relation)
    return _("{relation} (you)").format(relation=label) if entry.relation_set_by_user else label


def relation_tip(entry: PlanEntry) -> str:
    """«ведёт — ответственные: кураторы»."""
    return relation_text(entry.relation, entry.relation_reason)


def legend_lines(text: str, legend: dict[str, str]) -> list[str]:
    """«АР — администрация района» for each abbreviation of ``legend`` that ``text`` uses."""
    lines = []
    for short, meaning in legend.items():
        if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", text):
            lines.append(f"{short} — {meaning}")
    return lines


def responsible_tip(entry: PlanEntry) -> str:
    lines = legend_lines(entry.responsible, entry.legend)
    return "\n".join([entry.responsible, *lines]) if lines else entry.responsible


def target_kind_label(target_type: str) -> str:
    return {
        "visit": _("Visit"),
        "risk_assessment": _("Risk verification"),
        "report": _("Report"),
        "school_document": _("School document"),
    }.get(target_type, target_type)


def document_target_title(title: str) -> str:
    """A document target's ``kind`` or ``kind:factor`` in words («Antirisk programme R01»)."""
    from curator_desktop.domain.enums import DocumentType

    kind, _sep, factor = title.partition(":")
    return f"{DocumentType.label_for(kind)} {factor}".strip()


def target_text(target: Target) -> str:
    """«Visit · 10/03/2021 · Ельнинская СОШ № 1 · Primary, Completed» and the like."""
    day = format_date(target.day, "short") if target.day else ""
    if target.target_type == "visit":
        detail = VisitType.label_for(target.title)
        done = VisitStatus.COMPLETED.label if target.fulfilled else VisitStatus.PLANNED.label
        detail = f"{detail}, {done.lower()}"
    elif target.target_type == "risk_assessment":
        detail = _("{year}, all factors verified").format(year=target.title)
        if not target.fulfilled:
            detail = _("{year}, not finished").format(year=target.title)
    elif target.target_type == "school_document":
        detail = document_target_title(target.title)
        detail += ", " + (_("accepted") if target.fulfilled else _("not accepted yet"))
    else:
        detail = target.title
    parts = [target_kind_label(target.target_type), day, target.school, detail]
    return " · ".join(part for part in parts if part)


def link_text(link: LinkRow) -> str:
    if link.target is None:
        return _("(deleted)")
    return target_text(link.target)


def links_text(entry: PlanEntry) -> str:
    if not entry.links:
        return ""
    names = "; ".join(link_text(link) for link in entry.links)
    return f"{format_number(len(entry.links))}: {names}"


def item_tip(entry: PlanEntry) -> str:
    parts = [entry.title]
    if entry.section:
        parts.insert(0, _("Section: {section}").format(section=entry.section))
    if entry.document_title:
        parts.append(entry.document_title)
    elif entry.manual:
        parts.append(_("Added by hand"))
    return "\n".join(parts)


def search_text(entry: PlanEntry) -> str:
    return " ".join(
        (
            entry.number,
            entry.title,
            entry.section,
            entry.description,
            entry.responsible,
            entry.deadline.text,
            entry.indicator,
            entry.document_title,
        )
    )


# --- the model ---------------------------------------------------------------------------------


class PlanTableModel(RowTableModel["PlanEntry"]):
    """Plan entries as rows; ``today`` (set by the owner) only words tooltips."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today: dt.date | None = None
        overdue = self._overdue
        self.columns = (
            Column(
                lambda: _("№"),
                lambda e: e.number,
                sort_key=lambda e: (sort_key(e.document_title), sort_key(e.number)),
                tooltip=lambda e: e.document_title or _("Added by hand"),
                max_width=56,
            ),
            Column(
                lambda: _("Item"),
                lambda e: " ".join(e.title.split()),
                tooltip=item_tip,
                stretch=True,
            ),
            Column(
                lambda: _("Deadline"),
                lambda e: e.deadline.text,
                sort_key=lambda e: (e.deadline.first_day or _FAR, e.deadline.text),
                tooltip=lambda e: deadline_tip(e, self.today),
                max_width=130,
            ),
            Column(
                lambda: _("Due"),
                due_text,
                sort_key=lambda e: (e.standing.due or _FAR, e.document_title, e.number),
                attention=overdue,
                header_tip=lambda: _("The day the item is next due"),
                max_width=260,
            ),
            Column(
                lambda: _("Responsible"),
                lambda e: " ".join(e.responsible.split()),
                tooltip=responsible_tip,
                max_width=170,
            ),
            Column(
                lambda: _("Curator"),
                relation_cell,
                sort_key=lambda e: (list(Relation).index(e.relation), e.standing.due or _FAR),
                tooltip=relation_tip,
                header_tip=lambda: _("The curator leads the item, takes part in it or attends it"),
                max_width=130,
            ),
            Column(
                lambda: _("Status"),
                status_text,
                sort_key=lambda e: list(PlanStatus).index(e.standing.status),
                tooltip=status_tip,
                attention=overdue,
                max_width=110,
            ),
            Column(lambda: _("Links"), links_text, tooltip=links_text, max_width=400),
        )

    @staticmethod
    def _overdue(entry: PlanEntry) -> bool:
        return entry.standing.status == PlanStatus.OVERDUE

    def row_of(self, item_id: str | None) -> int:
        """The row of the item, or -1."""
        for row, entry in enumerate(self._rows):
            if entry.item_id == item_id:
                return row
        return -1

    def search_text(self, row: PlanEntry) -> str:
        return search_text(row)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if index.isValid() and 0 <= index.row() < len(self._rows):
            entry = self._rows[index.row()]
            unparsed = entry.deadline.kind == DeadlineKind.UNPARSED
            column = index.column()
            if column == PlanColumn.DEADLINE and unparsed:
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setItalic(True)
                    return font
                if role == Qt.ItemDataRole.DecorationRole:
                    style = QApplication.style()
                    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion)
            if (
                column == PlanColumn.STATUS
                and role == Qt.ItemDataRole.ForegroundRole
                and entry.standing.status == PlanStatus.DONE
            ):
                return QBrush(STATUS_COLOURS[PlanStatus.DONE])
        return super().data(index, role)
