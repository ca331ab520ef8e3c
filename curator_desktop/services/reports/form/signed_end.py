"""The end of a document with its signatures: the signature block never stands alone on a page.

A curator signs under the text they sign for, so the signatures go on the page that holds at
least the end of the last paragraph, table or heading before them. An end that fits on one
page is kept together (moved to the next page whole when it does not fit where it would start,
as reportlab's ``KeepTogether`` does); a longer one flows, and its last flowable gives up its
last lines or rows to the page of the signatures, or moves there whole when it cannot split.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus.flowables import _listWrapOn

from curator_desktop.services.reports.form.styles import CONTENT_HEIGHT

FORCE_SPLIT = 0xFFFFFF
"""The height a flowable reports to be split (and never drawn) by platypus."""
TAIL = 1.0
"""Points by which the last flowable is cut shorter than itself, so at least its last line or
row goes on to the signatures' page."""


def _padding(flowable: Flowable) -> bool:
    """Space that carries nothing to sign under (a spacer, a conditional page break)."""
    return isinstance(flowable, Spacer | CondPageBreak)


def signed_end(
    body: Sequence[Flowable], signatures: Sequence[Flowable], *, whole: bool = True
) -> Flowable:
    """``body`` (the last section: its heading and content) followed by ``signatures`` (the
    signature blocks and their labels), with the signatures never alone on a page. ``whole``
    moves an end that fits on one page to the next page whole when it does not fit where it
    starts; without it only the body's tail goes on with the signatures."""
    return _SignedEnd(list(body), list(signatures), whole=whole)


class _SignedEnd(KeepTogether):
    """The end kept together when it fits on a page; else the body flows and its tail stays
    with the signatures."""

    def __init__(self, body: list[Flowable], signatures: list[Flowable], *, whole: bool) -> None:
        super().__init__([*body, *signatures])
        self._body, self._signatures, self._whole = body, signatures, whole

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if aH >= self._H:
            return [*self._body, *self._signatures]
        if self._whole and self._H <= CONTENT_HEIGHT:
            return super().split(aW, aH)
        cut = len(self._body)
        while cut > 0 and _padding(self._body[cut - 1]):
            cut -= 1
        if cut == 0:  # nothing but padding to sign under
            return [*self._body, *self._signatures]
        last, kept = self._body[cut - 1], [*self._body[cut:], *self._signatures]
        tail = _Tail(last, kept)
        if cut > 1:
            return [*self._body[: cut - 1], tail]
        tail._frame = getattr(self, "_frame", None)  # platypus takes a single part as it is
        try:
            return tail.split(aW, aH)
        finally:
            del tail._frame


class _Tail(Flowable):
    """``last`` followed by ``kept`` (never split): what does not fit with ``kept`` on this
    page goes before it, so ``kept`` starts below at least a part of ``last``."""

    def __init__(self, last: Flowable, kept: list[Flowable]) -> None:
        super().__init__()
        self._last, self._kept = last, kept

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return aW, FORCE_SPLIT

    def split(self, aW: float, aH: float) -> list[Flowable]:
        last = self._last
        last_height = last.wrap(aW, aH)[1] + last.getSpaceBefore() + last.getSpaceAfter()
        kept_height = _listWrapOn(self._kept, aW, None)[1]
        if last_height + kept_height <= aH:
            return [last, *self._kept]
        room = min(aH, last_height - TAIL) - last.getSpaceBefore()
        parts = last.split(aW, room) if room > 0 else []
        if len(parts) >= 2:
            return [*parts[:-1], _Tail(parts[-1], self._kept)]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return [last, *self._kept]  # at the top of a page already: nothing better to do
        return []  # the next page, whole
