"""school documents: expected documents, received versions, reviews and confirmations (#21)

A school's document of one kind for one cycle year (``school_document``, its id derived from
school, year, kind and direction), its received versions (``document_version``; the file is an
``attachment`` the version owns) and confirmation documents of measures
(``confirmation_document``). The existing ``document_review`` becomes the review of a version:
it gains the document and version it is of, the visit it was discussed at, when it began, the
target indicators, the reason for accepting despite an unmet criterion and the criteria set used.

Existing reviews: each gets its document (cycle year from the day it was received, else
reviewed, else written) and a version of its own, numbered by date within the document; an
accepted review with a criterion «does not meet» takes its comment as the reason (or «—»), so
the rule that now holds for every review holds for the old ones too. The new rows carry the
review's device and times. Three new tables and new columns; ``document_review`` is rebuilt with
foreign keys off (the runner's), so its evidence rows stay. What a store already has (a test
store given the later tables and columns beforehand) is left as it is; running it again changes
nothing.

Revision ID: 0011_documents
Revises: 0010_school_assignment
Create Date: 2026-12-07
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

import curator_desktop.store.types

revision: str = "0011_documents"
down_revision: str | Sequence[str] | None = "0010_school_assignment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAMESPACE = uuid.UUID("ddc611a3-b367-46ce-b85b-6181ab57c5dc")
"""The project's fixed namespace (:mod:`curator_desktop.domain.catalogs.builtin_ids`)."""
CYCLE_START_MONTH = 2


def _sync_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.Column("updated_at", curator_desktop.store.types.UtcDateTime(), nullable=False),
        sa.Column("revision", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("parent_revision", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", curator_desktop.store.types.UtcDateTime(), nullable=True),
    ]


def _text(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=nullable)


def _create_tables() -> None:
    """The three new tables, each unless the store has it already."""
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("school_document"):
        _create_documents()
    if not inspector.has_table("document_version"):
        _create_versions()
    if not inspector.has_table("confirmation_document"):
        _create_confirmations()


def _create_documents() -> None:
    op.create_table(
        "school_document",
        *_sync_columns(),
        sa.Column("author_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        _text("school_id"),
        sa.Column("year", sa.Integer(), nullable=False),
        _text("kind"),
        _text("factor_code", nullable=True),
        _text("title"),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("school_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_school_document_updated_at"), ["updated_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_school_document_author_id"), ["author_id"], unique=False
        )
        batch_op.create_index("ix_school_document_school_year", ["school_id", "year"], unique=False)


def _create_versions() -> None:
    op.create_table(
        "document_version",
        *_sync_columns(),
        _text("document_id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        _text("received_from"),
        _text("note"),
        sa.Column("medk_uploaded_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["school_document.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("document_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_version_updated_at"), ["updated_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_version_document_id"), ["document_id"], unique=False
        )


def _create_confirmations() -> None:
    op.create_table(
        "confirmation_document",
        *_sync_columns(),
        _text("school_id"),
        sa.Column("year", sa.Integer(), nullable=False),
        _text("document_id", nullable=True),
        _text("measure"),
        _text("stage"),
        _text("title"),
        sa.Column("dated_on", sa.Date(), nullable=True),
        sa.Column("medk_uploaded_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["school_document.id"]),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("confirmation_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_confirmation_document_updated_at"), ["updated_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_confirmation_document_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            "ix_confirmation_document_school_year", ["school_id", "year"], unique=False
        )


def _review_columns() -> list[sa.Column[Any]]:
    """The columns ``document_review`` gains (the defaults fill the rows there are)."""

    def text(name: str) -> sa.Column[Any]:
        return sa.Column(
            name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
        )

    return [
        _text("document_id", nullable=True),
        _text("version_id", nullable=True),
        _text("visit_id", nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("indicators", sa.JSON(), nullable=False, server_default="[]"),
        text("accept_reason"),
        text("criteria_key"),
        text("criteria_version"),
    ]


_REVIEW_LINKS = (
    ("document_id", "school_document"),
    ("version_id", "document_version"),
    ("visit_id", "visit"),
)


def _extend_reviews() -> None:
    """New columns, foreign keys and indexes of ``document_review``; what a store already has
    (a test store given the later columns beforehand) is left as it is."""
    inspector = sa.inspect(op.get_bind())
    existing = {column["name"]: column for column in inspector.get_columns("document_review")}
    have = set(existing)
    indexes = {index["name"] for index in inspector.get_indexes("document_review")}
    linked = {
        tuple(fk["constrained_columns"]) for fk in inspector.get_foreign_keys("document_review")
    }
    added = [column for column in _review_columns() if column.name not in have]
    missing_links = [(name, target) for name, target in _REVIEW_LINKS if (name,) not in linked]
    missing_indexes = [
        name for name, _target in _REVIEW_LINKS if f"ix_document_review_{name}" not in indexes
    ]
    # The server defaults only fill the existing rows: the models give the values from now on
    # (a column given beforehand with a default loses it too, so every store ends the same).
    defaulted = [c.name for c in added if c.server_default is not None] + [
        name
        for name in ("indicators", "accept_reason", "criteria_key", "criteria_version")
        if name in existing and existing[name].get("default") is not None
    ]
    if not (added or missing_links or missing_indexes or defaulted):
        return  # nothing to do: the table is not rebuilt
    with op.batch_alter_table("document_review", schema=None) as batch_op:
        for column in added:
            batch_op.add_column(column)
        for name, target in missing_links:
            batch_op.create_foreign_key(f"fk_document_review_{name}", target, [name], ["id"])
        for name in missing_indexes:
            batch_op.create_index(f"ix_document_review_{name}", [name], unique=False)
    if defaulted:
        with op.batch_alter_table("document_review", schema=None) as batch_op:
            for name in defaulted:
                batch_op.alter_column(name, server_default=None)
    op.get_bind().execute(
        sa.text(
            "UPDATE document_review SET indicators = '[]' "
            "WHERE indicators IS NULL OR indicators = ''"
        )
    )


def _document_id(school: str, year: int, kind: str, factor_code: str | None) -> str:
    """:func:`curator_desktop.domain.documents.identity.document_id`, frozen here."""
    name = json.dumps(
        ["school_document", school, str(int(year)), kind, factor_code or ""], ensure_ascii=False
    )
    return str(uuid.uuid5(_NAMESPACE, name))


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _cycle_year(day: dt.date) -> int:
    return day.year if day.month >= CYCLE_START_MONTH else day.year - 1


def _unmet(criteria: Any) -> bool:
    if isinstance(criteria, str):
        try:
            criteria = json.loads(criteria)
        except ValueError:
            return False
    if not isinstance(criteria, dict):
        return False
    return any(isinstance(r, dict) and r.get("value") == "not_meets" for r in criteria.values())


def _migrate_reviews() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, created_at, updated_at, device_id, deleted, author_id, school_id, "
            "document_type, title, factor_code, version_label, received_on, reviewed_on, "
            "criteria, conclusion, comment FROM document_review WHERE document_id IS NULL "
            "ORDER BY created_at, id"
        )
    ).fetchall()
    groups: dict[str, list[Any]] = defaultdict(list)
    years: dict[str, int] = {}
    for row in rows:
        day = _day(row.received_on) or _day(row.reviewed_on) or _day(row.created_at)
        year = _cycle_year(day or dt.date.today())
        document = _document_id(row.school_id, year, row.document_type, row.factor_code)
        groups[document].append(row)
        years[document] = year
    for document, reviews in groups.items():
        reviews.sort(key=lambda r: (str(r.received_on or r.reviewed_on or ""), str(r.created_at)))
        first = reviews[0]
        exists = bind.execute(
            sa.text("SELECT 1 FROM school_document WHERE id = :id"), {"id": document}
        ).first()
        if exists is None:
            bind.execute(
                sa.text(
                    "INSERT INTO school_document (id, created_at, updated_at, revision, "
                    "device_id, deleted, author_id, school_id, year, kind, factor_code, title) "
                    "VALUES (:id, :created_at, :updated_at, :revision, :device_id, 0, "
                    ":author_id, :school_id, :year, :kind, :factor_code, :title)"
                ),
                {
                    "id": document,
                    "created_at": first.created_at,
                    "updated_at": first.updated_at,
                    "revision": uuid.uuid4().hex,
                    "device_id": first.device_id,
                    "author_id": first.author_id,
                    "school_id": first.school_id,
                    "year": years[document],
                    "kind": first.document_type,
                    "factor_code": first.factor_code,
                    "title": reviews[-1].title or "",
                },
            )
        for number, review in enumerate(reviews, start=1):
            version = str(uuid.uuid4())
            received = (
                _day(review.received_on) or _day(review.reviewed_on) or _day(review.created_at)
            )
            bind.execute(
                sa.text(
                    "INSERT INTO document_version (id, created_at, updated_at, revision, "
                    "device_id, deleted, document_id, number, received_on, received_from, note) "
                    "VALUES (:id, :created_at, :updated_at, :revision, :device_id, :deleted, "
                    ":document_id, :number, :received_on, '', '')"
                ),
                {
                    "id": version,
                    "created_at": review.created_at,
                    "updated_at": review.updated_at,
                    "revision": uuid.uuid4().hex,
                    "device_id": review.device_id,
                    "deleted": bool(review.deleted),
                    "document_id": document,
                    "number": number,
                    "received_on": received.isoformat() if received else None,
                },
            )
            reason = ""
            if review.conclusion == "accept" and _unmet(review.criteria):
                reason = (review.comment or "").strip() or "—"
            bind.execute(
                sa.text(
                    "UPDATE document_review SET document_id = :document, version_id = :version, "
                    "started_on = reviewed_on, accept_reason = :reason WHERE id = :id"
                ),
                {"document": document, "version": version, "reason": reason, "id": review.id},
            )


def _link_reports() -> None:
    """``generated_report.review_id``: the review an «Экспертное заключение» is of (F2); what
    a store already has of it is left as it is."""
    inspector = sa.inspect(op.get_bind())
    columns = {c["name"] for c in inspector.get_columns("generated_report")}
    indexes = {i["name"] for i in inspector.get_indexes("generated_report")}
    linked = {
        tuple(fk["constrained_columns"]) for fk in inspector.get_foreign_keys("generated_report")
    }
    if (
        "review_id" in columns
        and ("review_id",) in linked
        and ("ix_generated_report_review_id" in indexes)
    ):
        return
    with op.batch_alter_table("generated_report", schema=None) as batch_op:
        if "review_id" not in columns:
            batch_op.add_column(
                sa.Column("review_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
            )
        if "ix_generated_report_review_id" not in indexes:
            batch_op.create_index("ix_generated_report_review_id", ["review_id"], unique=False)
        if ("review_id",) not in linked:
            batch_op.create_foreign_key(
                "fk_generated_report_review_id", "document_review", ["review_id"], ["id"]
            )


def upgrade() -> None:
    _create_tables()
    _extend_reviews()
    _migrate_reviews()
    _link_reports()


def downgrade() -> None:
    with op.batch_alter_table("generated_report", schema=None) as batch_op:
        batch_op.drop_constraint("fk_generated_report_review_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_generated_report_review_id"))
        batch_op.drop_column("review_id")
    with op.batch_alter_table("document_review", schema=None) as batch_op:
        for name, _target in _REVIEW_LINKS:
            batch_op.drop_index(f"ix_document_review_{name}")
            batch_op.drop_constraint(f"fk_document_review_{name}", type_="foreignkey")
        for column in reversed(_review_columns()):
            batch_op.drop_column(column.name)
    op.drop_table("confirmation_document")
    op.drop_table("document_version")
    op.drop_table("school_document")
