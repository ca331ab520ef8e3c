"""change log revision index: is a revision in a record's history, answered from the index

An import asks, for each record it brings at another revision, whether that revision is
already in the record's history. The index on (entity, entity_id) found the record's rows but
had to read each one to see its revision, and a record every package brings (a built-in
catalog, factor or template) gains rows with each package: a coordinator's imports grew slower
one after the other. The index now ends with the revision (it covers the question), and still
serves every lookup by record. Running it again changes nothing.

Revision ID: 0007_change_log_revision
Revises: 0006_builtin_ids
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0007_change_log_revision'
down_revision: str | Sequence[str] | None = '0006_builtin_ids'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute('DROP INDEX IF EXISTS ix_change_log_entity')
    op.execute(
        'CREATE INDEX IF NOT EXISTS ix_change_log_entity_revision '
        'ON change_log (entity, entity_id, revision)'
    )


def downgrade() -> None:
    op.execute('DROP INDEX IF EXISTS ix_change_log_entity_revision')
    op.execute('CREATE INDEX IF NOT EXISTS ix_change_log_entity ON change_log (entity, entity_id)')
