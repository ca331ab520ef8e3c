"""A paragraph of plain text in one style, laid out as a platypus ``Paragraph`` lays it out.

Headings, captions, signature lines and short texts make up a few dozen paragraphs of a
report; a ``Paragraph`` parses its markup when it is made and goes through its fragment
machinery to break and draw lines. :class:`TextBlock` takes the text as it is (no markup:
``<``, ``&`` print as themselves, newlines break lines), breaks it once per width with the line
breaking of :mod:`.wrapping` (that of a ``Paragraph``: the same lines, the same shrunk spaces),
and draws it through :mod:`.grid_drawing`: the same lines at the same places. It splits across
pages between lines, leaving at least :data:`MIN_LINES` lines on each page, and between the
items of a list (its lines of text) where that costs a line or two at most; it takes space
before and after, keep-with-next and alignment (left, centre, right) from its style.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from curator_desktop.services.reports.form.grid_drawing import GridPainter, TextLine
from curator_desktop.services.reports.form.punctuation import single_stops
from curator_desktop.services.reports.form.wrapping import wrap_text

ALIGNMENTS = (TA_LEFT, TA_CENTER, TA_RIGHT)
MIN_LINES = 2
"""Lines a split leaves on each page at least (no first line alone at the foot of a page, no
last line or list item alone at the top of the next)."""
ITEM_SLACK = 2
"""Lines a split gives up at most to fall between two items (lines of text) of a block."""


class TextBlock(Flowable):
    """Plain text in one paragraph style (left, centred or right aligned)."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        if style.alignment not in ALIGNMENTS or style.firstLineIndent:
            raise ValueError(f"{style.name}: a text block is aligned left, centre or right only")
        self.text = single_stops(text)
        self.style = style
        self._lines: list[tuple[str, float]] | None = None
        self._room: float | None = None
        self._starts: frozenset[int] = frozenset()

    @classmethod
    def _of_lines(
        cls, lines: list[tuple[str, float]], style: ParagraphStyle, room: float
    ) -> TextBlock:
        block = cls("\n".join(text for text, _spacing in lines), style)
        block._lines, block._room = lines, room
        return block

    def _break(self, availWidth: float) -> list[tuple[str, float]]:
        style = self.style
        room = availWidth - style.leftIndent - style.rightIndent
        if self._lines is None or room != self._room:
            texts: list[str] = []
            spacing: dict[int, float] = {}
            starts: set[int] = set()
            sources = self.text.replace("\r\n", "\n").split("\n")
            for source in sources:  # each line of the text (an item of a list) on its own
                starts.add(len(texts))
                wrapped = wrap_text(source, style.fontName, style.fontSize, room)
                spacing.update({len(texts) + i: w for i, w in wrapped.word_space.items()})
                texts += wrapped.split("\n") if wrapped else [""]
            if not any(texts):
                texts = []
            self._lines = [(text, spacing.get(i, 0.0)) for i, text in enumerate(texts)]
            self._room = room
            self._starts = frozenset(starts) if len(sources) > 1 else frozenset()
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._break(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The lines that fit, and the rest, at least :data:`MIN_LINES` of each (between two
        items when one ends near the foot); none when that cannot be."""
        lines = self._break(availWidth)
        fit = int(availHeight / self.style.leading)
        if len(lines) <= fit:
            return [self]
        cut = min(fit, len(lines) - MIN_LINES)
        if cut < MIN_LINES:
            return []
        items = [start for start in self._starts if cut - ITEM_SLACK <= start <= cut]
        if items and max(items) >= MIN_LINES:
            cut = max(items)
        style, room = self.style, self._room or 0.0
        return [
            TextBlock._of_lines(lines[:cut], style, room),
            TextBlock._of_lines(lines[cut:], style, room),
        ]

    def draw(self) -> None:
        style = self.style
        lines = self._break(self.width)
        if not lines:
            return
        left, room = style.leftIndent, self._room or 0.0
        y = self.height - style.fontSize
        placed: list[TextLine] = []
        for text, spacing in lines:
            x = left
            if style.alignment != TA_LEFT and not spacing:
                extra = room - stringWidth(text, style.fontName, style.fontSize)
                x += extra if style.alignment == TA_RIGHT else extra / 2
            if text:
                placed.append((x, y, text, style, spacing))
            y -= style.leading
        painter = GridPainter(self.canv)
        painter.text(placed)
        painter.finish()
