"""A roadmap import's preview as a Qt table model: every item read, and for a new edition of a
roadmap already in the store, what happens to each (same, changed, added, removed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from curator_desktop.domain.roadmap.document import DeadlineKind
from curator_desktop.domain.roadmap.editions import ChangeKind
from curator_desktop.i18n import _
from curator_desktop.services.plan.relations import relation_label, relation_text
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel
from curator_desktop.ui.plan.table_model import date_range_text

if TYPE_CHECKING:
    from curator_desktop.domain.roadmap.document import Deadline
    from curator_desktop.services.roadmap.importing import RoadmapPreview

_ADDED = QColor(colours.ADDED_BACKGROUND)


def field_label(name: str) -> str:
    """A compared field of an item (domain.roadmap_editions.COMPARED_FIELDS) in words."""
    return {
        "number": _("number"),
        "section": _("section"),
        "title": _("title"),
        "description": _("description"),
        "deadline_text": _("deadline"),
        "responsible": _("responsible"),
        "indicator": _("indicator"),
        "control": _("control"),
    }.get(name, name)


def change_label(kind: str) -> str:
    return {
        "same": _("same"),
        "changed": _("changed"),
        "added": _("added"),
        "removed": _("removed"),
    }.get(kind, "")


def understood(deadline: Deadline | None) -> str:
    """«01/03/2021 – 31/03/2021», «not understood», «no date»."""
    if deadline is None:
        return "—"
    if deadline.kind == DeadlineKind.UNPARSED:
        return _("not understood")
    if deadline.kind == DeadlineKind.UNDATED:
        return _("no date")
    text = "; ".join(date_range_text(r.start, r.end) for r in deadline.ranges)
    if deadline.kind == DeadlineKind.RECURRING:
        return _("repeats: {ranges}").format(ranges=text)
    return text


@dataclass(frozen=True)
class PreviewRow:
    """One item of the preview (an old one when it is removed by the new edition)."""

    order: int
    kind: str  # "" for a plain import, else a ChangeKind value
    number: str
    title: str
    deadline_text: str
    understood: str
    deadline_kind: str  # a DeadlineKind value; "" for a removed item
    relation: str  # the curator's relation as judged (a Relation value); "" for a removed item
    reason: str = ""
    fields: tuple[str, ...] = ()


def preview_rows(preview: RoadmapPreview) -> list[PreviewRow]:
    """The items to show: each new one, and for a new edition the removed ones too."""
    items, deadlines = preview.roadmap.items, preview.deadlines
    if preview.existing_id is None or preview.already_imported:
        return [
            PreviewRow(
                i,
                "",
                it.number,
                it.title,
                it.deadline_text,
                understood(d),
                d.kind.value,
                j.relation.value,
                j.reason,
            )
            for i, (it, d, j) in enumerate(zip(items, deadlines, preview.judgements, strict=True))
        ]
    rows = []
    for order, change in enumerate(preview.changes):
        if change.new_index is None:
            old = preview.old_items[change.old_index]  # type: ignore[index]
            rows.append(
                PreviewRow(
                    order,
                    change.kind.value,
                    old.number,
                    old.title,
                    old.deadline_text,
                    "—",
                    "",
                    "",
                )
            )
            continue
        item, deadline = items[change.new_index], deadlines[change.new_index]
        judgement = preview.judgements[change.new_index]
        rows.append(
            PreviewRow(
                order,
                change.kind.value,
                item.number,
                item.title,
                item.deadline_text,
                understood(deadline),
                deadline.kind.value,
                judgement.relation.value,
                judgement.reason,
                change.fields,
            )
        )
    return rows


def _removed(row: PreviewRow) -> bool:
    return row.kind == ChangeKind.REMOVED


def _changed(row: PreviewRow) -> bool:
    return row.kind == ChangeKind.CHANGED


def _marked(header: Any, text: Any, **options: Any) -> Column[PreviewRow]:
    """A column whose cells share the row's mark: removed in red, changed in yellow."""
    options.setdefault("attention", _removed)
    return Column(header, text, caution=_changed, **options)


class PreviewModel(RowTableModel[PreviewRow]):
    """The preview's items; changed rows in yellow, removed in red, added in green (and the
    «Change» column says which, in words)."""

    columns = (
        _marked(lambda: _("№"), lambda r: r.number, sort_key=lambda r: r.order, max_width=60),
        _marked(lambda: _("Change"), lambda r: change_label(r.kind), max_width=100),
        _marked(
            lambda: _("What changed"),
            lambda r: ", ".join(field_label(f) for f in r.fields),
            tooltip=lambda r: ", ".join(field_label(f) for f in r.fields),
            max_width=160,
        ),
        _marked(
            lambda: _("Item"),
            lambda r: " ".join(r.title.split()),
            tooltip=lambda r: r.title,
            stretch=True,
        ),
        _marked(
            lambda: _("Deadline"),
            lambda r: r.deadline_text,
            tooltip=lambda r: r.deadline_text,
            max_width=150,
        ),
        _marked(
            lambda: _("Understood as"),
            lambda r: r.understood,
            attention=lambda r: _removed(r) or r.deadline_kind == DeadlineKind.UNPARSED,
            max_width=200,
        ),
        _marked(
            lambda: _("Curator"),
            lambda r: relation_label(r.relation) if r.relation else "",
            header_tip=lambda: _("The curator's relation to the item, as judged on import"),
            tooltip=lambda r: relation_text(r.relation, r.reason) if r.relation else "",
            max_width=120,
        ),
    )
    CHANGE_COLUMN = 1
    FIELDS_COLUMN = 2

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        added = index.isValid() and self.row_at(index.row()).kind == ChangeKind.ADDED
        if role == Qt.ItemDataRole.BackgroundRole and added:
            return QBrush(_ADDED)
        return super().data(index, role)
