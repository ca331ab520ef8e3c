"""Reading an exchange package, trusting nothing until it is checked.

:func:`open_package` refuses, with a :class:`PackageError` naming the member, anything that is
not a zip, a damaged or truncated zip, and — from the end record and the central directory,
before anything is unpacked (the shared check :mod:`curator_desktop.services.limits.zips`) — too
many members, too many bytes, a suspicious compression ratio (zip bombs; Python never unpacks
more than a member's declared size), a member larger than its kind may be. Then a name that could
escape the folder it is unpacked into, a file the layout does not know or the manifest does not
list, a manifest nested too deep, from a newer format or against its schema, a manifest whose
signature does not match it, counts over the limit, a member whose SHA-256 differs from the
manifest's, and data members whose records, streamed one at a time
(:mod:`.record_stream`), are malformed, too many, too large, nested too deep or against the
records schema. Nothing is written while checking.
Afterwards :class:`Package` hands out the records as JSON objects and copies files out,
checking each hash again on the way.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.i18n import _
from curator_desktop.services.exchange.package import checks
from curator_desktop.services.exchange.package.format import (
    CHUNK_BYTES,
    DATA_TABLES,
    HISTORY_TABLE,
    KEYS_MAX_BYTES,
    KEYS_MEMBER,
    LIMITS,
    Limits,
    Manifest,
    PackageCancelled,
    PackageError,
    attachment_member,
    data_member,
    report_member,
    table_of,
)
from curator_desktop.services.exchange.package.record_stream import read_records
from curator_desktop.services.limits import zips

Progress = Callable[[int, int], None]
"""``progress(done, total)`` in bytes checked."""


class Package:
    """A checked package, open until :meth:`close` (or the end of a ``with`` block)."""

    def __init__(
        self,
        path: Path,
        archive: zipfile.ZipFile,
        manifest: Manifest,
        parsed: dict[str, Any] | None = None,
        limits: Limits = LIMITS,
    ) -> None:
        self.path = path
        self.manifest = manifest
        self._archive = archive
        self._limits = limits
        self._parsed: dict[str, Any] = dict(parsed or {})
        """Data members already read, hashed and parsed by the check: handed out once."""

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._archive.close()

    @property
    def tables(self) -> tuple[str, ...]:
        """The data tables the package has a member for, in the order to apply them."""
        return tuple(t for t in DATA_TABLES if data_member(t) in self.manifest.members)

    @property
    def attachments(self) -> tuple[str, ...]:
        """The SHA-256 of every attachment file in the package."""
        return tuple(sorted(m.split("/", 1)[1] for m in self._members("attachments/")))

    @property
    def reports(self) -> tuple[str, ...]:
        """The id of every report whose PDF is in the package."""
        return tuple(sorted(m.split("/", 1)[1][:-4] for m in self._members("reports/")))

    def _members(self, prefix: str) -> Iterator[str]:
        return (m for m in self.manifest.members if m.startswith(prefix))

    def records(self, table: str) -> list[dict[str, Any]]:
        """The records of ``table`` as JSON objects (not converted yet; see ``from_json``);
        an empty list when the package has none."""
        if table not in DATA_TABLES or table == HISTORY_TABLE:
            raise ValueError(f"not a record table: {table!r}")
        return self._json_member(table)

    def history(self) -> list[dict[str, Any]]:
        """The change-log rows the package carries, oldest first."""
        return self._json_member(HISTORY_TABLE)

    def keys(self) -> Any:
        """The JSON of ``store/keys.json`` (hash checked; its content is checked by whoever
        uses it), or None when the package does not carry the store's keys."""
        if KEYS_MEMBER not in self.manifest.members:
            return None
        if self._archive.getinfo(KEYS_MEMBER).file_size > KEYS_MAX_BYTES:
            raise checks.damaged(self.path, KEYS_MEMBER)
        return checks.parse_json(self.path, KEYS_MEMBER, self._read_whole(KEYS_MEMBER))

    def _json_member(self, table: str) -> list[dict[str, Any]]:
        member = data_member(table)
        if member not in self.manifest.members:
            return []
        if member in self._parsed:  # the records the check read: not read twice
            return self._parsed.pop(member)
        info = self._archive.getinfo(member)
        return read_records(self.path, self._archive, info, table, self.manifest, self._limits)

    def _read_whole(self, member: str) -> bytes:
        with self._reading(member) as source:
            data = source.read()
        checks.check_hash(self.path, member, hashlib.sha256(data).hexdigest(), self.manifest)
        return data

    def copy_attachment(self, sha256: str, dest: Path) -> int:
        """Copy the attachment with ``sha256`` to ``dest`` (atomically, hash checked); returns
        its size. ``PackageError`` when the package does not carry it or it does not match."""
        return self._copy(attachment_member(sha256), Path(dest))

    def copy_report(self, report_id: str, dest: Path) -> int:
        """Copy the PDF of report ``report_id`` to ``dest`` like :meth:`copy_attachment`."""
        return self._copy(report_member(report_id), Path(dest))

    def _copy(self, member: str, dest: Path) -> int:
        if member not in self.manifest.members:
            raise PackageError(
                _("The package “{file}” does not contain {member}.").format(
                    file=self.path.name, member=member
                ),
                member=member,
            )
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
        temporary = Path(name)
        try:
            digest, size = hashlib.sha256(), 0
            with os.fdopen(fd, "wb") as out, self._reading(member) as source:
                while chunk := source.read(CHUNK_BYTES):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                checks.check_hash(self.path, member, digest.hexdigest(), self.manifest)
                os.fsync(out.fileno())
            os.replace(temporary, dest)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return size

    @contextmanager
    def _reading(self, member: str) -> Iterator[IO[bytes]]:
        try:
            with self._archive.open(member) as source:
                yield source
        except checks.READ_ERRORS as exc:
            raise checks.damaged(self.path, member) from exc


def open_package(
    path: Path,
    *,
    limits: Limits = LIMITS,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Package:
    """Check the package at ``path`` completely and return it open (use it in ``with``)."""
    path = Path(path)
    archive = _open_zip(path, limits)
    try:
        infos = checks.check_directory(path, archive.infolist(), limits)
        manifest = _read_manifest(path, archive, infos)
        checks.check_members(path, manifest, infos, limits)
        parsed = _verify(path, archive, manifest, infos, limits, progress, cancelled)
    except BaseException:
        archive.close()
        raise
    return Package(path, archive, manifest, parsed, limits)


def _open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The zip, once the shared check passed its end record and directory."""
    try:
        return zips.open_zip(path, limits.zip_limits())
    except zips.ZipRefused as exc:
        raise checks.refused(path, exc) from None
    except FileNotFoundError:
        raise PackageError(_("The file {file} does not exist.").format(file=path)) from None
    except IsADirectoryError:
        raise PackageError(_("{file} is a folder; choose a file.").format(file=path)) from None
    except (zipfile.BadZipFile, ValueError, EOFError, struct.error) as exc:
        if _starts_like_a_zip(path):
            raise checks.damaged(path, None) from exc
        raise checks.not_a_package(path) from exc
    except OSError as exc:
        reason = os_reason(exc)
        raise PackageError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=reason)
        ) from exc


def _starts_like_a_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def _read_manifest(
    path: Path, archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]
) -> Manifest:
    info = infos.get("manifest.json")
    if info is None:
        raise checks.not_a_package(path)
    try:  # its size was held against the limit with the directory
        with archive.open(info) as source:
            data = source.read()
    except checks.READ_ERRORS as exc:
        raise checks.damaged(path, info.filename) from exc
    return checks.check_manifest(path, checks.parse_json(path, info.filename, data))


def _verify(
    path: Path,
    archive: zipfile.ZipFile,
    manifest: Manifest,
    infos: dict[str, zipfile.ZipInfo],
    limits: Limits,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> dict[str, Any]:
    """Every member's SHA-256, each data member's records counted and checked as they stream
    past (:mod:`.record_stream`); returns the records of the data members (by member name)."""
    total = sum(infos[m].file_size for m in manifest.members)
    done = 0
    parsed: dict[str, Any] = {}

    def advance(size: int) -> None:
        nonlocal done
        done += size
        if cancelled is not None and cancelled():
            raise PackageCancelled(_("Checking the package was cancelled."))
        if progress is not None:
            progress(min(done, total), total)

    for member in sorted(manifest.members, key=lambda m: infos[m].header_offset):
        info = infos[member]
        table = table_of(member)
        if table is not None:
            parsed[member] = read_records(path, archive, info, table, manifest, limits, advance)
            continue
        digest = hashlib.sha256()
        try:
            with archive.open(info) as source:
                while chunk := source.read(CHUNK_BYTES):
                    digest.update(chunk)
                    advance(len(chunk))
        except checks.READ_ERRORS as exc:
            raise checks.damaged(path, member) from exc
        checks.check_hash(path, member, digest.hexdigest(), manifest)
    return parsed
