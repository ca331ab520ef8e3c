"""Alembic environment: migrations run on a connection the app hands in, foreign keys off.

SQLite rebuilds a table for most ALTERs (batch mode); with foreign keys on, dropping the old
parent table would delete its child rows. The runner connects with foreign keys off; after the
scripts ran, ``PRAGMA foreign_key_check`` must come back empty or the whole migration rolls back.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from curator_desktop.store import tables  # noqa: F401 - registers the metadata

target_metadata = SQLModel.metadata


class ForeignKeyViolation(RuntimeError):
    """A migration left rows pointing at records that do not exist."""


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ForeignKeyViolation(f"foreign key check failed after migration: {problems[:5]}")


if context.is_offline_mode():
    raise RuntimeError("offline migrations are not supported")
run_migrations_online()
