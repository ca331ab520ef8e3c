"""roadmap deadlines: how each deadline was understood, and all of its date ranges

A deadline such as «Июнь, декабрь» has two ranges; ``deadline_start``/``deadline_end`` keep
bounding them all (for sorting and the timeline), ``deadline_ranges`` holds each one, and
``deadline_kind`` says dated, recurring, undated or unparsed.

Revision ID: 0005_roadmap_deadlines
Revises: 0004_receipts
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005_roadmap_deadlines'
down_revision: str | Sequence[str] | None = '0004_receipts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('roadmap_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deadline_kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='unparsed'))
        batch_op.add_column(sa.Column('deadline_ranges', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('roadmap_item', schema=None) as batch_op:
        batch_op.drop_column('deadline_ranges')
        batch_op.drop_column('deadline_kind')
