"""Where a value sits in a JSON text: the line of the value at a path of keys and indices.

``json.loads`` forgets positions, so error messages about a parsed document find the line again
here with a small recursive-descent scanner over the text. A path is a sequence of object keys
and array indices, e.g. ``("sections", 1, "items", 3, "type")``. The text is normally valid JSON
(the caller parsed it already); where it is not, the scanner stops and values after that point
have no line (``None``), never an exception. Lines are counted from 1.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

JsonPath = tuple[str | int, ...]

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(
    r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null|NaN|-?Infinity"
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Malformed(ValueError):
    """The text is not the JSON the scanner expected."""


class _Scanner:
    """Walks one JSON text, yielding every value's path and the line it starts on."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [index for index, char in enumerate(text) if char == "\n"]

    def line(self) -> int:
        return bisect_right(self.newlines, self.pos - 1) + 1

    def space(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def take(self, char: str) -> bool:
        self.space()
        if self.text.startswith(char, self.pos):
            self.pos += 1
            return True
        return False

    def expect(self, char: str) -> None:
        if not self.take(char):
            raise _Malformed(f"expected {char!r} at {self.pos}")

    def string(self) -> str:
        self.space()
        match = _STRING.match(self.text, self.pos)
        if match is None:
            raise _Malformed(f"expected a string at {self.pos}")
        self.pos = match.end()
        return json.loads(match.group())

    def value(self, path: JsonPath) -> Iterator[tuple[JsonPath, int]]:
        self.space()
        yield path, self.line()
        if self.take("{"):
            yield from self.members(path)
        elif self.take("["):
            yield from self.elements(path)
        elif self.text.startswith('"', self.pos):
            self.string()
        else:
            match = _SCALAR.match(self.text, self.pos)
            if match is None:
                raise _Malformed(f"unexpected text at {self.pos}")
            self.pos = match.end()

    def members(self, path: JsonPath) -> Iterator[tuple[JsonPath, int]]:
        if self.take("}"):
            return
        while True:
            key = self.string()
            self.expect(":")
            yield from self.value((*path, key))
            if not self.take(","):
                self.expect("}")
                return

    def elements(self, path: JsonPath) -> Iterator[tuple[JsonPath, int]]:
        if self.take("]"):
            return
        index = 0
        while True:
            yield from self.value((*path, index))
            index += 1
            if not self.take(","):
                self.expect("]")
                return


def iter_values(text: str) -> Iterator[tuple[JsonPath, int]]:
    """Every value of ``text`` in document order, as (path, line); stops early on bad JSON."""
    try:
        yield from _Scanner(text).value(())
    except _Malformed:
        return


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The line where the value at ``path`` starts, or None when there is no such value."""
    target = tuple(path)
    for found, line in iter_values(text):
        if found == target:
            return line
    return None


def first_duplicate(text: str) -> tuple[JsonPath, int] | None:
    """The first object member whose key repeats a key of the same object: (path, line)."""
    seen: set[JsonPath] = set()
    for path, line in iter_values(text):
        if path in seen:
            return path, line
        seen.add(path)
    return None


def format_path(path: Sequence[str | int]) -> str:
    """``("sections", 1, "items", 3, "type")`` → ``sections[1].items[3].type``."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif _NAME.fullmatch(step):
            parts.append(f".{step}" if parts else step)
        else:
            parts.append(f"[{json.dumps(step, ensure_ascii=False)}]")
    return "".join(parts)
