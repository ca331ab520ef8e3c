"""Which ``curator_profile`` is the store owner's: the one whose ``store_id`` is this store's,
else (a store made before authorship was kept) the first live profile without a store id.

A merged store holds a profile per person whose package it imported, so "the first live
profile" is not enough: the owner is found by the store's own id.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import case
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from curator_desktop.store.tables import CuratorProfile, StoreMeta

STORE_ID_KEY = "store_id"


@cache
def own_profile_select() -> SelectOfScalar[CuratorProfile]:
    """The owner's live profile, as one statement (first row)."""
    own_store = select(StoreMeta.value).where(col(StoreMeta.key) == STORE_ID_KEY).scalar_subquery()
    exact = col(CuratorProfile.store_id) == own_store
    return (
        select(CuratorProfile)
        .where(col(CuratorProfile.deleted).is_(False))
        .where(exact | (col(CuratorProfile.store_id) == ""))
        .order_by(case((exact, 0), else_=1), col(CuratorProfile.created_at))
        .limit(1)
    )
