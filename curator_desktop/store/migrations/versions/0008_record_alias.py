"""record alias: another store's id of a school or risk assessment this store holds as its own

A school has one identity everywhere (its ИНН), a risk assessment too (school, factor, year),
but stores made before derived ids gave them random ids, so the same school arrived from each
curator as a record of its own. An import now maps such a record onto the local one, and a
twin merged by the repair leaves its id behind; this local table keeps those mappings (never
exported), so later packages and the records pointing at them land on the same record. Only a
new table and its index: no table is rebuilt, no row is touched (foreign keys stay off while
migrating all the same, see env.py). Running it again changes nothing.

Revision ID: 0008_record_alias
Revises: 0007_change_log_revision
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types


revision: str = '0008_record_alias'
down_revision: str | Sequence[str] | None = '0007_change_log_revision'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table('record_alias'):
        return
    op.create_table(
        'record_alias',
        sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('alias_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('local_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('created_at', curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('entity', 'alias_id'),
    )
    with op.batch_alter_table('record_alias', schema=None) as batch_op:
        batch_op.create_index('ix_record_alias_local', ['entity', 'local_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('record_alias', schema=None) as batch_op:
        batch_op.drop_index('ix_record_alias_local')
    op.drop_table('record_alias')
