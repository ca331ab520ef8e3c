"""receipts: when this computer last took each record from an imported package

Received records keep the ``updated_at`` they were written with elsewhere; an export «since the
last one» follows these local times too, so a store passes on what it received meanwhile.

Revision ID: 0004_receipts
Revises: 0003_school_search
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types


revision: str = '0004_receipts'
down_revision: str | Sequence[str] | None = '0003_school_search'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'receipt',
        sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('at', curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('entity', 'entity_id'),
    )
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipt_at'))
    op.drop_table('receipt')
