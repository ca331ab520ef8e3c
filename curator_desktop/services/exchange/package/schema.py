"""The JSON Schemas of an exchange package and their errors in the user's words.

``resources/schemas/exchange-manifest.schema.json`` describes ``manifest.json``;
``resources/schemas/exchange-records.schema.json`` describes the ``data/`` members (an object of
table name → array of records). The records schema is generated from the SQLModel columns by
:func:`build_records_schema`; the shipped file is what the reader enforces, and a test keeps it
equal to the generated one (regenerate with
``python -m curator_desktop.services.exchange.package.schema``). jsonschema is imported only when
a package is checked.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_origin

from sqlalchemy import JSON, Boolean, Date, Float, Integer, String, Time
from sqlmodel.sql.sqltypes import AutoString

from curator_desktop.domain.checklists.template_schema import _explain as _explain_generic
from curator_desktop.domain.json_locator import JsonPath
from curator_desktop.i18n import N_, _
from curator_desktop.services.exchange.package.format import DATA_TABLES
from curator_desktop.services.exchange.records import MODELS
from curator_desktop.services.limits.json_text import INT_MAX, INT_MIN
from curator_desktop.store import tables
from curator_desktop.store.types import UtcDateTime

MANIFEST_SCHEMA_FILE = ("schemas", "exchange-manifest.schema.json")
RECORDS_SCHEMA_FILE = ("schemas", "exchange-records.schema.json")

UTC_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TIME_PATTERN = r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
ONE_LINE_PATTERN = r"^[^\u0000-\u001F\u007F-\u009F\u200E\u200F\u2028-\u202E\u2066-\u2069]*$"
"""A name or title: no control characters, line breaks or text-direction overrides."""
VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.+_-]*$"
DEVICE_PATTERN = r"^[0-9A-Za-z._:-]*$"
RECORD_ID_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z_-]{0,35}$"
PUBLIC_KEY_PATTERN = r"^[A-Za-z0-9+/]{43}=$"
SIGNATURE_PATTERN = r"^[A-Za-z0-9+/]{86}==$"
SHOWN_VALUE = 40
"""A value quoted in a message is cut to this many characters."""
SYNC_REQUIRED = ("id", "revision", "updated_at", "deleted")
"""Keys every synced record must have; columns without a default are required too."""

_PATTERN_PROBLEMS = {
    UTC_PATTERN: N_("must be a UTC time such as “2026-11-20T09:30:00Z”, not “{value}”."),
    DATE_PATTERN: N_("must be a date such as “2026-11-20”, not “{value}”."),
    TIME_PATTERN: N_("must be a time such as “09:30:00”, not “{value}”."),
    SHA256_PATTERN: N_("must be a SHA-256 checksum (64 hexadecimal digits), not “{value}”."),
    UUID_PATTERN: N_(
        "must be an id such as “e9ae6838-b49b-4ecd-82af-e634c27867db”, not “{value}”."
    ),
    ONE_LINE_PATTERN: N_("must be written on one line, without control characters."),
    VERSION_PATTERN: N_("must be a version number such as “0.1.0”, not “{value}”."),
    DEVICE_PATTERN: N_("must be a computer's id (Latin letters, digits, “-”, “_”), not “{value}”."),
    RECORD_ID_PATTERN: N_("must be a record's id, not “{value}”."),
    PUBLIC_KEY_PATTERN: N_("must be a public key (32 bytes in base64)."),
    SIGNATURE_PATTERN: N_("must be a signature (64 bytes in base64)."),
}


def _column_schema(model: type[Any], column: Any) -> dict[str, Any]:
    kind = column.type
    schema: dict[str, Any]
    if isinstance(kind, UtcDateTime):
        schema = {"type": "string", "pattern": UTC_PATTERN}
    elif isinstance(kind, Date):
        schema = {"type": "string", "pattern": DATE_PATTERN}
    elif isinstance(kind, Time):
        schema = {"type": "string", "pattern": TIME_PATTERN}
    elif isinstance(kind, Boolean):
        schema = {"type": "boolean"}
    elif isinstance(kind, Integer):
        schema = {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
    elif isinstance(kind, Float):
        schema = {"type": "number"}
    elif isinstance(kind, JSON):
        origin = get_origin(model.model_fields[column.name].annotation)
        shapes = {list: "array", dict: "object"}
        schema = {"type": shapes[origin]} if origin in shapes else {}
    elif isinstance(kind, String | AutoString):
        schema = {"type": "string"}
        if kind.length:
            schema["maxLength"] = kind.length
    else:  # pragma: no cover - a new column type needs a line above
        raise TypeError(f"no JSON Schema for {model.__name__}.{column.name}: {kind!r}")
    if column.nullable and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    return schema


def _table_schema(table: str) -> dict[str, Any]:
    model = MODELS.get(table, tables.ChangeLog)
    columns = list(model.__table__.columns)
    always = SYNC_REQUIRED if table in MODELS else ("id", "at")
    required = [
        c.name
        for c in columns
        if c.name in always or model.model_fields[c.name].is_required() or c.primary_key
    ]
    return {
        "type": "object",
        "required": required,
        "properties": {c.name: _column_schema(model, c) for c in columns},
    }


def build_records_schema() -> dict[str, Any]:
    """The records schema generated from the tables' columns (the shipped file's content)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:curator-desktop:schema:exchange-records:1",
        "title": "Curator Desktop exchange package: records",
        "description": (
            "The data/ members of a *.curator package, as one object: each key is a table, "
            "data/<table>.json holds its array of records. A record is its table's columns: "
            "UTC times as ISO-8601 with Z, dates YYYY-MM-DD, times HH:MM:SS, JSON columns as "
            "they are. Keys a reader does not know are ignored. Generated from the store's "
            "tables (curator_desktop.services.exchange.package.schema)."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": {
            table: {"type": "array", "items": {"$ref": f"#/$defs/{table}"}} for table in DATA_TABLES
        },
        "$defs": {table: _table_schema(table) for table in DATA_TABLES},
    }


def _load(parts: tuple[str, str]) -> dict[str, Any]:
    from curator_desktop.paths import resource

    return json.loads(resource(*parts).read_text(encoding="utf-8"))


@functools.cache
def _validator(which: str) -> Any:
    from jsonschema import Draft202012Validator  # ≈70 ms: only when a package is checked

    files = {"manifest": MANIFEST_SCHEMA_FILE, "records": RECORDS_SCHEMA_FILE}
    return Draft202012Validator(_load(files[which]))


def manifest_problems(data: Any) -> list[tuple[JsonPath, str]]:
    """Every violation of the manifest schema as (path, translated problem)."""
    errors = sorted(_validator("manifest").iter_errors(data), key=lambda e: list(e.path))
    return [explain(error) for error in errors]


def record_problem(table: str, index: int, record: Any) -> tuple[JsonPath, str] | None:
    """The first violation of the records schema by the record at ``index`` of
    ``data/<table>.json`` (path inside the member: record index, key…), or None.

    Records are checked by a plain-Python reading of the shipped schema (about twenty times
    faster than jsonschema); jsonschema explains a record that fails it (that one record only,
    never the whole member), and checks each record itself if the schema ever uses a keyword
    that reading does not know.
    """
    checker = _fast_checker(table)
    if checker is not None and checker(record):
        return None
    validator = _validator("records")
    document = {table: [record]}
    if validator.is_valid(document):
        return None
    error = min(validator.iter_errors(document), key=lambda e: [str(p) for p in e.path])
    path, problem = explain(error)
    return (index, *path[2:]), problem


def member_problem(table: str, value: Any) -> tuple[JsonPath, str] | None:
    """What is wrong with a whole ``data/<table>.json`` that is not an array (given as a small
    stand-in of its type), or None."""
    error = next(iter(_validator("records").iter_errors({table: value})), None)
    if error is None:
        return None
    path, problem = explain(error)
    return path[1:], problem


@functools.cache
def json_keys(table: str) -> tuple[str, ...]:
    """The keys of ``table``'s records that hold JSON (arrays, objects, anything)."""
    record = _load(RECORDS_SCHEMA_FILE)["$defs"].get(table, {})
    scalars = {"string", "integer", "number", "boolean", "null"}
    found = []
    for key, sub in record.get("properties", {}).items():
        kinds = sub.get("type")
        names = {kinds} if isinstance(kinds, str) else set(kinds or ())
        if not names or not names <= scalars:
            found.append(key)
    return tuple(found)


_FAST_KEYWORDS = frozenset({"type", "pattern", "maxLength", "minimum", "maximum"})


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def _key_checker(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A test equivalent to one property's schema, or None for keywords it does not know."""
    if not set(schema) <= _FAST_KEYWORDS:
        return None
    kinds = schema.get("type")
    names = [kinds] if isinstance(kinds, str) else list(kinds or [])
    tests = [_TYPE_TESTS[name] for name in names]
    pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
    longest = schema.get("maxLength")
    lowest, highest = schema.get("minimum"), schema.get("maximum")

    def check(value: Any) -> bool:
        if tests and not any(test(value) for test in tests):
            return False
        if isinstance(value, str):
            if pattern is not None and not pattern.search(value):
                return False
            if longest is not None and len(value) > longest:
                return False
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if lowest is not None and value < lowest:
                return False
            if highest is not None and value > highest:
                return False
        return True

    return check


@functools.cache
def _fast_checker(table: str) -> Callable[[Any], bool] | None:
    """A record test equivalent to the shipped schema of ``table`` (None: use jsonschema)."""
    schema = _load(RECORDS_SCHEMA_FILE)
    item = schema.get("properties", {}).get(table, {})
    if item != {"type": "array", "items": {"$ref": f"#/$defs/{table}"}}:
        return None
    record = schema["$defs"][table]
    if not set(record) <= {"type", "required", "properties"} or record.get("type") != "object":
        return None
    required = tuple(record.get("required", ()))
    checks = {}
    for key, sub in record.get("properties", {}).items():
        check = _key_checker(sub)
        if check is None:
            return None
        checks[key] = check

    def valid(value: Any) -> bool:
        if not isinstance(value, dict) or any(key not in value for key in required):
            return False
        return all(check(value[key]) for key, check in checks.items() if key in value)

    return valid


def explain(error: Any) -> tuple[JsonPath, str]:
    """A jsonschema error as (path, problem in the user's language)."""
    path: JsonPath = tuple(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "pattern" and expected in _PATTERN_PROBLEMS:
        return path, _(_PATTERN_PROBLEMS[expected]).format(value=shown(value))
    if kind == "maxLength":
        return path, _("must be at most {limit} characters long.").format(limit=expected)
    if kind == "additionalProperties" and not path:
        key = sorted(k for k in value if k not in error.schema.get("properties", {}))[0]
        return (key,), _("unknown table “{key}”.").format(key=key)
    return _explain_generic(error)


def shown(value: Any) -> str:
    """A value as a message quotes it: at most :data:`SHOWN_VALUE` characters, on one line."""
    text = str(value)
    if len(text) > SHOWN_VALUE:
        text = text[: SHOWN_VALUE - 1] + "…"
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def write_records_schema(target: Path | None = None) -> Path:
    """Write the generated records schema into ``resources/schemas`` (or ``target``)."""
    from curator_desktop.paths import resource

    path = target or resource(*RECORDS_SCHEMA_FILE)
    text = json.dumps(build_records_schema(), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def location(path: JsonPath) -> str:
    """A path as people read it: ``scope.since``, ``record 3, “planned_date”``."""
    if path and isinstance(path[0], int):
        number = path[0] + 1
        keys = [str(p) for p in path[1:]]
        if not keys:
            return _("record {number}").format(number=number)
        return _("record {number}, “{key}”").format(number=number, key=".".join(keys))
    return ".".join(str(p) for p in path)


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    write_records_schema()
