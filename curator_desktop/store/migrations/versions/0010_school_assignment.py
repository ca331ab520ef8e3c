"""school assignment: which curator is assigned to which school, from which date (закрепление)

Until now a school's curators were derived from who made its visits and verifications, and in a
curator's store the owner stood in for every school. The coordinator assigns curators to
schools (the list sent round may carry «ФИО куратора»), and that is data of its own: a synced
record per (school, person) with the dates it holds. Existing schools get no rows: one without
any assignment keeps the old rule (its visits' authors; in a curator's store, the owner). Only a
new table and its indexes: no table is rebuilt, no row is touched. Running it again changes
nothing.

Revision ID: 0010_school_assignment
Revises: 0009_authorship
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types

revision: str = "0010_school_assignment"
down_revision: str | Sequence[str] | None = "0009_authorship"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("school_assignment"):
        return
    op.create_table(
        "school_assignment",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.Column("revision", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("parent_revision", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", curator_desktop.store.types.UtcDateTime(), nullable=True),
        sa.Column("school_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("curator_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("curator_store_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("assigned_from", sa.Date(), nullable=False),
        sa.Column("assigned_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("school_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_school_assignment_updated_at"), ["updated_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_school_assignment_school_id"), ["school_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("school_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_assignment_school_id"))
        batch_op.drop_index(batch_op.f("ix_school_assignment_updated_at"))
    op.drop_table("school_assignment")
