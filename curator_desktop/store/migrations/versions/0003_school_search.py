"""school search: stored sort keys and composite indexes for the schools list

Names sort by a key with case and «ё» folded and numbers in natural order; computing it per row in
a Python SQL function cost ~10 ms per query over 5,000 schools, so it is stored (``name_key``,
``municipality_key``, kept by the write hook) and indexed.

The Schools page asks, per school, for the next planned visit and the number of open
recommendations. With only single-column indexes SQLite picks ``ix_visit_status`` for
``school_id = ? AND status = 'planned'`` and reads every planned visit for each school: sorting
5,000 schools by next visit took 28 s, fetching a page of 200 rows 10 ms. These indexes make it
~20 ms and ~2 ms (benchmarks/bench_school_search.py).

Revision ID: 0003_school_search
Revises: 0002_roadmaps
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types


revision: str = '0003_school_search'
down_revision: str | Sequence[str] | None = '0002_roadmaps'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from curator_desktop.domain.text import sort_key

    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('municipality_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        # covering the default list (by name, with its filters and the search text): SQLite
        # answers it from the index alone, 3 ms instead of 10 ms for 5,000 schools
        batch_op.create_index('ix_school_name_order', ['name_key', 'id', 'deleted', 'archived_at', 'programme', 'status', 'municipality', 'search_text'], unique=False)
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, short_name, full_name, municipality FROM school")).all()
    for school_id, short_name, full_name, municipality in rows:
        connection.execute(
            sa.text("UPDATE school SET name_key = :name, municipality_key = :municipality WHERE id = :id"),
            {"name": sort_key(short_name or full_name), "municipality": sort_key(municipality), "id": school_id},
        )

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_school_status_date', ['school_id', 'status', 'planned_date'], unique=False)

    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index('ix_recommendation_school_status', ['school_id', 'status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.drop_index('ix_school_name_order')
        batch_op.drop_column('municipality_key')
        batch_op.drop_column('name_key')

    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index('ix_recommendation_school_status')

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_school_status_date')
