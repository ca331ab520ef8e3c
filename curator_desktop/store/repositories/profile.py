"""The curator's profile and the store's own identity."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from curator_desktop import __version__
from curator_desktop.store.database import Database
from curator_desktop.store.own_profile import STORE_ID_KEY, own_profile_select
from curator_desktop.store.tables import CuratorProfile, StoreMeta
from curator_desktop.store.types import utc_now

ROLE_KEY = "role"
"""``store_meta`` key: the store owner's role (``domain.profile.Role``); absent means curator."""


def profile_in(session: Session) -> CuratorProfile | None:
    """The store owner's profile (a merged store holds other persons' too: see
    :mod:`curator_desktop.store.own_profile`), or None before the first-run dialog was
    answered."""
    return session.exec(own_profile_select()).first()


def author_in(session: Session, author_id: str | None) -> CuratorProfile | None:
    """The person ``author_id`` names (a record's author), or None when not known."""
    if not author_id:
        return None
    return session.get(CuratorProfile, author_id)


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
        role: str | None = None,
    ) -> CuratorProfile:
        """Create or update the profile (and the store's role, when given); returns it as
        stored."""
        with self._db.session() as session:
            if role is not None:
                session.merge(StoreMeta(key=ROLE_KEY, value=role))
            profile = profile_in(session)
            if profile is None:
                profile = CuratorProfile(store_id=_store_id_in(session))
            profile.full_name = full_name
            profile.organisation = organisation
            profile.region = region
            profile.position = position
            profile.email = email
            profile.phone = phone
            session.add(profile)
        return profile

    def role(self) -> str | None:
        """The store's role as stored (``curator``, ``coordinator``), or None when never set."""
        with self._db.session() as session:
            meta = session.get(StoreMeta, ROLE_KEY)
            return meta.value if meta is not None else None

    def store_id(self) -> str:
        """The store's permanent id, created on first call."""
        with self._db.session() as session:
            return _store_id_in(session)


def _store_id_in(session: Session) -> str:
    """The store's permanent id, created (with when and by what) the first time it is asked."""
    meta = session.get(StoreMeta, STORE_ID_KEY)
    if meta is None:
        meta = StoreMeta(key=STORE_ID_KEY, value=str(uuid.uuid4()))
        session.add(meta)
        session.add(StoreMeta(key="created_at", value=utc_now().isoformat()))
        session.add(StoreMeta(key="created_by", value=f"curator-desktop {__version__}"))
    return meta.value
