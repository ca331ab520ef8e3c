"""Line breaking of plain text for table cells, with word widths measured once per font.

What a platypus ``Paragraph`` of one plain style does (greedy, at spaces, which may shrink by
reportlab's ``spaceShrinkage`` to fit), without the markup parser and without breaking the same
text again at every height calculation, page split and draw of a table. No-break spaces (as in
«2026 г.», and those :func:`.punctuation.tie_words` puts after «г.», «№» and initials) never
break, unless a word so tied is wider than the line. A word wider than the line is broken with
a hyphen, between syllables where one fits (:mod:`.hyphenation`), as the report's paragraphs do
(:class:`.styles.ReportParagraph`).
"""

from __future__ import annotations

import re

from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth

from curator_desktop.services.reports.form.hyphenation import break_points
from curator_desktop.services.reports.form.punctuation import tie_words

_SPACES = re.compile(r"[ \t\f\v]+")
_ONE_LINE = re.compile(r"[^ \t\f\v\r\n](?:[^\t\f\v\r\n ]| (?! ))*(?<! )")
"""A text that is one line as it is: no line breaks, no odd or doubled spaces, none at its
ends (the line breaking would collapse or drop them)."""
_NARROW = 0.4
"""Texts longer than a line of characters this narrow (in ems) are not tried as one line first
(they hardly ever are; either way the result is the same)."""
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}
_MAX_WORDS = 50_000
"""Cached word widths per font and size (a long-running app keeps at most this many)."""


def _widths(font: str, size: float) -> dict[str, float]:
    widths = _WIDTHS.get((font, size))
    if widths is None or len(widths) > _MAX_WORDS:
        widths = _WIDTHS[font, size] = {" ": stringWidth(" ", font, size)}
    return widths


class WrappedText(str):
    """A cell's text broken into lines, with the word spacing (points, negative) of each line
    that fits only with its spaces shrunk: line index → spacing, drawn as platypus does."""

    __slots__ = ("word_space",)
    word_space: dict[int, float]


def wrap_text(text: str, font: str, size: float, width: float) -> WrappedText:
    """``text`` broken into lines no wider than ``width`` points and joined by newlines (what a
    reportlab table cell takes): newlines kept, runs of spaces collapsed, a word wider than a
    line cut; an empty text gives an empty string. «г.», «№» and initials keep to the word
    after them (:func:`.punctuation.tie_words`)."""
    text = tie_words(text)
    if (
        len(text) * size * _NARROW <= width
        and _ONE_LINE.fullmatch(text)
        and stringWidth(text, font, size) <= width
    ):
        return lines_text([text], {})  # what the loop below makes of it, measured at once
    widths = _widths(font, size)
    space = widths[" "]
    shrink = rl_config.spaceShrinkage * space  # as platypus: spaces may shrink a little to fit
    lines: list[str] = []
    word_space: dict[int, float] = {}
    for source in text.replace("\r\n", "\n").split("\n"):
        line: list[str] = []
        used = 0.0
        for word in _SPACES.split(source):
            if not word:
                continue
            w = widths.get(word)
            if w is None:
                w = widths[word] = stringWidth(word, font, size)
            if line and used + space + w <= width + shrink * len(line):
                line.append(word)
                used += space + w
                continue
            if w > width:  # cut; its first piece fills this line, as platypus does
                start = used + space if line else 0.0
                first, *middle, word = _cut(word, font, size, width, start)
                if line or first:
                    # platypus counts the space before the piece, even an empty one
                    used = start + (stringWidth(first, font, size) if first else 0.0)
                if first:
                    line.append(first)
                if line:
                    _close(lines, line, width - used, word_space)
                lines.extend(middle)
                w = stringWidth(word, font, size)
            elif line:
                _close(lines, line, width - used, word_space)
            line, used = [word], w
        _close(lines, line, width - used, word_space)
    return lines_text(lines if any(lines) else [], word_space)


def lines_text(lines: list[str], word_space: dict[int, float]) -> WrappedText:
    """Lines (and the word spacing of shrunk ones) as one cell text."""
    wrapped = WrappedText("\n".join(lines))
    wrapped.word_space = word_space
    return wrapped


def _close(lines: list[str], words: list[str], extra: float, word_space: dict[int, float]) -> None:
    """Add the line of ``words``; one wider than the cell (``extra`` < 0) gets its spaces
    (no-break ones included) shrunk by what it overflows, as platypus draws it."""
    text = " ".join(words)
    if extra < -1e-8:
        spaces = len(words) - 1 + text.count("\xa0")
        if spaces > 0:
            word_space[len(lines)] = extra / spaces
    lines.append(text)


def _cut(word: str, font: str, size: float, width: float, start: float) -> list[str]:
    """``word`` in pieces, each but the last ending with a hyphen: the first fits after
    ``start`` points of a line (it may be empty), the others fill whole lines of ``width``.
    A piece ends between syllables where one fits (:mod:`.hyphenation`), else where the line
    ends."""
    hyphen = stringWidth("-", font, size)
    pieces: list[str] = []
    rest, room = word, width - start
    while stringWidth(rest, font, size) > room:
        head = _head(rest, font, size, room - hyphen)
        if not head and not pieces and start > 0:
            pieces.append("")  # nothing fits after the words before: start a new line
        elif head:  # no hyphen after a hyphen, none for a break at a no-break space
            pieces.append(head.rstrip("\xa0") if head.endswith(("-", "\xa0")) else head + "-")
            rest = rest[len(head) :]
        else:  # not even one character and a hyphen fit a whole line: one character
            pieces.append(rest[0])
            rest = rest[1:]
        room = width
    pieces.append(rest)
    return pieces


def _head(word: str, font: str, size: float, room: float) -> str:
    """The longest start of ``word`` ending between syllables that fits in ``room`` points,
    else the longest that fits at all (at least two characters, or nothing)."""
    fitting = [p for p in break_points(word) if stringWidth(word[:p], font, size) <= room]
    if fitting:
        return word[: fitting[-1]]
    used, end = 0.0, 0
    for char in word[:-1]:
        used += stringWidth(char, font, size)
        if used > room:
            break
        end += 1
    return word[:end] if end >= 2 else ""
