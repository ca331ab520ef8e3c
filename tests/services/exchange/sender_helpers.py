"""Helpers of the sender tests: packages made again by hand (a manifest edited, its signature
dropped, kept or made with another key), a store's profile and its ``store_meta``."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import profile_in
from curator_desktop.store.tables import CuratorProfile, StoreMeta

Edit = Callable[[dict[str, Any]], None]


def contents(package: Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The members of a (plain) package and its manifest as JSON."""
    with zipfile.ZipFile(package) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    return members, json.loads(members.pop("manifest.json"))


def remake(
    package: Path,
    target: Path,
    edit: Edit | None = None,
    *,
    sign_with: Ed25519PrivateKey | None = None,
    keep_signature: bool = False,
    members: dict[str, bytes] | None = None,
) -> Path:
    """``package`` written again with its manifest edited: unsigned, signed with ``sign_with``,
    or with the original signature kept (which then no longer matches an edited manifest)."""
    original, manifest = contents(package)
    if edit is not None:
        edit(manifest)
    if not keep_signature:
        manifest.pop("signature", None)
        if sign_with is not None:
            from curator_desktop.services.exchange.package import signature

            manifest["signature"] = signature.sign(manifest, sign_with).to_json()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (members if members is not None else original).items():
            archive.writestr(name, data)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return target


def claiming(store_id: str, *, name: str | None = None) -> Edit:
    """An edit that makes the manifest claim another sender (store id, and name if given)."""

    def edit(manifest: dict[str, Any]) -> None:
        manifest["store_id"] = store_id
        if "sender" in manifest:
            manifest["sender"]["store_id"] = store_id
            if name is not None:
                manifest["sender"]["full_name"] = name
        if name is not None:
            manifest["curator"] = name

    return edit


def old_format(manifest: dict[str, Any]) -> None:
    """A manifest as the previous version wrote it: no sender, no signature."""
    manifest.pop("sender", None)
    manifest.pop("signature", None)


def set_profile(db: Database, **fields: str) -> None:
    with db.session() as session:
        profile = profile_in(session) or CuratorProfile()
        for name, value in fields.items():
            setattr(profile, name, value)
        session.add(profile)


def meta(db: Database) -> dict[str, str]:
    with db.session() as session:
        return {m.key: m.value for m in session.exec(select(StoreMeta))}


def pin(db: Database, store_id: str) -> dict[str, Any] | None:
    text = meta(db).get(f"sender:{store_id}")
    return json.loads(text) if text else None


def profiles(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(p.full_name for p in session.exec(select(CuratorProfile)))
