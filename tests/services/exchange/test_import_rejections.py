"""Every bad file is refused with a clear message and leaves the store exactly as it was: its
logical content (every table dumped) and its data folder's files; a new store is not created."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import (
    Store,
    copy_store,
    dump,
    files_around_store,
    fill_small,
    folder_paths,
)

from curator_desktop.domain.errors import CuratorError
from curator_desktop.services.exchange import crypto
from curator_desktop.services.exchange.store_move import create_store_from_package

Members = dict[str, bytes]


@pytest.fixture
def stores(tmp_path: Path, migrated_store_template: Path) -> Iterator[tuple[Store, Path]]:
    """A curator's store and a good package from the coordinator's (another) store."""
    mine = copy_store(migrated_store_template, tmp_path / "mine", "dev-mine")
    peer = copy_store(migrated_store_template, tmp_path / "peer", "dev-peer")
    fill_small(mine.database)
    fill_small(peer.database)
    mine.service.store_id()  # made when the app first opens a store
    photo = peer.paths.attachments_dir / "photo.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 64)
    _attach(peer, photo)
    (tmp_path / "usb").mkdir()
    package = peer.service.export(tmp_path / "usb" / "good.curator").path
    peer.close()
    yield mine, package
    mine.close()


def _attach(store: Store, source: Path) -> None:
    from sqlmodel import select

    from curator_desktop.services.visits.attachments import attach_in
    from curator_desktop.store.tables import Visit

    with store.database.session() as session:
        visit = session.exec(select(Visit)).one()
        attach_in(
            session,
            visit,
            source,
            store.paths.attachments_dir,
            item_key=None,
            lesson_id=None,
            caption="Стенд",
        )


def members_of(package: Path) -> Members:
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(
    package: Path,
    target: Path,
    change: Callable[[Members, dict[str, Any]], None],
    *,
    rehash: bool = True,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A copy of ``package`` with ``change(members, manifest)`` applied, the manifest's hashes
    recomputed unless ``rehash`` is False (then, as a package made again by hand, unsigned)."""
    members = members_of(package)
    manifest = json.loads(members.pop("manifest.json"))
    change(members, manifest)
    if rehash:
        manifest.pop("signature", None)
        manifest["members"] = {
            name: hashlib.sha256(data).hexdigest()
            for name, data in members.items()
            if name in manifest["members"] or not name.startswith(("../", "/", "C:"))
        }
    with zipfile.ZipFile(target, "w", compression) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return target


def _records(members: Members, table: str) -> list[dict[str, Any]]:
    return json.loads(members[f"data/{table}.json"])


def _put(members: Members, table: str, records: list[dict[str, Any]]) -> None:
    members[f"data/{table}.json"] = json.dumps(records, ensure_ascii=False).encode()


def not_a_package(good: Path, target: Path) -> Path:
    target.write_text("Отчёт куратора за ноябрь", encoding="utf-8")
    return target


def truncated(good: Path, target: Path) -> Path:
    data = good.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def hash_mismatch(good: Path, target: Path) -> Path:
    def change(members: Members, manifest: dict[str, Any]) -> None:
        schools = _records(members, "school")
        schools[0]["notes"] = "подменено"
        _put(members, "school", schools)

    return rewrite(good, target, change, rehash=False)


def newer_format(good: Path, target: Path) -> Path:
    return rewrite(good, target, lambda members, manifest: manifest.update(format=99))


def zip_bomb(good: Path, target: Path) -> Path:
    zeros = bytes(8 * 1024 * 1024)
    sha = hashlib.sha256(zeros).hexdigest()
    return rewrite(
        good, target, lambda members, manifest: members.update({f"attachments/{sha}": zeros})
    )


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/escape", "C:/escape", "data\\x.json"])
def test_a_member_path_escaping_the_package_is_refused(
    stores: tuple[Store, Path], tmp_path: Path, name: str
) -> None:
    mine, good = stores
    bad = rewrite(good, tmp_path / "escape.curator", lambda m, _manifest: m.update({name: b"x"}))
    _assert_refused(mine, bad, tmp_path)


def malformed_json(good: Path, target: Path) -> Path:
    return rewrite(good, target, lambda members, _m: members.update({"data/school.json": b"[{"}))


def schema_invalid(good: Path, target: Path) -> Path:
    def change(members: Members, manifest: dict[str, Any]) -> None:
        schools = _records(members, "school")
        schools[0]["students_count"] = "много"
        del schools[1]["revision"]
        _put(members, "school", schools)

    return rewrite(good, target, change)


def missing_reference(good: Path, target: Path) -> Path:
    def change(members: Members, manifest: dict[str, Any]) -> None:
        visits = _records(members, "visit")
        visits[0]["school_id"] = "00000000-0000-4000-8000-00000000dead"
        _put(members, "visit", visits)

    return rewrite(good, target, change)


def attachment_bytes_missing(good: Path, target: Path) -> Path:
    def change(members: Members, manifest: dict[str, Any]) -> None:
        for name in [n for n in members if n.startswith("attachments/")]:
            del members[name]
            del manifest["members"][name]

    return rewrite(good, target, change)


def wrong_password(good: Path, target: Path) -> Path:
    crypto.encrypt_file(good, target, "правильный")
    return target


def tampered_encrypted(good: Path, target: Path) -> Path:
    crypto.encrypt_file(good, target, "пароль")
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target


CASES = {
    "not a package": (not_a_package, "not an exchange package"),
    "truncated": (truncated, ""),
    "member hash mismatch": (hash_mismatch, ""),
    "newer format": (newer_format, "newer"),
    "zip bomb": (zip_bomb, ""),
    "malformed JSON": (malformed_json, ""),
    "schema-invalid JSON": (schema_invalid, ""),
    "reference to a missing record": (missing_reference, "neither in this store nor"),
    "attachment bytes missing": (attachment_bytes_missing, "lacks the file"),
    "wrong password": (wrong_password, "password is wrong"),
    "tampered encrypted package": (tampered_encrypted, "modified or damaged"),
}


def _assert_refused(mine: Store, bad: Path, tmp_path: Path, words: str = "") -> CuratorError:
    before, files_before = dump(mine.database), files_around_store(mine.paths)
    for attempt in (mine.service.preview, mine.service.import_):
        with pytest.raises(CuratorError) as caught:
            attempt(bad, password="пароль")
        assert words.lower() in caught.value.user_message.lower()
        assert dump(mine.database) == before
        assert files_around_store(mine.paths) == files_before
    fresh = folder_paths(tmp_path / "fresh")
    with pytest.raises(CuratorError):
        create_store_from_package(fresh, bad, device_id="dev-fresh", password="пароль")
    assert not fresh.store_file.exists()
    assert not any(p.is_file() for p in fresh.attachments_dir.rglob("*"))
    return caught.value


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_and_changes_nothing(
    stores: tuple[Store, Path], tmp_path: Path, case: str
) -> None:
    mine, good = stores
    build, words = CASES[case]
    bad = build(good, tmp_path / "bad.curator")
    error = _assert_refused(mine, bad, tmp_path, words)
    assert error.exit_code == 2 or case in ("wrong password", "tampered encrypted package")


def test_the_good_package_itself_is_accepted(stores: tuple[Store, Path], tmp_path: Path) -> None:
    """The cases above fail because of what they break, not because the package was bad."""
    mine, good = stores
    copy = rewrite(good, tmp_path / "copy.curator", lambda members, manifest: None)
    result = mine.service.import_(copy)
    assert result.written and result.files_copied == 1
    assert result.reconciliation.counts["school"].new == 3
