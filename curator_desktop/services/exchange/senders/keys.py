"""The store's signing key and the senders' keys it remembers, kept in ``store_meta``.

- ``signing_key``: the store's Ed25519 private key (base64 of its 32 bytes), made when the
  store is first opened (or first signs a package); ``signing_key_origin``: ``created`` here,
  or ``package`` when the store was moved here from a package that carried it. The store file
  is the user's own: the key is as safe as the file (and its backups).
- ``sender:<store id>``: what the store remembers of a sender (JSON): the public key pinned the
  first time a signed package of that store was imported (None while only unsigned ones came),
  the sender's name as the last imported package gave it, and when it was first seen. The
  store's own id is there
  too when a copy of the store on another computer signs with a key of its own (it was moved
  by a package without the key).

No migration: keys that are missing are simply not there yet.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, col, select

from curator_desktop.domain.profile import Role
from curator_desktop.services.exchange.package import signature
from curator_desktop.services.exchange.package.format import SCOPE_FULL
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ROLE_KEY
from curator_desktop.store.tables import StoreMeta, SyncState
from curator_desktop.store.types import utc_now

SIGNING_KEY = "signing_key"
SIGNING_KEY_ORIGIN = "signing_key_origin"
ORIGIN_CREATED, ORIGIN_PACKAGE = "created", "package"
SENDER_PREFIX = "sender:"
MOVED_FROM_KEY = "moved_from_device"
"""Set by ``create_store_from_package``: the store came from a package."""
WITH_KEY = "signing_key"
"""The key of an export's ``SyncState.scope`` telling that the package carried the key."""
KEYS_VERSION = 1


@dataclass(frozen=True)
class Pin:
    """What the store remembers of one sender."""

    public_key: str | None
    full_name: str
    first_seen: str

    def to_text(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: Any) -> Pin | None:
        if not isinstance(data, dict):
            return None
        key = data.get("public_key")
        return cls(
            public_key=key if isinstance(key, str) and key else None,
            full_name=str(data.get("full_name") or ""),
            first_seen=str(data.get("first_seen") or ""),
        )


def _meta(session: Session, key: str) -> str | None:
    row = session.get(StoreMeta, key)
    return row.value if row is not None else None


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(StoreMeta, key)
    if row is None:
        session.add(StoreMeta(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def own_key(session: Session, *, create: bool = False) -> Ed25519PrivateKey | None:
    """The store's signing key; made (and kept) when there is none and ``create`` is set."""
    text = _meta(session, SIGNING_KEY)
    if text:
        return signature.private_key_from(text)
    if not create:
        return None
    key = signature.new_private_key()
    _put(session, SIGNING_KEY, signature.private_key_text(key))
    _put(session, SIGNING_KEY_ORIGIN, ORIGIN_CREATED)
    return key


def own_public_key(session: Session) -> str | None:
    key = own_key(session)
    return signature.public_key_text(key) if key is not None else None


def pin_of(session: Session, store_id: str) -> Pin | None:
    text = _meta(session, SENDER_PREFIX + store_id)
    if not text:
        return None
    try:
        return Pin.from_json(json.loads(text))
    except ValueError:
        return None


def pins(session: Session) -> list[tuple[str, Pin]]:
    """Every sender the store remembers: (store id, what it remembers)."""
    end = SENDER_PREFIX[:-1] + chr(ord(SENDER_PREFIX[-1]) + 1)  # the keys «sender:…», by index
    column = col(StoreMeta.key)
    rows = session.exec(select(StoreMeta).where(column >= SENDER_PREFIX, column < end))
    found = []
    for row in rows:
        try:
            pin = Pin.from_json(json.loads(row.value))
        except ValueError:
            pin = None
        if pin is not None:
            found.append((row.key.removeprefix(SENDER_PREFIX), pin))
    return found


def put_pin(session: Session, store_id: str, pin: Pin) -> None:
    _put(session, SENDER_PREFIX + store_id, pin.to_text())


def remember(
    session: Session,
    store_id: str,
    *,
    public_key: str | None,
    full_name: str,
    now: dt.datetime | None = None,
) -> Pin:
    """Remember a sender seen in an imported package: its key the first time one comes (a
    pinned key is never replaced here), its name as the package gives it. Nothing is written
    when nothing is new."""
    old = pin_of(session, store_id)
    pin = Pin(
        public_key=(old.public_key if old is not None and old.public_key else public_key),
        full_name=full_name or (old.full_name if old is not None else ""),
        first_seen=old.first_seen if old is not None else (now or utc_now()).isoformat(),
    )
    if pin != old:
        put_pin(session, store_id, pin)
    return pin


def may_have_keyless_copy(session: Session) -> bool:
    """Whether a copy of this store may exist on another computer without this store's key:
    the store came from a package that did not carry its key, or it wrote a full export
    without the key (any such package can set up a copy). Such a copy signs with a key of its
    own, or not at all when it runs an older version."""
    if _meta(session, MOVED_FROM_KEY) is not None and (
        _meta(session, SIGNING_KEY_ORIGIN) != ORIGIN_PACKAGE
    ):
        return True
    scopes = session.exec(select(SyncState.scope).where(col(SyncState.direction) == "export"))
    return any(
        (scope or {}).get("kind") == SCOPE_FULL and not (scope or {}).get(WITH_KEY)
        for scope in scopes
    )


def keys_document(session: Session, store_id: str) -> bytes:
    """``store/keys.json`` for a package that moves the store: its id, its signing key (made
    now if it has none) and every sender it remembers."""
    key = own_key(session, create=True)
    assert key is not None
    senders = {store: asdict(pin) for store, pin in pins(session)}
    document = {
        "version": KEYS_VERSION,
        "store_id": store_id,
        "signing_key": {
            "algorithm": signature.ALGORITHM,
            "private_key": signature.private_key_text(key),
            "public_key": signature.public_key_text(key),
        },
        "senders": dict(sorted(senders.items())),
        "role": _meta(session, ROLE_KEY) or "",
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class BadKeys(ValueError):
    """``store/keys.json`` is not what a store writes, or not the key that signed the package."""


def restore_keys(
    session: Session, document: Any, *, store_id: str, signer: str | None
) -> Ed25519PrivateKey:
    """Keep the moved store's signing key and the senders it knew (a new store is being made
    from the package). The key must be the store's (``store_id``) and the one that signed the
    package (``signer``'s public key), else :class:`BadKeys`."""
    try:
        if document.get("version") != KEYS_VERSION or document["store_id"] != store_id:
            raise BadKeys("store")
        found = document["signing_key"]
        key = signature.private_key_from(found["private_key"])
        senders = document.get("senders") or {}
        if not isinstance(senders, dict):
            raise BadKeys("senders")
    except (AttributeError, KeyError, TypeError, signature.BadSignature) as exc:
        raise BadKeys("shape") from exc
    if signature.public_key_text(key) != signer:
        raise BadKeys("signer")
    _put(session, SIGNING_KEY, signature.private_key_text(key))
    _put(session, SIGNING_KEY_ORIGIN, ORIGIN_PACKAGE)
    for sender_id, data in senders.items():
        pin = Pin.from_json(data)
        if pin is not None and isinstance(sender_id, str) and len(sender_id) <= 36:
            put_pin(session, sender_id, pin)
    role = Role.parse(document.get("role") if isinstance(document.get("role"), str) else None)
    if role is not None:  # a coordinator moving to a new computer stays a coordinator
        _put(session, ROLE_KEY, role.value)
    return key


def signing_material(
    database: Database, store_id: str, *, with_keys: bool
) -> tuple[Ed25519PrivateKey, bytes | None]:
    """The store's signing key (made the first time) and, for a package that moves the store,
    ``store/keys.json``."""
    with database.session() as session:
        key = own_key(session, create=True)
        assert key is not None
        document = keys_document(session, store_id) if with_keys else None
    return key, document


def signing_fingerprint(database: Database) -> str:
    """The fingerprint of the key the store signs with (made the first time)."""
    ensure_signing_key(database)
    return own_fingerprint(database)


def own_fingerprint(database: Database) -> str:
    """The fingerprint of the store's signing key ("" when it has none yet; nothing is made)."""
    with database.session() as session:
        key = own_key(session, create=False)
    return signature.fingerprint(signature.public_key_text(key)) if key is not None else ""


def ensure_signing_key(database: Database) -> None:
    """Give the store its signing key if it has none yet (when it is opened)."""
    with database.session() as session:
        own_key(session, create=True)
