"""Text files from outside (CSV and TXT roadmaps, CSV school lists): the encoding told from the
bytes.

UTF-16 is told by its BOM (Excel's «Unicode text» has one) or, without one, by zero bytes in
the start that read as text in UTF-16; anything else is UTF-8 (with or without a BOM), then
Windows-1251, which is what Russian Excel saves as CSV. Zero bytes in anything but UTF-16 mean the
file is not text at all.
"""

from __future__ import annotations

import codecs
import re

SAMPLE_BYTES = 65536
"""How much of the start is looked at to tell UTF-16 or binary data."""
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_FALLBACK = ("utf-8-sig", "cp1251")
_USUAL = re.compile("[ -~\u00a0-\u04ff\u2000-\u22ff]")
"""Characters a table's text is made of: Latin, Cyrillic, punctuation, «№», «—», «…»."""


class NotText(ValueError):
    """Bytes that are not text: zero bytes outside UTF-16 (``binary``), or no encoding tried
    decodes them."""

    def __init__(self, *, binary: bool) -> None:
        super().__init__("binary data" if binary else "no known encoding")
        self.binary = binary


def decode_text(data: bytes) -> tuple[str, str]:
    """The text in ``data`` and the encoding it was read in (``utf-16``, ``utf-16-le``,
    ``utf-16-be``, ``utf-8-sig`` or ``cp1251``); :class:`NotText` otherwise."""
    if data.startswith(_UTF16_BOMS):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = _utf16_without_bom(data[:SAMPLE_BYTES])
    if not encodings and b"\x00" in data[:SAMPLE_BYTES]:
        raise NotText(binary=True)
    for encoding in encodings or _FALLBACK:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotText(binary=False)


def _utf16_without_bom(sample: bytes) -> tuple[str, ...]:
    """``utf-16-le`` or ``-be`` when the start has zero bytes and reads in that encoding as
    the text of a table (letters, digits, punctuation, tabs and line breaks)."""
    if b"\x00" not in sample:
        return ()
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample[: len(sample) & ~1].decode(encoding, errors="replace")
        usual = sum(1 for char in text if char in "\t\r\n" or _USUAL.match(char))
        if text and usual >= 0.95 * len(text):
            return (encoding,)
    return ()
