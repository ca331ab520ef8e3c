"""A paragraph of plain text in one style, laid out as a platypus ``Paragraph`` lays it out.

Headings, captions, signature lines and short texts make up a few dozen paragraphs of a
report; a ``Paragraph`` parses its markup when it is made and goes through its fragment
machinery to break and draw lines. :class:`TextBlock` takes the text as it is (no markup:
``<``, ``&`` print as themselves, newlines break lines), breaks it once per width with the line
breaking of :mod:`.wrapping` (that of a ``Paragraph``: the same lines, the same shrunk spaces),
and draws it through :mod:`.grid_drawing`: the same lines at the same places. It splits across
pages between lines as a ``Paragraph`` does (never leaving a single first line behind), and
takes space before and after, keep-with-next and alignment (left, centre, right) from its style.
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
            wrapped = wrap_text(self.text, style.fontName, style.fontSize, room)
            spacing = wrapped.word_space
            texts = wrapped.split("\n") if wrapped else []
            self._lines = [(text, spacing.get(i, 0.0)) for i, text in enumerate(texts)]
            self._room = room
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._break(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The lines that fit, and the rest; none when only one line (or none) would stay."""
        lines = self._break(availWidth)
        fit = int(availHeight / self.style.leading)
        if fit == 0 or (fit == 1 and not self.style.allowOrphans):
            return []
        if len(lines) <= fit:
            return [self]
        style, room = self.style, self._room or 0.0
        return [
            TextBlock._of_lines(lines[:fit], style, room),
            TextBlock._of_lines(lines[fit:], style, room),
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
