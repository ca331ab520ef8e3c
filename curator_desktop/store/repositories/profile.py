"""The curator's profile and the store's own identity."""

from __future__ import annotations

import uuid
from functools import cache

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from curator_desktop import __version__
from curator_desktop.store.database import Database
from curator_desktop.store.tables import CuratorProfile, StoreMeta
from curator_desktop.store.types import utc_now

STORE_ID_KEY = "store_id"


@cache
def _live_profile() -> SelectOfScalar[CuratorProfile]:
    return (
        select(CuratorProfile)
        .where(col(CuratorProfile.deleted).is_(False))
        .order_by(col(CuratorProfile.created_at))
        .limit(1)
    )


def profile_in(session: Session) -> CuratorProfile | None:
    """The curator's profile (the first live one: a merged store may hold more), or None
    before the first-run dialog was answered."""
    return session.exec(_live_profile()).first()


class ProfileRepository:
    """Reads and writes the single curator profile and the store metadata."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def get(self) -> CuratorProfile | None:
        """The curator's profile, or None before the first-run dialog was answered."""
        with self._db.session() as session:
            return profile_in(session)

    def save(
        self,
        *,
        full_name: str,
        organisation: str,
        region: str,
        position: str = "",
        email: str = "",
        phone: str = "",
    ) -> CuratorProfile:
        """Create or update the profile; returns it as stored."""
        with self._db.session() as session:
            profile = profile_in(session)
            if profile is None:
                profile = CuratorProfile()
            profile.full_name = full_name
            profile.organisation = organisation
            profile.region = region
            profile.position = position
            profile.email = email
            profile.phone = phone
            session.add(profile)
        return profile

    def store_id(self) -> str:
        """The store's permanent id, created on first call."""
        with self._db.session() as session:
            meta = session.get(StoreMeta, STORE_ID_KEY)
            if meta is None:
                meta = StoreMeta(key=STORE_ID_KEY, value=str(uuid.uuid4()))
                session.add(meta)
                session.add(StoreMeta(key="created_at", value=utc_now().isoformat()))
                session.add(StoreMeta(key="created_by", value=f"curator-desktop {__version__}"))
            return meta.value
