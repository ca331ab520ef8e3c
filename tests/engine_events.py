"""Watching what a store's engine does inside a block: the SQL it runs, the transactions it
begins (for tests that prove a read takes a fixed number of queries or one transaction)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from curator_desktop.store.database import Database


@contextmanager
def _listening(db: Database, name: str, listener: Callable[..., None]) -> Iterator[None]:
    event.listen(db.engine, name, listener)
    try:
        yield
    finally:
        event.remove(db.engine, name, listener)


@contextmanager
def sql_statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the store's engine runs inside the block (filled as they run)."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    with _listening(db, "before_cursor_execute", note):
        yield seen


@contextmanager
def transactions_begun(db: Database) -> Iterator[list[object]]:
    """The connections of the transactions begun on the store inside the block."""
    begun: list[object] = []
    with _listening(db, "begin", begun.append):
        yield begun
