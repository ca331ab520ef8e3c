"""Hostile exchange packages, made from a real export (``docs/exchange-format.md``).

:class:`Sender` holds the members of a real full package of the demo store. Each generator
changes something and re-seals it the way a careful attacker would: the manifest's member
checksums and counts recomputed and the manifest signed again (Ed25519, with a key of the
attacker's own: the receiver has never seen the sender, so a first key is accepted). The
package is then refused — or not — for the one thing the test is about, never for a stale
checksum. :func:`control` is the same re-sealing without a change: it must import.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .zip_parts import DEFLATED, MB, STORED, Content, Zeros, repeated, sha256_of, write_zip

MANIFEST = "manifest.json"
CONTEXT = b"Curator Desktop exchange manifest\n"


@dataclass
class Sender:
    """The members and manifest of a real package (read once per session)."""

    members: dict[str, bytes]
    manifest: dict[str, Any]

    @classmethod
    def read(cls, package: Path) -> Sender:
        with zipfile.ZipFile(package) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        manifest = json.loads(members.pop(MANIFEST))
        return cls(members, manifest)

    def copy(self) -> tuple[dict[str, Content], dict[str, Any]]:
        return dict(self.members), copy.deepcopy(self.manifest)


def rows(members: dict[str, Content], table: str) -> list[dict[str, Any]]:
    content = members[f"data/{table}.json"]
    assert isinstance(content, bytes)
    return json.loads(content)


def put_rows(members: dict[str, Content], table: str, records: list[dict[str, Any]]) -> None:
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    members[f"data/{table}.json"] = f"[\n{lines}\n]".encode()


def canonical(manifest: dict[str, Any]) -> bytes:
    unsigned = {key: value for key, value in manifest.items() if key != "signature"}
    text = json.dumps(unsigned, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return CONTEXT + text.encode("utf-8")


def sign(manifest: dict[str, Any]) -> None:
    """Sign the manifest with a new Ed25519 key (the documented algorithm)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    manifest["signature"] = {
        "algorithm": "ed25519",
        "public_key": base64.b64encode(key.public_key().public_bytes_raw()).decode(),
        "value": base64.b64encode(key.sign(canonical(manifest))).decode(),
    }


def build(
    target: Path,
    members: dict[str, Content],
    manifest: dict[str, Any],
    *,
    counts: bool = True,
    after: Callable[[dict[str, Any]], None] | None = None,
    text: Callable[[str], str] | None = None,
) -> Path:
    """Write the package — data deflated, attachments and reports stored, the manifest last —
    and seal it: every member's checksum (hashed while written), the data members' record
    counts (``counts``), the signature. ``after`` changes the manifest once it is signed (a
    tampering); ``text`` rewrites its JSON text."""

    def manifest_bytes(hashes: dict[str, str]) -> bytes:
        manifest["members"] = {name: hashes[name] for name in members}
        if counts:
            for name, content in members.items():
                if name.startswith("data/") and isinstance(content, bytes):
                    manifest["counts"][name[5:-5]] = len(json.loads(content))
        sign(manifest)
        if after is not None:
            after(manifest)
        written = json.dumps(manifest, ensure_ascii=False)
        return (text(written) if text else written).encode("utf-8")

    listed = [
        (name, content, DEFLATED if name.startswith(("data/", "store/")) else STORED)
        for name, content in members.items()
    ]
    write_zip(target, listed, last=(MANIFEST, manifest_bytes))
    return target


def _resealed(sender: Sender, target: Path, change: Callable[[dict, dict], None]) -> Path:
    members, manifest = sender.copy()
    change(members, manifest)
    return build(target, members, manifest)


# --- the cases ------------------------------------------------------------------------------


def control(sender: Sender, target: Path, receiver: Path) -> Path:
    """Re-sealed, unchanged: must import (proves the generators' sealing is right)."""
    return _resealed(sender, target, lambda members, manifest: None)


def _school_field(field: str, value: Any) -> Callable[[dict, dict], None]:
    def change(members: dict, manifest: dict) -> None:
        schools = rows(members, "school")
        schools[0][field] = value
        put_rows(members, "school", schools)

    return change


def _first(table: str, field: str, value: Any) -> Callable[[dict, dict], None]:
    def change(members: dict, manifest: dict) -> None:
        records = rows(members, table)
        records[0][field] = value
        put_rows(members, table, records)

    return change


def bad_inn(sender: Sender, target: Path, receiver: Path) -> Path:
    return _resealed(sender, target, _school_field("inn", "1234567890"))


def negative_count(sender: Sender, target: Path, receiver: Path) -> Path:
    return _resealed(sender, target, _school_field("students_count", -5))


def wrong_type(sender: Sender, target: Path, receiver: Path) -> Path:
    return _resealed(sender, target, _school_field("students_count", "много"))


def huge_name(sender: Sender, target: Path, receiver: Path) -> Path:
    return _resealed(sender, target, _school_field("full_name", "Ш" * 790_000))


def unknown_status(sender: Sender, target: Path, receiver: Path) -> Path:
    return _resealed(sender, target, _first("visit", "status", "exploded"))


def year_9999(sender: Sender, target: Path, receiver: Path) -> Path:
    return _resealed(sender, target, _first("risk_assessment", "year", 9999))


def garbage_snapshot(sender: Sender, target: Path, receiver: Path) -> Path:
    snapshot = {"format": 1, "id": "мусор", "sections": "не список", "items": [None, 7]}
    return _resealed(sender, target, _first("visit", "template_snapshot", snapshot))


def wrong_answer_type(sender: Sender, target: Path, receiver: Path) -> Path:
    def change(members: dict, manifest: dict) -> None:
        answers = rows(members, "checklist_answer")
        answer = next(a for a in answers if a["value"] in ("yes", "no", "partly"))
        answer["value"] = {"ответ": [1, 2, 3]}  # an object where «да/нет/частично» is asked
        put_rows(members, "checklist_answer", answers)

    return _resealed(sender, target, change)


def version_1e40(sender: Sender, target: Path, receiver: Path) -> Path:
    return _resealed(sender, target, lambda members, manifest: manifest.update(format=10**40))


def receivers_store_id(sender: Sender, target: Path, receiver: Path) -> Path:
    """The manifest claims the receiving store's own id (signed by a stranger's key)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(receiver / "curator.sqlite3")) as connection:
        (store_id,) = connection.execute(
            "SELECT value FROM store_meta WHERE key = 'store_id'"
        ).fetchone()

    def change(members: dict, manifest: dict) -> None:
        manifest["store_id"] = store_id
        manifest["sender"]["store_id"] = store_id

    return _resealed(sender, target, change)


def tampered_manifest(sender: Sender, target: Path, receiver: Path) -> Path:
    """Signed, then the sender's name changed: the signature no longer matches."""

    def rename(manifest: dict[str, Any]) -> None:
        manifest["curator"] = manifest["sender"]["full_name"] = "Иванов Иван Иванович"

    members, manifest = sender.copy()
    return build(target, members, manifest, after=rename)


def tampered_member(sender: Sender, target: Path, receiver: Path) -> Path:
    """Signed, then a school's name changed in its data member: its checksum no longer does."""
    members, manifest = sender.copy()
    original = members["data/school.json"]
    _school_field("full_name", "МОУ «Подменная школа»")(members, manifest)

    def restore_checksum(manifest: dict[str, Any]) -> None:  # the checksum of the original
        manifest["members"]["data/school.json"] = sha256_of(original)
        sign(manifest)

    return build(target, members, manifest, after=restore_checksum)


def zip_bomb(sender: Sender, target: Path, receiver: Path) -> Path:
    """The history member: a valid JSON array of 400 MB, mostly spaces (about 1000:1)."""

    def change(members: dict, manifest: dict) -> None:
        members["data/change_log.json"] = repeated(b" " * 4096, 400 * MB, head=b"[", tail=b"]")
        manifest["counts"]["change_log"] = 0

    members, manifest = sender.copy()
    change(members, manifest)
    return build(target, members, manifest, counts=False)


def history_rows(
    sender: Sender, target: Path, receiver: Path, *, thousands: int, counted: bool
) -> Path:
    """``thousands`` × 1,000 history rows, each its own (compact JSON, about 190 bytes a row; a
    zip of a few dozen MB); the manifest counts them all (``counted``) or claims 1,000."""
    school = rows(sender.members, "school")[0]["id"]

    def generate() -> Iterator[bytes]:
        yield b"["
        for thousand in range(thousands):
            yield b",".join(
                (
                    f'{{"id":"{thousand:08x}-{number:04x}-4000-8000-000000000000",'
                    f'"at":"2026-01-01T00:00:00Z","entity":"school","entity_id":"{school}",'
                    f'"action":"update","new_value":"{number}",'
                    f'"revision":"{thousand:016x}{number:016x}","device_id":"x"}}'
                ).encode()
                for number in range(1_000)
            ) + (b"," if thousand < thousands - 1 else b"")
        yield b"]"

    members, manifest = sender.copy()
    members["data/change_log.json"] = generate
    manifest["counts"]["change_log"] = thousands * 1_000 if counted else 1_000
    return build(target, members, manifest, counts=False)


def stored_500mb(sender: Sender, target: Path, receiver: Path) -> Path:
    """An attachment member of 500 MB, stored (no compression: no ratio gives it away), listed
    with its true checksum: written as a hole, so the test writes a few kilobytes."""
    members, manifest = sender.copy()
    members[f"attachments/{_zeros_sha(500 * MB)}"] = Zeros(500 * MB)
    return build(target, members, manifest)


def _zeros_sha(size: int) -> str:
    digest, block, left = hashlib.sha256(), bytes(MB), size
    while left > 0:
        digest.update(block[: min(MB, left)])
        left -= MB
    return digest.hexdigest()


def many_members(sender: Sender, target: Path, receiver: Path) -> Path:
    """150,000 members (tiny, stored) besides the package's own."""
    members, manifest = sender.copy()
    for number in range(150_000):
        members[f"attachments/{number:064x}"] = b""
    return build(target, members, manifest)


def deep_manifest(sender: Sender, target: Path, receiver: Path) -> Path:
    """A manifest whose scope is nested 100,000 levels deep (written as text)."""
    members, manifest = sender.copy()
    deep = '"scope": ' + "[" * 100_000 + "]" * 100_000
    return build(
        target, members, manifest, text=lambda t: t.replace('"scope": {"kind": "full"}', deep)
    )


def deep_record(sender: Sender, target: Path, receiver: Path) -> Path:
    """A visit's template snapshot nested 100,000 levels deep (written as text)."""
    members, manifest = sender.copy()
    visits = rows(members, "visit")
    visits[0]["template_snapshot"] = "@@DEEP@@"
    put_rows(members, "visit", visits)
    content = members["data/visit.json"]
    assert isinstance(content, bytes)
    members["data/visit.json"] = content.replace(b'"@@DEEP@@"', b"[" * 100_000 + b"]" * 100_000)
    return build(target, members, manifest, counts=False)


def traversal(sender: Sender, target: Path, receiver: Path) -> Path:
    """A member named ``../../outside.txt``, listed and signed."""
    members, manifest = sender.copy()
    members["../../outside.txt"] = "вне папки".encode()
    return build(target, members, manifest)


def truncated(sender: Sender, target: Path, receiver: Path) -> Path:
    control(sender, target, receiver)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def not_a_zip(sender: Sender, target: Path, receiver: Path) -> Path:
    target.write_bytes(b"Curator? " + bytes(range(256)) * 64)
    return target
