"""Refusing a zip from its end record and central directory, before anything is unpacked.

Every reader of a zip from outside opens it through :func:`open_zip`: the exchange package
reader, DOCX and XLSX roadmaps, XLSX school lists. The end record gives the number of entries and
the size of the directory before :mod:`zipfile` builds an object per entry; the directory then
gives each member's declared size, compression ratio, method and encryption. Python never unpacks
more than a member's declared size (reading past it fails the CRC check), so what the directory
allows bounds what any parser is handed.
"""

from __future__ import annotations

import os
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _, format_number, ngettext

_END = struct.Struct("<4s4H2LH")
"""The end of central directory record: signature, disks, entries, directory size, offset."""
_END_SIGNATURE = b"PK\x05\x06"
_LOCATOR = struct.Struct("<4sLQL")
"""The zip64 end record locator, just before the end record: where the zip64 record is."""
_LOCATOR_SIGNATURE = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_SIGNATURE = b"PK\x06\x06"
_MAX_COMMENT = 0xFFFF


@dataclass(frozen=True)
class ZipLimits:
    """What a zip may declare before anything in it is unpacked."""

    max_members: int
    max_directory_bytes: int
    """The central directory itself (names included), read whole by :mod:`zipfile`."""
    max_member_bytes: int
    """One member, uncompressed."""
    max_total_bytes: int
    """Every member together, uncompressed."""
    max_ratio: int = 100
    ratio_from_bytes: int = 1024 * 1024
    """Only members larger than this (uncompressed) have their compression ratio checked."""
    methods: tuple[int, ...] = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class ZipRefused(ValidationError):
    """A zip refused from its directory. ``problem`` says why in the user's words without naming
    the file (the reader puts it in its own sentence); ``member`` names the culprit if one does."""

    def __init__(self, problem: str, *, member: str | None = None) -> None:
        super().__init__(problem, field=member)
        self.problem = problem
        self.member = member


def format_size(size: int) -> str:
    """A size as people read it: «740 MB», «20 GB», «1.5 GB»."""
    if size >= 1024**3:
        return _("{size} GB").format(size=format_number(round(size / 1024**3, 1)))
    return _("{size} MB").format(size=format_number(max(1, round(size / 1024**2))))


def open_zip(source: Path | BinaryIO, limits: ZipLimits) -> zipfile.ZipFile:
    """The zip in ``source`` (a path or a seekable binary file) once its end record and central
    directory pass ``limits``: :class:`ZipRefused` over a limit; :mod:`zipfile`'s own errors
    (``BadZipFile``, ``OSError``…) for what is not a zip or cannot be read."""
    if isinstance(source, Path):
        with source.open("rb") as fh:
            check_end_record(fh, limits)
    else:
        check_end_record(source, limits)
        source.seek(0)
    archive = zipfile.ZipFile(source)
    try:
        check_directory(archive.infolist(), limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_end_record(fh: BinaryIO, limits: ZipLimits) -> None:
    """Refuse a zip whose end record declares too many entries or too large a directory; a
    file without an end record passes (:mod:`zipfile` then says it is not a zip)."""
    found = _declared(fh)
    if found is None:
        return
    entries, directory = found
    if entries > limits.max_members:
        raise _too_many(entries, limits)
    if directory > limits.max_directory_bytes:
        raise ZipRefused(
            _("its list of files takes {size}, more than the {limit} allowed.").format(
                size=format_size(directory), limit=format_size(limits.max_directory_bytes)
            )
        )


def _declared(fh: BinaryIO) -> tuple[int, int] | None:
    """(entries, directory bytes) from the end record (zip64 when it says so), or None."""
    size = fh.seek(0, os.SEEK_END)
    tail_start = max(0, size - _END.size - _MAX_COMMENT)
    fh.seek(tail_start)
    tail = fh.read()
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END.size:
        return None
    _sig, _disk, _cd_disk, _here, entries, directory, _offset, _comment = _END.unpack_from(tail, at)
    if entries != 0xFFFF and directory != 0xFFFFFFFF:
        return entries, directory
    locator_at = tail_start + at - _LOCATOR.size
    if locator_at < 0:
        return entries, directory
    fh.seek(locator_at)
    locator = fh.read(_LOCATOR.size)
    if len(locator) < _LOCATOR.size or not locator.startswith(_LOCATOR_SIGNATURE):
        return entries, directory
    end64_at = _LOCATOR.unpack(locator)[2]
    if end64_at + _END64.size > size:
        return None
    fh.seek(end64_at)
    record = fh.read(_END64.size)
    if len(record) < _END64.size or not record.startswith(_END64_SIGNATURE):
        return None
    fields = _END64.unpack(record)
    return fields[7], fields[8]


def check_directory(infos: Iterable[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse too many members, a member or a whole too large once unpacked, a suspicious
    compression ratio (a «zip bomb»), a method or encryption that cannot be read."""
    infos = list(infos)
    if len(infos) > limits.max_members:
        raise _too_many(len(infos), limits)
    total = 0
    for info in infos:
        name = info.orig_filename
        if info.file_size > limits.max_member_bytes:
            raise ZipRefused(
                _("{member} would unpack to {size}, more than the {limit} allowed for one "
                  "file.").format(
                    member=name,
                    size=format_size(info.file_size),
                    limit=format_size(limits.max_member_bytes),
                ),
                member=name,
            )  # fmt: skip
        if info.file_size > limits.ratio_from_bytes and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ZipRefused(
                _("{member} would unpack to {ratio} times its size (a “zip bomb”).").format(
                    member=name, ratio=format_number(ratio)
                ),
                member=name,
            )
        if info.compress_type not in limits.methods or info.flag_bits & 0x1:
            raise ZipRefused(
                _("{member} is compressed or encrypted in a way that cannot be read.").format(
                    member=name
                ),
                member=name,
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ZipRefused(
            _("it would unpack to {size}, more than the {limit} allowed.").format(
                size=format_size(total), limit=format_size(limits.max_total_bytes)
            )
        )


def _too_many(count: int, limits: ZipLimits) -> ZipRefused:
    message = ngettext(
        "it holds {count} file, more than the {limit} allowed.",
        "it holds {count} files, more than the {limit} allowed.",
        count,
    )
    return ZipRefused(
        message.format(count=format_number(count), limit=format_number(limits.max_members))
    )
