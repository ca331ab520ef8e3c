"""Who sent a package, and whether to believe it: the rules an import applies to its sender.

The sender is the manifest's store id; its signature (checked against the manifest by the
reader) names the key that signed it. Then:

- A sender whose key this store remembers must have signed with that key: another key, or no
  signature, is refused (:class:`SenderKeyError`), whatever name the package gives.
- This very store (a package from the curator's other computer) must have signed with this
  store's key. Only when a copy of the store may exist without it (moved by a package that
  did not carry the key, or by one of an older version) is another key taken on first sight —
  and remembered, like any sender's — and a package without a signature accepted.
- A sender seen for the first time is taken; its key is remembered when the package is
  imported (``first_seen``), and an unsigned package stays «unsigned».
- A package from this store must hold this store's own curator profile, not another one
  (:class:`StoreIdentityError`): a store id copied into another store's package proves nothing.
- A name other than the one remembered for the sender (or, from this store, than its
  profile's) is a conflict: shown in the preview, never merged without the user seeing it
  (:class:`SenderConflictError` in a batch).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _
from curator_desktop.services.exchange.package.format import Manifest, SenderProfile
from curator_desktop.services.exchange.package.signature import Signature, fingerprint
from curator_desktop.services.exchange.senders import keys
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import profile_in
from curator_desktop.store.tables import CuratorProfile


class SenderKeyError(ValidationError):
    """The package claims a sender whose key is known, but is not signed with that key."""


class StoreIdentityError(ValidationError):
    """The package claims to come from this store, but what it holds is another store's."""


class SenderConflictError(ValidationError):
    """The sender's name differs from the one known for that store (a batch does not merge it)."""


@dataclass(frozen=True)
class SenderCheck:
    """Who sent a package and what the store knows of them (nothing is remembered yet)."""

    store_id: str
    profile: SenderProfile
    created_at: dt.datetime
    signature: Signature | None
    same_store: bool
    first_seen: bool = False
    """Signed with a key not remembered yet: the import remembers it."""
    known_name: str = ""
    """The name remembered for this sender (this store's profile's, for a package of this
    store) when the package names someone else: a conflict to show."""
    namesake: str = ""
    """A sender seen for the first time under the name of another, known one: that one's key
    fingerprint (or store id). Someone may be passing for them: a warning to show (two people
    may share a name, so a batch still takes it, and says so)."""

    @property
    def signed(self) -> bool:
        return self.signature is not None

    @property
    def fingerprint(self) -> str | None:
        return self.signature.fingerprint if self.signature is not None else None

    @property
    def conflict(self) -> bool:
        return bool(self.known_name)

    @classmethod
    def of(cls, manifest: Manifest, *, same_store: bool) -> SenderCheck:
        return cls(
            store_id=manifest.store_id,
            profile=manifest.sender,
            created_at=manifest.created_at,
            signature=manifest.signature,
            same_store=same_store,
        )


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name (case and spacing aside); an empty name matches any."""
    return not a or not b or " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _who(check: SenderCheck) -> str:
    return check.profile.full_name or check.store_id


def _refuse_key(path: Path, check: SenderCheck, known: str | None) -> SenderKeyError:
    how = (
        _("it is signed with another key ({fingerprint})").format(fingerprint=check.fingerprint)
        if check.signed
        else _("it is not signed")
    )
    if check.same_store:
        message = _(
            "The package “{file}” is refused: it claims to come from this store (your other "
            "computer), but it is not signed with this store's key: {how}. Someone else may "
            "have made it. If it does come from your other computer, set that computer up "
            "again from an export of this store made «for moving to another computer»."
        )
    else:
        message = _(
            "The package “{file}” is refused: it claims to come from {sender}, but it is not "
            "signed with the key remembered for this sender ({known}): {how}. Someone else may "
            "have made it or changed it. Ask the sender to export it again and compare the "
            "key's fingerprint by phone."
        )
    return SenderKeyError(
        message.format(
            file=path.name, sender=_who(check), known=fingerprint(known) if known else "", how=how
        )
    )


def check_sender(
    session: Session, path: Path, manifest: Manifest, *, own_store_id: str, own_name: str
) -> SenderCheck:
    """The package's sender once its key is accepted (see the module's rules); raises
    :class:`SenderKeyError` when it is not. ``own_name`` is this store's curator's name."""
    same_store = manifest.store_id == own_store_id
    check = SenderCheck.of(manifest, same_store=same_store)
    key = check.signature.public_key if check.signature is not None else None
    pin = keys.pin_of(session, manifest.store_id)
    pinned = pin.public_key if pin is not None else None
    first_seen = False
    if same_store:
        own = keys.own_public_key(session)
        if key is None or key != own:
            if pinned is not None:
                if key != pinned:
                    raise _refuse_key(path, check, pinned)
            elif keys.may_have_keyless_copy(session):
                first_seen = key is not None
            else:
                raise _refuse_key(path, check, own)
        known = own_name
    else:
        if pinned is not None and key != pinned:
            raise _refuse_key(path, check, pinned)
        first_seen = key is not None and pinned is None
        known = pin.full_name if pin is not None else ""
    name = check.profile.full_name
    conflict = "" if same_person(known, name) else known
    namesake = _namesake(session, check) if pin is None and not same_store else ""
    return SenderCheck(
        store_id=check.store_id,
        profile=check.profile,
        created_at=check.created_at,
        signature=check.signature,
        same_store=same_store,
        first_seen=first_seen,
        known_name=conflict,
        namesake=namesake,
    )


def _namesake(session: Session, check: SenderCheck) -> str:
    """Another sender this store knows under the same name (its key's fingerprint)."""
    name = check.profile.full_name
    if not name.strip():
        return ""
    for store_id, pin in keys.pins(session):
        if store_id != check.store_id and pin.full_name and same_person(pin.full_name, name):
            return fingerprint(pin.public_key) if pin.public_key else store_id
    return ""


def check_own_profile(
    path: Path, local_ids: Iterable[str], profiles: Iterable[dict[str, Any]]
) -> None:
    """A package of this store carries this store's curator profile (the same record), if it
    carries one: :class:`StoreIdentityError` otherwise (a store without a profile yet takes
    any)."""
    local = set(local_ids)
    if not local:
        return
    for record in profiles:
        if record.get("id") not in local:
            name = str(record.get("full_name") or "—")
            raise StoreIdentityError(
                _(
                    "The package “{file}” is refused: it claims to come from this store, but "
                    "the curator's profile in it («{name}») is not this store's. It was made in "
                    "another store."
                ).format(file=path.name, name=name)
            )


def accept_sender(
    database: Database,
    path: Path,
    manifest: Manifest,
    *,
    own_store_id: str,
    profiles: Iterable[dict[str, Any]],
) -> SenderCheck:
    """:func:`check_sender` and, for a package of this store, :func:`check_own_profile` over
    the curator profiles it brings (``profiles``)."""
    with database.session() as session:
        own_name = ""
        if manifest.store_id == own_store_id:  # a coordinator's batch never asks (a scan)
            profile = profile_in(session)
            own_name = profile.full_name if profile is not None else ""
        check = check_sender(session, path, manifest, own_store_id=own_store_id, own_name=own_name)
        if check.same_store:  # the owner's profiles on both sides (other persons may differ)
            owners = ("", own_store_id)
            local = select(CuratorProfile.id).where(col(CuratorProfile.store_id).in_(owners))
            theirs = [p for p in profiles if p.get("store_id", "") in owners]
            check_own_profile(path, session.exec(local).all(), theirs)
    return check


def remember_sender(session: Session, path: Path, check: SenderCheck) -> None:
    """Remember the sender of an imported package (in the import's transaction): its key the
    first time, its current name. Nothing for a package this store signed itself. Refuses a
    key other than one remembered meanwhile (two packages in one batch)."""
    key = check.signature.public_key if check.signature is not None else None
    if check.same_store and (key is None or key == keys.own_public_key(session)):
        return
    pin = keys.pin_of(session, check.store_id)
    if key is not None and pin is not None and pin.public_key not in (None, key):
        raise _refuse_key(path, check, pin.public_key)
    keys.remember(session, check.store_id, public_key=key, full_name=check.profile.full_name)


def refuse_conflict(path: Path, check: SenderCheck) -> SenderConflictError:
    """Why a batch does not merge a package whose sender's name conflicts."""
    from curator_desktop.services.exchange.senders.text import conflict_text

    message = _("The package “{file}” was not imported: {conflict} Import it alone to look at it.")
    return SenderConflictError(message.format(file=path.name, conflict=conflict_text(check)))
