"""the store's role: a curator's or a coordinator's store (#24)

The role is a ``store_meta`` row (key ``role``: ``curator`` or ``coordinator``), written by the
first-run dialog, the Settings page and ``curator-desktop init --role``; a store without it reads
as a curator's. This revision writes that reading down: a store made before roles were chosen
(one that has a store id or a profile) and has no role gets ``curator``, so an existing store is
a curator's on record too. A new, empty store is left for the first-run dialog. No table
changes; running it again changes nothing.

Revision ID: 0015_store_role
Revises: 0014_events
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_store_role"
down_revision: str | Sequence[str] | None = "0014_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLE_KEY = "role"
CURATOR = "curator"


def upgrade() -> None:
    """An existing store without a role is a curator's."""
    bind = op.get_bind()
    has_role = bind.execute(
        sa.text("SELECT 1 FROM store_meta WHERE key = :key"), {"key": ROLE_KEY}
    ).first()
    existing = bind.execute(
        sa.text(
            "SELECT 1 FROM store_meta WHERE key = 'store_id' "
            "UNION ALL SELECT 1 FROM curator_profile WHERE deleted = 0 LIMIT 1"
        )
    ).first()
    if has_role is None and existing is not None:
        bind.execute(
            sa.text("INSERT INTO store_meta (key, value) VALUES (:key, :value)"),
            {"key": ROLE_KEY, "value": CURATOR},
        )


def downgrade() -> None:
    """The role row stays: an older version reads a store without roles and ignores it."""
