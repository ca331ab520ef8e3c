"""The self-diagnosis section's tables: rounds, a round's results per direction, two rounds
compared, and the management decisions. Read-only row models with their columns as data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from curator_desktop.domain.selfdiag import (
    Decision,
    DirectionChange,
    DirectionResult,
    Level,
    SelfdiagRound,
)
from curator_desktop.i18n import _, format_date, format_number, ngettext, pgettext
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel

NameOf = Callable[[str], str]
"""A direction's code → its name in the interface's language."""


def points_text(points: float | None, maximum: float | None = None) -> str:
    """«14», «14 of 20», «—»."""
    if points is None:
        return "—"
    shown = format_number(points)
    if maximum:
        return _("{points} of {maximum}").format(points=shown, maximum=format_number(maximum))
    return shown


def level_text(level: Level | None) -> str:
    return level.label if level is not None else "—"


def round_title(selfdiag_round: SelfdiagRound) -> str:
    """«ноябрь 2026 — 15.11.2026», or the date alone."""
    day = format_date(selfdiag_round.round_date, "short")
    label = selfdiag_round.label.strip()
    return f"{label} — {day}" if label else day


def _below(level: Level | None) -> bool:
    return level is Level.BELOW_BASE


class RoundTableModel(RowTableModel[SelfdiagRound]):
    """The school's rounds, newest first."""

    columns = (
        Column[SelfdiagRound](
            lambda: _("Date"),
            lambda r: format_date(r.round_date, "short"),
            sort_key=lambda r: r.round_date.toordinal(),
        ),
        Column[SelfdiagRound](lambda: _("Round"), lambda r: r.label or "—", max_width=160),
        Column[SelfdiagRound](
            lambda: _("Total"),
            lambda r: points_text(r.total_points, r.total_maximum),
            sort_key=lambda r: r.total_points or 0,
        ),
        Column[SelfdiagRound](
            lambda: _("Overall level"),
            lambda r: level_text(r.overall_level),
            attention=lambda r: _below(r.overall_level),
            samples=lambda: [level.label for level in Level],
        ),
        Column[SelfdiagRound](
            lambda: _("Deficits"),
            lambda r: _deficit_count(r),
            sort_key=lambda r: len(r.deficits),
        ),
    )


def _deficit_count(selfdiag_round: SelfdiagRound) -> str:
    count = len(selfdiag_round.deficits)
    critical = sum(1 for d in selfdiag_round.deficits if d.critical)
    if not count:
        return "—"
    text = format_number(count)
    if critical:
        text += " " + ngettext("({n} critical)", "({n} critical)", critical).format(
            n=format_number(critical)
        )
    return text


@dataclass(frozen=True)
class ResultRow:
    """One direction of a round as the results table shows it."""

    name: str
    result: DirectionResult
    order: int = 0
    """The direction's place in the catalog (the table's first order)."""


class ResultTableModel(RowTableModel[ResultRow]):
    """A round's results per direction: points of the maximum, level, deficits."""

    columns = (
        Column[ResultRow](
            lambda: pgettext("self-diagnosis", "Direction"),
            lambda r: r.name,
            sort_key=lambda r: r.order,
            max_width=240,
        ),
        Column[ResultRow](
            lambda: _("Points"),
            lambda r: points_text(r.result.points, r.result.maximum),
            sort_key=lambda r: r.result.points or 0,
        ),
        Column[ResultRow](
            lambda: _("Level"),
            lambda r: level_text(r.result.level),
            attention=lambda r: _below(r.result.level),
            samples=lambda: [level.label for level in Level],
        ),
        Column[ResultRow](
            lambda: _("Deficits"),
            lambda r: _deficits_cell(r.result),
            tooltip=lambda r: "\n".join(
                _deficit_text(d.text or d.indicator, d.critical) for d in r.result.deficits
            ),
            attention=lambda r: r.result.critical_count > 0,
            max_width=400,
            stretch=True,
        ),
    )


def _deficits_cell(result: DirectionResult) -> str:
    """The direction's deficits, one a line (bulleted when there are several); «—» for none."""
    texts = [_deficit_text(d.text or d.indicator, d.critical) for d in result.deficits]
    if len(texts) > 1:
        texts = [f"• {text}" for text in texts]
    return "\n".join(texts) or "—"


def _deficit_text(text: str, critical: bool) -> str:
    return _("{text} (critical)").format(text=text) if critical else text


@dataclass(frozen=True)
class ChangeRow:
    """One direction of two rounds compared."""

    name: str
    change: DirectionChange
    order: int = 0
    """The direction's place in the catalog (the total comes last)."""


def _change_text(change: DirectionChange) -> str:
    delta = change.points_delta
    if delta is None:
        return "—"
    points = f"+{format_number(delta)}" if delta > 0 else format_number(delta) if delta else "±0"
    levels = change.level_delta
    if levels:
        points += ", " + (_("level up") if levels > 0 else _("level down"))
    return points


class ComparisonTableModel(RowTableModel[ChangeRow]):
    """Per direction: then → now (points and level) and the change."""

    columns = (
        Column[ChangeRow](
            lambda: pgettext("self-diagnosis", "Direction"),
            lambda r: r.name,
            sort_key=lambda r: r.order,
            max_width=240,
        ),
        Column[ChangeRow](
            lambda: _("Then"),
            lambda r: (
                f"{points_text(r.change.points_before, r.change.maximum_before)}, "
                f"{level_text(r.change.level_before)}"
            ),
            attention=lambda r: _below(r.change.level_before),
        ),
        Column[ChangeRow](
            lambda: _("Now"),
            lambda r: (
                f"{points_text(r.change.points_after, r.change.maximum_after)}, "
                f"{level_text(r.change.level_after)}"
            ),
            attention=lambda r: _below(r.change.level_after),
        ),
        Column[ChangeRow](
            lambda: _("Change"),
            lambda r: _change_text(r.change),
            attention=lambda r: (r.change.level_delta or 0) < 0,
        ),
    )


@dataclass(frozen=True)
class DecisionRow:
    """A management decision with what it is about, as the table shows it."""

    decision: Decision
    direction: str
    deficit: str
    today: dt.date


class DecisionTableModel(RowTableModel[DecisionRow]):
    """The school's management decisions: on what, what, who, by when, done."""

    columns = (
        Column[DecisionRow](
            lambda: _("Deficit"),
            lambda r: ", ".join(p for p in (r.direction, r.deficit) if p),
            tooltip=lambda r: ", ".join(p for p in (r.direction, r.deficit) if p),
            max_width=170,
        ),
        Column[DecisionRow](
            lambda: _("Decision"),
            lambda r: r.decision.what,
            tooltip=lambda r: r.decision.what,
            max_width=320,
            stretch=True,
        ),
        Column[DecisionRow](
            lambda: _("Responsible"),
            lambda r: r.decision.responsible or "—",
            tooltip=lambda r: r.decision.responsible,
            max_width=140,
        ),
        Column[DecisionRow](
            lambda: _("Deadline"),
            lambda r: format_date(r.decision.deadline, "short"),
            sort_key=lambda r: (r.decision.deadline or dt.date.max).toordinal(),
            attention=lambda r: r.decision.overdue(r.today),
        ),
        Column[DecisionRow](
            lambda: _("Done"),
            lambda r: (
                format_date(r.decision.done_on, "short")
                if r.decision.done and r.decision.done_on
                else (_("Yes") if r.decision.done else _("No"))
            ),
            sort_key=lambda r: (
                (r.decision.done_on or dt.date.max).toordinal() if r.decision.done else 0
            ),
        ),
    )
