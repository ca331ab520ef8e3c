"""Checklist templates against the shipped JSON Schema: errors name the file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from curator_desktop.domain.catalogs.validation import (
    parse_checklist_template,
    validate_checklist_template,
)
from curator_desktop.domain.checklists.items import ATTACH_MODES, ITEM_TYPES, PURPOSES
from curator_desktop.domain.checklists.template_schema import template_schema
from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.errors import ValidationError
from curator_desktop.paths import resource_dir

CHECKLISTS = sorted((resource_dir() / "checklists").glob("*.json"))
CODES = {f"R{n:02d}" for n in range(1, 12)}

TEMPLATE = """{
  "format": 1,
  "id": "small-check",
  "version": 1,
  "purpose": "visit",
  "title": {"ru": "Проверка", "en": "Check"},
  "visit_types": ["planned"],
  "sections": [
    {
      "key": "main",
      "title": {"ru": "Основное", "en": "Main"},
      "items": [
        {
          "key": "main.done",
          "text": {"ru": "Сделано", "en": "Done"},
          "type": "yes_no_partly",
          "required": true,
          "risk_factors": ["R01"]
        },
        {
          "key": "main.level",
          "text": {"ru": "Уровень", "en": "Level"},
          "type": "scale",
          "scale": {"min": 0, "max": 2, "labels": {"0": {"ru": "нет", "en": "none"}}}
        },
        {
          "key": "main.why",
          "text": {"ru": "Почему", "en": "Why"},
          "type": "choice",
          "options": [{"value": "a", "label": {"ru": "А", "en": "A"}}],
          "condition": {"item": "main.done", "equals": "no"}
        }
      ]
    }
  ]
}
"""


def _line(text: str, snippet: str) -> int:
    """The line where ``snippet`` begins in ``text``."""
    assert snippet in text, snippet
    return text[: text.index(snippet)].count("\n") + 1


def _error(text: str, name: str = "small-check.json") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_checklist_template(text, source=Path("/somewhere") / name, factor_codes=CODES)
    return caught.value


def test_the_small_template_is_valid() -> None:
    content = parse_checklist_template(TEMPLATE, source="small-check.json", factor_codes=CODES)
    assert content["id"] == "small-check"


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.name)
def test_every_builtin_template_passes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    content = parse_checklist_template(text, source=path, factor_codes=CODES)
    assert content == json.loads(text)


def test_the_schema_is_valid_and_agrees_with_the_domain_constants() -> None:
    schema = template_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert tuple(schema["$defs"]["item_type"]["enum"]) == ITEM_TYPES
    assert tuple(schema["properties"]["purpose"]["enum"]) == PURPOSES
    assert tuple(schema["$defs"]["attach_mode"]["enum"]) == ATTACH_MODES
    visit_types = schema["properties"]["visit_types"]["items"]["enum"]
    assert visit_types == [member.value for member in VisitType]


# (change to the text, snippet whose line is reported, field, words of the problem)
SCHEMA_CASES = [
    (
        ('"type": "yes_no_partly"', '"type": "yesno"'),
        '"type": "yesno"',
        "sections[0].items[0].type (item main.done)",
        "unknown answer type “yesno”",
    ),
    (
        ('"required": true', '"required": "yes"'),
        '"required": "yes"',
        "sections[0].items[0].required",
        "must be true or false",
    ),
    (
        ('"en": "Check"', '"eng": "Check"'),
        '"title"',
        "title",
        "English text is missing",
    ),
    (
        ('"required": true,', '"required": true, "requird": false,'),
        '"requird"',
        "sections[0].items[0].requird",
        "unknown key “requird”",
    ),
    (('"version": 1', '"version": 0'), '"version": 0', "version", "at least 1"),
    (('"format": 1', '"format": 2'), '"format": 2', "format", "unsupported format 2"),
    (
        ('"id": "small-check"', '"id": "Small Check"'),
        '"id"',
        "id",
        "lower-case key",
    ),
    (
        ('"options": [{"value": "a", "label": {"ru": "А", "en": "A"}}]', '"options": []'),
        '"options": []',
        "sections[0].items[2].options (item main.why)",
        "needs options",
    ),
    (
        ('"visit_types": ["planned"]', '"visit_types": ["planned", "weekly"]'),
        '"visit_types"',
        "visit_types[1]",
        "unknown visit type “weekly”",
    ),
    (
        ('"labels": {"0"', '"labels": {"zero"'),
        '"labels"',
        "scale.labels.zero (item main.level)",
        "whole number",
    ),
    (
        ('"required": true,', '"required": true, "scale": {"min": 0, "max": 1},'),
        '"scale": {"min": 0, "max": 1}',
        "sections[0].items[0].scale",
        "only for scale items",
    ),
    (
        ('"value": "a"', '"value": ""'),
        '"value": ""',
        "options[0].value",
        "must not be empty",
    ),
]


@pytest.mark.parametrize(
    ("change", "snippet", "field", "problem"),
    SCHEMA_CASES,
    ids=["enum", "type", "required", "additional", "minimum", "const", "pattern", "min-items",
         "array-enum", "label-key", "not-for-type", "min-length"],
)  # fmt: skip
def test_schema_errors_name_file_line_and_field(
    change: tuple[str, str], snippet: str, field: str, problem: str
) -> None:
    text = TEMPLATE.replace(*change, 1)
    error = _error(text)
    message = error.user_message
    assert message.startswith(f"small-check.json, line {_line(text, snippet)}, "), message
    assert field in message and problem in message, message
    assert "/somewhere" not in message
    for raw in ("is not one of", "is a required property", "is not of type", "was unexpected"):
        assert raw not in message and raw not in error.details


def test_every_schema_problem_is_listed_in_the_details_in_file_order() -> None:
    text = TEMPLATE.replace('"version": 1', '"version": "1"').replace(
        '"type": "scale"', '"type": "slider"'
    )
    error = _error(text)
    lines = error.details.splitlines()
    assert len(lines) == 2
    version, slider = _line(text, '"version"'), _line(text, '"slider"')
    assert f"line {version}, version:" in lines[0]
    assert f"line {slider}, sections[0].items[1].type" in lines[1]
    assert error.user_message == lines[0]


# (change, snippet whose line is reported, field, words of the problem)
RULE_CASES = [
    (
        ('"equals": "no"', '"equals": "maybe"'),
        '"equals": "maybe"',
        "sections[0].items[2].condition.equals (item main.why)",
        "cannot have",
    ),
    (
        ('"condition": {"item": "main.done"', '"condition": {"item": "main.why"'),
        '"item": "main.why"',
        "sections[0].items[2].condition.item",
        "not an earlier item",
    ),
    (
        ('"key": "main.level"', '"key": "main.done"'),
        '"key": "main.done",\n          "text": {"ru": "Уровень"',
        "sections[0].items[1].key",
        "used twice",
    ),
    (
        ('"R01"', '"R42"'),
        '"R42"',
        "sections[0].items[0].risk_factors[0]",
        "unknown risk factor “R42”",
    ),
    (('"max": 2', '"max": 0'), '"max": 0', "sections[0].items[1].scale.max", "below “max”"),
    (
        ('"labels": {"0"', '"labels": {"5"'),
        '"5"',
        'sections[0].items[1].scale.labels["5"]',
        "outside the scale",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "snippet", "field", "problem"),
    RULE_CASES,
    ids=["impossible-answer", "forward-condition", "duplicate-item", "unknown-factor",
         "scale-bounds", "label-outside"],
)  # fmt: skip
def test_rule_errors_name_file_line_field_and_item(
    change: tuple[str, str], snippet: str, field: str, problem: str
) -> None:
    text = TEMPLATE.replace(*change, 1)
    error = _error(text)
    assert error.user_message.startswith(f"small-check.json, line {_line(text, snippet)}, ")
    assert field in error.user_message and problem in error.user_message, error.user_message
    assert error.field and error.field.startswith("main.")


def test_bad_json_syntax_names_line_and_column() -> None:
    text = TEMPLATE.replace('"version": 1,', '"version": 1', 1)
    error = _error(text)
    line = _line(text, '"purpose"')
    assert error.user_message.startswith(f"small-check.json, line {line}, column 3: invalid JSON (")
    assert "comma is missing" in error.user_message
    trailing = TEMPLATE.replace('"visit_types": ["planned"]', '"visit_types": ["planned",]')
    line = _line(trailing, '"visit_types"')
    assert f"line {line}," in _error(trailing).user_message


def test_a_key_twice_in_one_object_names_its_line() -> None:
    text = TEMPLATE.replace('"type": "scale",', '"type": "scale", "type": "number",')
    error = _error(text)
    line = _line(text, '"type": "scale"')
    assert error.user_message.startswith(
        f"small-check.json, line {line}, sections[0].items[1].type"
    )
    assert "“type” appears twice" in error.user_message


def test_a_non_object_document_is_refused() -> None:
    assert "a JSON object was expected" in _error("[1, 2]").user_message


def test_without_the_text_errors_still_name_file_and_field() -> None:
    data = json.loads(TEMPLATE.replace('"type": "scale"', '"type": "slider"'))
    with pytest.raises(ValidationError) as caught:
        validate_checklist_template(data, source="small-check.json")
    message = caught.value.user_message
    assert message.startswith("small-check.json, sections[0].items[1].type (item main.level): ")
    assert "“slider”" in message and caught.value.field == "main.level"
