"""A coordinator's batch: many packages merged one after another over one tuned connection.

:meth:`ExchangeService.import_many` merges hundreds of curators' packages into one growing
store. Each package is merged all or nothing, with the same checks, backup and files as
:func:`merge_apply.apply_merge`; what differs:

- the reconciliation is made once, where it is written (``apply_merge`` reconciles before its backup
  and again inside its transaction to see that the store has not changed meanwhile);
- consecutive packages share one transaction (a group). The group commits once it holds
  :data:`GROUP_ROWS` written rows or has been open :data:`GROUP_SECONDS`, and at the end of the
  batch (also when it is cancelled), before anything is reported. The index pages that each
  package's random ids land on are then written once per group, not once per package; a
  package's files are put in place before its group commits (:mod:`merge.files`) and removed
  again when the group does not;
- a package is written without a savepoint of its own. A savepoint copies every page the
  package touches into its journal, and in a big store each of a package's random ids touches a page
  of its own: that copy cost grew with the store. Everything that can refuse a package (checks,
  reconciliation, conflicts, files) runs before its first write; when a write fails all the same,
  the group is rolled back and the packages merged before it in the group are written again from
  their reconciliations (kept until the group commits), so the failing package leaves nothing and
  the others stay;
- the connection has a larger page cache, so those index pages stay in memory, keeps temporary
  data in memory, and checkpoints the WAL less often, so a page rewritten by many groups is
  copied into the store file once per checkpoint. At the end the settings are restored and,
  when the batch wrote anything, the WAL is checkpointed and truncated. Durability is unchanged
  (``synchronous=FULL``): what ``import_many`` reports as imported is on disk when it returns.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy.engine import Connection

from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import ngettext
from curator_desktop.services.exchange.merge import reconcile as mp
from curator_desktop.services.exchange.merge.apply import (
    Incoming,
    MergeOutcome,
    Prepared,
    check_records,
    final_records,
    kept_attachments,
    prepare_in,
    resolve_all,
    restore_files,
)
from curator_desktop.services.exchange.merge.files import StagedFiles, files_wanted, stage_files
from curator_desktop.services.exchange.merge.rules import check_answers
from curator_desktop.services.exchange.merge.write import write_merge
from curator_desktop.store.database import Database
from curator_desktop.store.tracking import TrackedSession
from curator_desktop.store.types import utc_now

log = logging.getLogger(__name__)

CACHE_KIB = 128 * 1024
"""The batch connection's page cache (SQLite's default is 2 MiB)."""
WAL_CHECKPOINT_PAGES = 100_000
"""WAL pages (4 KiB each) before an automatic checkpoint during a batch (SQLite's: 1,000).

A group rewrites most pages of the indexes keyed by random ids (tens of MB in a store of a few
hundred packages); a checkpoint copies each page once however many groups rewrote it, so a
larger WAL (up to ~400 MB on disk, truncated at the end) copies them less often."""
GROUP_ROWS = 100_000
"""Rows written (records and history) after which a group of packages commits (a bound on the
reconciliations kept for a replay; :data:`GROUP_SECONDS` usually ends a group first)."""
GROUP_SECONDS = 2.0
"""How long a group may hold the store's write lock (others wait up to 5 s for it)."""


class GroupLostError(CuratorError):
    """The packages merged before a failing one in its group could not be written again: none
    of the group stays, and the batch stops (``import_many`` raises it instead of reporting it
    as the failing package's refusal: it is about the packages before it too)."""


def _driver(connection: Connection) -> sqlite3.Connection:
    """The pysqlite connection under ``connection``: PRAGMAs outside any transaction (it runs
    in autocommit mode; SQLAlchemy would begin one, and a checkpoint cannot run inside it)."""
    return connection.connection.driver_connection  # type: ignore[return-value]


class BatchMerger:
    """Merges packages into one store, all or nothing each, in groups that commit.

    Use as a context manager: leaving it commits the last group (whatever ended the batch: a
    failing package was already taken out of it) and gives the connection back as it was.
    """

    def __init__(
        self,
        database: Database,
        *,
        attachments_dir: Path,
        reports_dir: Path,
        group_rows: int | None = None,
        group_seconds: float | None = None,
    ) -> None:
        self.database = database
        self.attachments_dir = Path(attachments_dir)
        self.reports_dir = Path(reports_dir)
        self.group_rows = GROUP_ROWS if group_rows is None else group_rows
        self.group_seconds = GROUP_SECONDS if group_seconds is None else group_seconds
        self.commits = 0
        """Groups committed so far (for tests and logs)."""
        self.replays = 0
        """Groups rolled back and written again because a package failed while writing."""
        self._connection: Connection | None = None
        self._session: TrackedSession | None = None
        self._restore: dict[str, Any] = {}
        self._staged: list[StagedFiles] = []
        self._writes: list[Callable[[TrackedSession], None]] = []
        self._rows = 0
        self._since = 0.0

    def __enter__(self) -> BatchMerger:
        connection = self.database.engine.connect()
        try:
            raw = _driver(connection)
            for name, value in (
                ("cache_size", -CACHE_KIB),
                ("wal_autocheckpoint", WAL_CHECKPOINT_PAGES),
                ("temp_store", 2),  # MEMORY: sorting and statement journals stay in memory
            ):
                self._restore[name] = raw.execute(f"PRAGMA {name}").fetchone()[0]
                raw.execute(f"PRAGMA {name}={int(value)}")
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection = self._connection
        if connection is None:
            return
        try:
            self.commit()
        finally:
            self._connection = None
            try:
                raw = _driver(connection)
                for name, value in self._restore.items():
                    raw.execute(f"PRAGMA {name}={int(value)}")
                if self.commits:  # a batch that wrote nothing leaves the store file as it was
                    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            except sqlite3.Error:  # every package is committed: a checkpoint can wait
                log.warning("Could not checkpoint the store after a batch import", exc_info=True)
            finally:
                connection.close()

    def commit(self) -> None:
        """Commit the packages merged since the last commit and move their files into place."""
        session, staged = self._session, self._staged
        self._session, self._staged, self._writes, self._rows = None, [], [], 0
        if session is None:
            return
        try:
            session.commit()
        except BaseException:
            session.rollback()
            for files in staged:
                files.discard()
            raise
        finally:
            session.close()
        for files in staged:
            files.commit()
        if staged:
            self.commits += 1

    def _end_if_empty(self) -> None:
        """End a group that has merged nothing yet: it holds no read snapshot meanwhile."""
        session = self._session
        if session is not None and not self._staged:
            self._session = None
            session.rollback()
            session.close()

    def _group(self) -> TrackedSession:
        if self._connection is None:
            raise RuntimeError("BatchMerger is used outside its with block")
        if self._session is None:
            self._session = TrackedSession(bind=self._connection, expire_on_commit=False)
            self._session.info["device_id"] = self.database.device_id
            self._since = time.monotonic()
        return self._session

    def _write(
        self,
        session: TrackedSession,
        *,
        prepared: Prepared,
        merged: dict[mp.RecordKey, Any],
        also: Callable[[Any, mp.Reconciliation], None] | None,
        now: dt.datetime,
    ) -> None:
        """Write one package's reconciliation (again, in a replay: the same rows, the same time)."""
        write_merge(session, prepared, merged, {}, device=self.database.device_id, now=now)
        if also is not None:
            also(session, prepared.reconciliation)
        session.flush()

    def _take_out(self, session: TrackedSession) -> None:
        """Roll the group back and write again the packages merged before in it: the package
        that failed while writing leaves nothing. When they cannot be written again, the whole
        group is dropped and :class:`GroupLostError` stops the batch."""
        session.rollback()
        self.replays += 1
        try:
            for write in self._writes:
                write(session)
        except BaseException as exc:
            staged, lost = self._staged, len(self._writes)
            self._session, self._staged, self._writes, self._rows = None, [], [], 0
            session.rollback()
            session.close()
            for files in staged:
                files.discard()
            if isinstance(exc, Exception):
                reason = exc.user_message if isinstance(exc, CuratorError) else str(exc)
                message = ngettext(
                    "The import stopped: the store could not be written ({reason}). The "
                    "{count} package imported just before was not kept either. Free some "
                    "disk space if it is full, then import the same packages again: those "
                    "already in the store are not changed twice.",
                    "The import stopped: the store could not be written ({reason}). The "
                    "{count} packages imported just before were not kept either. Free some "
                    "disk space if it is full, then import the same packages again: those "
                    "already in the store are not changed twice.",
                    lost,
                ).format(reason=reason, count=lost)
                raise GroupLostError(message) from exc
            raise
        if not self._writes:
            self._end_if_empty()

    def merge(
        self,
        incoming: Incoming,
        *,
        backup_dir: Path | None,
        also: Callable[[Any, mp.Reconciliation], None] | None = None,
    ) -> MergeOutcome:
        """Check, reconcile, back up (when ``backup_dir`` is given and there is something to write),
        copy the files aside and write one package into the current group.

        Raises ConflictsPendingError and ValidationError as ``apply_merge`` does; nothing of the
        package is written then. ``also(session, reconciliation)`` adds rows of its own with the
        package's (and is called again if the group is written again). What is merged is
        committed with its group (:meth:`commit`).
        """
        check_records(incoming)
        if backup_dir is not None:
            self.commit()  # the backup holds everything merged before this package
        session = self._group()
        pending = [final for files in self._staged for final in files.finals]
        staged: StagedFiles | None = None
        writing = False
        try:
            check_answers(session, incoming.records)
            prepared = prepare_in(session, incoming)  # reads only, like everything up to write
            merged = resolve_all(prepared.reconciliation, None)
            wanted = files_wanted(
                final_records(prepared, merged),
                members=incoming.members,
                files=incoming.files,
                attachments_dir=self.attachments_dir,
                reports_dir=self.reports_dir,
                pending=pending,
                kept=kept_attachments(prepared),
            )
            if not prepared.has_work:
                self._end_if_empty()
                return restore_files(prepared.reconciliation, wanted)
            backup = None
            if backup_dir is not None:
                from curator_desktop.store.backups import take_backup

                backup = take_backup(self.database.path, backup_dir, reason="pre-import")
            staged = stage_files(wanted)
            write = partial(self._write, prepared=prepared, merged=merged, also=also, now=utc_now())
            writing = True
            write(session)
        except BaseException:
            if staged is not None:
                staged.discard()
            if writing:
                self._take_out(session)
            else:
                self._end_if_empty()
            raise
        self._writes.append(write)
        self._staged.append(staged)
        self._rows += len(prepared.reconciliation.actions) + len(prepared.new_history)
        finals = staged.finals
        if self._rows >= self.group_rows or time.monotonic() - self._since >= self.group_seconds:
            self.commit()
        return MergeOutcome(
            prepared.reconciliation,
            written=True,
            backup=backup,
            history_added=len(prepared.new_history),
            resolved=0,
            files_copied=len(finals),
            copied=tuple(finals),
        )
