"""The store's bookkeeping tables, never merged as records: the change log (every field's
history, what merging two copies relies on), the exchange history, receipts of records taken from
packages, and aliases of records known under another store's id."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from curator_desktop.store.record_base import new_id, utc_field
from curator_desktop.store.types import utc_now


class ChangeLog(SQLModel, table=True):
    """Append-only history: who changed which field of which record, when, from what to what."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_entity_revision", "entity", "entity_id", "revision"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    at: dt.datetime = utc_field(default_factory=utc_now, index=True)
    entity: str
    entity_id: str = Field(max_length=36)
    action: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    revision: str = Field(default="", max_length=32)
    device_id: str = Field(default="", max_length=64)


class SyncState(SQLModel, table=True):
    """One export or import of an exchange package: when, what, where, its hash."""

    __tablename__ = "sync_state"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    direction: str
    destination: str = Field(default="")
    at: dt.datetime = utc_field(default_factory=utc_now, index=True)
    peer_store_id: str = Field(default="")
    package_sha256: str = Field(default="", max_length=64)
    record_count: int = 0
    scope: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    watermark: dt.datetime | None = utc_field(default=None)


class Receipt(SQLModel, table=True):
    """When this computer last took a record from an imported package (local, never exported).

    Received records keep the ``updated_at`` they were written with elsewhere, so an export
    «since the last one» also follows these times to pass on what arrived meanwhile.
    """

    __tablename__ = "receipt"

    entity: str = Field(primary_key=True, max_length=64)
    entity_id: str = Field(primary_key=True, max_length=36)
    at: dt.datetime = utc_field(default_factory=utc_now, index=True)


class RecordAlias(SQLModel, table=True):
    """Another store's id of a record this store holds under its own id (local, never exported).

    A school (same valid ИНН) or a risk assessment (same school, factor and year) that came
    with another id is mapped onto the local record at import, and a twin merged into its
    survivor leaves its id here: later packages, and the records pointing at it, land on the
    local record whatever their order (:mod:`curator_desktop.services.exchange.merge.identity`).
    """

    __tablename__ = "record_alias"
    __table_args__ = (Index("ix_record_alias_local", "entity", "local_id"),)

    entity: str = Field(primary_key=True, max_length=64)
    alias_id: str = Field(primary_key=True, max_length=36)
    local_id: str = Field(max_length=36)
    created_at: dt.datetime = utc_field(default_factory=utc_now)
