"""Whom a set-up package is for: checked before anything of it is written.

A set-up package names the curator it is meant for (their name as the coordinator has it, and
their store id when the coordinator knows it from the curator's packages). It is imported only
into a curator's store whose owner is that person: the same store id, or the same surname and
initials (:func:`~curator_desktop.domain.schools.assignment.names_agree`). Anything else is
refused with a message that names both people, and nothing changes.
"""

from __future__ import annotations

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.profile import Role
from curator_desktop.domain.schools.assignment import names_agree
from curator_desktop.i18n import _
from curator_desktop.services.exchange.package.format import SCOPE_SETUP, Manifest
from curator_desktop.services.profile.assignments import store_role
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ProfileRepository, profile_in


class SetupAddresseeError(ValidationError):
    """A set-up package meant for another curator, or for a store that is not a curator's."""


def is_setup(manifest: Manifest) -> bool:
    """Whether the package is a coordinator's set-up package."""
    return manifest.scope.kind == SCOPE_SETUP


def check_addressee(database: Database, manifest: Manifest) -> None:
    """Refuse (:class:`SetupAddresseeError`) a set-up package this store is not meant to take."""
    if not is_setup(manifest):
        return
    meant_for = manifest.scope.curator_name
    with database.session() as session:
        role = store_role(session)
        owner = profile_in(session)
        name = owner.full_name.strip() if owner is not None else ""
    store_id = ProfileRepository(database).store_id()
    if role is Role.COORDINATOR:
        raise SetupAddresseeError(
            _("This is a region set-up package for the curator {curator}: it is imported into "
              "the curator's store, not into a coordinator's. Nothing was imported.").format(
                curator=meant_for
            )
        )  # fmt: skip
    if manifest.scope.curator_store_id and manifest.scope.curator_store_id == store_id:
        return
    if not name:
        raise SetupAddresseeError(
            _("This region set-up package is for the curator {curator}. Enter your full name "
              "in the profile first, then import it again. Nothing was imported.").format(
                curator=meant_for
            )
        )  # fmt: skip
    if not names_agree(name, meant_for):
        raise SetupAddresseeError(
            _("This region set-up package is for the curator {curator}, and this store is "
              "{owner}'s. Ask the coordinator for your own package. Nothing was imported.").format(
                curator=meant_for, owner=name
            )
        )  # fmt: skip


def refuse_new_store(manifest: Manifest) -> None:
    """A set-up package never makes a store (it would take the coordinator's store id)."""
    if is_setup(manifest):
        raise SetupAddresseeError(
            _("This is a region set-up package for the curator {curator}: it is imported into "
              "the curator's own store. Create your store first (your full name in the "
              "profile), then import the package. Nothing was imported.").format(
                curator=manifest.scope.curator_name
            )
        )  # fmt: skip
