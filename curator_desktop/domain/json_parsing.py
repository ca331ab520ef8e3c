"""JSON text of the catalog files: parsing with clear errors, and naming places in it.

A syntax error or a key repeated in one object becomes a :class:`ValidationError` naming the
file and the line; :class:`JsonPlace` turns a path in the parsed data into «file, line N, path
(item key): problem».
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_locator import (
    JsonPath,
    first_duplicate,
    format_path,
    iter_values,
)
from curator_desktop.i18n import N_, _

_JSON_REASONS = (
    ("Expecting value", N_("a value is missing (or a comma stands before a closing bracket)")),
    ("Expecting property name", N_("a key in double quotes is expected")),
    ("Expecting ':'", N_("a colon is missing after a key")),
    ("Expecting ','", N_("a comma is missing between two values")),
    ("Unterminated string", N_("a quoted text is not closed")),
    ("Invalid control character", N_("a line break or tab inside quotes; write \\n or \\t")),
    ("Invalid \\", N_("a wrong escape after a backslash")),
    ("Extra data", N_("there is more text after the end of the document")),
    ("Illegal trailing comma", N_("a comma stands before a closing bracket")),
)


def file_name(source: Path | str) -> str:
    """How messages name a file: its name without the folders."""
    return Path(str(source)).name or str(source)


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def parse_json(text: str, *, source: Path | str) -> Any:
    """Parse ``text``; a syntax error or a key repeated in one object names the line."""
    name = file_name(source)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        reason = next((_(why) for start, why in _JSON_REASONS if exc.msg.startswith(start)), None)
        raise ValidationError(
            _("{file}, line {line}, column {column}: invalid JSON ({reason}).").format(
                file=name, line=exc.lineno, column=exc.colno, reason=reason or exc.msg
            )
        ) from None
    except _DuplicateKeyError as exc:
        problem = _("the key “{key}” appears twice in one object.").format(key=exc)
        found = first_duplicate(text)
        if found is None:
            raise ValidationError(
                _("{file}: {problem}").format(file=name, problem=problem)
            ) from None
        raise JsonPlace(source, text).error(found[0], problem) from None


class JsonPlace:
    """Turns a path in a JSON file into «file, line N, path (item key): problem»."""

    def __init__(self, source: Path | str, text: str | None) -> None:
        self.name = file_name(source)
        self.text = text
        self._lines: dict[JsonPath, int] | None = None

    def line(self, path: JsonPath) -> int | None:
        """The line of the value at ``path`` (None without the text); one scan for all paths."""
        if self.text is None:
            return None
        if self._lines is None:
            self._lines = dict(iter_values(self.text))
        return self._lines.get(path)

    def message(self, path: JsonPath, problem: str, *, item: str | None = None) -> str:
        field = format_path(path)
        if item:
            field = _("{path} (item {key})").format(path=field, key=item)
        line = self.line(path)
        values = {"file": self.name, "line": line, "field": field, "problem": problem}
        if line is None:
            template = _("{file}, {field}: {problem}") if field else _("{file}: {problem}")
        else:
            template = (
                _("{file}, line {line}, {field}: {problem}")
                if field
                else _("{file}, line {line}: {problem}")
            )
        return template.format(**values)

    def error(
        self, path: JsonPath, problem: str, *, item: str | None = None, details: str = ""
    ) -> ValidationError:
        error = ValidationError(
            self.message(path, problem, item=item), field=item or format_path(path) or None
        )
        error.details = details
        return error
