"""What every table builds on: record ids and revisions, UTC time columns, the fields of a
synced record (:class:`SyncRecord`) and the store's own key/value facts (:class:`StoreMeta`)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlmodel import Field, SQLModel

from curator_desktop.store.types import UtcDateTime, utc_now


def new_id() -> str:
    """A fresh record id (UUID4 as text)."""
    return str(uuid.uuid4())


def new_revision() -> str:
    """A fresh revision id (32 hex digits)."""
    return uuid.uuid4().hex


def utc_field(**kwargs: Any) -> Any:
    """A UTC timestamp column (comes back timezone-aware)."""
    return Field(sa_type=UtcDateTime, **kwargs)


class SyncRecord(SQLModel):
    """Fields every synced record has; tables inherit them."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: dt.datetime = utc_field(default_factory=utc_now)
    updated_at: dt.datetime = utc_field(default_factory=utc_now, index=True)
    revision: str = Field(default_factory=new_revision, max_length=32)
    parent_revision: str | None = Field(default=None, max_length=32)
    device_id: str = Field(default="", max_length=64)
    deleted: bool = Field(default=False)
    deleted_at: dt.datetime | None = utc_field(default=None)


class StoreMeta(SQLModel, table=True):
    """Key/value facts about the store itself (its id, when and by what it was created)."""

    __tablename__ = "store_meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="")
