"""The photos of a report: each print copy at its size with its caption below, in rows.

:class:`Photo` draws a print copy whose JPEG bytes go into the PDF from its file when the report
is written (:mod:`.pdf_writer`), never read into memory. :class:`PhotoGrid` sets cells (a photo
and its caption, or a note that the photo cannot be read) in columns, each cell's content
centred and standing on the cell's bottom, rows split between pages, as the platypus table
that used to hold them did (no padding left and right, 3 points above, 8 below).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from curator_desktop.services.reports.pdf.images import PrintImage

PADDING_TOP, PADDING_BOTTOM = 3.0, 8.0


class Photo(Flowable):
    """A print copy drawn at a fixed size."""

    def __init__(self, image: PrintImage, width: float, height: float) -> None:
        super().__init__()
        self.image = image
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from curator_desktop.services.reports.pdf.writer import COLOUR_SPACES, draw_jpeg

        image = self.image
        if image.mode in COLOUR_SPACES:
            size = (image.width, image.height)
            draw_jpeg(self.canv, image.path, size, image.mode, (self.width, self.height))
        else:  # not a print copy of ours: reportlab reads and converts it
            self.canv.drawImage(str(image.path), 0, 0, self.width, self.height)


class PhotoGrid(Flowable):
    """Cells of stacked flowables in rows of ``len(col_widths)``, bottom-aligned and centred
    in their column; split between rows."""

    def __init__(self, cells: Sequence[Sequence[Flowable]], col_widths: Sequence[float]) -> None:
        super().__init__()
        columns = len(col_widths)
        self._widths = tuple(col_widths)
        self._rows = [list(cells[i : i + columns]) for i in range(0, len(cells), columns)]
        self._heights: list[float] | None = None

    def _measure(self) -> list[float]:
        if self._heights is None:
            self._heights = []
            for row in self._rows:
                tallest = max(
                    self._content_height(cell, width)
                    for cell, width in zip(row, self._widths, strict=False)
                )
                self._heights.append(tallest + PADDING_TOP + PADDING_BOTTOM)
        return self._heights

    @staticmethod
    def _content_height(cell: Sequence[Flowable], width: float) -> float:
        """The cell's flowables stacked (the space before the first one not counted)."""
        height = 0.0
        for index, flowable in enumerate(cell):
            height += flowable.wrap(width, 0xFFFFFFF)[1] + flowable.getSpaceAfter()
            if index:
                height += flowable.getSpaceBefore()
        return height - (cell[-1].getSpaceAfter() if cell else 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self._widths)
        self.height = sum(self._measure())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heights = self._measure()
        used, fitting = 0.0, 0
        for height in heights:
            if used + height > availHeight + 1e-6:
                break
            used += height
            fitting += 1
        if not fitting:
            return []
        if fitting == len(heights):
            return [self]
        return [self._part(0, fitting), self._part(fitting, len(heights))]

    def _part(self, start: int, end: int) -> PhotoGrid:
        part = PhotoGrid([], self._widths)
        part._rows = self._rows[start:end]
        part._heights = self._measure()[start:end]
        return part

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        for row, height in zip(self._rows, self._measure(), strict=True):
            left = 0.0
            for cell, width in zip(row, self._widths, strict=False):
                y = top - height + PADDING_BOTTOM + self._content_height(cell, width)
                for index, flowable in enumerate(cell):
                    w, h = flowable.wrap(width, 0xFFFFFFF)
                    if index:
                        y -= flowable.getSpaceBefore()
                    y -= h
                    flowable.drawOn(canvas, left + (width - w) / 2, y)
                    y -= flowable.getSpaceAfter()
                left += width
            top -= height
