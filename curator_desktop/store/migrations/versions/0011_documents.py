"""school documents: expected documents, received versions, reviews and confirmations (#21)

Placeholder until the documents tables land: no change to the schema.

Revision ID: 0011_documents
Revises: 0010_school_assignment
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0011_documents"
down_revision: str | Sequence[str] | None = "0010_school_assignment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
