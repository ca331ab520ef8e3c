"""the curator's relation to each roadmap item (ведёт / участвует / посещает) and its correction (#23)

Placeholder: filled in by the change that adds the tables.

Revision ID: 0013_plan_relations
Revises: 0012_selfdiag
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0013_plan_relations"
down_revision: str | Sequence[str] | None = "0012_selfdiag"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
