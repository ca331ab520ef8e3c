"""The roadmap tables: a regional or district roadmap, its numbered items and the links from an
item to what fulfils it.

Importable from :mod:`curator_desktop.store.tables` like every other table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON
from sqlmodel import Field

from curator_desktop.store.record_base import SyncRecord


class RoadmapDocument(SyncRecord, table=True):
    """A regional or district roadmap (план-график, дорожная карта) of the programme."""

    __tablename__ = "roadmap_document"

    title: str = Field(default="")
    issuer: str = Field(default="")
    order_number: str = Field(default="")
    order_date: dt.date | None = None
    year: int | None = None
    edition: int = 1
    source_file_name: str = Field(default="")
    source_sha256: str = Field(default="", max_length=64)
    legend: dict[str, str] = Field(default_factory=dict, sa_type=JSON)


class RoadmapItem(SyncRecord, table=True):
    """One numbered item of a roadmap, with its deadline parsed into a date range when possible."""

    __tablename__ = "roadmap_item"

    document_id: str | None = Field(default=None, foreign_key="roadmap_document.id", index=True)
    number: str = Field(default="")
    section: str = Field(default="")
    title: str = Field(default="")
    description: str = Field(default="")
    deadline_text: str = Field(default="")
    deadline_kind: str = Field(default="unparsed")  # domain.roadmap.DeadlineKind
    # Every range as [["YYYY-MM-DD", "YYYY-MM-DD"], …]; start/end below bound them all.
    deadline_ranges: list[list[str]] = Field(default_factory=list, sa_type=JSON)
    deadline_start: dt.date | None = Field(default=None, index=True)
    deadline_end: dt.date | None = None
    recurrence: str = Field(default="")
    responsible: str = Field(default="")
    indicator: str = Field(default="")
    control: str = Field(default="")
    # The curator's relation to the item (domain.roadmap.relation.Relation): judged on import,
    # or set by the curator, which a new edition of the roadmap does not undo.
    relation: str = Field(default="none")
    relation_set_by_user: bool = Field(default=False)
    status: str = Field(default="planned")
    done_on: dt.date | None = None
    sort_order: int = 0


class RoadmapLink(SyncRecord, table=True):
    """A visit, verification or report that fulfils a roadmap item."""

    __tablename__ = "roadmap_link"

    item_id: str = Field(foreign_key="roadmap_item.id", index=True)
    target_type: str
    target_id: str = Field(max_length=36)
