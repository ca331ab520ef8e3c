"""The JSON position locator: the line of the value at a path, on texts json.loads accepts."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from curator_desktop.domain.json_locator import (
    first_duplicate,
    format_path,
    iter_values,
    line_of,
)

NESTED = """{
  "format": 1,
  "sections": [
    {
      "key": "intro",
      "items": [
        {"key": "a", "type": "text"},
        {
          "key": "b",
          "options": [[1, 2], [3,
            4]]
        }
      ]
    }
  ],
  "empty": {}, "list": []
}"""


def test_lines_of_nested_objects_and_arrays() -> None:
    assert line_of(NESTED, ()) == 1
    assert line_of(NESTED, ("format",)) == 2
    assert line_of(NESTED, ("sections",)) == 3
    assert line_of(NESTED, ("sections", 0)) == 4
    assert line_of(NESTED, ("sections", 0, "items", 0)) == 7
    assert line_of(NESTED, ("sections", 0, "items", 0, "type")) == 7
    assert line_of(NESTED, ("sections", 0, "items", 1, "key")) == 9
    assert line_of(NESTED, ["sections", 0, "items", 1, "options", 1, 0]) == 10
    assert line_of(NESTED, ("sections", 0, "items", 1, "options", 1, 1)) == 11
    assert line_of(NESTED, ("empty",)) == 16
    assert line_of(NESTED, ("list",)) == 16


def test_a_path_that_is_not_there_has_no_line() -> None:
    assert line_of(NESTED, ("sections", 1)) is None
    assert line_of(NESTED, ("sections", 0, "items", 2, "key")) is None
    assert line_of(NESTED, ("format", "x")) is None
    assert line_of(NESTED, ("sections", "0")) is None  # a key is not an index


def test_strings_with_escaped_quotes_braces_and_brackets_do_not_confuse_it() -> None:
    text = (
        '{"a": "he said \\"}{\\" and [left]",\n'
        ' "b\\"}": "\\\\",\n'
        ' "c": ["]", "{", "\\"],[",\n'
        '   {"d": "\\u007d"}]}'
    )
    data = json.loads(text)
    assert data['b"}'] == "\\"
    assert line_of(text, ("a",)) == 1
    assert line_of(text, ('b"}',)) == 2
    assert line_of(text, ("c", 2)) == 3
    assert line_of(text, ("c", 3, "d")) == 4


def test_unicode_keys_values_and_escapes() -> None:
    text = (
        '{\n  "школа": "Краснолесье — СОШ №2",\n'
        '  "\\u0448\\u043a\\u043e\\u043b\\u0430 2": [\n    "ё"\n  ]\n}'
    )
    assert line_of(text, ("школа",)) == 2
    assert line_of(text, ("школа 2", 0)) == 4


def test_malformed_text_gives_no_line_instead_of_an_error() -> None:
    assert line_of('{"a": [1, 2', ("b",)) is None
    assert line_of("{'a': 1}", ("a",)) is None
    assert line_of("", ("a",)) is None
    assert line_of('{"a": 1, "b": [}', ("a",)) == 1  # found before the text goes wrong
    assert line_of('{"a": 1, "b": tru, "c": 2}', ("c",)) is None


def test_first_duplicate_names_the_repeated_key_and_its_line() -> None:
    text = '{\n "a": 1,\n "b": {"x": 1,\n  "x": 2},\n "a": 3\n}'
    assert first_duplicate(text) == (("b", "x"), 4)
    assert first_duplicate('{"a": [{"k": 1}, {"k": 2}]}') is None


def test_format_path() -> None:
    assert format_path(("sections", 1, "items", 3, "type")) == "sections[1].items[3].type"
    assert format_path(("scale", "labels", "0")) == 'scale.labels["0"]'
    assert format_path(("title", "ключ")) == 'title["ключ"]'
    assert format_path((2, "a")) == "[2].a"
    assert format_path(()) == ""


# --- every value of any document, against json.dumps's own layout ----------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)

MARKER = "\x00marker\x00"


def _replaced(document: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return MARKER
    head, *rest = path
    if isinstance(document, list):
        return [_replaced(v, tuple(rest)) if i == head else v for i, v in enumerate(document)]
    return {k: _replaced(v, tuple(rest)) if k == head else v for k, v in document.items()}


@settings(max_examples=60, deadline=None)
@given(json_values, st.sampled_from([None, 2, 4]))
def test_every_path_has_the_line_where_json_dumps_put_it(document: Any, indent: int | None) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    paths = list(iter_values(text))
    assert len({path for path, _line in paths}) == len(paths)
    for path, line in paths:
        # Put a marker in place of the value: it lands where the value began.
        marked = json.dumps(_replaced(document, path), indent=indent, ensure_ascii=False)
        expected = marked[: marked.index(json.dumps(MARKER))].count("\n") + 1
        assert line == expected == line_of(text, path)
