"""Hostile files made at test time (nothing large is committed): zip bombs of any size written
without holding them, office files with a member swapped for something else, deep JSON.

Used by the tests of every reader (packages, DOCX/XLSX/CSV roadmaps, school lists, catalogs) and
by the measuring script beside the issue's note.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import docx
import openpyxl

MB = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
DOCUMENT = "word/document.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def repeated(unit: bytes, size: int, *, head: bytes = b"", tail: bytes = b"") -> Iterator[bytes]:
    """``head``, then ``unit`` over and over up to ``size`` bytes in all, then ``tail``; in
    pieces of about a megabyte."""
    yield head
    block = unit * max(1, MB // len(unit))
    left = size - len(head) - len(tail)
    while left > 0:
        piece = block[:left]
        yield piece
        left -= len(piece)
    yield tail


def write_zip(
    target: Path,
    members: dict[str, bytes | Iterable[bytes]],
    *,
    method: int = zipfile.ZIP_DEFLATED,
    level: int = 9,
) -> Path:
    """A zip of ``members`` (bytes, or pieces streamed in), each compressed with ``method``."""
    with zipfile.ZipFile(target, "w", method, compresslevel=level) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            with archive.open(info, "w", force_zip64=True) as out:
                for piece in [content] if isinstance(content, bytes) else content:
                    out.write(piece)
    return target


def workbook(rows: list[list[object]]) -> bytes:
    """A real XLSX with ``rows`` on its one sheet."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def document(paragraphs: list[str]) -> bytes:
    """A real DOCX with ``paragraphs``."""
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def swapped(
    original: bytes, target: Path, name: str, content: bytes | Iterable[bytes], **how: int
) -> Path:
    """``original`` (an office file) written to ``target`` with member ``name`` replaced."""
    members: dict[str, bytes | Iterable[bytes]] = dict(members_of_bytes(original))
    members[name] = content
    return write_zip(target, members, **how)


def members_of_bytes(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def sheet_xml(rows: str, *, dimension: str = "", doctype: str = "") -> bytes:
    """A worksheet's XML around ``rows`` (``<row>`` elements)."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0"?>{doctype}<worksheet xmlns="{MAIN_NS}">{dim}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def inline_row(number: int, *values: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def billion_laughs() -> str:
    """A DTD whose entities expand a thousand million times."""
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return f'<!DOCTYPE worksheet [<!ENTITY a0 "haha">{entities}]>'


def document_xml(body: str) -> bytes:
    return (
        f'<?xml version="1.0"?><w:document xmlns:w="{WORD_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def word_row(*cells: str, merge: str | None = None, span: int | None = None) -> str:
    """A ``<w:tr>``; ``merge`` puts a vertical merge on its first cell, ``span`` a grid span."""
    parts = []
    for index, text in enumerate(cells):
        props = ""
        if index == 0 and (merge or span):
            inner = (f'<w:gridSpan w:val="{span}"/>' if span else "") + (
                f'<w:vMerge w:val="{merge}"/>' if merge else ""
            )
            props = f"<w:tcPr>{inner}</w:tcPr>"
        parts.append(f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    return f"<w:tr>{''.join(parts)}</w:tr>"


def deep_json(depth: int, inner: str = "1") -> str:
    """``[[[…1…]]]`` nested ``depth`` times."""
    return "[" * depth + inner + "]" * depth
