"""events a curator attends: seminars, webinars, meetings, councils; attendance, analyses (#23)

Two new tables and their indexes: ``curator_event`` (day and times, kind, topic, organiser,
format, attendance, notes, the series it was made in) and ``event_analysis`` (an event's
analysis of one school's measures). An event's files are ``attachment`` rows it owns and the
plan item it fulfils a ``roadmap_link``, so no existing table changes and no row is touched.
Running it again changes nothing.

Revision ID: 0014_events
Revises: 0013_plan_relations
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types

revision: str = "0014_events"
down_revision: str | Sequence[str] | None = "0013_plan_relations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def _record_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    """The columns of every synced record."""
    return [
        sa.Column("id", _TEXT(length=36), nullable=False),
        sa.Column("created_at", curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.Column("revision", _TEXT(length=32), nullable=False),
        sa.Column("parent_revision", _TEXT(length=32), nullable=True),
        sa.Column("device_id", _TEXT(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", curator_desktop.store.types.UtcDateTime(), nullable=True),
    ]


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in ("updated_at", *columns):
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("curator_event"):
        op.create_table(
            "curator_event",
            *_record_columns(),
            sa.Column("author_id", _TEXT(length=36), nullable=True),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("start_time", sa.Time(), nullable=True),
            sa.Column("end_time", sa.Time(), nullable=True),
            sa.Column("kind", _TEXT(), nullable=False),
            sa.Column("topic", _TEXT(), nullable=False),
            sa.Column("organiser", _TEXT(), nullable=False),
            sa.Column("event_format", _TEXT(), nullable=False),
            sa.Column("attendance", _TEXT(), nullable=False),
            sa.Column("notes", _TEXT(), nullable=False),
            sa.Column("series_id", _TEXT(length=36), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("curator_event", "author_id")
        op.create_index("ix_curator_event_day_attendance", "curator_event", ["day", "attendance"])
    if not inspector.has_table("event_analysis"):
        op.create_table(
            "event_analysis",
            *_record_columns(),
            sa.Column("event_id", _TEXT(), nullable=False),
            sa.Column("school_id", _TEXT(), nullable=False),
            sa.Column("text", _TEXT(), nullable=False),
            sa.ForeignKeyConstraint(["event_id"], ["curator_event.id"]),
            sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("event_analysis", "event_id", "school_id")


def downgrade() -> None:
    for table in ("event_analysis", "curator_event"):
        op.drop_table(table)
