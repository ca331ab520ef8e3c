"""Reading one ``data/<table>.json`` member: streamed, hashed, counted and checked record by
record, never held whole.

The manifest's count was held against the limit before a byte is read
(:func:`~.checks.check_members`). While the member is unpacked each record is parsed as it comes
(its size and nesting bounded), counted against the manifest (one record more than it says stops
the reading), checked against the records schema (jsonschema explains the first bad record only,
never the whole member), for JSON nested too deep, and for an id seen before. A problem found
while reading is reported once the rest of the member is hashed, so a member that does not match
its checksum is named as damaged or changed first.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from curator_desktop.i18n import _
from curator_desktop.services.exchange.package import checks
from curator_desktop.services.exchange.package import schema as package_schema
from curator_desktop.services.exchange.package.format import (
    CHUNK_BYTES,
    Limits,
    Manifest,
    PackageError,
    format_size,
)
from curator_desktop.services.limits.json_text import (
    MAX_DEPTH,
    JsonTextError,
    depth_of_value,
    iter_array,
)

Advance = Callable[[int], None]
"""Called with the size of every piece read (progress and cancelling)."""


def read_records(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    table: str,
    manifest: Manifest,
    limits: Limits,
    advance: Advance | None = None,
) -> list[dict[str, Any]]:
    """The records of ``data/<table>.json`` once every check passed (see the module)."""
    member = info.filename
    expected = manifest.counts.get(table)
    digest = hashlib.sha256()
    chunks = _chunks(path, archive, info, digest, advance)
    records: list[dict[str, Any]] = []
    problem: PackageError | None = None
    check = _RecordCheck(path, member, table)
    try:
        for record in iter_array(chunks, max_element_chars=limits.max_record_bytes):
            if len(records) >= (expected or 0):
                problem = _more_than(path, member, expected or 0)
                break
            problem = check(len(records), record)
            if problem is not None:
                break
            records.append(record)
    except JsonTextError as exc:
        problem = _text_problem(path, member, table, exc, len(records), limits)
    for _rest in chunks:  # hashed, not parsed
        pass
    checks.check_hash(path, member, digest.hexdigest(), manifest)
    if problem is not None:
        raise problem
    if expected != len(records):
        raise checks.refusal(
            path,
            member,
            _("The package “{file}” is inconsistent: {member} holds {count} records, its "
              "manifest says {expected}."),
            count=len(records),
            expected="—" if expected is None else expected,
        )  # fmt: skip
    return records


def _chunks(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    digest: Any,
    advance: Advance | None,
) -> Iterator[bytes]:
    """The member's bytes piece by piece, each hashed and reported as it is read."""
    try:
        with archive.open(info) as source:
            while chunk := source.read(CHUNK_BYTES):
                digest.update(chunk)
                if advance is not None:
                    advance(len(chunk))
                yield chunk
    except checks.READ_ERRORS as exc:
        raise checks.damaged(path, info.filename) from exc


class _RecordCheck:
    """One record at a time: the schema, JSON nested too deep, an id seen before."""

    def __init__(self, path: Path, member: str, table: str) -> None:
        self.path, self.member, self.table = path, member, table
        self.json_keys = package_schema.json_keys(table)
        self.ids: set[str] = set()

    def __call__(self, index: int, record: Any) -> PackageError | None:
        found = package_schema.record_problem(self.table, index, record)
        if found is not None:
            where, problem = found
            return checks.refusal(
                self.path,
                self.member,
                _("The package “{file}” has an invalid record in {member} ({where}): {problem}"),
                where=package_schema.location(where),
                problem=problem,
            )
        for key in self.json_keys:
            value = record.get(key)
            if isinstance(value, dict | list) and depth_of_value(value) > MAX_DEPTH:
                return checks.too_deep(self.path, self.member, (index, key))
        if record["id"] in self.ids:
            return checks.refusal(
                self.path,
                self.member,
                _("The package “{file}” is inconsistent: {member} has the record {id} twice."),
                id=record["id"],
            )
        self.ids.add(record["id"])
        return None


def _more_than(path: Path, member: str, expected: int) -> PackageError:
    return checks.refusal(
        path,
        member,
        _("The package “{file}” is inconsistent: {member} holds more records than the "
          "{expected} its manifest says."),
        expected=expected,
    )  # fmt: skip


def _text_problem(
    path: Path, member: str, table: str, error: JsonTextError, index: int, limits: Limits
) -> PackageError:
    if error.reason == "not_array":
        found = package_schema.member_problem(table, None)
        problem = found[1] if found else ""
        return checks.refusal(
            path,
            member,
            _("The package “{file}” has an invalid {member}: {problem}"),
            problem=problem,
        )
    if error.reason == "too_deep":
        return checks.too_deep(path, member, (index,))
    if error.reason == "too_large":
        return checks.refusal(
            path,
            member,
            _("The package “{file}” is refused: {member} ({where}) is larger than {limit}."),
            where=package_schema.location((index,)),
            limit=format_size(limits.max_record_bytes),
        )
    return checks.not_json(path, member, error.line, error.column)
