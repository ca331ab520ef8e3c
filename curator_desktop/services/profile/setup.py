"""Setting up a store without the window (``curator-desktop init``): the store is created as the
app creates one (:func:`~curator_desktop.services.store_opening.open_store`: lock, migrate, seed
the catalogs) and given its profile and role.

Running it again with the same profile changes nothing; a store that already belongs to another
profile is refused, and so is a profile that breaks a rule, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.profile import ProfileFields, Role, field_label, validate_profile
from curator_desktop.i18n import _
from curator_desktop.paths import AppPaths


class OtherProfileError(ValidationError):
    """The data folder holds a store that belongs to another profile."""


@dataclass(frozen=True)
class StoreSetup:
    """What :func:`set_up_store` did."""

    data_dir: Path
    store_id: str
    profile: ProfileFields
    created: bool
    """The store did not exist and was created."""
    changed: bool
    """The profile was written (False: the store already had exactly this profile)."""


def set_up_store(paths: AppPaths, profile: ProfileFields, *, device_id: str) -> StoreSetup:
    """Create (or open) the store of ``paths`` and give it ``profile`` and its role.

    Raises ``ProfileErrors`` for a profile that breaks a rule (nothing is touched),
    :class:`OtherProfileError` when the store has another profile (the store is left as it
    was), and what opening a store raises (locked by the app, written by a newer version).
    """
    from curator_desktop.services.profile.service import ProfileService
    from curator_desktop.services.store_opening import open_store

    profile = validate_profile(profile)
    opened = open_store(paths, device_id=device_id, daily_backup=False)
    try:
        service = ProfileService(opened.database)
        stored = service.current()
        if stored is not None and stored != profile:
            raise OtherProfileError(_other_profile_message(paths, stored, profile))
        if stored is None:
            service.save(profile)
        return StoreSetup(
            data_dir=paths.data_dir,
            store_id=opened.store_id,
            profile=profile,
            created=opened.created,
            changed=stored is None,
        )
    finally:
        opened.close()


def _other_profile_message(paths: AppPaths, stored: ProfileFields, given: ProfileFields) -> str:
    lines = [
        _("The store in {path} already belongs to «{name}»; nothing was changed.").format(
            path=paths.data_dir, name=stored.full_name
        )
    ]
    for name in (f.name for f in fields(ProfileFields)):
        mine, theirs = getattr(stored, name), getattr(given, name)
        if mine != theirs and name == "role":
            mine, theirs = Role.label_for(mine), Role.label_for(theirs)
        if mine != theirs:
            lines.append(
                _("  {field}: «{stored}» in the store, «{given}» given").format(
                    field=field_label(name), stored=mine, given=theirs
                )
            )
    lines.append(_("Choose another data folder, or change the profile in the app's Settings."))
    return "\n".join(lines)
