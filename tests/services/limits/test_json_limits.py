"""JSON from outside: nesting measured without parsing, arrays read element by element across
any chunk boundary, errors placed where json would place them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from curator_desktop.services.limits.json_text import (
    INT_MAX,
    JsonTextError,
    depth_of_text,
    depth_of_value,
    first_out_of_range,
    iter_array,
    longest_number,
)
from tests.services.limits.hostile_files import deep_json


def pieces(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


RECORDS = [
    {"id": str(n), "name": f'Школа «№{n}» \\ " \u2028 [{{', "x": [1.5, {"a": None}], "n": 10**18}
    for n in range(300)
]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100, 1 << 20])
def test_an_array_is_read_element_by_element_across_any_boundary(size: int) -> None:
    data = json.dumps(RECORDS, ensure_ascii=False, indent=1).encode()
    got = list(iter_array(pieces(data, size), max_element_chars=10_000, chunk_chars=max(size, 8)))
    assert got == RECORDS
    assert list(iter_array([b" [ ] \n"], max_element_chars=10)) == []
    assert list(iter_array([b"[1,2", b"3,4]"], max_element_chars=10, chunk_chars=1)) == [1, 23, 4]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"id": 1}', "not_array"),
        (b"", "syntax"),
        (b"[1,]", "syntax"),
        (b"[1 2]", "syntax"),
        (b"[1] [2]", "syntax"),
        (b"[1", "syntax"),
        (b"[NaN]", "syntax"),
        (b"[1e999]", "syntax"),
        (b"[\xff]", "syntax"),
        (b"[" + b"9" * 5000 + b"]", "syntax"),
        (("[" + deep_json(100_000) + "]").encode(), "too_deep"),
        (b'["' + b"x" * 200 + b'"]', "too_large"),
    ],
)
def test_what_is_not_a_plain_json_array(data: bytes, reason: str) -> None:
    limit = 100 if reason == "too_large" else 1_000_000
    with pytest.raises(JsonTextError) as caught:
        list(iter_array(pieces(data, 7), max_element_chars=limit, chunk_chars=8))
    assert caught.value.reason == reason


@pytest.mark.parametrize("size", [1, 3, 5, 1000])
def test_a_syntax_error_is_placed_as_json_places_it(size: int) -> None:
    data = b'[\n {"a": 1},\n {"a": 2,}\n]'
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(data)
    with pytest.raises(JsonTextError) as caught:
        list(iter_array(pieces(data, size), max_element_chars=100, chunk_chars=4))
    assert (caught.value.line, caught.value.column) == (expected.value.lineno, expected.value.colno)


def test_nesting_is_measured_on_the_text_brackets_in_strings_aside() -> None:
    assert depth_of_text('{"a": "[[[[", "b": [[{"c": "\\"]]]"}]]}') == 4
    assert depth_of_text(deep_json(100_000)) == 100_000
    assert depth_of_text('"just a string"') == 0
    assert depth_of_value({"a": [[{"c": 1}]]}) == 4
    assert depth_of_value(json.loads(deep_json(500)), limit=64) == 65  # stops counting there
    assert depth_of_value(7) == 0


def test_numbers_a_store_cannot_hold_and_numbers_too_long_to_parse() -> None:
    assert first_out_of_range({"a": [1, {"b": INT_MAX}], "c": True}) is None
    assert first_out_of_range({"a": [1, {"b": INT_MAX + 1}]}) == (("a", 1, "b"), INT_MAX + 1)
    assert first_out_of_range([-(10**40)]) == ((0,), -(10**40))
    assert longest_number('{"a": "1234567890", "b": 123, "c": [1e400]}') == 3
