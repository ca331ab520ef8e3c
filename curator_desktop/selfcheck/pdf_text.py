"""Reading the text of a PDF as a viewer's «copy text» does, with nothing but the standard library.

The self-check reads back a report it rendered, in a bundle that carries no PDF reader library.
The reports use embedded subset fonts, so the raw bytes hold glyph codes, not letters: the text
is decoded through each font's ``ToUnicode`` map. :func:`pdf_text` knows what reportlab writes —
plain, Flate or ASCII85 streams, one- and two-byte fonts, inline images — and a test checks that
it agrees with pypdf on every report of the demo store. It is no general PDF parser.
"""

from __future__ import annotations

import base64
import re
import zlib
from pathlib import Path

_OBJ_RE = re.compile(rb"(\d+)\s+0\s+obj\b")
_REF = rb"\s+(\d+)\s+0\s+R"
_HEX_RE = re.compile(rb"<([0-9A-Fa-f]+)>")
_RANGE_RE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")
_TOKEN_RE = re.compile(
    rb"\s*(?:(?P<str>\()|(?P<hex><[0-9A-Fa-f\s]*>)|(?P<name>/[^\s/<>\[\]()]*)"
    rb"|(?P<op>[A-Za-z'\"*]+)|(?P<other>\S))"
)
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
_LINE_OPS = {b"ET", b"Td", b"TD", b"T*", b"Tm", b"'", b'"'}
_SHOW_OPS = {b"Tj", b"TJ", b"'", b'"'}
_Font = tuple[dict[int, str], int] | None
"""A font's ToUnicode map and code width in bytes (None: no map, bytes read as Latin-1)."""


def squash(text: str) -> str:
    """The text without any whitespace (line breaks fall anywhere in a PDF)."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> list[str]:
    """The text of each page of a PDF as a viewer would copy it (see the module's docstring)."""
    objects = _pdf_objects(Path(path).read_bytes())
    catalog = next(body for body, _s in objects.values() if re.search(rb"/Type\s*/Catalog", body))
    pages: list[str] = []
    for number in _page_numbers(objects, _ref(catalog, b"Pages")):
        body = objects[number][0]
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)", body)
        fonts = _page_fonts(objects, body)
        streams = re.findall(rb"(\d+)\s+0\s+R", contents.group(1)) if contents else []
        pages.append("".join(_shown_text(objects[int(s)][1] or b"", fonts) for s in streams))
    return pages


def _ref(body: bytes, key: bytes) -> int:
    match = re.search(rb"/" + key + _REF, body)
    return int(match.group(1)) if match else -1


def _pdf_objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Each object's dictionary and decoded stream (None without one or for image streams)."""
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    position = 0
    while match := _OBJ_RE.search(data, position):
        end = data.find(b"endobj", match.end())
        if end == -1:
            break
        stream_at = data.find(b"stream", match.end(), end)
        body, stream = data[match.end() : end], None
        if stream_at != -1:
            body = data[match.end() : stream_at]
            start = stream_at + (8 if data[stream_at + 6 : stream_at + 8] == b"\r\n" else 7)
            length = re.search(rb"/Length\s+(\d+)(\s+\d+\s+R)?", body)
            stop = (
                start + int(length.group(1))
                if length and not length.group(2)
                else data.find(b"endstream", start)
            )
            stream = _decoded(body, data[start:stop])
            end = data.find(b"endobj", stop)
        objects[int(match.group(1))] = (body, stream)
        position = end + len(b"endobj")
    return objects


def _decoded(head: bytes, raw: bytes) -> bytes | None:
    filters = head.split(b"/Filter", 1)[1] if b"/Filter" in head else b""
    for name in re.findall(rb"/(\w+)", filters.split(b"/Length", 1)[0]):
        if name in (b"ASCII85Decode", b"A85"):
            raw = base64.a85decode(raw.strip().removesuffix(b"~>"), ignorechars=b" \t\n\r\v")
        elif name in (b"FlateDecode", b"Fl"):
            raw = zlib.decompress(raw)
        else:
            return None
    return raw


def _page_numbers(objects: dict[int, tuple[bytes, bytes | None]], node: int) -> list[int]:
    body = objects[node][0]
    if not re.search(rb"/Type\s*/Pages\b", body):
        return [node]
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
    numbers = re.findall(rb"(\d+)\s+0\s+R", kids.group(1)) if kids else []
    return [page for kid in numbers for page in _page_numbers(objects, int(kid))]


def _page_fonts(objects: dict[int, tuple[bytes, bytes | None]], page: bytes) -> dict[bytes, _Font]:
    table_ref = _ref(page, b"Font")
    inline = re.search(rb"/Font\s*<<(.*?)>>", page, re.S)
    table = objects[table_ref][0] if table_ref in objects else inline.group(1) if inline else b""
    fonts: dict[bytes, _Font] = {}
    for name, number in re.findall(rb"/([^\s/<>\[\]()]+)" + _REF, table):
        cmap = objects.get(_ref(objects.get(int(number), (b"", None))[0], b"ToUnicode"))
        fonts[name] = _to_unicode(cmap[1]) if cmap and cmap[1] else None
    return fonts


def _to_unicode(cmap: bytes) -> tuple[dict[int, str], int]:
    mapping: dict[int, str] = {}
    width = 1

    def text(hex_: bytes) -> str:
        return bytes.fromhex(hex_.decode()).decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        codes = _HEX_RE.findall(block)
        for code, value in zip(codes[::2], codes[1::2], strict=False):
            width, mapping[int(code, 16)] = len(code) // 2, text(value)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low_hex, high_hex, target in _RANGE_RE.findall(block):
            low, high, width = int(low_hex, 16), int(high_hex, 16), len(low_hex) // 2
            if target.startswith(b"["):
                for offset, value in enumerate(_HEX_RE.findall(target)):
                    mapping[low + offset] = text(value)
            else:
                first = text(target[1:-1])
                for offset in range(high - low + 1):
                    mapping[low + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return mapping, width


def _literal(data: bytes, at: int) -> tuple[bytes, int]:
    """A ``(…)`` string starting after its parenthesis: its bytes and where it ends."""
    out, depth = bytearray(), 1
    while at < len(data):
        char, at = data[at], at + 1
        if char == 0x5C:  # a backslash escape
            char, at = data[at], at + 1
            if 0x30 <= char <= 0x37:
                digits = bytes([char])
                while len(digits) < 3 and 0x30 <= data[at] <= 0x37:
                    digits, at = digits + data[at : at + 1], at + 1
                out.append(int(digits, 8) & 0xFF)
            elif char not in (10, 13):
                out.append(_ESCAPES.get(char, char))
            continue
        depth += char == 0x28
        depth -= char == 0x29
        if depth == 0:
            break
        out.append(char)
    return bytes(out), at


def _shown_text(content: bytes, fonts: dict[bytes, _Font]) -> str:
    """The text shown by one content stream, a line break at each text positioning."""
    parts: list[str] = []
    strings: list[bytes] = []
    names: list[bytes] = []
    font: _Font = None
    at = 0
    while match := _TOKEN_RE.match(content, at):
        at, kind, token = match.end(), match.lastgroup, match.group(match.lastgroup or 0)
        if kind == "str":
            value, at = _literal(content, at)
            strings.append(value)
        elif kind == "hex":
            strings.append(bytes.fromhex(squash(token[1:-1].decode())))
        elif kind == "name":
            names.append(token[1:])
        elif kind == "op":
            if token == b"ID":  # an inline image's data runs to EI
                end = re.compile(rb"\sEI\b").search(content, at)
                at = end.end() if end else len(content)
            elif token == b"Tf" and names:
                font = fonts.get(names[-1])
            if token in _LINE_OPS:
                parts.append("\n")
            if token in _SHOW_OPS:
                parts.extend(_decode_string(raw, font) for raw in strings)
            strings, names = [], []
    return "".join(parts)


def _decode_string(raw: bytes, font: _Font) -> str:
    if font is None:
        return raw.decode("latin-1")
    mapping, width = font
    codes = (int.from_bytes(raw[i : i + width], "big") for i in range(0, len(raw), width))
    return "".join(mapping.get(code, "") for code in codes)
