"""JSON from outside: nesting bounded before parsing, arrays read one element at a time, numbers
a store can hold.

:func:`depth_of_text` measures nesting on the text itself (strings taken out, brackets counted at
C speed), so a 100,000-deep file is refused before a recursive parser or validator sees it.
:func:`iter_array` reads a JSON array from a stream of bytes one element at a time: the caller
counts and checks each element as it comes and never holds the whole text. :data:`DECODER`
refuses NaN, Infinity and numbers too large for a float; :func:`first_out_of_range` finds an
integer SQLite cannot store.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any

from curator_desktop.domain.json_locator import JsonPath

MAX_DEPTH = 64
"""The deepest nesting accepted (a checklist template is about eight levels deep)."""
MAX_DIGITS = 100
"""The longest number accepted, in digits (the largest integer a store holds has 19)."""
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""The integers SQLite stores."""

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_DIGITS = re.compile(r"[0-9]+")
_SPACE = re.compile(r"[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_TRUNCATION_MARGIN = 64
"""A syntax error this close to the end of what has been read may be a value cut in two."""


def depth_of_text(text: str) -> int:
    """How deeply the JSON ``text`` nests arrays and objects, without parsing it."""
    skeleton = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, skeleton)), default=0)


def longest_number(text: str) -> int:
    """The most digits in a row outside the strings of the JSON ``text`` (Python refuses to
    parse an integer of more than 4,300 digits, and spends quadratic time getting there)."""
    return max(map(len, _DIGITS.findall(_STRING.sub("", text))), default=0)


def depth_of_value(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply a parsed value nests (without recursion), counted up to ``limit + 1``."""
    if not isinstance(value, dict | list):
        return 0
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack and deepest <= limit:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return deepest


def first_out_of_range(value: Any) -> tuple[JsonPath, int] | None:
    """The path and value of the first integer outside what SQLite stores, or None."""
    stack: list[tuple[Any, JsonPath]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            stack.extend((v, (*path, k)) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((v, (*path, i)) for i, v in reversed(list(enumerate(item))))
        elif (
            isinstance(item, int) and not isinstance(item, bool) and not INT_MIN <= item <= INT_MAX
        ):
            return path, item
    return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return value


DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)
"""Standard JSON only: no NaN or Infinity, no number that overflows a float."""
_scan = DECODER.scan_once


class JsonTextError(ValueError):
    """What :func:`iter_array` found wrong: ``reason`` is ``syntax`` (at ``line``, ``column``;
    0 when unknown), ``not_array``, ``too_large`` (an element over the limit) or ``too_deep``."""

    def __init__(self, reason: str, line: int = 0, column: int = 0) -> None:
        super().__init__(f"{reason} at line {line}, column {column}")
        self.reason = reason
        self.line = line
        self.column = column


class _Text:
    """Decoded text read so far, with the line and column where the kept part starts."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.ended = False
        self._line = 1
        self._column = 1

    def more(self, keep_from: int, wanted: int) -> int:
        """Drop the text before ``keep_from``, read until ``wanted`` characters are kept (or
        the stream ends); returns where ``keep_from`` now is (0)."""
        dropped = self.text[:keep_from]
        newlines = dropped.count("\n")
        self._line += newlines
        self._column = (
            len(dropped) - dropped.rfind("\n") if newlines else self._column + len(dropped)
        )
        parts = [self.text[keep_from:]]
        kept = len(parts[0])
        while kept < wanted and not self.ended:
            chunk = next(self._chunks, None)
            try:
                piece = self._decoder.decode(chunk or b"", final=chunk is None)
            except UnicodeDecodeError:
                raise JsonTextError("syntax", *self.place(kept)) from None
            self.ended = chunk is None
            parts.append(piece)
            kept += len(piece)
        self.text = "".join(parts)
        return 0

    def place(self, at: int) -> tuple[int, int]:
        """(line, column) of position ``at`` in the kept text."""
        newlines = self.text.count("\n", 0, at)
        if not newlines:
            return self._line, self._column + at
        return self._line + newlines, at - self.text.rfind("\n", 0, at)


def iter_array(
    chunks: Iterable[bytes], *, max_element_chars: int, chunk_chars: int = 1 << 20
) -> Iterator[Any]:
    """The elements of the JSON array in ``chunks`` (UTF-8, a BOM allowed), one at a time,
    parsed with :data:`DECODER`; :class:`JsonTextError` for anything else, an element longer
    than ``max_element_chars`` or nested deeper than the parser goes."""
    src = _Text(chunks)
    pos = src.more(0, chunk_chars)
    pos = _expect(src, pos, "[", chunk_chars, "not_array")
    pos = _skip_space(src, pos, chunk_chars)
    if src.text.startswith("]", pos):
        _end(src, pos + 1, chunk_chars)
        return
    while True:
        value, pos = _element(src, pos, max_element_chars, chunk_chars)
        yield value
        match = _COMMA.match(src.text, pos)
        if match is not None and match.end() < len(src.text):  # the usual case, kept quick
            pos = match.end()
            continue
        pos = _skip_space(src, pos, chunk_chars)
        if src.text.startswith("]", pos):
            _end(src, pos + 1, chunk_chars)
            return
        pos = _skip_space(src, _expect(src, pos, ",", chunk_chars, "syntax"), chunk_chars)


def _skip_space(src: _Text, pos: int, chunk_chars: int) -> int:
    while True:
        match = _SPACE.match(src.text, pos)
        pos = match.end() if match else pos
        if pos < len(src.text) or src.ended:
            return pos
        pos = src.more(pos, chunk_chars)


def _expect(src: _Text, pos: int, char: str, chunk_chars: int, reason: str) -> int:
    pos = _skip_space(src, pos, chunk_chars)
    if not src.text.startswith(char, pos):
        raise JsonTextError(reason if pos < len(src.text) else "syntax", *src.place(pos))
    return pos + 1


def _end(src: _Text, pos: int, chunk_chars: int) -> None:
    pos = _skip_space(src, pos, chunk_chars)
    if pos < len(src.text):
        raise JsonTextError("syntax", *src.place(pos))


def _element(src: _Text, pos: int, max_chars: int, chunk_chars: int) -> tuple[Any, int]:
    """One element at ``pos``; more text is read while it may have been cut in two."""
    while True:
        text = src.text
        try:
            value, end = _scan(text, pos)
        except StopIteration as stop:  # no value starts there
            if src.ended or stop.value < len(text) - _TRUNCATION_MARGIN:
                raise JsonTextError("syntax", *src.place(stop.value)) from None
        except json.JSONDecodeError as exc:
            cut = exc.msg.startswith("Unterminated") or exc.pos >= len(text) - _TRUNCATION_MARGIN
            if src.ended or not cut:
                raise JsonTextError("syntax", *src.place(exc.pos)) from None
        except RecursionError:
            raise JsonTextError("too_deep", *src.place(pos)) from None
        except ValueError:  # NaN, Infinity, 1e999, an integer of thousands of digits
            raise JsonTextError("syntax", *src.place(pos)) from None
        else:
            if end - pos > max_chars:
                raise JsonTextError("too_large", *src.place(pos))
            if end < len(text) or src.ended:  # a number at the very end may go on
                return value, end
        pending = len(text) - pos
        if pending > max_chars:
            raise JsonTextError("too_large", *src.place(pos))
        pos = src.more(pos, max(2 * pending, chunk_chars))
