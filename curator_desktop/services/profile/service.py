"""Reading and saving the store owner's profile and role (the window's Settings and first run)."""

from __future__ import annotations

from curator_desktop.domain.changes import Change, Changes, changes
from curator_desktop.domain.profile import ProfileFields, Role, validate_profile
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ProfileRepository


class ProfileService:
    """The profile with the store's role, as one :class:`ProfileFields`; every save is checked
    against :func:`~curator_desktop.domain.profile.validate_profile` first."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._profiles = ProfileRepository(database)

    def current(self) -> ProfileFields | None:
        """The profile and role, or None before the profile was given."""
        record = self._profiles.get()
        if record is None:
            return None
        values = {name: getattr(record, name) or "" for name in ProfileFields.column_names()}
        return ProfileFields(**values, role=self.role().value)

    def role(self) -> Role:
        """The store's role (curator when never set, or set by a newer version to something
        this one does not know)."""
        return Role.parse(self._profiles.role()) or Role.CURATOR

    def save(self, profile: ProfileFields) -> Changes:
        """Store ``profile`` and its role; raises ``ProfileErrors`` and writes nothing when a
        field breaks a rule."""
        profile = validate_profile(profile)
        role = Role.parse(profile.role)
        assert role is not None  # validated
        self._profiles.save(**profile.columns(), role=role.value)
        return changes(Change.PROFILE)

    def store_id(self) -> str:
        """The store's permanent id."""
        return self._profiles.store_id()

    def curators_of(self, school_id: str) -> tuple[str, ...]:
        """The full names of the curators of one school now (assigned, else as of old: see
        :mod:`curator_desktop.services.profile.authorship`)."""
        from curator_desktop.services.profile.authorship import school_curators

        return school_curators(self._database, school_id=school_id).get(school_id, ())
