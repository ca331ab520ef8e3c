"""A package's limits hold before the work: counts from the manifest before a record is read,
records counted as they stream (one more than the manifest says stops the reading), one bad
record explained (never the whole member by jsonschema), nesting and numbers bounded, files no
larger than an attachment may be, every member read in pieces."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from curator_desktop.services.exchange.package import reader
from curator_desktop.services.exchange.package import schema as package_schema
from curator_desktop.services.exchange.package.format import CHUNK_BYTES, MANIFEST, Limits
from curator_desktop.services.exchange.package.reader import open_package
from tests.services.exchange import test_package_reader as reader_tests
from tests.services.exchange.test_package_reader import (
    as_json,
    contents,
    rebuild,
    records_of,
    refused,
)
from tests.services.limits.hostile_files import deep_json

HISTORY = "data/change_log.json"
good = reader_tests.good
"""The demo store's package (built once for this module too)."""
folder = reader_tests.folder


def history_of(good: Path) -> list[dict[str, Any]]:
    with open_package(good) as package:
        return package.history()


def counted(monkeypatch: pytest.MonkeyPatch, table: str = "change_log") -> list[int]:
    """The index of every record of ``table`` checked against the schema, as it is checked."""
    seen: list[int] = []
    real = package_schema.record_problem

    def spy(checked: str, index: int, record: Any) -> Any:
        if checked == table:
            seen.append(index)
        return real(checked, index, record)

    monkeypatch.setattr(package_schema, "record_problem", spy)
    return seen


def test_a_count_over_the_limit_is_refused_before_a_record_is_read(
    good: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def millions(manifest: dict[str, Any]) -> None:
        manifest["counts"]["change_log"] = 5_000_000

    path = rebuild(good, folder / "counted.curator", edit=millions)
    monkeypatch.setattr(reader, "read_records", lambda *a, **k: pytest.fail("records read"))
    error = refused(path)
    assert error.member == HISTORY
    assert (
        "data/change_log.json holds 5,000,000 records, more than the 2,000,000 a package may "
        "carry" in error.user_message
    )


def test_more_records_than_the_manifest_says_stop_the_reading(
    good: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = history_of(good)
    extra = [dict(rows[0], id=f"extra-{n}") for n in range(20_000)]
    path = rebuild(good, folder / "more.curator", change={HISTORY: as_json(rows + extra)})
    checked = counted(monkeypatch)
    error = refused(path)
    assert error.member == HISTORY
    assert f"holds more records than the {len(rows)} its manifest says" in error.user_message
    assert len(checked) == len(rows)  # the first record too many is never checked


def test_one_bad_record_is_explained_not_the_whole_member(
    good: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [{k: v for k, v in row.items() if k != "action"} for row in history_of(good)]

    def honest(manifest: dict[str, Any]) -> None:
        manifest["counts"]["change_log"] = len(rows)

    path = rebuild(good, folder / "bad.curator", change={HISTORY: as_json(rows)}, edit=honest)
    checked = counted(monkeypatch)
    error = refused(path)
    assert "invalid record in data/change_log.json (record 1): the key “action” is missing." in (
        error.user_message
    )
    assert checked == [0]


def test_a_changed_member_is_named_as_changed_before_what_is_wrong_in_it(
    good: Path, folder: Path
) -> None:
    rows = history_of(good)
    extra = [dict(rows[0], id=f"extra-{n}") for n in range(100)]
    path = rebuild(
        good, folder / "edited.curator", change={HISTORY: as_json(rows + extra)}, listed=False
    )
    assert "does not match its checksum" in refused(path).user_message


def test_a_file_larger_than_an_attachment_may_be_is_refused_unread(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unpacked(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipExtFile, "__init__", unpacked)
    error = refused(good, limits=Limits(max_file_bytes=1024 * 1024))
    assert error.member is not None and error.member.startswith("attachments/")
    assert "is larger than 1 MB" in error.user_message


def test_every_member_but_the_manifest_is_read_in_pieces(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[tuple[str, int]] = []
    real = zipfile.ZipExtFile.read

    def read(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        reads.append((self.name, n))
        return real(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    with open_package(good) as package:
        assert package.history()
    members = {name for name, _n in reads}
    assert HISTORY in members and any(m.startswith("attachments/") for m in members)
    whole = {name for name, n in reads if not 0 < n <= CHUNK_BYTES}
    assert whole == {MANIFEST}


def test_a_record_too_large(good: Path) -> None:
    error = refused(good, limits=Limits(max_record_bytes=200))
    assert error.member is not None and "(record 1) is larger than" in error.user_message


def _visits_with(good: Path, folder: Path, snapshot: str) -> Path:
    visits = records_of(good, "visit")
    visits[0]["template_snapshot"] = "@SNAPSHOT@"
    text = as_json(visits).replace(b'"@SNAPSHOT@"', snapshot.encode())
    return rebuild(good, folder / "snapshot.curator", change={"data/visit.json": text})


@pytest.mark.parametrize("depth", [100_000, 100])
def test_a_template_snapshot_nested_too_deep(good: Path, folder: Path, depth: int) -> None:
    error = refused(_visits_with(good, folder, '{"sections": ' + deep_json(depth) + "}"))
    assert error.member == "data/visit.json"
    assert "is nested more than 64 levels deep" in error.user_message
    assert "(record 1" in error.user_message


def test_numbers_a_store_cannot_hold(good: Path, folder: Path) -> None:
    templates = records_of(good, "checklist_template")
    templates[0]["version"] = 10**40
    path = rebuild(
        good,
        folder / "version.curator",
        change={"data/checklist_template.json": as_json(templates)},
    )
    assert (
        "data/checklist_template.json (record 1, “version”): must be at most "
        "9223372036854775807." in refused(path).user_message
    )
    error = refused(_visits_with(good, folder, '{"version": 1e999}'))
    assert "data/visit.json is not valid JSON" in error.user_message


def test_a_manifest_nested_too_deep_is_refused_before_it_is_parsed(
    good: Path, folder: Path
) -> None:
    path = rebuild(good, folder / "deep.curator", edit=lambda m: m.update(extra="@DEEP@"))
    members, _manifest = contents(path)
    text = json.dumps(_manifest).replace('"@DEEP@"', deep_json(100_000))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(MANIFEST, text)
    error = refused(path)
    assert error.member == MANIFEST
    assert "manifest.json is nested more than 64 levels deep" in error.user_message
