"""Choosing the checklist a new visit or lesson observation is filled with.

Templates are rows of ``checklist_template``; for each template key only the highest version not
deleted is offered. A visit's checklist has the purpose «visit», «documents» or «monitoring»
(preferred in that order) and lists the visit type in its ``visit_types``; a lesson observation
uses a «lesson» template. The chosen content is deep-copied into the visit (the snapshot), so a
later edit of the template never changes a visit already filled.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.answers import localized
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _, current_language
from curator_desktop.store.tables import ChecklistTemplate

VISIT_PURPOSES = ("visit", "documents", "monitoring")
"""Purposes of a visit's own checklist, the preferred first."""
LESSON_PURPOSE = "lesson"


def _newest_by_key(session: Session, purposes: tuple[str, ...]) -> list[ChecklistTemplate]:
    """The highest version of every template key with one of ``purposes`` (not deleted)."""
    rows = session.exec(
        select(ChecklistTemplate)
        .where(col(ChecklistTemplate.deleted).is_(False))
        .where(col(ChecklistTemplate.purpose).in_(purposes))
    ).all()
    newest: dict[str, ChecklistTemplate] = {}
    for row in rows:
        best = newest.get(row.template_key)
        if best is None or (row.version, row.created_at) > (best.version, best.created_at):
            newest[row.template_key] = row
    return list(newest.values())


def _serves(template: ChecklistTemplate, visit_type: str) -> bool:
    types = (template.content or {}).get("visit_types") or []
    return visit_type in types


def template_title(template: ChecklistTemplate) -> str:
    """The template's title in the current language."""
    title = template.title_en if current_language() == "en" else template.title_ru
    return title or localized((template.content or {}).get("title")) or template.template_key


def visit_templates_in(session: Session, visit_type: str) -> list[ChecklistTemplate]:
    """Newest visit checklists for ``visit_type``: purpose «visit» first, then by title."""
    rows = [t for t in _newest_by_key(session, VISIT_PURPOSES) if _serves(t, visit_type)]
    rows.sort(key=lambda t: (VISIT_PURPOSES.index(t.purpose), template_title(t).casefold()))
    return rows


def choose_visit_template(
    session: Session, visit_type: str, template_key: str | None
) -> ChecklistTemplate | None:
    """The checklist for a new visit: the named one, else the preferred one for the type."""
    if template_key is None:
        rows = visit_templates_in(session, visit_type)
        return rows[0] if rows else None
    for row in _newest_by_key(session, VISIT_PURPOSES):
        if row.template_key == template_key:
            return row
    raise ValidationError(
        _("There is no checklist “{key}”.").format(key=template_key), field="template_key"
    )


def choose_lesson_template(session: Session, visit_type: str) -> ChecklistTemplate | None:
    """The newest lesson-observation template, one that lists the visit type if any does."""
    rows = _newest_by_key(session, (LESSON_PURPOSE,))
    rows.sort(key=lambda t: (not _serves(t, visit_type), template_title(t).casefold()))
    return rows[0] if rows else None


def snapshot_of(template: ChecklistTemplate | None) -> dict[str, Any] | None:
    """A deep copy of the template content, independent of the template row from now on."""
    return None if template is None else copy.deepcopy(template.content)
