"""self-diagnosis of «Школа Минпросвещения России» schools: catalog, programme per year, rounds,
results, deficits, management decisions (#22)

Six new tables and their indexes: no table is rebuilt, no row is touched. A school keeps its own
``programme``; ``school_programme`` says otherwise for a year. Running it again changes nothing.

Revision ID: 0012_selfdiag
Revises: 0011_documents
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types

revision: str = "0012_selfdiag"
down_revision: str | Sequence[str] | None = "0011_documents"
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
    if not inspector.has_table("selfdiag_catalog"):
        op.create_table(
            "selfdiag_catalog",
            *_record_columns(),
            sa.Column("catalog_key", _TEXT(), nullable=False),
            sa.Column("version", _TEXT(), nullable=False),
            sa.Column("title_ru", _TEXT(), nullable=False),
            sa.Column("title_en", _TEXT(), nullable=False),
            sa.Column("content", sa.JSON(), nullable=False),
            sa.Column("source", _TEXT(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("selfdiag_catalog", "catalog_key")
    if not inspector.has_table("school_programme"):
        op.create_table(
            "school_programme",
            *_record_columns(),
            sa.Column("school_id", _TEXT(), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("programme", _TEXT(), nullable=False),
            sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("school_programme")
        op.create_index(
            "ix_school_programme_school_year", "school_programme", ["school_id", "year"]
        )
    if not inspector.has_table("selfdiag_round"):
        op.create_table(
            "selfdiag_round",
            *_record_columns(),
            sa.Column("author_id", _TEXT(length=36), nullable=True),
            sa.Column("school_id", _TEXT(), nullable=False),
            sa.Column("round_date", sa.Date(), nullable=False),
            sa.Column("label", _TEXT(), nullable=False),
            sa.Column("source", _TEXT(), nullable=False),
            sa.Column("school_type", _TEXT(), nullable=False),
            sa.Column("catalog_key", _TEXT(), nullable=False),
            sa.Column("catalog_version", _TEXT(), nullable=False),
            sa.Column("total_points", sa.Integer(), nullable=True),
            sa.Column("total_maximum", sa.Integer(), nullable=True),
            sa.Column("overall_level", _TEXT(), nullable=True),
            sa.Column("notes", _TEXT(), nullable=False),
            sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("selfdiag_round", "author_id")
        op.create_index(
            "ix_selfdiag_round_school_date", "selfdiag_round", ["school_id", "round_date"]
        )
    if not inspector.has_table("selfdiag_result"):
        op.create_table(
            "selfdiag_result",
            *_record_columns(),
            sa.Column("round_id", _TEXT(), nullable=False),
            sa.Column("direction", _TEXT(), nullable=False),
            sa.Column("points", sa.Integer(), nullable=True),
            sa.Column("maximum", sa.Integer(), nullable=True),
            sa.Column("level", _TEXT(), nullable=True),
            sa.Column("sort_order", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["round_id"], ["selfdiag_round.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("selfdiag_result", "round_id")
    if not inspector.has_table("selfdiag_deficit"):
        op.create_table(
            "selfdiag_deficit",
            *_record_columns(),
            sa.Column("round_id", _TEXT(), nullable=False),
            sa.Column("direction", _TEXT(), nullable=False),
            sa.Column("indicator", _TEXT(), nullable=False),
            sa.Column("text", _TEXT(), nullable=False),
            sa.Column("critical", sa.Boolean(), nullable=False),
            sa.Column("sort_order", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["round_id"], ["selfdiag_round.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("selfdiag_deficit", "round_id")
    if not inspector.has_table("selfdiag_decision"):
        op.create_table(
            "selfdiag_decision",
            *_record_columns(),
            sa.Column("author_id", _TEXT(length=36), nullable=True),
            sa.Column("school_id", _TEXT(), nullable=False),
            sa.Column("round_id", _TEXT(), nullable=False),
            sa.Column("deficit_id", _TEXT(), nullable=True),
            sa.Column("direction", _TEXT(), nullable=False),
            sa.Column("indicator", _TEXT(), nullable=False),
            sa.Column("what", _TEXT(), nullable=False),
            sa.Column("responsible", _TEXT(), nullable=False),
            sa.Column("deadline", sa.Date(), nullable=True),
            sa.Column("done", sa.Boolean(), nullable=False),
            sa.Column("done_on", sa.Date(), nullable=True),
            sa.Column("notes", _TEXT(), nullable=False),
            sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
            sa.ForeignKeyConstraint(["round_id"], ["selfdiag_round.id"]),
            sa.ForeignKeyConstraint(["deficit_id"], ["selfdiag_deficit.id"]),
            sa.PrimaryKeyConstraint("id"),
        )
        _indexes("selfdiag_decision", "author_id", "round_id")
        op.create_index("ix_selfdiag_decision_school", "selfdiag_decision", ["school_id", "done"])


def downgrade() -> None:
    for table in (
        "selfdiag_decision",
        "selfdiag_deficit",
        "selfdiag_result",
        "selfdiag_round",
        "school_programme",
        "selfdiag_catalog",
    ):
        op.drop_table(table)
