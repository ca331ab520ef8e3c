"""The package's signature and its manifest's fields, read by the reader from real packages of a
real store: a signed package opens and names its sender; a manifest or member changed after
signing is refused; every manifest field out of format or length is refused, naming the field;
a package of the previous format (unsigned, no sender) still opens."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import Store, copy_store, fill_small
from sender_helpers import contents, old_format, remake, set_profile

from curator_desktop.services.exchange.package import schema as package_schema
from curator_desktop.services.exchange.package.format import MANIFEST, PackageError
from curator_desktop.services.exchange.package.reader import open_package

PROFILE = {
    "full_name": "Соколова Марина Викторовна",
    "position": "методист",
    "organisation": "ЛОИРО",
    "region": "Ленинградская область",
}


@pytest.fixture
def curator(tmp_path: Path, migrated_store_template: Path) -> Iterator[Store]:
    store = copy_store(migrated_store_template, tmp_path / "curator", "dev-curator")
    fill_small(store.database)
    set_profile(store.database, **PROFILE)
    yield store
    store.close()


@pytest.fixture
def package(curator: Store, tmp_path: Path) -> Path:
    (tmp_path / "usb").mkdir()
    return curator.service.export(tmp_path / "usb" / "sokolova.curator").path


def refused(path: Path) -> PackageError:
    with pytest.raises(PackageError) as caught:
        open_package(path).close()
    return caught.value


def test_a_signed_package_opens_and_names_its_sender(curator: Store, package: Path) -> None:
    with open_package(package) as opened:
        manifest = opened.manifest
    assert manifest.format == 1  # an older reader opens it: the signature is a key it ignores
    assert manifest.signature is not None
    assert manifest.signature.fingerprint == curator.service.signing_fingerprint()
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){3}", manifest.signature.fingerprint)
    assert manifest.store_id == curator.service.store_id()
    assert manifest.sender.full_name == PROFILE["full_name"] == manifest.curator
    assert (manifest.sender.organisation, manifest.sender.region) == (
        PROFILE["organisation"],
        PROFILE["region"],
    )
    assert contents(package)[1]["sender"]["store_id"] == manifest.store_id


def _rename(manifest: dict[str, Any]) -> None:
    manifest["sender"]["full_name"] = manifest["curator"] = "Петрова Анна Сергеевна"


def _recount(manifest: dict[str, Any]) -> None:
    manifest["counts"]["school"] = 2


def _unknown_key(manifest: dict[str, Any]) -> None:
    manifest["note"] = "добавлено после подписи"


@pytest.mark.parametrize("edit", [_rename, _recount, _unknown_key])
def test_a_manifest_changed_after_signing_is_refused(
    package: Path, tmp_path: Path, edit: Any
) -> None:
    changed = remake(package, tmp_path / "changed.curator", edit, keep_signature=True)
    error = refused(changed)
    assert "was changed after it was signed" in error.user_message
    assert error.member == MANIFEST


def test_a_member_changed_after_signing_is_refused(package: Path, tmp_path: Path) -> None:
    import hashlib

    members, _manifest = contents(package)
    schools = json.loads(members["data/school.json"])
    schools[0]["notes"] = "подменено"
    data = json.dumps(schools, ensure_ascii=False).encode()
    members["data/school.json"] = data
    # the member alone: its checksum in the (signed) manifest no longer matches
    alone = remake(package, tmp_path / "member.curator", keep_signature=True, members=members)
    error = refused(alone)
    assert "does not match its checksum" in error.user_message
    assert error.member == "data/school.json"

    # the member and its checksum: the manifest no longer matches its signature
    def rehash(manifest: dict[str, Any]) -> None:
        manifest["members"]["data/school.json"] = hashlib.sha256(data).hexdigest()

    both = remake(package, tmp_path / "both.curator", rehash, keep_signature=True, members=members)
    assert "was changed after it was signed" in refused(both).user_message


def _set(path: tuple[str, ...], value: Any) -> Any:
    def edit(manifest: dict[str, Any]) -> None:
        target = manifest
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


BAD_FIELDS = {
    "store id not an id": (("store_id",), "../../etc", "(store_id): must be an id"),
    "store id too long": (("store_id",), "e" * 5000, "(store_id): must be an id"),
    "device id with a slash": (("device_id",), "pc/../x", "(device_id): must be a computer"),
    "device id too long": (("device_id",), "d" * 65, "(device_id): must be at most 64"),
    "curator's name too long": (("curator",), "Я" * 201, "(curator): must be at most 200"),
    "curator's name on two lines": (("curator",), "Иванова\nИ. И.", "(curator): must be written"),
    "sender's name with an escape": (
        ("sender", "full_name"),
        "Иванова\x1b[2J",
        "(sender.full_name): must be written on one line",
    ),
    "sender's organisation too long": (
        ("sender", "organisation"),
        "О" * 300,
        "(sender.organisation): must be at most 200",
    ),
    "sender of another store": (
        ("sender", "store_id"),
        "00000000-0000-4000-8000-000000000001",
        "(sender.store_id): must be the manifest's store_id",
    ),
    "app version": (("app_version",), "0.1.0; rm -rf", "(app_version): must be a version"),
    "a date that does not exist": (
        ("created_at",),
        "2026-02-30T10:00:00Z",
        "(created_at): “2026-02-30T10:00:00Z” is not a real date",
    ),
    "a period's day that does not exist": (
        ("scope",),
        {"kind": "selection", "school_ids": ["a"], "date_from": "2026-13-01", "date_to": None},
        "(scope.date_from): “2026-13-01” is not a real date",
    ),
    "a period that ends before it begins": (
        ("scope",),
        {
            "kind": "selection",
            "school_ids": ["a"],
            "date_from": "2026-12-01",
            "date_to": "2026-09-01",
        },
        "(scope.date_to): the period ends before it begins",
    ),
    "a school id": (
        ("scope",),
        {"kind": "selection", "school_ids": ["../x"]},
        "(scope.school_ids.0): must be a record's id",
    ),
    "a signature's key": (
        ("signature",),
        {"algorithm": "ed25519", "public_key": "не ключ", "value": "A" * 86 + "=="},
        "(signature.public_key): must be a public key",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FIELDS))
def test_a_manifest_field_out_of_format_is_refused_naming_it(
    package: Path, tmp_path: Path, case: str
) -> None:
    where, value, words = BAD_FIELDS[case]
    bad = remake(package, tmp_path / "bad.curator", _set(where, value), keep_signature=True)
    error = refused(bad)
    assert words in error.user_message, error.user_message
    assert error.member == MANIFEST
    assert len(error.user_message) < 400  # a long value is not quoted whole


def test_every_pattern_of_the_manifest_schema_is_explained() -> None:
    schema = json.loads(
        (Path(__file__).parents[3] / "resources/schemas/exchange-manifest.schema.json").read_text()
    )
    patterns: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema)
    assert patterns - set(package_schema._PATTERN_PROBLEMS) == set()


def test_a_package_of_the_previous_format_opens_unsigned(package: Path, tmp_path: Path) -> None:
    old = remake(package, tmp_path / "old.curator", old_format)
    with open_package(old) as opened:
        manifest = opened.manifest
    assert manifest.signature is None and manifest.sender_profile is None
    assert manifest.sender.full_name == PROFILE["full_name"]  # from «curator»
    assert manifest.sender.organisation == ""
