"""the store's role: a curator's or a coordinator's store (#24)

Placeholder: filled in by the change that adds the tables.

Revision ID: 0015_store_role
Revises: 0014_events
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0015_store_role"
down_revision: str | Sequence[str] | None = "0014_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
