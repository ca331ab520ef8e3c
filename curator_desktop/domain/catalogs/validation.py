"""Checks of the catalog files: a risk-factor catalog and a checklist template.

A checklist template is checked against the JSON Schema shipped with the app
(``resources/schemas/checklist-template.schema.json``), then by the rules a schema cannot say:
unique keys, known risk factors, scale and number bounds, conditions naming earlier items. Every
failure is a :class:`ValidationError` whose message names the file, the line (when the JSON text
is known) and the field, e.g. «primary-visit.json, line 42, sections[1].items[3].type: unknown
answer type “yesno”…». ``field`` is the item key for a problem inside an item, else the path.
The JSON text is read by :mod:`.json_parsing`, the schema part lives in :mod:`.template_schema`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from curator_desktop.domain.checklists.items import answer_is_valid, is_int
from curator_desktop.domain.checklists.template_schema import schema_problems
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_locator import JsonPath
from curator_desktop.domain.json_parsing import JsonPlace, file_name, parse_json
from curator_desktop.i18n import _, ngettext

FORMAT = 1
"""The version of the file format these checks understand."""
MAX_LISTED = 20
"""Schema problems listed in an error's details."""


# --- risk catalog -----------------------------------------------------------------------------


class _Checker:
    """Collects the file name so every message says where the problem is."""

    def __init__(self, source: Path | str) -> None:
        self.source = file_name(source)

    def fail(self, where: str, problem: str, *, field: str | None = None) -> ValidationError:
        if where:
            message = _("{file}, {where}: {problem}").format(
                file=self.source, where=where, problem=problem
            )
        else:
            message = _("{file}: {problem}").format(file=self.source, problem=problem)
        return ValidationError(message, field=field)

    def translated(self, value: Any, where: str, name: str, field: str | None = None) -> None:
        ok = isinstance(value, dict) and all(
            isinstance(value.get(lang), str) and value[lang].strip() for lang in ("ru", "en")
        )
        if not ok:
            raise self.fail(
                where,
                _("“{name}” needs a Russian and an English text.").format(name=name),
                field=field,
            )

    def text(self, value: Any, where: str, name: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, _("“{name}” must be a non-empty text.").format(name=name))


def validate_risk_catalog(data: Mapping[str, Any], *, source: Path | str) -> None:
    """Check the shape of a risk-factor catalog file; raise :class:`ValidationError` if wrong."""
    check = _Checker(source)
    missing = sorted({"format", "catalog_key", "version", "title", "factors"} - data.keys())
    if missing:
        raise check.fail("", _("the key “{key}” is missing.").format(key=missing[0]))
    if data["format"] != FORMAT:
        raise check.fail("", _("unsupported format {format}.").format(format=data["format"]))
    check.text(data["catalog_key"], "", "catalog_key")
    check.text(data["version"], "", "version")
    check.translated(data["title"], "", "title")
    limit = data.get("max_active_directions", 3)
    if not is_int(limit) or limit < 1:
        raise check.fail("", _("“max_active_directions” must be a positive whole number."))
    factors = data["factors"]
    if not isinstance(factors, list) or not factors:
        raise check.fail("", _("the catalog has no factors."))
    seen: set[str] = set()
    for number, factor in enumerate(factors, 1):
        where = _("factor {number}").format(number=number)
        if not isinstance(factor, dict):
            raise check.fail(where, _("a JSON object was expected."))
        if not {"code", "name"} <= factor.keys():
            key = "code" if "code" not in factor else "name"
            raise check.fail(where, _("the key “{key}” is missing.").format(key=key))
        check.text(factor["code"], where, "code")
        code = factor["code"]
        where = _("factor {code}").format(code=code)
        if code in seen:
            raise check.fail(where, _("the code is used twice."), field=code)
        seen.add(code)
        check.translated(factor["name"], where, "name", code)
        year_from, year_to = factor.get("year_from"), factor.get("year_to")
        for value in (year_from, year_to):
            if value is not None and not is_int(value):
                raise check.fail(where, _("years must be whole numbers or null."), field=code)
        if year_from is not None and year_to is not None and year_from > year_to:
            raise check.fail(where, _("“year_from” is later than “year_to”."), field=code)


# --- checklist templates ----------------------------------------------------------------------


def parse_checklist_template(
    text: str, *, source: Path | str, factor_codes: set[str] | None = None
) -> dict[str, Any]:
    """Parse and check the JSON text of a template; return its content."""
    data = parse_json(text, source=source)
    if not isinstance(data, dict):
        raise JsonPlace(source, text).error((), _("a JSON object was expected."))
    validate_checklist_template(data, source=source, factor_codes=factor_codes, text=text)
    return data


def validate_checklist_template(
    data: Mapping[str, Any],
    *,
    source: Path | str,
    factor_codes: set[str] | None = None,
    text: str | None = None,
) -> None:
    """Check a template against the schema, then the rules across items.

    ``factor_codes`` (when given) are the risk-factor codes items may link to; ``text`` (the
    JSON the data was parsed from) lets messages give the line.
    """
    place = JsonPlace(source, text)
    problems = schema_problems(data)
    if problems:
        problems.sort(key=lambda p: place.line(p[0]) or 0)
        messages = [place.message(path, problem) for path, problem in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            rest = len(problems) - MAX_LISTED
            messages.append(
                ngettext("… and {n} more problem.", "… and {n} more problems.", rest).format(n=rest)
            )
        details = "\n".join(messages) if len(problems) > 1 else ""
        path, problem = problems[0]
        raise place.error(path, problem, item=_item_key(data, path), details=details)
    if not is_int(data["version"]):
        raise place.error(("version",), _("must be a whole number."))
    section_keys: set[str] = set()
    items: dict[str, Mapping[str, Any]] = {}
    for s, section in enumerate(data["sections"]):
        if section["key"] in section_keys:
            raise place.error(("sections", s, "key"), _("the section key is used twice."))
        section_keys.add(section["key"])
        for i, item in enumerate(section["items"]):
            _check_item(place, ("sections", s, "items", i), item, items, factor_codes)
            items[item["key"]] = item


def _item_key(data: Mapping[str, Any], path: JsonPath) -> str | None:
    """The key of the item ``path`` lies in, if it does and the item has a text key."""
    if len(path) < 4 or path[0] != "sections" or path[2] != "items":
        return None
    try:
        key = data["sections"][path[1]]["items"][path[3]].get("key")
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return key if isinstance(key, str) else None


def _check_item(
    place: JsonPlace,
    at: JsonPath,
    item: Mapping[str, Any],
    earlier: Mapping[str, Mapping[str, Any]],
    factor_codes: set[str] | None,
) -> None:
    key, kind = item["key"], item["type"]

    def fail(where: tuple[str | int, ...], problem: str) -> ValidationError:
        return place.error((*at, *where), problem, item=key)

    if key in earlier:
        raise fail(("key",), _("the item key is used twice."))
    for n, code in enumerate(item.get("risk_factors", [])):
        if factor_codes is not None and code not in factor_codes:
            raise fail(("risk_factors", n), _("unknown risk factor “{code}”.").format(code=code))
    if kind == "scale":
        scale = item["scale"]
        for bound in ("min", "max"):
            if not is_int(scale[bound]):
                raise fail(("scale", bound), _("must be a whole number."))
        if scale["min"] >= scale["max"]:
            raise fail(("scale", "max"), _("a scale item needs whole “min” below “max”."))
        for value in scale.get("labels", {}):
            if not scale["min"] <= int(value) <= scale["max"]:
                raise fail(("scale", "labels", value), _("a scale label is outside the scale."))
    if kind == "number":
        low, high = item.get("min"), item.get("max")
        if low is not None and high is not None and low > high:
            raise fail(("max",), _("“min” and “max” must be numbers, min not above max."))
    if kind in ("choice", "multi_choice"):
        seen: set[str] = set()
        for n, option in enumerate(item["options"]):
            if option["value"] in seen:
                raise fail(("options", n, "value"), _("two options have the same value."))
            seen.add(option["value"])
    condition = item.get("condition")
    if condition is not None:
        target = earlier.get(condition["item"])
        if target is None:
            problem = _("the condition refers to “{item}”, which is not an earlier item.")
            raise fail(("condition", "item"), problem.format(item=condition["item"]))
        if not answer_is_valid(target, condition["equals"], single=True):
            problem = _("the condition expects an answer “{item}” cannot have.")
            raise fail(("condition", "equals"), problem.format(item=condition["item"]))
