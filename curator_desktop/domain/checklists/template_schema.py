"""The JSON Schema of checklist templates and its errors in the user's words.

The schema ships in ``resources/schemas/checklist-template.schema.json``; jsonschema is imported
only when a template is checked. Each violation becomes (path, translated problem).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from curator_desktop.domain.json_locator import JsonPath
from curator_desktop.i18n import N_, _, ngettext

SCHEMA_FILE = ("schemas", "checklist-template.schema.json")


@functools.cache
def template_schema() -> dict[str, Any]:
    """The JSON Schema of checklist templates shipped in ``resources/schemas``."""
    from curator_desktop.paths import resource

    return json.loads(resource(*SCHEMA_FILE).read_text(encoding="utf-8"))


@functools.cache
def _schema_validator() -> Any:
    from jsonschema import Draft202012Validator  # ≈70 ms: only when a template is checked

    return Draft202012Validator(template_schema())


def schema_problems(data: Any) -> list[tuple[JsonPath, str]]:
    """Every schema violation of ``data`` as (path, translated problem)."""
    return [_explain(error) for error in _schema_validator().iter_errors(data)]


_TYPE_NAMES = {
    "string": N_("a text in quotes"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "array": N_("a list […]"),
    "object": N_("an object {…}"),
    "null": N_("null"),
}
_ENUM_PROBLEMS = {
    "type": N_("unknown answer type “{value}”; expected one of: {allowed}."),
    "purpose": N_("unknown purpose “{value}”; expected one of: {allowed}."),
    "visit_types": N_("unknown visit type “{value}”; expected one of: {allowed}."),
}
_MISSING = {
    "ru": N_("the Russian text is missing."),
    "en": N_("the English text is missing."),
    "scale": N_("a scale item needs “scale” with whole “min” and “max”."),
    "options": N_("a choice item needs “options”."),
}
_ONLY_FOR = {
    "scale": N_("“scale” is only for scale items."),
    "min": N_("“min” is only for number items."),
    "max": N_("“max” is only for number items."),
    "options": N_("“options” is only for choice items."),
}
_EMPTY_LISTS = {
    "sections": N_("the template has no sections."),
    "items": N_("the section has no items."),
    "options": N_("a choice item needs options."),
}


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _explain(error: Any) -> tuple[JsonPath, str]:
    """A jsonschema error as (path, problem in the user's language)."""
    path: JsonPath = tuple(error.absolute_path)
    field = next((step for step in reversed(path) if isinstance(step, str)), "")
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        key = next(k for k in expected if k not in value)
        problem = _MISSING.get(key, N_("the key “{key}” is missing."))
        return path, _(problem).format(key=key)
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        key = sorted(k for k in value if k not in known)[0]
        if field == "labels":
            return (*path, key), _("a scale label must be a whole number, not “{key}”.").format(
                key=key
            )
        return (*path, key), _("unknown key “{key}”.").format(key=key)
    if kind == "not":
        problem = _ONLY_FOR.get(field, N_("“{key}” is not allowed here."))
        return path, _(problem).format(key=field)
    if kind == "type":
        names = [expected] if isinstance(expected, str) else expected
        wanted = _(" or ").join(_(_TYPE_NAMES[name]) for name in names)
        return path, _("must be {expected}.").format(expected=wanted)
    if kind == "enum":
        allowed = ", ".join(_shown(v) for v in expected)
        problem = _ENUM_PROBLEMS.get(
            field, N_("“{value}” is not allowed; expected one of: {allowed}.")
        )
        return path, _(problem).format(value=_shown(value), allowed=allowed)
    if kind == "const":
        if field == "format":
            return path, _(
                "unsupported format {format}; this program reads format {known}."
            ).format(format=_shown(value), known=expected)
        return path, _("must be {expected}.").format(expected=_shown(expected))
    if kind in ("minimum", "exclusiveMinimum"):
        return path, _("must be at least {limit}.").format(limit=expected)
    if kind in ("maximum", "exclusiveMaximum"):
        return path, _("must be at most {limit}.").format(limit=expected)
    if kind == "minItems":
        if expected == 1 and field in _EMPTY_LISTS:
            return path, _(_EMPTY_LISTS[field])
        return path, ngettext(
            "needs at least {n} entry.", "needs at least {n} entries.", expected
        ).format(n=expected)
    if kind == "minLength" or (kind == "pattern" and expected == "\\S"):
        return path, _("must not be empty.")
    if kind == "pattern" and field == "id":
        return path, _("“id” must be a lower-case key such as “primary-visit”.")
    if kind == "pattern":
        return path, _("“{value}” does not have the expected form.").format(value=_shown(value))
    return path, _("does not match the template format ({detail}).").format(detail=error.message)
