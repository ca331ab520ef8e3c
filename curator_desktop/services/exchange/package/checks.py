"""The reader's checks of a package, each failing with a :class:`PackageError` in the user's words.

The messages name the package by its file name and the member at fault, and say what to do
where there is something to do (update the program, ask for the package again).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from curator_desktop.domain.json_locator import JsonPath
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.services.exchange.package import schema as package_schema
from curator_desktop.services.exchange.package import signature
from curator_desktop.services.exchange.package.format import (
    ATTACHMENTS_DIR,
    DATA_TABLES,
    DIRECTORIES,
    FORMAT,
    KEYS_MAX_BYTES,
    KEYS_MEMBER,
    MANIFEST,
    Limits,
    Manifest,
    PackageError,
    data_member,
    is_known_member,
    is_unsafe_name,
    parse_utc,
    table_of,
)
from curator_desktop.services.limits.json_text import DECODER, MAX_DEPTH, depth_of_text
from curator_desktop.services.limits.zips import ZipRefused

READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)
"""What reading a member of a damaged zip raises."""


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


def refusal(path: Path, member: str | None, message: str, **values: Any) -> PackageError:
    """``message`` (already translated) filled with the file's name, the member and ``values``."""
    return PackageError(message.format(file=path.name, member=member, **values), member=member)


def refused(path: Path, error: ZipRefused) -> PackageError:
    """The shared zip check's refusal, said of this package."""
    return refusal(
        path,
        error.member,
        _("The package “{file}” is refused: {problem}"),
        problem=error.problem,
    )


def check_directory(
    path: Path, infos: Iterable[zipfile.ZipInfo], limits: Limits
) -> dict[str, zipfile.ZipInfo]:
    """The members by name, after the checks the layout adds to the shared zip check: names
    that stay inside the package, each once, known to the layout, each no larger than its kind
    may be (a data member, the manifest, a file)."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.orig_filename
        if is_unsafe_name(name):
            raise refusal(
                path,
                name,
                _("The package “{file}” is refused: the name “{member}” points outside it."),
            )
        if name in members:
            raise refusal(
                path, name, _("The package “{file}” is refused: {member} is twice in it.")
            )
        if name in DIRECTORIES and info.file_size == 0:
            continue
        if not is_known_member(name):
            raise refusal(
                path,
                name,
                _("The package “{file}” contains an unexpected file {member}; it was not made by "
                  "Curator Desktop or it was changed."),
            )  # fmt: skip
        limit = _size_limit(name, limits)
        if info.file_size > limit:
            raise refusal(
                path,
                name,
                _("The package “{file}” is refused: {member} is larger than {limit} MB."),
                limit=format_number(limit // 1024**2),
            )
        members[name] = info
    return members


def _size_limit(name: str, limits: Limits) -> int:
    if name == MANIFEST:
        return limits.max_manifest_bytes
    if name == KEYS_MEMBER:
        return KEYS_MAX_BYTES
    if table_of(name) is not None:
        return limits.max_json_bytes
    return limits.max_file_bytes


def too_deep(path: Path, member: str, where: JsonPath | None = None) -> PackageError:
    """A member (or a record in it) nested deeper than anything Curator Desktop writes."""
    if where is None:
        message = _("The package “{file}” is refused: {member} is nested more than {limit} "
                    "levels deep.")  # fmt: skip
    else:
        message = _("The package “{file}” is refused: {member} ({where}) is nested more than "
                    "{limit} levels deep.")  # fmt: skip
    return refusal(
        path, member, message, where=package_schema.location(where or ()), limit=MAX_DEPTH
    )


def parse_json(path: Path, member: str, data: bytes) -> Any:
    """The JSON value of a member read whole (the manifest, the store's keys): its nesting
    bounded before it is parsed; malformed JSON (NaN and Infinity included) refused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refusal(
            path, member, _("The package “{file}” is damaged: {member} is not valid JSON.")
        ) from None
    if depth_of_text(text) > MAX_DEPTH:
        raise too_deep(path, member)
    try:
        return DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise not_json(path, member, exc.lineno, exc.colno) from None
    except (ValueError, RecursionError):
        raise refusal(
            path, member, _("The package “{file}” is damaged: {member} is not valid JSON.")
        ) from None


def not_json(path: Path, member: str, line: int, column: int) -> PackageError:
    message = _(
        "The package “{file}” is damaged: {member} is not valid JSON (line {line}, "
        "column {column})."
    )
    return refusal(path, member, message, line=line, column=column)


def check_manifest(path: Path, data: Any) -> Manifest:
    """The manifest: its format first (a newer one asks for an update), then its schema."""
    fmt = data.get("format") if isinstance(data, dict) else None
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT:
        raise refusal(
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
        raise refusal(
            path, MANIFEST, message, where=package_schema.location(where), problem=problem
        )
    try:
        signature.verify(data)
    except signature.BadSignature:
        raise refusal(
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


def check_members(
    path: Path, manifest: Manifest, infos: dict[str, zipfile.ZipInfo], limits: Limits
) -> None:
    """The members present are exactly those listed; attachments are listed under their own
    checksum; counts name known tables only, none over the limit, and a table with records has
    its member."""
    present = set(infos) - {MANIFEST}
    unlisted = sorted(present - set(manifest.members))
    if unlisted:
        raise refusal(
            path,
            unlisted[0],
            _("The package “{file}” contains {member}, which its manifest does not list."),
        )
    missing = sorted(set(manifest.members) - present)
    if missing:
        raise refusal(
            path, missing[0], _("The package “{file}” is incomplete: {member} is missing.")
        )
    for member, sha in manifest.members.items():
        if member.startswith(ATTACHMENTS_DIR) and member.removeprefix(ATTACHMENTS_DIR) != sha:
            raise refusal(
                path,
                member,
                _("The package “{file}” is inconsistent: {member} is listed with another "
                  "checksum than its name."),
            )  # fmt: skip
    for table, count in manifest.counts.items():
        if table not in DATA_TABLES:
            raise refusal(
                path,
                MANIFEST,
                _("The package “{file}” has an invalid {member}: it counts an unknown table "
                  "“{table}”."),
                table=table,
            )  # fmt: skip
        member = data_member(table)
        if count > limits.max_records:
            message = ngettext(
                "The package “{file}” is refused: {member} holds {count} record, more than the "
                "{limit} a package may carry.",
                "The package “{file}” is refused: {member} holds {count} records, more than the "
                "{limit} a package may carry.",
                count,
            )
            raise refusal(
                path,
                member,
                message,
                count=format_number(count),
                limit=format_number(limits.max_records),
            )
        if count and member not in present:
            raise refusal(
                path, member, _("The package “{file}” is incomplete: {member} is missing.")
            )


def check_hash(path: Path, member: str, actual: str, manifest: Manifest) -> None:
    if manifest.members.get(member) != actual:
        raise refusal(
            path,
            member,
            _("The package “{file}” is damaged or was changed: {member} does not match its "
              "checksum in the manifest."),
        )  # fmt: skip
