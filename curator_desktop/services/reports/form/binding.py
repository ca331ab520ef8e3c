"""What a page break may not separate, beyond reportlab's keep-with-next of headings.

A heading keeps with the flowable after it (its style says so); when that flowable is a short
text introducing a table («Год проекта: 2026», «Не верифицирован: уровни — по итогам
анкетирования»), the heading used to stay at the foot of a page with its introduction while the
table began the next page without either. :func:`bind` goes through a story before it is laid
out and

- makes every short text (and spacer) right before a table keep with it, so that the heading,
  its introduction and at least the table's first rows share a page (the layout's
  keep-with-next group lets the table start below them when its first rows fit there);
- puts a short line right after a table (a count or a note: «Выполнено решений: 3 из 5»)
  with the table's last rows, never alone at the top of the next page (:func:`.signed_end`).

A text is short when it takes at most :data:`SHORT_LINES` lines; one ending with a colon, or
keeping with the next flowable by its style, introduces what follows rather than sums up what
comes before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from curator_desktop.services.reports.form.grid_tables import WholeTable
from curator_desktop.services.reports.form.signed_end import signed_end
from curator_desktop.services.reports.form.styles import CONTENT_HEIGHT, CONTENT_WIDTH
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import TextGrid

SHORT_LINES = 3
"""Lines a text may take to count as the introduction or summary of a table."""
INTRO_TEXTS = 3
"""Short texts before a table that keep with it at most (a year line, a note, a caption)."""


def bind(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with the summaries of tables grouped with them and the introductions of tables
    marked to keep with them (in groups kept together too)."""
    bound = _with_summaries(list(story))
    _mark_intros(bound)
    return bound


def _table(flowable: Flowable) -> bool:
    """A data table (not the signature block, which never splits)."""
    return isinstance(flowable, TextGrid | Table) and not isinstance(flowable, WholeTable)


def _spacing(flowable: Flowable) -> bool:
    return isinstance(flowable, Spacer) and not isinstance(flowable, CondPageBreak)


def _short_text(flowable: Flowable) -> bool:
    if not isinstance(flowable, TextBlock | Paragraph):
        return False
    height = flowable.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1]
    leading = flowable.style.leading or flowable.style.fontSize * 1.2
    return height <= SHORT_LINES * leading + 1e-6


def _plain_text(flowable: Flowable) -> str:
    if isinstance(flowable, TextBlock):
        return flowable.text
    if isinstance(flowable, Paragraph):
        return flowable.getPlainText()
    return ""


def _summary(flowable: Flowable) -> bool:
    """A short text that sums up the table before it (not a heading or an introduction)."""
    return (
        _short_text(flowable)
        and not flowable.getKeepWithNext()
        and not _plain_text(flowable).rstrip().endswith(":")
    )


def _with_summaries(story: list[Flowable]) -> list[Flowable]:
    bound: list[Flowable] = []
    index = 0
    while index < len(story):
        flowable = story[index]
        after = index + 1
        while after < len(story) and _spacing(story[after]):
            after += 1
        if (
            _table(flowable)
            and not flowable.getKeepWithNext()
            and after < len(story)
            and _summary(story[after])
        ):
            bound.append(signed_end([flowable], story[index + 1 : after + 1], whole=False))
            index = after + 1
            continue
        bound.append(flowable)
        index += 1
    return bound


def _leads_to_table(flowable: Flowable) -> bool:
    """A table, or a table grouped with its summary."""
    if _table(flowable):
        return True
    body = getattr(flowable, "_body", None)
    return isinstance(flowable, KeepTogether) and bool(body) and _table(body[0])


def _mark_intros(story: list[Flowable]) -> None:
    for index, flowable in enumerate(story):
        if isinstance(flowable, KeepTogether):
            _mark_intros(flowable._content)
        if not _leads_to_table(flowable):
            continue
        texts, before = 0, index - 1
        while before >= 0 and texts < INTRO_TEXTS:
            intro = story[before]
            if _spacing(intro):
                intro.keepWithNext = 1
            elif _short_text(intro):
                heading = intro.getKeepWithNext()
                intro.keepWithNext = 1
                texts += 1
                if heading:  # a heading: what comes before it belongs to the section before
                    break
            else:
                break
            before -= 1
