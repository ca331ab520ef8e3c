"""Store backups: taken with SQLite's online backup API, rotated, validated before a restore.

A backup is one self-contained SQLite file named ``curator-YYYYMMDD-HHMMSS-<reason>.sqlite3``
(UTC; ``-N`` is appended when several are taken in the same second). Backups can be taken while
the application holds the store open in WAL mode. Rotation keeps the newest backup of each of the
last few days, ISO weeks and months, plus everything younger than a day.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from curator_desktop.domain.errors import BackupError, StoreTooNewError
from curator_desktop.durable import fsync_dir
from curator_desktop.i18n import _
from curator_desktop.store.schema import shipped_revisions
from curator_desktop.store.schema_proof import SHOWN_PROBLEMS, store_problems, summary

log = logging.getLogger(__name__)

REASONS: tuple[str, ...] = (
    "daily",
    "manual",
    "pre-migration",
    "pre-import",
    "pre-restore",
    "pre-repair",
)
RECENT = dt.timedelta(hours=24)
BUSY_TIMEOUT_S = 5.0
DEFAULT_PAGE_SIZE = 4096
_NAME_RE = re.compile(
    r"^curator-(?P<date>\d{8})-(?P<time>\d{6})-(?P<reason>"
    + "|".join(map(re.escape, REASONS))
    + r")(?:-(?P<seq>\d+))?\.sqlite3$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, described by its name and size."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size_bytes: int
    seq: int = 1

    @property
    def sort_key(self) -> tuple[dt.datetime, int]:
        """Orders backups oldest to newest, including several taken in the same second."""
        return (self.taken_at, self.seq)


def _utc(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    return now.replace(tzinfo=dt.UTC) if now.tzinfo is None else now.astimezone(dt.UTC)


def parse_backup_name(path: Path) -> BackupInfo | None:
    """Describe ``path`` when its name follows the backup naming pattern, else None."""
    match = _NAME_RE.match(path.name)
    if match is None:
        return None
    try:
        taken_at = dt.datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M%S")
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(
        path=path,
        taken_at=taken_at.replace(tzinfo=dt.UTC),
        reason=match["reason"],
        size_bytes=size,
        seq=int(match["seq"] or 1),
    )


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """The backups in ``backup_dir``, newest first; other files are ignored."""
    if not backup_dir.is_dir():
        return []
    infos = [info for p in backup_dir.iterdir() if p.is_file() and (info := parse_backup_name(p))]
    return sorted(infos, key=lambda info: info.sort_key, reverse=True)


def last_backup_time(backup_dir: Path) -> dt.datetime | None:
    """When the newest backup was taken (aware UTC), or None when there is none."""
    backups = list_backups(backup_dir)
    return backups[0].taken_at if backups else None


def backup_due(backup_dir: Path, *, now: dt.datetime | None = None) -> bool:
    """True when no backup (of any reason) was taken in the last 24 hours."""
    last = last_backup_time(backup_dir)
    return last is None or _utc(now) - last >= RECENT


def _backup_name(backup_dir: Path, taken_at: dt.datetime, reason: str) -> Path:
    stamp = taken_at.strftime("%Y%m%d-%H%M%S")
    same_second = [
        info.seq
        for info in list_backups(backup_dir)
        if info.taken_at == taken_at.replace(microsecond=0)
    ]
    suffix = f"-{max(same_second) + 1}" if same_second else ""
    return backup_dir / f"curator-{stamp}-{reason}{suffix}.sqlite3"


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates ``path`` (raises when it is missing)."""
    if not path.is_file():
        raise FileNotFoundError(path)
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    return connection


def take_backup(
    store_file: Path,
    backup_dir: Path,
    *,
    reason: str,
    now: dt.datetime | None = None,
    protect: Path | None = None,
) -> Path:
    """Copy the live store into a new backup file, then rotate; return the backup's path.

    The copy goes into a temporary file that is synced and renamed only when complete, so a
    failure (disk full, unreadable store) leaves no partial backup behind.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    taken_at = _utc(now).replace(microsecond=0)
    backup_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".curator-backup-", suffix=".tmp", dir=backup_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        source = _open_readonly(store_file)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
                # A backup is one self-contained file, whatever the store's journal mode.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        final = _backup_name(backup_dir, taken_at, reason)
        os.replace(tmp, final)
    except (sqlite3.Error, OSError) as exc:
        log.exception("Backup of %s failed", store_file)
        tmp.unlink(missing_ok=True)
        raise BackupError(
            _("The backup of {path} could not be made: {reason}").format(
                path=store_file, reason=_describe(exc)
            ),
        ) from exc
    try:
        fsync_dir(backup_dir)
    except OSError:
        log.warning("Could not sync the directory %s", backup_dir, exc_info=True)
    log.info("Backup %s taken (%s)", final.name, reason)
    rotate(backup_dir, now=taken_at, protect=[final, *([protect] if protect else [])])
    return final


def _describe(exc: BaseException) -> str:
    text = str(exc).lower()
    if isinstance(exc, FileNotFoundError):
        return _("the store file does not exist.")
    if "full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return _("the disk is full.")
    if "not a database" in text or "malformed" in text:
        return _("the store file is damaged.")
    return _("the file could not be read or written.")


def _newest_per(
    ordered: Sequence[BackupInfo], key: Callable[[BackupInfo], Hashable], count: int
) -> set[Path]:
    """The newest backup of each of the ``count`` most recent periods that have backups."""
    kept: set[Path] = set()
    seen: set[Hashable] = set()
    for info in ordered:
        if len(seen) >= count:
            break
        period = key(info)
        if period not in seen:
            seen.add(period)
            kept.add(info.path)
    return kept


def select_to_keep(
    infos: Iterable[BackupInfo],
    *,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    keep_monthly: int = 6,
    now: dt.datetime | None = None,
    protect: Collection[Path] = (),
) -> set[Path]:
    """Decide which backups rotation keeps (pure: no file is touched).

    Kept: the newest backup overall, the newest of each of the last ``keep_daily`` days,
    ``keep_weekly`` ISO weeks and ``keep_monthly`` months that have backups (UTC), every backup
    younger than 24 hours, and the ``protect`` paths.
    """
    ordered = sorted(infos, key=lambda info: info.sort_key, reverse=True)
    if not ordered:
        return set()
    cutoff = _utc(now) - RECENT
    kept = {ordered[0].path}
    kept |= {info.path for info in ordered if info.taken_at > cutoff}
    kept |= _newest_per(ordered, lambda i: i.taken_at.date(), keep_daily)
    kept |= _newest_per(ordered, lambda i: i.taken_at.isocalendar()[:2], keep_weekly)
    kept |= _newest_per(ordered, lambda i: (i.taken_at.year, i.taken_at.month), keep_monthly)
    protected = set(protect)
    kept |= {info.path for info in ordered if info.path in protected}
    return kept


def rotate(
    backup_dir: Path,
    *,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    keep_monthly: int = 6,
    now: dt.datetime | None = None,
    protect: Path | Iterable[Path] | None = None,
) -> list[Path]:
    """Delete the backups :func:`select_to_keep` does not keep; return the deleted paths."""
    if protect is None:
        protect = ()
    elif isinstance(protect, Path):
        protect = (protect,)
    protected = {p.resolve() for p in protect}
    infos = list_backups(backup_dir)
    kept = select_to_keep(
        infos,
        keep_daily=keep_daily,
        keep_weekly=keep_weekly,
        keep_monthly=keep_monthly,
        now=now,
        protect={info.path for info in infos if info.path.resolve() in protected},
    )
    deleted: list[Path] = []
    for info in infos:
        if info.path in kept:
            continue
        try:
            info.path.unlink()
        except OSError:
            log.warning("Could not delete old backup %s", info.path, exc_info=True)
            continue
        deleted.append(info.path)
    if deleted:
        log.info("Rotation deleted %d old backup(s) in %s", len(deleted), backup_dir)
    return deleted


def _damaged(backup_file: Path) -> str:
    return _("The file {path} is not a Curator Desktop backup or is damaged.").format(
        path=backup_file
    )


def _validate(connection: sqlite3.Connection, backup_file: Path) -> str:
    """Prove ``connection`` holds a sound store of a revision this app ships; return it.

    Sound: ``integrity_check`` ok, exactly the schema of its revision (:mod:`.schema_proof`)
    and no row pointing at a missing one.
    """
    damaged = _damaged(backup_file)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        result = "\n".join(str(row[0]) for row in rows)
        if result != "ok":
            log.info("Backup %s: integrity check: %s", backup_file, result)
            raise BackupError(damaged)
        has_version = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        version = (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if has_version
            else None
        )
    except sqlite3.DatabaseError as exc:
        log.info("Backup %s cannot be read: %s", backup_file, exc)
        raise BackupError(damaged) from exc
    if version is None:
        log.info("Backup %s has no alembic_version", backup_file)
        raise BackupError(damaged)
    revision = str(version[0])
    if revision not in shipped_revisions().chain:
        raise StoreTooNewError(
            _(
                "The backup {path} was made by a newer version of Curator Desktop "
                "(schema {revision}). Install the newer version to restore it; "
                "your data has not been changed."
            ).format(path=backup_file, revision=revision)
        )
    try:
        differences, orphans = store_problems(connection, revision)
    except sqlite3.DatabaseError as exc:
        log.info("Backup %s cannot be read: %s", backup_file, exc)
        raise BackupError(damaged) from exc
    if differences:
        log.info("Backup %s refused: %s", backup_file, "; ".join(differences))
        raise BackupError(
            _(
                "The backup {path} was not restored: its schema differs from schema {revision} "
                "({problems}). Your data has not been changed."
            ).format(path=backup_file, revision=revision, problems=summary(differences)),
            details="\n".join(differences) if len(differences) > SHOWN_PROBLEMS else "",
        )
    if orphans:
        raise BackupError(
            _(
                "The backup {path} was not restored: {problems} Your data has not been changed."
            ).format(path=backup_file, problems=" ".join(orphans))
        )
    return revision


def _page_size(store_file: Path) -> int | None:
    """The page size in the header of ``store_file``, or None when it is no SQLite file."""
    try:
        with store_file.open("rb") as fh:
            header = fh.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return None
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _restore_failed(exc: sqlite3.Error, backup_file: Path, store_file: Path) -> BackupError:
    log.error("Restoring %s into %s failed: %s", backup_file, store_file, exc)
    return BackupError(
        _("The backup could not be restored: {reason}").format(reason=_describe(exc)),
    )


def _stage(backup_file: Path, staged: Path, store_file: Path) -> str:
    """Copy ``backup_file`` into ``staged``, prove the copy and give it the store's page size
    (the backup API cannot change the page size of a store in WAL mode); return its revision."""
    try:
        source = _open_readonly(backup_file)
    except (sqlite3.Error, OSError) as exc:
        log.info("Backup %s cannot be opened: %s", backup_file, exc)
        raise BackupError(
            _("The backup file {path} could not be opened.").format(path=backup_file),
        ) from exc
    try:
        copy = sqlite3.connect(staged, isolation_level=None)
        try:
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.DatabaseError as exc:
                if "full" in str(exc).lower():
                    raise _restore_failed(exc, backup_file, store_file) from exc
                log.info("Backup %s cannot be copied: %s", backup_file, exc)
                raise BackupError(_damaged(backup_file)) from exc
            revision = _validate(copy, backup_file)
            page_size = _page_size(store_file) or DEFAULT_PAGE_SIZE
            try:
                if copy.execute("PRAGMA page_size").fetchone()[0] != page_size:
                    copy.execute(f"PRAGMA page_size={int(page_size)}")
                    copy.execute("VACUUM")
            except sqlite3.Error as exc:
                raise _restore_failed(exc, backup_file, store_file) from exc
        finally:
            copy.close()
    finally:
        source.close()
    return revision


def restore_backup(backup_file: Path, store_file: Path, backup_dir: Path) -> Path | None:
    """Replace the store's content with ``backup_file``; return the pre-restore backup, if any.

    The file is copied aside (a temporary file in ``backup_dir``) and the copy is proven
    (:func:`_validate`); a refused file leaves the store untouched. The current store is then
    backed up ("pre-restore") and overwritten from the proven copy through the SQLite backup
    API, which is atomic for every connection to the store. Migrating an older restored store
    is the caller's job.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".curator-restore-", suffix=".tmp", dir=backup_dir)
    os.close(fd)
    staged = Path(tmp_name)
    try:
        revision = _stage(backup_file, staged, store_file)
        pre_restore: Path | None = None
        if store_file.exists() and store_file.stat().st_size > 0:
            pre_restore = take_backup(
                store_file, backup_dir, reason="pre-restore", protect=backup_file
            )
        store_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            source = _open_readonly(staged)
            try:
                target = sqlite3.connect(store_file, timeout=BUSY_TIMEOUT_S)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
        except sqlite3.Error as exc:
            raise _restore_failed(exc, backup_file, store_file) from exc
    finally:
        staged.unlink(missing_ok=True)
        staged.with_name(staged.name + "-journal").unlink(missing_ok=True)
    log.info("Restored %s (schema %s) into %s", backup_file.name, revision, store_file)
    return pre_restore
