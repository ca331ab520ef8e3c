"""builtin ids: risk catalogs, their factors and checklist templates get ids derived from identity

Stores used to give each catalog, factor and template a random id, so a package from another
store brought a second copy of the same catalog or template. Every row now takes the id
:mod:`curator_desktop.domain.catalogs.builtin_ids` derives from its key and version (and factor code);
rows of the same identity (a copy already imported) are collapsed into one: the one kept is
live rather than deleted, then the most used, then the oldest. Every reference follows
(``risk_factor.catalog_id``, ``visit.template_id``, ``lesson_observation.template_id``, the
change log and the receipts); the other copies are deleted for good, their history joining the
kept record's. Revisions are left as they are: every store makes the same rewrite, so the same
revision keeps meaning the same content everywhere. Running it again changes nothing.

Revision ID: 0006_builtin_ids
Revises: 0005_roadmap_deadlines
Create Date: 2026-11-23
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa
from alembic import op

from curator_desktop.domain.catalogs.builtin_ids import catalog_id, factor_id, template_id

revision: str = '0006_builtin_ids'
down_revision: str | Sequence[str] | None = '0005_roadmap_deadlines'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)


class _Row(NamedTuple):
    id: str
    target: str
    """The derived id of the row's identity."""
    deleted: bool
    created_at: str
    references: int


def _ids_in(sql: str) -> sa.TextClause:
    return sa.text(sql).bindparams(sa.bindparam("ids", expanding=True))


def _counts(bind: Any, column_sql: Sequence[str]) -> dict[str, int]:
    """How many rows point at each id, over ``SELECT <fk> FROM <table>`` queries."""
    counts: dict[str, int] = {}
    for sql in column_sql:
        for (value,) in bind.execute(sa.text(sql)):
            if value is not None:
                counts[value] = counts.get(value, 0) + 1
    return counts


def _collapse(
    bind: Any, table: str, rows: list[_Row], references: Sequence[tuple[str, str]]
) -> int:
    """Give each identity one row under its derived id; return how many rows changed id or went.

    ``references`` are the (table, column) pairs pointing at ``table``.
    """
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.target, []).append(row)
    touched = 0
    for target, group in groups.items():
        if len(group) == 1 and group[0].id == target:
            continue
        # Live first, then the most used, then the oldest; ties go to the row already there.
        group.sort(key=lambda r: (r.deleted, -r.references, r.created_at, r.id != target, r.id))
        kept, others = group[0], [r.id for r in group[1:]]
        ids = [r.id for r in group]
        params = {"target": target, "ids": ids, "entity": table}
        for ref_table, column in references:
            bind.execute(
                _ids_in(f"UPDATE {ref_table} SET {column} = :target WHERE {column} IN :ids"), params
            )
        bind.execute(
            _ids_in(
                "UPDATE change_log SET entity_id = :target "
                "WHERE entity = :entity AND entity_id IN :ids"
            ),
            params,
        )
        _merge_receipts(bind, params)
        if others:
            bind.execute(_ids_in(f"DELETE FROM {table} WHERE id IN :ids"), {"ids": others})
        if kept.id != target:
            bind.execute(
                sa.text(f"UPDATE {table} SET id = :target WHERE id = :id"),
                {"target": target, "id": kept.id},
            )
        touched += len(others) + (kept.id != target)
    return touched


def _merge_receipts(bind: Any, params: dict[str, Any]) -> None:
    """One receipt under the derived id, at the latest time any copy was received."""
    found = bind.execute(
        _ids_in("SELECT entity_id, at FROM receipt WHERE entity = :entity AND entity_id IN :ids"),
        params,
    ).all()
    if not found or all(entity_id == params["target"] for entity_id, _at in found):
        return
    latest = max(at for _entity_id, at in found)
    delete = "DELETE FROM receipt WHERE entity = :entity AND entity_id IN :ids"
    bind.execute(_ids_in(delete), params)
    bind.execute(
        sa.text("INSERT INTO receipt (entity, entity_id, at) VALUES (:entity, :target, :at)"),
        {**params, "at": latest},
    )


def _rows(bind: Any, sql: str, target: Callable[..., str], counts: dict[str, int]) -> list[_Row]:
    """Rows of ``SELECT id, deleted, created_at, <identity parts…>``."""
    return [
        _Row(
            id=row[0],
            target=target(*row[3:]),
            deleted=bool(row[1]),
            created_at=str(row[2] or ""),
            references=counts.get(row[0], 0),
        )
        for row in bind.execute(sa.text(sql))
    ]


def upgrade() -> None:
    bind = op.get_bind()
    catalogs = _rows(
        bind,
        "SELECT id, deleted, created_at, catalog_key, version FROM risk_catalog",
        catalog_id,
        _counts(bind, ["SELECT catalog_id FROM risk_factor"]),
    )
    touched = _collapse(bind, "risk_catalog", catalogs, [("risk_factor", "catalog_id")])
    # Factors after their catalogs: the catalog ids are the derived ones by now.
    factors = _rows(
        bind,
        "SELECT f.id, f.deleted, f.created_at, c.catalog_key, c.version, f.code "
        "FROM risk_factor f JOIN risk_catalog c ON c.id = f.catalog_id",
        factor_id,
        {},
    )
    touched += _collapse(bind, "risk_factor", factors, [])
    uses = ("visit", "lesson_observation")
    templates = _rows(
        bind,
        "SELECT id, deleted, created_at, template_key, version FROM checklist_template",
        template_id,
        _counts(bind, [f"SELECT template_id FROM {table}" for table in uses]),
    )
    touched += _collapse(
        bind, "checklist_template", templates, [(table, "template_id") for table in uses]
    )
    log.info("Derived ids: %d catalog, factor and template rows renamed or collapsed", touched)


def downgrade() -> None:
    """Nothing to undo in the schema: the derived ids are valid ids for revision 0005 too."""
