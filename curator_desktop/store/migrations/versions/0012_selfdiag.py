"""self-diagnosis of «Школа Минпросвещения России» schools: rounds, results, decisions (#22)

Placeholder until the self-diagnosis tables land: no change to the schema.

Revision ID: 0012_selfdiag
Revises: 0011_documents
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0012_selfdiag"
down_revision: str | Sequence[str] | None = "0011_documents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
