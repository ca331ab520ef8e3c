"""The SQLite store: one engine per file, durable settings, sessions that commit or roll back."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

from curator_desktop.store.tracking import TrackedSession

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on ``path`` with WAL, ``synchronous=FULL`` and real transactions.

    pysqlite's own transaction handling is switched off and ``BEGIN`` is emitted explicitly, so
    DDL is transactional too (SQLAlchemy's documented recipe). ``foreign_keys=False`` is for
    migrations only: rebuilding a parent table with foreign keys on would delete its children.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


class Database:
    """Owns the engine of one store file and hands out sessions.

    Repositories take a ``Database`` and return plain objects, never a live session.
    """

    def __init__(self, path: Path, *, device_id: str = "") -> None:
        self.path = Path(path)
        self.device_id = device_id
        self.engine = make_engine(self.path)

    @contextmanager
    def session(self) -> Iterator[TrackedSession]:
        """A unit of work: committed (durably, WAL + FULL) when the block ends, else rolled back."""
        session = TrackedSession(self.engine, expire_on_commit=False)
        session.info["device_id"] = self.device_id
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def pragma(self, name: str) -> Any:
        """Read one PRAGMA value (for checks and tests)."""
        with self.engine.connect() as connection:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

    def close(self) -> None:
        """Release every connection (checkpointing the WAL)."""
        self.engine.dispose()
