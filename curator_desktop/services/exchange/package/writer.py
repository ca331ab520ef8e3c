"""Writing an exchange package: records, history, attachments and reports into one zip, atomically.

Everything is read in one transaction (a consistent snapshot) and streamed: records one by one
into ``data/<table>.json``, files in 1 MiB pieces, so memory stays bounded whatever the size.
The zip goes to a temporary file beside the target through a non-seekable writer (zipfile then
uses data descriptors and never seeks back), which hashes the bytes as they pass, so the whole
file's SHA-256 costs no second read. Then the file is flushed to disk and renamed into place;
on any failure — a full disk, Cancel — the temporary file is removed and nothing is left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from curator_desktop import __version__
from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.durable import fsync_dir
from curator_desktop.i18n import _, format_number
from curator_desktop.services.exchange.package import signature
from curator_desktop.services.exchange.package.format import (
    BASE_FORMAT,
    CHUNK_BYTES,
    DATA_TABLES,
    KEYS_FORMAT,
    KEYS_MEMBER,
    LIMITS,
    MANIFEST,
    SENDER_FIELDS,
    Manifest,
    PackageCancelled,
    Scope,
    SenderProfile,
    attachment_member,
    data_member,
    format_size,
    one_line,
    report_member,
)
from curator_desktop.services.exchange.package.scope import Filters, scope_filters
from curator_desktop.services.exchange.records import HISTORY_TABLE, MODELS, row_to_json
from curator_desktop.services.visits.files import stored_path
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ProfileRepository, profile_in
from curator_desktop.store.tables import (
    Attachment,
    ChangeLog,
    GeneratedReport,
    Receipt,
)
from curator_desktop.store.types import utc_now

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""``progress(done, total)`` in steps: one per record and one per MiB of files."""
BATCH = 200
"""Records between two looks at Cancel and two progress reports."""


class PackageWriteError(CuratorError):
    """The package could not be written (a full disk, no permission, a file too big)."""


@dataclass(frozen=True)
class PackageSummary:
    """What was written: the file, its SHA-256 and size, the manifest and what it holds."""

    path: Path
    sha256: str
    size_bytes: int
    manifest: Manifest
    attachments: int
    attachment_bytes: int
    reports: int
    report_bytes: int
    watermark: dt.datetime | None
    """The newest write in the store when it was read: the next «since» export starts there."""
    missing_files: tuple[str, ...] = field(default=())
    """Attachment or report files the records name but the data folder lacks (left out)."""

    @property
    def counts(self) -> dict[str, int]:
        return self.manifest.counts

    @property
    def record_count(self) -> int:
        """Records of every table, the history not counted."""
        return sum(n for table, n in self.counts.items() if table != HISTORY_TABLE)


class _HashingWriter:
    """A write-only, non-seekable file that hashes and counts what goes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self._raw.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        self._raw.flush()


@dataclass
class _Files:
    """The files an export carries: (member, path, size), in order."""

    attachments: list[tuple[str, Path, int]] = field(default_factory=list)
    reports: list[tuple[str, Path, int]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


class _Steps:
    """Progress in steps, and Cancel looked at on every report."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self.total, self.done = 0, 0
        self._progress, self._cancelled = progress, cancelled

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self._cancelled is not None and self._cancelled():
            raise PackageCancelled(_("The export was cancelled."))
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total)


def write_package(
    db: Database,
    target: Path,
    *,
    attachments_dir: Path,
    reports_dir: Path,
    scope: Scope,
    signing_key: Ed25519PrivateKey | None = None,
    keys: bytes | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PackageSummary:
    """Export the records ``scope`` selects, their history, attachments and reports to
    ``target`` (replaced atomically when it exists), the manifest signed with ``signing_key``
    (unsigned without one) and ``keys`` as ``store/keys.json`` when given (format 2). Raises
    :class:`PackageCancelled` or :class:`PackageWriteError`; either way no file is left behind."""
    target = Path(target)
    store_id = ProfileRepository(db).store_id()
    if not target.parent.is_dir():
        raise PackageWriteError(
            _("The folder {folder} does not exist.").format(folder=target.parent)
        )
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise _write_error(target, exc) from exc
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as raw:
            writer = _HashingWriter(raw)
            with db.session() as session:
                filters = scope_filters(scope)
                files = _files(session, filters, attachments_dir, reports_dir)
                export = _Export(session, scope, filters, files, _Steps(progress, cancelled))
                export.signing_key, export.keys = signing_key, keys
                manifest = export.write(writer, store_id=store_id, device_id=db.device_id)
                watermark = _watermark(session, export.created)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _write_error(target, exc) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    log.info("Exported %s (%s, %d bytes)", target, scope.kind, writer.size)
    return PackageSummary(
        path=target,
        sha256=writer.digest.hexdigest(),
        size_bytes=writer.size,
        manifest=manifest,
        attachments=len(files.attachments),
        attachment_bytes=sum(size for _m, _p, size in files.attachments),
        reports=len(files.reports),
        report_bytes=sum(size for _m, _p, size in files.reports),
        watermark=watermark,
        missing_files=tuple(files.missing),
    )


class _Export:
    """One export inside one read transaction: the members streamed into the zip in order."""

    def __init__(
        self, session: Session, scope: Scope, filters: Filters, files: _Files, steps: _Steps
    ) -> None:
        self.session, self.scope, self.filters = session, scope, filters
        self.files, self.steps = files, steps
        self.created = utc_now()
        self.members: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.signing_key: Ed25519PrivateKey | None = None
        self.keys: bytes | None = None

    def write(self, writer: _HashingWriter, *, store_id: str, device_id: str) -> Manifest:
        planned = {table: self._count(table) for table in DATA_TABLES}
        everything = self.files.attachments + self.files.reports
        _check_limits(len(DATA_TABLES) + len(everything) + 1, everything)
        chunks = sum(-(-size // CHUNK_BYTES) for _m, _p, size in everything)
        self.steps.total = sum(planned.values()) + chunks
        with zipfile.ZipFile(writer, "w") as archive:  # type: ignore[arg-type]
            for table in DATA_TABLES:
                self._records(archive, table)
            for member, path, _size in everything:
                self._file(archive, member, path)
            if self.keys is not None:
                archive.writestr(self._info(KEYS_MEMBER, zipfile.ZIP_DEFLATED), self.keys)
                self.members[KEYS_MEMBER] = hashlib.sha256(self.keys).hexdigest()
            sender = _sender(self.session)
            manifest = Manifest(
                app_version=__version__,
                store_id=store_id,
                device_id=device_id,
                curator=sender.full_name,
                created_at=self.created,
                scope=self.scope,
                counts=self.counts,
                members=self.members,
                format=BASE_FORMAT if self.keys is None else KEYS_FORMAT,
                sender_profile=sender,
            )
            if self.signing_key is not None:
                manifest = replace(
                    manifest, signature=signature.sign(manifest.to_json(), self.signing_key)
                )
            text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2) + "\n"
            archive.writestr(self._info(MANIFEST, zipfile.ZIP_DEFLATED), text.encode("utf-8"))
        return manifest

    def _info(self, member: str, compression: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(member, date_time=self.created.timetuple()[:6])
        info.compress_type = compression
        info.external_attr = 0o644 << 16
        return info

    def _query(self, table: str, query: Any) -> Any:
        return _where(query, self.filters[table])

    def _count(self, table: str) -> int:
        model = MODELS.get(table, ChangeLog)
        return int(
            self.session.exec(self._query(table, select(func.count()).select_from(model))).one()
        )

    def _records(self, archive: zipfile.ZipFile, table: str) -> None:
        """Stream ``data/<table>.json``: a JSON array, one record a line."""
        columns: Any = MODELS.get(table, ChangeLog).__table__  # type: ignore[attr-defined]
        c = columns.c
        order = (c.at, c.id) if table == HISTORY_TABLE else (c.id,)
        # Core rows, not ORM objects: the same JSON (row_to_json) at a fraction of the cost.
        query = self._query(table, core_select(columns)).order_by(*order)
        member, digest, size, written = data_member(table), hashlib.sha256(), 0, 0
        info = self._info(member, zipfile.ZIP_DEFLATED)
        with archive.open(info, "w", force_zip64=True) as out:

            def put(text: str) -> None:
                nonlocal size
                data = text.encode("utf-8")
                digest.update(data)
                out.write(data)
                size += len(data)

            rows = self.session.execute(query.execution_options(yield_per=BATCH)).mappings()
            for row in rows:
                line = json.dumps(row_to_json(table, row), ensure_ascii=False, allow_nan=False)
                put((",\n" if written else "[\n") + line)
                written += 1
                if written % BATCH == 0:
                    self.steps.advance(BATCH)
            put("\n]\n" if written else "[\n]\n")
        self.steps.advance(written % BATCH)
        if size > LIMITS.max_json_bytes or written > LIMITS.max_records:
            raise PackageWriteError(
                _("The records of “{table}” are too many for one package; export fewer "
                  "schools.").format(table=table)
            )  # fmt: skip
        self.members[member] = digest.hexdigest()
        self.counts[table] = written

    def _file(self, archive: zipfile.ZipFile, member: str, path: Path) -> None:
        """Stream one file into the package, stored as it is."""
        digest = hashlib.sha256()
        info = self._info(member, zipfile.ZIP_STORED)
        with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as out:
            while chunk := source.read(CHUNK_BYTES):
                digest.update(chunk)
                out.write(chunk)
                self.steps.advance()
        sha = digest.hexdigest()
        if member == attachment_member(path.name) and sha != path.name:
            raise PackageWriteError(
                _("The attachment file {file} is damaged: its content no longer matches its "
                  "name.").format(file=path)
            )  # fmt: skip
        self.members[member] = sha


def _where(query: Any, where: Any) -> Any:
    return query if where is None else query.where(where)


def _files(session: Session, filters: Filters, attachments_dir: Path, reports_dir: Path) -> _Files:
    """The attachment and report files of the exported rows that are not deleted, each once."""
    files = _Files()
    attachment = _where(select(Attachment.sha256), filters["attachment"])
    attachment = attachment.where(col(Attachment.deleted).is_(False)).distinct()
    for sha in sorted(session.exec(attachment)):
        _add(
            files.attachments,
            files.missing,
            attachment_member(sha),
            stored_path(attachments_dir, sha),
        )
    report = _where(select(GeneratedReport.id), filters["generated_report"])
    report = report.where(col(GeneratedReport.deleted).is_(False))
    for report_id in sorted(session.exec(report)):
        _add(
            files.reports, files.missing, report_member(report_id), reports_dir / f"{report_id}.pdf"
        )
    if files.missing:
        log.warning("Export without %d missing files: %s", len(files.missing), files.missing[:5])
    return files


def _add(found: list[tuple[str, Path, int]], missing: list[str], member: str, path: Path) -> None:
    try:
        found.append((member, path, path.stat().st_size))
    except OSError:
        missing.append(str(path))


def _check_limits(members: int, files: list[tuple[str, Path, int]]) -> None:
    """Refuse a package that no reader would accept."""
    total = sum(size for _m, _p, size in files)
    for _member, path, size in files:
        if size > LIMITS.max_file_bytes:
            raise PackageWriteError(
                _("{file} is larger than {limit} MB: a package cannot carry it.").format(
                    file=path, limit=format_number(LIMITS.max_file_bytes // 1024**2)
                )
            )
    if members > LIMITS.max_members or total > LIMITS.max_total_bytes:
        raise PackageWriteError(
            _("The package would hold {count} files ({size}), more than a package may "
              "carry; export fewer schools or a shorter period.").format(
                count=format_number(members), size=format_size(total)
            )
        )  # fmt: skip


def _sender(session: Session) -> SenderProfile:
    """The store's curator as the manifest names the sender (empty before the first run)."""
    profile = profile_in(session)
    if profile is None:
        return SenderProfile()
    return SenderProfile(**{name: one_line(getattr(profile, name) or "") for name in SENDER_FIELDS})


def _watermark(session: Session, now: dt.datetime) -> dt.datetime:
    """The newest stamp in the snapshot that is not in the future: records, history, receipts.

    Stamps after ``now`` (records from a computer whose clock runs ahead) are left out: taken,
    they would push the watermark past later local edits and hide them from the next export.
    """
    stamps = [(m, m.updated_at) for m in MODELS.values()]  # type: ignore[attr-defined]
    stamps += [(ChangeLog, ChangeLog.at), (Receipt, Receipt.at)]
    newest = [
        session.exec(select(func.max(column)).where(column <= now)).one()
        for _model, column in stamps
    ]
    values = [_as_utc(v) for v in newest if v is not None]
    return max(values, default=now)


def _as_utc(value: Any) -> dt.datetime:
    if isinstance(value, str):  # func.max bypasses the column type: SQLite gives text back
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _write_error(target: Path, exc: OSError) -> PackageWriteError:
    reason = os_reason(exc)
    return PackageWriteError(
        _("Cannot write the package {file}: {reason}.").format(file=target, reason=reason)
    )
