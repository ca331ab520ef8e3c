"""packages received and the coordinator's review state of each curator's report (#24)

Placeholder: filled in by the change that adds the tables.

Revision ID: 0016_report_reviews
Revises: 0015_store_role
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0016_report_reviews"
down_revision: str | Sequence[str] | None = "0015_store_role"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
