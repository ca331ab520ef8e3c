"""the curator's relation to each roadmap item (ведёт / участвует / посещает) and its correction

One flag (``concerns_curator``) mixed three relations a curator has with an item; a roadmap item
now holds its ``relation`` (``lead``, ``share``, ``attend`` or ``none``) and whether the curator
set it (``relation_set_by_user``, which a new edition of the roadmap does not undo). Existing
items: the curator's own mark or unmark stays the curator's (marked: ``lead``, unmarked:
``none``); every other item of a roadmap is judged again by the three-relation rules, and its
deadline read again (the school year is September–May, a weekly activity repeats), so an upgraded
store's plan is what a fresh import of the same roadmap gives; items added by hand lead. The old
two columns go: ``roadmap_item`` is rebuilt once, with foreign keys off (the runner's), so its
links stay. A store with the new columns and without the old ones is left as it is; running it
again changes nothing.

Revision ID: 0013_plan_relations
Revises: 0012_selfdiag
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from curator_desktop.domain.roadmap.deadlines import item_deadline
from curator_desktop.domain.roadmap.document import RoadmapItem as Item
from curator_desktop.domain.roadmap.records import deadline_columns
from curator_desktop.domain.roadmap.relation import judge

revision: str = "0013_plan_relations"
down_revision: str | Sequence[str] | None = "0012_selfdiag"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "roadmap_item"
OLD = ("concerns_curator", "curator_flag_set_by_user")
NEW = ("relation", "relation_set_by_user")


def _columns() -> set[str]:
    return {column["name"] for column in sa.inspect(op.get_bind()).get_columns(TABLE)}


def upgrade() -> None:
    have = _columns()
    if set(NEW) <= have and not set(OLD) & have:
        return  # done already
    if not set(NEW) <= have:
        # SQLite adds a column in place; the server defaults fill the existing rows only.
        with op.batch_alter_table(TABLE, schema=None) as batch_op:
            if "relation" not in have:
                batch_op.add_column(
                    sa.Column(
                        "relation",
                        sqlmodel.sql.sqltypes.AutoString(),
                        nullable=False,
                        server_default="none",
                    )
                )
            if "relation_set_by_user" not in have:
                batch_op.add_column(
                    sa.Column(
                        "relation_set_by_user",
                        sa.Boolean(),
                        nullable=False,
                        server_default=sa.false(),
                    )
                )
    if set(OLD) <= have:
        op.get_bind().execute(
            sa.text(
                f"UPDATE {TABLE} SET "
                "relation = CASE WHEN concerns_curator THEN 'lead' ELSE 'none' END, "
                "relation_set_by_user = curator_flag_set_by_user"
            )
        )
    _judge_again()
    # One rebuild: the old columns go, the new ones keep no server default.
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.alter_column("relation", server_default=None)
        batch_op.alter_column("relation_set_by_user", server_default=None)
        for name in OLD:
            if name in have:
                batch_op.drop_column(name)


def _judge_again() -> None:
    """Judge every roadmap item the curator did not correct by today's rules, and read its
    deadline again with the roadmap's year (as the importer does)."""
    bind = op.get_bind()
    years = dict(bind.execute(sa.text("SELECT id, year FROM roadmap_document")).all())
    table = sa.table(
        TABLE,
        sa.column("id", sa.String),
        sa.column("relation", sa.String),
        sa.column("deadline_text", sa.String),
        sa.column("deadline_kind", sa.String),
        sa.column("deadline_ranges", sa.JSON),
        sa.column("deadline_start", sa.Date),
        sa.column("deadline_end", sa.Date),
        sa.column("recurrence", sa.String),
    )
    rows = bind.execute(
        sa.text(
            f"SELECT id, document_id, number, section, title, description, deadline_text, "
            f"responsible, indicator, control, relation_set_by_user FROM {TABLE}"
        )
    ).all()
    for row in rows:
        if row.document_id is None:
            continue
        item = Item(
            number=row.number or "",
            section=row.section or "",
            title=row.title or "",
            description=row.description or "",
            deadline_text=row.deadline_text or "",
            responsible=row.responsible or "",
            indicator=row.indicator or "",
            control=row.control or "",
        )
        values = dict(deadline_columns(item_deadline(item, year=years.get(row.document_id))))
        if not row.relation_set_by_user:
            values["relation"] = judge(item).relation.value
        bind.execute(table.update().where(table.c.id == row.id).values(**values))


def downgrade() -> None:
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("concerns_curator", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "curator_flag_set_by_user", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.get_bind().execute(
        sa.text(
            f"UPDATE {TABLE} SET concerns_curator = (relation != 'none'), "
            "curator_flag_set_by_user = relation_set_by_user"
        )
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.alter_column("concerns_curator", server_default=None)
        batch_op.alter_column("curator_flag_set_by_user", server_default=None)
        batch_op.drop_column("relation_set_by_user")
        batch_op.drop_column("relation")
