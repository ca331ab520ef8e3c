"""A list beside the panel it drives (sections | items, lessons | lesson), the panel getting most
of the width: a QSplitter left to itself gives its first child the space (conventions, traps)."""

from __future__ import annotations

from collections.abc import MutableMapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QWidget

MAIN_SHARE = 0.6
"""The least share of the width the main panel keeps; a remembered width that leaves it less
is neither restored nor remembered."""


def side_width(total: int, wanted: int | None, *, share: float, bounds: tuple[int, int]) -> int:
    """The side list's width in a splitter ``total`` px wide: ``wanted`` (what the user chose
    last) when it leaves the main panel :data:`MAIN_SHARE` of the width, else ``share`` of the
    width kept within ``bounds`` (px) and within what leaves the main panel its share."""
    limit = int(total * (1 - MAIN_SHARE))
    if wanted is not None and 0 < wanted <= limit:
        return wanted
    return max(0, min(limit, bounds[1], max(bounds[0], round(total * share))))


class SideSplitter(QSplitter):
    """Side list on the left, main panel on the right. The main panel takes every change of the
    window's width; the list's width is set when the splitter is first shown (the remembered
    one when sane, see :func:`side_width`) and remembered under ``key`` in ``widths`` when
    the user drags the handle to a sane place."""

    def __init__(
        self,
        side: QWidget,
        main: QWidget,
        *,
        key: str,
        widths: MutableMapping[str, int] | None = None,
        share: float = 0.25,
        bounds: tuple[int, int] = (160, 340),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._key = key
        self._widths: MutableMapping[str, int] = widths if widths is not None else {}
        self._share = share
        self._bounds = bounds
        self._placed = False
        self.addWidget(side)
        self.addWidget(main)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.splitterMoved.connect(self._on_splitter_moved)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._placed:  # laid out while hidden: placed again once shown
            self._place()

    def _place(self) -> None:
        total = self.width() - self.handleWidth()
        if total <= 0:
            return
        side = side_width(
            total, self._widths.get(self._key), share=self._share, bounds=self._bounds
        )
        self.setSizes([side, total - side])
        self._placed = self.isVisible()

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        side, main = self.sizes()
        if side > 0 and main >= (side + main) * MAIN_SHARE:
            self._widths[self._key] = side
