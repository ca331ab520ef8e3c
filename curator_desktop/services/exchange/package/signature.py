"""The signature of a package: an Ed25519 signature over its manifest (see docs/exchange-format.md).

The manifest lists every other member with its SHA-256, so signing the manifest signs the whole
package. The signature travels inside ``manifest.json`` as its ``signature`` key (an older
reader ignores it, so a signed package still opens there)::

    "signature": {"algorithm": "ed25519", "public_key": <base64, 32 bytes>,
                  "value": <base64, 64 bytes>}

What is signed is :data:`CONTEXT` followed by the manifest without its ``signature`` key in
canonical JSON (:func:`canonical`): keys sorted, no spaces, UTF-8, non-ASCII characters as
they are — RFC 8785 for the strings and integers a manifest holds. Every key counts, those this
version does not know included, so nothing can be added to a signed manifest.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ALGORITHM = "ed25519"
SIGNATURE_KEY = "signature"
CONTEXT = b"Curator Desktop exchange manifest\n"
"""Prefixed to what is signed, so a manifest signature is never valid for anything else."""


class BadSignature(Exception):
    """The signature does not match the manifest (or its key or value cannot be decoded)."""


@dataclass(frozen=True)
class Signature:
    """A manifest's signature: the signer's public key and the signature, both base64."""

    public_key: str
    value: str
    algorithm: str = ALGORITHM

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def to_json(self) -> dict[str, str]:
        return {"algorithm": self.algorithm, "public_key": self.public_key, "value": self.value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signature:
        return cls(public_key=data["public_key"], value=data["value"], algorithm=data["algorithm"])


def canonical(data: dict[str, Any]) -> bytes:
    """The manifest ``data`` without its signature, as the bytes that are signed."""
    unsigned = {key: value for key, value in data.items() if key != SIGNATURE_KEY}
    text = json.dumps(
        unsigned, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return CONTEXT + text.encode("utf-8")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, size: int) -> bytes:
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadSignature(text) from exc
    if len(data) != size:
        raise BadSignature(text)
    return data


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_text(key: Ed25519PrivateKey) -> str:
    """The private key as stored (base64 of its 32 raw bytes)."""
    return b64(key.private_bytes_raw())


def private_key_from(text: str) -> Ed25519PrivateKey:
    """The private key :func:`private_key_text` wrote (BadSignature when it is not one)."""
    return Ed25519PrivateKey.from_private_bytes(_unb64(text, 32))


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The public half of ``key`` (base64 of its 32 raw bytes), as manifests carry it."""
    return b64(key.public_key().public_bytes_raw())


def fingerprint(public_key: str) -> str:
    """A short fingerprint to compare by eye or phone: the first 64 bits of the SHA-256 of
    the raw public key, as four groups of four hexadecimal digits («3F2A 9C1B 77D0 E5A4»)."""
    try:
        raw = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError):
        raw = public_key.encode("utf-8")
    digits = hashlib.sha256(raw).hexdigest()[:16].upper()
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4))


def sign(data: dict[str, Any], key: Ed25519PrivateKey) -> Signature:
    """The signature of the manifest ``data`` (its ``signature`` key, if any, left out)."""
    return Signature(public_key=public_key_text(key), value=b64(key.sign(canonical(data))))


def verify(data: dict[str, Any]) -> Signature | None:
    """The manifest's signature once checked, None when it has none (a package of the previous
    format); :class:`BadSignature` when it does not match. ``data`` passed the schema."""
    found = data.get(SIGNATURE_KEY)
    if found is None:
        return None
    signature = Signature.from_json(found)
    if signature.algorithm != ALGORITHM:
        raise BadSignature(signature.algorithm)
    try:
        public = Ed25519PublicKey.from_public_bytes(_unb64(signature.public_key, 32))
        public.verify(_unb64(signature.value, 64), canonical(data))
    except (InvalidSignature, ValueError) as exc:
        raise BadSignature(signature.public_key) from exc
    return signature
