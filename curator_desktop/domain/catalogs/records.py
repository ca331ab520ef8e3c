"""The rules a stored catalog record meets: a risk-factor catalog, one of its factors, a
checklist template — and a visit's or a lesson's snapshot of a template.

They are the rules the catalog files are checked by (:mod:`.validation`), applied to the
columns a record is stored with: what the importers write is what these accept. Each function
takes column → value and returns field → translated problem (empty when the record may be
stored).
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.catalogs.validation import validate_checklist_template
from curator_desktop.domain.checklists.items import PURPOSES
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    Problems,
    choice_problem,
    collect,
    number_problem,
    text_problem,
    year_problem,
)
from curator_desktop.i18n import _, current_language

SNAPSHOT = "template_snapshot"
"""What a snapshot's problems are said to be in (the column's name)."""


def catalog_problems(values: Mapping[str, Any]) -> Problems:
    """A ``risk_catalog`` record: key, version and both titles given; a positive limit of
    activated directions."""
    return collect(
        {},
        catalog_key=text_problem(values.get("catalog_key"), NAME_LENGTH, required=True),
        version=text_problem(values.get("version"), NAME_LENGTH, required=True),
        title_ru=text_problem(values.get("title_ru"), NAME_LENGTH, required=True),
        title_en=text_problem(values.get("title_en"), NAME_LENGTH, required=True),
        max_active_directions=number_problem(values.get("max_active_directions", 3), low=1),
        source=text_problem(values.get("source"), NAME_LENGTH),
    )


def factor_problems(values: Mapping[str, Any]) -> Problems:
    """A ``risk_factor`` record: code and both names given; years in range, in order."""
    year_from, year_to = values.get("year_from"), values.get("year_to")
    order = None
    if year_from is not None and year_to is not None and year_from > year_to:
        order = _("“year_from” is later than “year_to”.")
    return collect(
        {},
        code=text_problem(values.get("code"), NAME_LENGTH, required=True),
        name_ru=text_problem(values.get("name_ru"), NAME_LENGTH, required=True),
        name_en=text_problem(values.get("name_en"), NAME_LENGTH, required=True),
        year_from=year_problem(year_from, optional=True),
        year_to=year_problem(year_to, optional=True) or order,
    )


def template_problems(values: Mapping[str, Any]) -> Problems:
    """A ``checklist_template`` record: its content a valid template whose key, version and
    purpose are the record's."""
    content = values.get("content")
    problems = collect(
        {},
        template_key=text_problem(values.get("template_key"), NAME_LENGTH, required=True),
        version=number_problem(values.get("version", 1), low=1),
        purpose=choice_problem(values.get("purpose", "visit"), PURPOSES),
        title_ru=text_problem(values.get("title_ru"), NAME_LENGTH),
        title_en=text_problem(values.get("title_en"), NAME_LENGTH),
        source=text_problem(values.get("source"), NAME_LENGTH),
        content=template_problem(content),
    )
    if problems or not isinstance(content, Mapping):
        return problems
    for name, key in (("template_key", "id"), ("version", "version"), ("purpose", "purpose")):
        if values.get(name) is not None and values.get(name) != content.get(key):
            problems[name] = _("does not match the template's “{key}”.").format(key=key)
    return problems


def snapshot_problems(values: Mapping[str, Any]) -> Problems:
    """A visit's or lesson's ``template_snapshot``: none, or a valid template."""
    content = values.get(SNAPSHOT)
    return collect({}, template_snapshot=None if content is None else template_problem(content))


def template_problem(content: Any) -> str | None:
    """Why ``content`` is not a valid checklist template (None when it is). Templates repeat —
    every visit keeps a copy of one — so the answer is remembered for identical content
    (identical to the type: ``True``, ``1`` and ``1.0`` differ, as they do to the schema)."""
    try:
        key = (marshal.dumps(content, 2), current_language())  # version 2: no shared refs
    except (ValueError, TypeError, RecursionError):
        return _judge(content)
    if key not in _JUDGED:
        if len(_JUDGED) >= MAX_REMEMBERED:
            _JUDGED.clear()
        _JUDGED[key] = _judge(content)
    return _JUDGED[key]


MAX_REMEMBERED = 64
"""Judged contents remembered (a template is a few tens of kilobytes)."""
_JUDGED: dict[tuple[bytes, str], str | None] = {}
"""The contents judged lately (serialised with their types) and what was found."""


def _judge(content: Any) -> str | None:
    try:
        validate_checklist_template(content, source=SNAPSHOT)
    except ValidationError as exc:
        return exc.user_message
    except RecursionError:
        return _("a JSON object was expected.")
    return None
