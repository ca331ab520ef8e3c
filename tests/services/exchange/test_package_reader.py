"""Reading packages: a good one opens; every kind of bad file is refused with its own message,
naming the member at fault, and nothing is written anywhere."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from curator_desktop.services.exchange.package import schema as package_schema
from curator_desktop.services.exchange.package.format import (
    FORMAT,
    MANIFEST,
    Limits,
    PackageCancelled,
    PackageError,
)
from curator_desktop.services.exchange.package.reader import open_package
from curator_desktop.store.database import Database
from tests.services.exchange.test_package_writer import DemoFiles, build_demo


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, migrated_store_template: Path) -> Iterator[Path]:
    """One valid package of the demo store with two attachments and a report (built once)."""
    root = tmp_path_factory.mktemp("good")
    store = root / "data" / "curator.sqlite3"
    store.parent.mkdir()
    shutil.copy2(migrated_store_template, store)
    db = Database(store, device_id="test-device")
    try:
        demo: DemoFiles = build_demo(db, root)
        yield demo.export("good.curator").path
    finally:
        db.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "stick"
    path.mkdir()
    return path


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def contents(package: Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    with zipfile.ZipFile(package) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    return members, json.loads(members.pop(MANIFEST))


def rebuild(
    good: Path,
    target: Path,
    *,
    change: dict[str, bytes | None] | None = None,
    listed: bool = True,
    edit: Callable[[dict[str, Any]], None] | None = None,
) -> Path:
    """A copy of ``good`` with members changed, added (None: removed from the zip but still
    listed), their hashes put in the manifest when ``listed``, and the manifest edited."""
    members, manifest = contents(good)
    for name, data in (change or {}).items():
        if data is None:
            members.pop(name)
            continue
        members[name] = data
        if listed:
            manifest["members"][name] = sha(data)
    if edit is not None:
        edit(manifest)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False))
    return target


def refused(path: Path, **kwargs: Any) -> PackageError:
    """Open ``path``, expecting a refusal; the folder holds exactly what it held before."""
    before = sorted(path.parent.rglob("*"))
    with pytest.raises(PackageError) as caught:
        open_package(path, **kwargs)
    assert sorted(path.parent.rglob("*")) == before
    return caught.value


def records_of(good: Path, table: str) -> list[dict[str, Any]]:
    with open_package(good) as package:
        return package.records(table)


def as_json(records: Any) -> bytes:
    return json.dumps(records, ensure_ascii=False).encode()


# --- a good package -------------------------------------------------------------------------


def test_a_good_package_opens_and_reports_its_progress(good: Path) -> None:
    seen: list[tuple[int, int]] = []
    with open_package(good, progress=lambda done, total: seen.append((done, total))) as package:
        assert len(package.attachments) == 2 and len(package.reports) == 1
        assert package.records("school") and package.history()
    assert seen[-1][0] == seen[-1][1] > 3 * 1024 * 1024


def test_checking_can_be_cancelled(good: Path) -> None:
    with pytest.raises(PackageCancelled):
        open_package(good, cancelled=lambda: True)


def test_copies_are_checked_and_unknown_files_refused(good: Path, folder: Path) -> None:
    with open_package(good) as package:
        with pytest.raises(PackageError, match="does not contain") as caught:
            package.copy_attachment("0" * 64, folder / "x")
        assert caught.value.member == "attachments/" + "0" * 64
        with pytest.raises(PackageError, match="does not contain"):
            package.copy_report("no-such-report", folder / "r.pdf")
        with pytest.raises(ValueError):
            package.records("change_log")
    assert list(folder.iterdir()) == []


def test_the_shipped_records_schema_is_the_one_the_tables_give() -> None:
    from curator_desktop.paths import resource

    shipped = json.loads(resource(*package_schema.RECORDS_SCHEMA_FILE).read_text("utf-8"))
    assert shipped == package_schema.build_records_schema()


# --- not a package, damaged ------------------------------------------------------------------


def test_a_file_that_is_not_a_zip(folder: Path) -> None:
    path = folder / "notes.curator"
    path.write_text("Протокол совещания", encoding="utf-8")
    assert "is not an exchange package" in refused(path).user_message


def test_a_zip_without_a_manifest(folder: Path) -> None:
    path = folder / "photos.curator"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data/school.json", "[]")
    assert "is not an exchange package" in refused(path).user_message


def test_a_truncated_package(good: Path, folder: Path) -> None:
    path = folder / "cut.curator"
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    error = refused(path)
    assert "“cut.curator” is damaged or incomplete" in error.user_message


def test_a_flipped_byte_inside_a_file_is_caught_by_the_zip_checksum(
    good: Path, folder: Path
) -> None:
    members, _manifest = contents(good)
    member = next(name for name in members if name.startswith("attachments/"))
    data = bytearray(good.read_bytes())
    at = bytes(data).index(members[member][1000:1064]) + 10
    data[at] ^= 0xFF
    path = folder / "flipped.curator"
    path.write_bytes(bytes(data))
    error = refused(path)
    assert "damaged or incomplete" in error.user_message and error.member == member


def test_a_modified_member_does_not_match_the_manifest(good: Path, folder: Path) -> None:
    schools = records_of(good, "school")
    schools[0]["notes"] = "исправлено вручную"
    path = rebuild(
        good, folder / "edited.curator", change={"data/school.json": as_json(schools)}, listed=False
    )
    error = refused(path)
    assert "does not match its checksum" in error.user_message
    assert error.member == "data/school.json"


def test_a_modified_attachment_does_not_match_the_manifest(good: Path, folder: Path) -> None:
    members, _manifest = contents(good)
    member = next(name for name in members if name.startswith("attachments/"))
    path = rebuild(good, folder / "photo.curator", change={member: b"another photo"}, listed=False)
    error = refused(path)
    assert "does not match its checksum" in error.user_message and error.member == member


def test_a_listed_member_missing_from_the_zip(good: Path, folder: Path) -> None:
    path = rebuild(good, folder / "short.curator", change={"data/visit.json": None})
    error = refused(path)
    assert "is incomplete: data/visit.json is missing" in error.user_message


# --- format and manifest --------------------------------------------------------------------


def test_a_package_of_a_newer_format_asks_for_an_update(good: Path, folder: Path) -> None:
    def newer(manifest: dict[str, Any]) -> None:
        manifest["format"] = FORMAT + 1
        manifest["something_new"] = {"not": "understood"}
        del manifest["counts"]

    error = refused(rebuild(good, folder / "future.curator", edit=newer))
    assert f"made by a newer version of Curator Desktop (format {FORMAT + 1}" in error.user_message
    assert "Please update the program" in error.user_message and error.member == MANIFEST


def test_a_manifest_against_its_schema(good: Path, folder: Path) -> None:
    def bad_time(manifest: dict[str, Any]) -> None:
        manifest["created_at"] = "22.11.2026 10:00"

    error = refused(rebuild(good, folder / "manifest.curator", edit=bad_time))
    assert "invalid manifest.json (created_at): must be a UTC time" in error.user_message


def test_a_manifest_whose_counts_do_not_match(good: Path, folder: Path) -> None:
    def more(manifest: dict[str, Any]) -> None:
        manifest["counts"]["visit"] += 1

    error = refused(rebuild(good, folder / "counts.curator", edit=more))
    assert "data/visit.json holds" in error.user_message and error.member == "data/visit.json"


# --- zip bombs and unsafe names --------------------------------------------------------------


def test_a_member_compressed_too_well_is_a_zip_bomb(good: Path, folder: Path) -> None:
    zeros = bytes(50 * 1024 * 1024)
    path = rebuild(good, folder / "bomb.curator", change={f"attachments/{sha(zeros)}": zeros})
    error = refused(path)
    assert "zip bomb" in error.user_message and error.member == f"attachments/{sha(zeros)}"


def test_too_many_members(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = folder / "many.curator"
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(100_001):
            archive.writestr(f"reports/{n}.pdf", b"")
    opened: list[object] = []  # refused from the end record: no object built per entry
    monkeypatch.setattr(zipfile, "ZipFile", lambda *args, **kwargs: opened.append(args))
    error = refused(path)
    assert "it holds 100,001 files, more than the 100,000 allowed" in error.user_message
    assert opened == []


def test_too_many_bytes(good: Path) -> None:
    error = refused(good, limits=Limits(max_total_bytes=1024 * 1024))
    assert re.search(r"would unpack to \d+ MB, more than the 1 MB allowed", error.user_message)


@pytest.mark.parametrize(
    "name", ["../evil", "data/../../evil", "/abs", "C:\\x", "C:x", "data\\school.json"]
)
def test_names_escaping_the_package_are_refused(good: Path, folder: Path, name: str) -> None:
    path = rebuild(good, folder / "escape.curator", change={name: b"boo"})
    error = refused(path)
    assert "points outside it" in error.user_message and error.member == name


def test_an_unknown_member(good: Path, folder: Path) -> None:
    path = rebuild(good, folder / "extra.curator", change={"readme.txt": b"hello"})
    error = refused(path)
    assert "unexpected file readme.txt" in error.user_message and error.member == "readme.txt"


def test_a_member_the_manifest_does_not_list(good: Path, folder: Path) -> None:
    photo = b"\xff\xd8 an extra photo"
    member = f"attachments/{sha(photo)}"
    error = refused(
        rebuild(good, folder / "unlisted.curator", change={member: photo}, listed=False)
    )
    assert "which its manifest does not list" in error.user_message and error.member == member


# --- the records ----------------------------------------------------------------------------


def test_malformed_json(good: Path, folder: Path) -> None:
    path = rebuild(good, folder / "json.curator", change={"data/school.json": b'[{"id": "a",\n'})
    error = refused(path)
    assert "data/school.json is not valid JSON (line 2, column 1)" in error.user_message


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("planned_date", "20.11.2026", "(record 1, “planned_date”): must be a date such as"),
        ("deleted", "no", "(record 1, “deleted”): must be true or false"),
        ("id", None, "(record 1, “id”): must be a text in quotes"),
        ("revision", "x" * 40, "must be at most 32 characters long"),
    ],
)
def test_a_record_against_the_schema(
    good: Path, folder: Path, field: str, value: Any, problem: str
) -> None:
    visits = records_of(good, "visit")
    visits[0][field] = value
    path = rebuild(good, folder / "record.curator", change={"data/visit.json": as_json(visits)})
    error = refused(path)
    assert "has an invalid record in data/visit.json" in error.user_message
    assert problem in error.user_message and error.member == "data/visit.json"


def test_a_record_without_its_id(good: Path, folder: Path) -> None:
    visits = records_of(good, "visit")
    del visits[1]["id"]
    path = rebuild(good, folder / "noid.curator", change={"data/visit.json": as_json(visits)})
    assert "(record 2): the key “id” is missing." in refused(path).user_message


def test_a_data_member_that_is_not_a_list(good: Path, folder: Path) -> None:
    path = rebuild(good, folder / "object.curator", change={"data/visit.json": b'{"id": 1}'})
    assert "invalid data/visit.json: must be a list" in refused(path).user_message


def test_a_record_twice(good: Path, folder: Path) -> None:
    visits = records_of(good, "visit")
    visits[1]["id"] = visits[0]["id"]
    path = rebuild(good, folder / "twice.curator", change={"data/visit.json": as_json(visits)})
    assert f"has the record {visits[0]['id']} twice" in refused(path).user_message
