"""What every service over the store shares: its database, today's date, and sessions that
stamp the records they write with this computer's device id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

from curator_desktop.store.database import Database


class StoreService:
    """The base of a service that reads and writes the store."""

    def __init__(self, database: Database, *, device_id: str = "") -> None:
        self._db = database
        self._device_id = device_id

    @property
    def database(self) -> Database:
        return self._db

    def today(self) -> dt.date:
        """The local date (a method, so tests can fix it)."""
        return dt.date.today()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._db.session() as session:
            if self._device_id:
                session.info["device_id"] = self._device_id
            yield session
