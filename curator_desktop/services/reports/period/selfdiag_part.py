"""A «Школа Минпросвещения России» school's part of the period report: its self-diagnosis
instead of a risk profile — the last two rounds up to the «as of» day by direction (level and
points then → now), the deficits closed and new, and the management decisions' state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable
from sqlmodel import Session

from curator_desktop.domain.selfdiag import (
    Decision,
    RoundComparison,
    SelfdiagRound,
    compare_rounds,
)
from curator_desktop.i18n import N_, _, format_date, pgettext
from curator_desktop.services.reports.form.layout import data_table
from curator_desktop.services.reports.period.columns import header_widths, lead, none_line
from curator_desktop.services.selfdiag.catalog import catalog_in_force_in
from curator_desktop.services.selfdiag.decisions import decisions_in
from curator_desktop.services.selfdiag.rounds import rounds_in

TITLE_MSGID = N_("Self-diagnosis results")


def title() -> str:
    """The subheading of the block (translated)."""
    return _(TITLE_MSGID)


@dataclass(frozen=True)
class SelfdiagPart:
    """What the report tells of one school's self-diagnosis."""

    names: dict[str, str]
    """Direction code → its name in the report's language."""
    latest: SelfdiagRound | None
    comparison: RoundComparison | None
    decisions: tuple[Decision, ...]
    as_of: dt.date

    @property
    def done(self) -> int:
        return sum(1 for d in self.decisions if d.done and (d.done_on or self.as_of) <= self.as_of)

    @property
    def overdue(self) -> int:
        return sum(1 for d in self.decisions if not d.done and d.overdue(self.as_of))


def selfdiag_parts(
    session: Session, school_ids: Iterable[str], as_of: dt.date, language: str
) -> dict[str, SelfdiagPart]:
    """The part of each school in ``school_ids`` (those of «Школа Минпросвещения»)."""
    catalog = catalog_in_force_in(session)
    names = {d.code: d.name(language) for d in catalog.directions}
    order = [d.code for d in catalog.directions]
    parts = {}
    for school_id in school_ids:
        rounds = [r for r in rounds_in(session, school_id) if r.round_date <= as_of]
        comparison = compare_rounds(rounds[-2], rounds[-1], order) if len(rounds) > 1 else None
        decisions = [
            d
            for d in decisions_in(session, school_id=school_id)
            if any(r.id == d.round_id for r in rounds)
        ]
        parts[school_id] = SelfdiagPart(
            names, rounds[-1] if rounds else None, comparison, tuple(decisions), as_of
        )
    return parts


def _round_name(selfdiag_round: SelfdiagRound) -> str:
    day = format_date(selfdiag_round.round_date, "short")
    return f"{selfdiag_round.label} ({day})" if selfdiag_round.label else day


def _cell(level: Any, points: int | None, maximum: int | None) -> str:
    """«Средний, 22 / 30»; what is unknown is left out («—» when nothing is known)."""
    parts = [level.label] if level is not None else []
    if points is not None:
        parts.append(f"{points}" + (f" / {maximum}" if maximum is not None else ""))
    return ", ".join(parts) or "—"


def selfdiag_block(part: SelfdiagPart | None) -> list[Flowable]:
    """The block's flowables: a table of the last two rounds (or the only one), the deficits
    closed and new, and the decisions."""
    if part is None or part.latest is None:
        return none_line(_("No self-diagnosis results are recorded by the end of the period."))
    story: list[Flowable] = []
    if part.comparison is not None:
        before, after = part.comparison.before, part.comparison.after
        headers = [pgettext("selfdiag", "Direction"), _round_name(before), _round_name(after)]
        rows: list[list[Any]] = [headers]
        for change in (*part.comparison.directions, part.comparison.total):
            name = (
                _("Total")
                if change.direction == "total"
                else part.names.get(change.direction, change.direction)
            )
            rows.append(
                [
                    name,
                    _cell(change.level_before, change.points_before, change.maximum_before),
                    _cell(change.level_after, change.points_after, change.maximum_after),
                ]
            )
        story.append(data_table(rows, header_widths(headers, [0.0, 120.0, 120.0], flexible=0)))
        story.append(
            lead(
                _(
                    "Deficits closed since the previous round: {closed}; new: {new}; kept: {kept}."
                ).format(
                    closed=len(part.comparison.closed),
                    new=len(part.comparison.new),
                    kept=len(part.comparison.kept),
                )
            )
        )
    else:
        latest = part.latest
        headers = [pgettext("selfdiag", "Direction"), _round_name(latest)]
        rows = [headers]
        for result in latest.results:
            rows.append(
                [
                    part.names.get(result.direction, result.direction),
                    _cell(result.level, result.points, result.maximum),
                ]
            )
        rows.append(
            [_("Total"), _cell(latest.overall_level, latest.total_points, latest.total_maximum)]
        )
        story.append(data_table(rows, header_widths(headers, [0.0, 160.0], flexible=0)))
        story.append(lead(_("Deficits found: {n}.").format(n=len(latest.deficits))))
    story.append(
        lead(
            _(
                "Management decisions: {n}, of them carried out: {done}, past their deadline: "
                "{overdue}."
            ).format(n=len(part.decisions), done=part.done, overdue=part.overdue)
        )
    )
    return story
