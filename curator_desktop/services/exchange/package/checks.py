"""The reader's checks of a package, each failing with a :class:`PackageError` in the user's words.

The messages name the package by its file name and the member at fault, and say what to do
where there is something to do (update the program, ask for the package again).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.services.exchange.package import schema as package_schema
from curator_desktop.services.exchange.package import signature
from curator_desktop.services.exchange.package.format import (
    ATTACHMENTS_DIR,
    DATA_TABLES,
    DIRECTORIES,
    FORMAT,
    MANIFEST,
    Limits,
    Manifest,
    PackageError,
    data_member,
    format_size,
    is_known_member,
    is_unsafe_name,
    parse_utc,
)

_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def not_a_package(path: Path) -> PackageError:
    return PackageError(
        _("“{file}” is not an exchange package (a *.curator file made by Curator Desktop).").format(
            file=path.name
        )
    )


def damaged(path: Path, member: str | None) -> PackageError:
    if member is None:
        message = _(
            "The package “{file}” is damaged or incomplete; copy it again or ask for a new one."
        )
    else:
        message = _("The package “{file}” is damaged or incomplete: {member} cannot be read.")
    return PackageError(message.format(file=path.name, member=member), member=member)


def _refused(path: Path, member: str | None, message: str, **values: Any) -> PackageError:
    return PackageError(message.format(file=path.name, member=member, **values), member=member)


def check_directory(
    path: Path, infos: Iterable[zipfile.ZipInfo], limits: Limits
) -> dict[str, zipfile.ZipInfo]:
    """The members by name, after the checks the central directory allows: their number, names,
    sizes and compression ratios, known layout, supported methods."""
    infos = list(infos)
    if len(infos) > limits.max_members:
        count = len(infos)
        message = ngettext(
            "The package “{file}” is refused: it holds {count} file, more than the {limit} "
            "a package may hold.",
            "The package “{file}” is refused: it holds {count} files, more than the {limit} "
            "a package may hold.",
            count,
        )
        raise _refused(
            path,
            None,
            message,
            count=format_number(count),
            limit=format_number(limits.max_members),
        )
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.orig_filename
        if is_unsafe_name(name):
            raise _refused(
                path,
                name,
                _("The package “{file}” is refused: the name “{member}” points outside it."),
            )
        if name in members:
            raise _refused(
                path, name, _("The package “{file}” is refused: {member} is twice in it.")
            )
        if info.file_size > limits.ratio_from_bytes and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _refused(
                path,
                name,
                _("The package “{file}” is refused: {member} would unpack to {ratio} times its "
                  "size (a “zip bomb”)."),
                ratio=format_number(ratio),
            )  # fmt: skip
        if name in DIRECTORIES and info.file_size == 0:
            continue
        if not is_known_member(name):
            raise _refused(
                path,
                name,
                _("The package “{file}” contains an unexpected file {member}; it was not made by "
                  "Curator Desktop or it was changed."),
            )  # fmt: skip
        if info.compress_type not in _METHODS or info.flag_bits & 0x1:
            raise _refused(
                path,
                name,
                _("The package “{file}” cannot be read: {member} is compressed or encrypted in a "
                  "way Curator Desktop does not use."),
            )  # fmt: skip
        total += info.file_size
        members[name] = info
    if total > limits.max_total_bytes:
        raise _refused(
            path,
            None,
            _("The package “{file}” is refused: it would unpack to {size}, more than the "
              "{limit} allowed."),
            size=format_size(total),
            limit=format_size(limits.max_total_bytes),
        )  # fmt: skip
    return members


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(path: Path, member: str, data: bytes) -> Any:
    """The JSON value of a member; malformed JSON (NaN and Infinity included) refused."""
    try:
        return json.loads(data, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        message = _(
            "The package “{file}” is damaged: {member} is not valid JSON (line {line}, "
            "column {column})."
        )
        raise _refused(path, member, message, line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError):
        raise _refused(
            path, member, _("The package “{file}” is damaged: {member} is not valid JSON.")
        ) from None


def check_manifest(path: Path, data: Any) -> Manifest:
    """The manifest: its format first (a newer one asks for an update), then its schema."""
    fmt = data.get("format") if isinstance(data, dict) else None
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT:
        raise _refused(
            path,
            MANIFEST,
            _("The package “{file}” was made by a newer version of Curator Desktop (format "
              "{format}; this version reads format {known}). Please update the program."),
            format=fmt,
            known=FORMAT,
        )  # fmt: skip
    problems = package_schema.manifest_problems(data) or _value_problems(data)
    if problems:
        where, problem = problems[0]
        message = _("The package “{file}” has an invalid {member} ({where}): {problem}")
        if not where:
            message = _("The package “{file}” has an invalid {member}: {problem}")
        raise _refused(
            path, MANIFEST, message, where=package_schema.location(where), problem=problem
        )
    try:
        signature.verify(data)
    except signature.BadSignature:
        raise _refused(
            path,
            MANIFEST,
            _("The package “{file}” was changed after it was signed: its signature does not "
              "match its {member}. Ask the sender for the package again."),
        ) from None  # fmt: skip
    return Manifest.from_json(data)


def _value_problems(data: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """What the schema cannot say: dates that do not exist, a period that ends before it
    begins, a sender that is not the manifest's store."""
    problems: list[tuple[tuple[str, ...], str]] = []
    scope = data["scope"]
    times = [(("created_at",), data["created_at"])]
    if scope.get("since"):
        times.append((("scope", "since"), scope["since"]))
    for where, text in times:
        try:
            parse_utc(text)
        except ValueError:
            problems.append((where, _("“{value}” is not a real date and time.").format(value=text)))
    days: dict[str, dt.date] = {}
    for key in ("date_from", "date_to"):
        if scope.get(key):
            try:
                days[key] = dt.date.fromisoformat(scope[key])
            except ValueError:
                text = scope[key]
                problems.append(
                    (("scope", key), _("“{value}” is not a real date.").format(value=text))
                )
    if len(days) == 2 and days["date_from"] > days["date_to"]:
        problems.append((("scope", "date_to"), _("the period ends before it begins.")))
    sender = data.get("sender")
    if sender is not None and sender["store_id"] != data["store_id"]:
        problems.append((("sender", "store_id"), _("must be the manifest's store_id.")))
    return problems


def check_members(path: Path, manifest: Manifest, infos: dict[str, zipfile.ZipInfo]) -> None:
    """The members present are exactly those listed; attachments are listed under their own
    checksum; counts name known tables only, and a table with records has its member."""
    present = set(infos) - {MANIFEST}
    unlisted = sorted(present - set(manifest.members))
    if unlisted:
        raise _refused(
            path,
            unlisted[0],
            _("The package “{file}” contains {member}, which its manifest does not list."),
        )
    missing = sorted(set(manifest.members) - present)
    if missing:
        raise _refused(
            path, missing[0], _("The package “{file}” is incomplete: {member} is missing.")
        )
    for member, sha in manifest.members.items():
        if member.startswith(ATTACHMENTS_DIR) and member.removeprefix(ATTACHMENTS_DIR) != sha:
            raise _refused(
                path,
                member,
                _("The package “{file}” is inconsistent: {member} is listed with another "
                  "checksum than its name."),
            )  # fmt: skip
    for table, count in manifest.counts.items():
        if table not in DATA_TABLES:
            raise _refused(
                path,
                MANIFEST,
                _("The package “{file}” has an invalid {member}: it counts an unknown table "
                  "“{table}”."),
                table=table,
            )  # fmt: skip
        if count and data_member(table) not in present:
            member = data_member(table)
            raise _refused(
                path, member, _("The package “{file}” is incomplete: {member} is missing.")
            )


def check_hash(path: Path, member: str, actual: str, manifest: Manifest) -> None:
    if manifest.members.get(member) != actual:
        raise _refused(
            path,
            member,
            _("The package “{file}” is damaged or was changed: {member} does not match its "
              "checksum in the manifest."),
        )  # fmt: skip


def check_records(path: Path, member: str, table: str, records: Any, manifest: Manifest) -> None:
    """The records of one data member: the schema, ids unique, the count the manifest says."""
    found = package_schema.first_record_problem(table, records)
    if found is not None:
        where, problem = found
        message = _("The package “{file}” has an invalid record in {member} ({where}): {problem}")
        if not where:
            message = _("The package “{file}” has an invalid {member}: {problem}")
        raise _refused(path, member, message, where=package_schema.location(where), problem=problem)
    seen: set[str] = set()
    for record in records:
        if record["id"] in seen:
            raise _refused(
                path,
                member,
                _("The package “{file}” is inconsistent: {member} has the record {id} twice."),
                id=record["id"],
            )
        seen.add(record["id"])
    expected = manifest.counts.get(table)
    if expected != len(records):
        raise _refused(
            path,
            member,
            _("The package “{file}” is inconsistent: {member} holds {count} records, its "
              "manifest says {expected}."),
            count=len(records),
            expected="—" if expected is None else expected,
        )  # fmt: skip
