"""Is a school document's file what its name says, small enough and readable?

Checked before any record is made: the file must exist and be readable
(:func:`curator_desktop.services.visits.files.check_source`), not be empty, not exceed
:data:`MAX_DOCUMENT_BYTES`, carry an extension of a document or a scan, and begin with the bytes
of that kind (a «.pdf» starts with ``%PDF``; a «.docx» is a zip whose directory passes the shared
limits and that holds ``word/document.xml``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.i18n import _, format_number
from curator_desktop.services.limits import zips
from curator_desktop.services.visits.files import check_source

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
"""The largest document file received (100 MB: a scanned programme of a hundred pages)."""
ZIP_LIMITS = zips.ZipLimits(
    max_members=5_000,
    max_directory_bytes=4 * 1024**2,
    max_member_bytes=256 * 1024**2,
    max_total_bytes=512 * 1024**2,
)
"""What an office document may declare in its zip directory."""

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "odt": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "rtf": (b"{\\rtf",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
}
"""The extensions a document or scan may have, and the bytes such a file begins with."""
_ZIP_MEMBER = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "odt": "content.xml"}


def extension_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def check_document_file(path: Path) -> Path:
    """``path`` when it can be received as a document; ``ValidationError`` naming the problem."""
    extension = extension_of(path)
    if extension not in SIGNATURES:
        raise ValidationError(
            _("{name}: a document must be one of {kinds}.").format(
                name=path.name, kinds=", ".join(k.upper() for k in SIGNATURES)
            ),
            field="source",
        )
    size = check_source(path)
    if size == 0:
        raise ValidationError(_("The file {name} is empty.").format(name=path.name), field="source")
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("{name} is larger than {limit} MB and cannot be received.").format(
                name=path.name, limit=format_number(MAX_DOCUMENT_BYTES // (1024 * 1024))
            ),
            field="source",
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ValidationError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=os_reason(exc)),
            field="source",
        ) from exc
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            _("{name} is not a {kind} file: its contents do not match its extension.").format(
                name=path.name, kind=extension.upper()
            ),
            field="source",
        )
    if extension in _ZIP_MEMBER:
        _check_office_zip(path, _ZIP_MEMBER[extension], extension)
    return path


def _check_office_zip(path: Path, member: str, extension: str) -> None:
    not_kind = _("{name} is not a {kind} file: its contents do not match its extension.").format(
        name=path.name, kind=extension.upper()
    )
    try:
        with zips.open_zip(path, ZIP_LIMITS) as archive:
            names = set(archive.namelist())
    except zips.ZipRefused as exc:
        raise ValidationError(
            _("{name} cannot be received: {problem}").format(name=path.name, problem=exc.problem),
            field="source",
        ) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ValidationError(not_kind, field="source") from exc
    if member not in names:
        raise ValidationError(not_kind, field="source")
