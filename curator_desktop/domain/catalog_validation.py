"""Structural checks of the catalog files: a risk-factor catalog and a checklist template.

Keys, types and references, each failure a :class:`ValidationError` naming the file and the
place; a full JSON Schema comes later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from curator_desktop.domain.checklists import (
    ATTACH_MODES,
    ITEM_TYPES,
    PURPOSES,
    answer_is_valid,
    is_int,
    is_number,
)
from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _

FORMAT = 1
"""The version of the file format these checks understand."""

_TEMPLATE_KEYS = {"format", "id", "version", "purpose", "title", "visit_types", "sections"}
_SECTION_KEYS = {"key", "title", "items"}
_ITEM_KEYS = {
    "key", "text", "type", "required", "risk_factors", "help", "comment", "attachments",
    "scale", "min", "max", "options", "condition",
}  # fmt: skip
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class _Checker:
    """Collects the file name so every message says where the problem is."""

    def __init__(self, source: Path | str) -> None:
        self.source = source

    def fail(self, where: str, problem: str, *, field: str | None = None) -> ValidationError:
        if where:
            message = _("{file}, {where}: {problem}").format(
                file=self.source, where=where, problem=problem
            )
        else:
            message = _("{file}: {problem}").format(file=self.source, problem=problem)
        return ValidationError(message, field=field)

    def require(
        self, data: Mapping[str, Any], keys: set[str], where: str, field: str | None
    ) -> None:
        missing = sorted(keys - data.keys())
        if missing:
            raise self.fail(
                where, _("the key “{key}” is missing.").format(key=missing[0]), field=field
            )

    def only(self, data: Mapping[str, Any], keys: set[str], where: str, field: str | None) -> None:
        unknown = sorted(data.keys() - keys)
        if unknown:
            raise self.fail(where, _("unknown key “{key}”.").format(key=unknown[0]), field=field)

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
    check.require(data, {"format", "catalog_key", "version", "title", "factors"}, "", None)
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
        check.require(factor, {"code", "name"}, where, None)
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


def validate_checklist_template(
    data: Mapping[str, Any], *, source: Path | str, factor_codes: set[str] | None = None
) -> None:
    """Check the shape of a checklist template; raise :class:`ValidationError` naming the item.

    ``factor_codes`` (when given) are the risk-factor codes items may link to.
    """
    check = _Checker(source)
    check.require(data, _TEMPLATE_KEYS, "", None)
    check.only(data, _TEMPLATE_KEYS, "", None)
    if data["format"] != FORMAT:
        raise check.fail("", _("unsupported format {format}.").format(format=data["format"]))
    if not isinstance(data["id"], str) or not _SLUG.match(data["id"]):
        raise check.fail("", _("“id” must be a lower-case key such as “primary-visit”."))
    if not is_int(data["version"]) or data["version"] < 1:
        raise check.fail("", _("“version” must be a positive whole number."))
    if data["purpose"] not in PURPOSES:
        raise check.fail("", _("unknown purpose “{purpose}”.").format(purpose=data["purpose"]))
    check.translated(data["title"], "", "title")
    visit_types = data["visit_types"]
    known_types = {member.value for member in VisitType}
    if not isinstance(visit_types, list) or not set(visit_types) <= known_types:
        raise check.fail("", _("“visit_types” must list known visit types."))
    sections = data["sections"]
    if not isinstance(sections, list) or not sections:
        raise check.fail("", _("the template has no sections."))
    section_keys: set[str] = set()
    items: dict[str, Mapping[str, Any]] = {}
    for number, section in enumerate(sections, 1):
        where = _("section {number}").format(number=number)
        if not isinstance(section, dict):
            raise check.fail(where, _("a JSON object was expected."))
        check.require(section, _SECTION_KEYS, where, None)
        check.only(section, _SECTION_KEYS, where, None)
        check.text(section["key"], where, "key")
        where = _("section {key}").format(key=section["key"])
        if section["key"] in section_keys:
            raise check.fail(where, _("the section key is used twice."))
        section_keys.add(section["key"])
        check.translated(section["title"], where, "title")
        if not isinstance(section["items"], list) or not section["items"]:
            raise check.fail(where, _("the section has no items."))
        for item in section["items"]:
            if not isinstance(item, dict):
                raise check.fail(where, _("a JSON object was expected."))
            _check_item(check, item, items, factor_codes)
            items[item["key"]] = item


def _check_item(
    check: _Checker,
    item: Mapping[str, Any],
    earlier: Mapping[str, Mapping[str, Any]],
    factor_codes: set[str] | None,
) -> None:
    check.require(item, {"key", "text", "type"}, _("an item"), None)
    check.text(item["key"], _("an item"), "key")
    key = item["key"]
    where = _("item {key}").format(key=key)
    check.only(item, _ITEM_KEYS, where, key)
    if key in earlier:
        raise check.fail(where, _("the item key is used twice."), field=key)
    check.translated(item["text"], where, "text", key)
    kind = item["type"]
    if kind not in ITEM_TYPES:
        raise check.fail(where, _("unknown answer type “{type}”.").format(type=kind), field=key)
    if "help" in item:
        check.translated(item["help"], where, "help", key)
    if not isinstance(item.get("required", False), bool):
        raise check.fail(where, _("“required” must be true or false."), field=key)
    for name in ("comment", "attachments"):
        if item.get(name, "none") not in ATTACH_MODES:
            raise check.fail(
                where,
                _("“{name}” must be none, optional or required.").format(name=name),
                field=key,
            )
    links = item.get("risk_factors", [])
    if not isinstance(links, list) or not all(isinstance(code, str) for code in links):
        raise check.fail(where, _("“risk_factors” must be a list of factor codes."), field=key)
    unknown = [code for code in links if factor_codes is not None and code not in factor_codes]
    if unknown:
        raise check.fail(
            where, _("unknown risk factor “{code}”.").format(code=unknown[0]), field=key
        )
    _check_answer_shape(check, item, where)
    if "condition" in item:
        _check_condition(check, item, earlier, where)


def _check_answer_shape(check: _Checker, item: Mapping[str, Any], where: str) -> None:
    kind, key = item["type"], item["key"]
    for name, owner in (("scale", ("scale",)), ("min", ("number",)), ("max", ("number",))):
        if name in item and kind not in owner:
            raise check.fail(
                where,
                _("“{name}” is only for {type} items.").format(name=name, type=owner[0]),
                field=key,
            )
    if "options" in item and kind not in ("choice", "multi_choice"):
        raise check.fail(where, _("“options” is only for choice items."), field=key)
    if kind == "scale":
        scale = item.get("scale")
        ok = isinstance(scale, dict) and is_int(scale.get("min")) and is_int(scale.get("max"))
        if not ok or scale["min"] >= scale["max"]:
            raise check.fail(where, _("a scale item needs whole “min” below “max”."), field=key)
        labels = scale.get("labels", {})
        if not isinstance(labels, dict):
            raise check.fail(where, _("scale labels must be an object."), field=key)
        for value, label in labels.items():
            if not value.lstrip("-").isdigit() or not scale["min"] <= int(value) <= scale["max"]:
                raise check.fail(where, _("a scale label is outside the scale."), field=key)
            check.translated(label, where, "labels", key)
    if kind == "number":
        low, high = item.get("min"), item.get("max")
        if any(v is not None and not is_number(v) for v in (low, high)) or (
            low is not None and high is not None and low > high
        ):
            raise check.fail(
                where, _("“min” and “max” must be numbers, min not above max."), field=key
            )
    if kind in ("choice", "multi_choice"):
        options = item.get("options")
        if not isinstance(options, list) or not options:
            raise check.fail(where, _("a choice item needs options."), field=key)
        values = []
        for option in options:
            if (
                not isinstance(option, dict)
                or not isinstance(option.get("value"), str)
                or not option["value"]
            ):
                raise check.fail(where, _("every option needs a value."), field=key)
            check.translated(option.get("label"), where, "label", key)
            values.append(option["value"])
        if len(set(values)) != len(values):
            raise check.fail(where, _("two options have the same value."), field=key)


def _check_condition(
    check: _Checker, item: Mapping[str, Any], earlier: Mapping[str, Mapping[str, Any]], where: str
) -> None:
    key, condition = item["key"], item["condition"]
    if not isinstance(condition, dict) or set(condition) != {"item", "equals"}:
        raise check.fail(where, _("a condition needs exactly “item” and “equals”."), field=key)
    target = earlier.get(condition["item"])
    if target is None:
        raise check.fail(
            where,
            _("the condition refers to “{item}”, which is not an earlier item.").format(
                item=condition["item"]
            ),
            field=key,
        )
    if not answer_is_valid(target, condition["equals"], single=True):
        raise check.fail(
            where,
            _("the condition expects an answer “{item}” cannot have.").format(
                item=condition["item"]
            ),
            field=key,
        )
