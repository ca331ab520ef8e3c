"""authorship: who made a visit, a verification, a recommendation, a review or a report

A merged store (a coordinator's, or a curator's after a move) holds the work of several
people; until now it knew only its owner, so a справка regenerated there named the owner as
the curator. A person is a ``curator_profile`` record that says which store it works in
(``store_id``); visits, risk assessments, recommendations, document reviews and generated reports
name their author (``author_id``, the person's profile id).

Existing data: the owner's profile (the first live one) gets the store's id, and every record
written on the owner's device (the device the owner's profile was written on) is the owner's;
records that came from elsewhere keep no author (not known). Only new columns and indexes: no
table is rebuilt. Running it again changes nothing.

Revision ID: 0009_authorship
Revises: 0008_record_alias
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009_authorship'
down_revision: str | Sequence[str] | None = '0008_record_alias'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUTHORED = ('risk_assessment', 'visit', 'recommendation', 'document_review', 'generated_report')


def _columns(table: str) -> set[str]:
    return {column['name'] for column in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    if 'store_id' not in _columns('curator_profile'):
        op.add_column(
            'curator_profile',
            sa.Column(
                'store_id',
                sqlmodel.sql.sqltypes.AutoString(length=36),
                nullable=False,
                server_default='',
            ),
        )
        op.create_index('ix_curator_profile_store_id', 'curator_profile', ['store_id'])
    for table in AUTHORED:
        if 'author_id' not in _columns(table):
            op.add_column(
                table,
                sa.Column('author_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
            )
            op.create_index(f'ix_{table}_author_id', table, ['author_id'])
    bind = op.get_bind()
    owner = bind.execute(
        sa.text(
            "SELECT id, device_id FROM curator_profile WHERE deleted = 0 "
            "ORDER BY (store_id = (SELECT value FROM store_meta WHERE key = 'store_id')) DESC, "
            "created_at LIMIT 1"
        )
    ).first()
    if owner is None:
        return
    bind.execute(
        sa.text(
            "UPDATE curator_profile SET store_id = "
            "(SELECT value FROM store_meta WHERE key = 'store_id') "
            "WHERE id = :id AND store_id = '' "
            "AND EXISTS (SELECT 1 FROM store_meta WHERE key = 'store_id')"
        ),
        {'id': owner.id},
    )
    for table in AUTHORED:
        bind.execute(
            sa.text(
                f"UPDATE {table} SET author_id = :owner "
                "WHERE author_id IS NULL AND device_id = :device"
            ),
            {'owner': owner.id, 'device': owner.device_id},
        )


def downgrade() -> None:
    for table in AUTHORED:
        op.drop_index(f'ix_{table}_author_id', table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('author_id')
    op.drop_index('ix_curator_profile_store_id', table_name='curator_profile')
    with op.batch_alter_table('curator_profile') as batch_op:
        batch_op.drop_column('store_id')
