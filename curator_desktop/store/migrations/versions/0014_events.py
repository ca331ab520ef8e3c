"""events a curator attends: seminars, webinars, meetings, councils; attendance, per-school analysis (#23)

Placeholder: filled in by the change that adds the tables.

Revision ID: 0014_events
Revises: 0013_plan_relations
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0014_events"
down_revision: str | Sequence[str] | None = "0013_plan_relations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
