"""packages received and the coordinator's review state of each curator's report (#24)

Two new local tables (never exported): ``package_intake`` (one row per package import attempt:
file, hash, sender from the manifest, outcome, the reason of a refusal, counts per kind,
warnings) and ``report_review`` (a received report's review state, comment, date and the
report's revision when reviewed). Imports recorded before this revision are copied from the
exchange history (``sync_state``) into the log, so the «Packages» page lists them too. No
existing table changes. Running it again changes nothing.

Revision ID: 0016_report_reviews
Revises: 0015_store_role
Create Date: 2026-12-08
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types

revision: str = "0016_report_reviews"
down_revision: str | Sequence[str] | None = "0015_store_role"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_UTC = curator_desktop.store.types.UtcDateTime


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("package_intake"):
        op.create_table(
            "package_intake",
            sa.Column("id", _TEXT(length=36), nullable=False),
            sa.Column("received_at", _UTC(), nullable=False),
            sa.Column("file_name", _TEXT(), nullable=False),
            sa.Column("package_sha256", _TEXT(length=64), nullable=False),
            sa.Column("outcome", _TEXT(length=16), nullable=False),
            sa.Column("reason", _TEXT(), nullable=False),
            sa.Column("sender_name", _TEXT(), nullable=False),
            sa.Column("sender_store_id", _TEXT(length=36), nullable=False),
            sa.Column("sender_device_id", _TEXT(length=64), nullable=False),
            sa.Column("created_at", _UTC(), nullable=True),
            sa.Column("counts", sa.JSON(), nullable=False),
            sa.Column("warnings", sa.JSON(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        with op.batch_alter_table("package_intake", schema=None) as batch_op:
            for column in ("received_at", "package_sha256", "sender_store_id"):
                batch_op.create_index(
                    batch_op.f(f"ix_package_intake_{column}"), [column], unique=False
                )
        _copy_imports()
    if not inspector.has_table("report_review"):
        op.create_table(
            "report_review",
            sa.Column("report_id", _TEXT(length=36), nullable=False),
            sa.Column("state", _TEXT(length=16), nullable=False),
            sa.Column("comment", _TEXT(), nullable=False),
            sa.Column("reviewed_at", _UTC(), nullable=False),
            sa.Column("report_revision", _TEXT(length=32), nullable=False),
            sa.PrimaryKeyConstraint("report_id"),
        )


def _copy_imports() -> None:
    """One «imported» log row per import the exchange history holds (counts per kind were not
    kept then: the row says how many records the import took in all)."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT at, destination, package_sha256, peer_store_id, record_count, scope, "
            "watermark FROM sync_state WHERE direction = 'import'"
        )
    ).all()
    for at, destination, sha, peer, record_count, scope, watermark in rows:
        details = json.loads(scope) if isinstance(scope, str) and scope else (scope or {})
        name = details.get("file") or str(destination).replace("\\", "/").rsplit("/", 1)[-1]
        bind.execute(
            sa.text(
                "INSERT INTO package_intake (id, received_at, file_name, package_sha256, "
                "outcome, reason, sender_name, sender_store_id, sender_device_id, created_at, "
                "counts, warnings) VALUES (:id, :at, :name, :sha, 'imported', '', :sender, "
                ":peer, '', :created, :counts, '[]')"
            ),
            {
                "id": str(uuid.uuid4()),
                "at": at,
                "name": name,
                "sha": sha or "",
                "sender": str(details.get("curator") or ""),
                "peer": peer or "",
                "created": watermark,
                "counts": json.dumps({"": {"new": int(record_count or 0)}}),
            },
        )


def downgrade() -> None:
    op.drop_table("report_review")
    with op.batch_alter_table("package_intake", schema=None) as batch_op:
        for column in ("received_at", "package_sha256", "sender_store_id"):
            batch_op.drop_index(batch_op.f(f"ix_package_intake_{column}"))
    op.drop_table("package_intake")
