"""What the analytical справка on the self-diagnosis prints, read through the self-diagnosis
service in one go.

A frozen tree of plain values with names in the current language: per school, the last two
rounds dated in the period compared direction by direction, the deficits of the later round
(new or kept, critical marked) and those closed since the earlier one, and the school's
management decisions; across the schools, how many are at each level in each direction, which
are below the base level where, and how their overall level changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.selfdiag import (
    LEVEL_ORDER,
    Decision,
    Deficit,
    Level,
    RoundComparison,
    SelfdiagCatalog,
    SelfdiagRound,
    compare_rounds,
)
from curator_desktop.i18n import _, current_language, format_date
from curator_desktop.services.reports.charts.selfdiag_chart import DirectionBars, RoundBar
from curator_desktop.services.reports.protocol.data import (
    CuratorInfo,
    SchoolHeader,
    curator_info,
    school_header,
)
from curator_desktop.services.selfdiag import SelfdiagService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School


@dataclass(frozen=True)
class DirectionLine:
    """One direction of a school's results: the earlier and the later round."""

    code: str
    name: str
    earlier: RoundBar | None
    later: RoundBar | None

    @property
    def level_change(self) -> int | None:
        """Levels gained (negative: lost); None when a side has no level."""
        before = self.earlier.level if self.earlier else None
        after = self.later.level if self.later else None
        if before is None or after is None:
            return None
        return Level(after).rank - Level(before).rank

    @property
    def points_change(self) -> float | None:
        if self.earlier is None or self.later is None:
            return None
        if self.earlier.points is None or self.later.points is None:
            return None
        return self.later.points - self.earlier.points


@dataclass(frozen=True)
class DeficitLine:
    """A deficit as the справка lists it."""

    direction: str
    """The direction's name."""
    text: str
    """The indicator's code and name, or the text it was recorded with."""
    critical: bool
    state: str
    """``new`` (not in the earlier round), ``kept`` or ``closed``; ``only`` with one round."""


@dataclass(frozen=True)
class DecisionLine:
    """A management decision on a deficit."""

    direction: str
    deficit: str
    what: str
    responsible: str
    deadline: dt.date | None
    done: bool
    done_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class SchoolPart:
    """One school's self-diagnosis in the period."""

    school: SchoolHeader
    earlier: SelfdiagRound | None
    later: SelfdiagRound | None
    earlier_name: str
    later_name: str
    directions: tuple[DirectionLine, ...]
    total: DirectionLine
    deficits: tuple[DeficitLine, ...]
    closed: tuple[DeficitLine, ...]
    decisions: tuple[DecisionLine, ...]

    @property
    def has_rounds(self) -> bool:
        return self.later is not None

    @property
    def below_base(self) -> tuple[str, ...]:
        """The directions below the base level in the later round (names)."""
        return tuple(
            line.name
            for line in self.directions
            if line.later is not None and line.later.level == Level.BELOW_BASE.value
        )

    def chart_rows(self) -> tuple[DirectionBars, ...]:
        return tuple(DirectionBars(d.name, d.earlier, d.later) for d in self.directions)


@dataclass(frozen=True)
class LevelCount:
    """How many schools are at each level in one direction (their later round)."""

    name: str
    counts: tuple[int, ...]
    """One per level in :data:`LEVEL_ORDER`."""
    without: int
    """Schools with no level in this direction."""


@dataclass(frozen=True)
class SelfdiagReportData:
    """Everything the analytical справка prints."""

    language: str
    date_from: dt.date
    date_to: dt.date
    single: bool
    """About one school (else the summary across schools comes first)."""
    curator: CuratorInfo
    catalog_title: str
    catalog_notes: tuple[str, ...]
    schools: tuple[SchoolPart, ...]
    level_counts: tuple[LevelCount, ...]
    overall_counts: LevelCount

    @property
    def with_rounds(self) -> tuple[SchoolPart, ...]:
        return tuple(part for part in self.schools if part.has_rounds)


# --- collecting -------------------------------------------------------------------------------


def round_name(selfdiag_round: SelfdiagRound | None) -> str:
    """«ноябрь 2026 (15.11.2026)»: its label and date, or the date alone."""
    if selfdiag_round is None:
        return ""
    day = format_date(selfdiag_round.round_date, "short")
    label = selfdiag_round.label.strip()
    return f"{label} ({day})" if label else day


def _bar(points: float | None, maximum: float | None, level: Level | None) -> RoundBar | None:
    if points is None and level is None:
        return None
    return RoundBar(points, maximum, level.value if level else None)


def _deficit_text(catalog: SelfdiagCatalog, deficit: Deficit, language: str) -> str:
    indicator = None
    if deficit.indicator:
        found = catalog.find_indicator(deficit.direction, deficit.indicator)
        indicator = f"{found.code} {found.name(language)}".strip() if found else None
    return deficit.text.strip() or indicator or deficit.indicator


def _direction_name(catalog: SelfdiagCatalog, code: str, language: str) -> str:
    direction = catalog.direction(code)
    return direction.name(language) if direction else code


def _two_rounds(
    rounds: Sequence[SelfdiagRound],
) -> tuple[SelfdiagRound | None, SelfdiagRound | None]:
    ordered = sorted(rounds, key=lambda r: r.round_date)
    if not ordered:
        return None, None
    if len(ordered) == 1:
        return None, ordered[0]
    return ordered[-2], ordered[-1]


def _lines(
    catalog: SelfdiagCatalog, comparison: RoundComparison | None, only: SelfdiagRound | None
) -> tuple[tuple[DirectionLine, ...], DirectionLine]:
    language = current_language()
    order = [d.code for d in catalog.directions]
    if comparison is None and only is not None:
        comparison = compare_rounds(only, only, order)
        single = True
    else:
        single = False
    lines: list[DirectionLine] = []
    if comparison is not None:
        for change in comparison.directions:
            after = _bar(change.points_after, change.maximum_after, change.level_after)
            before = (
                None
                if single
                else _bar(change.points_before, change.maximum_before, change.level_before)
            )
            lines.append(
                DirectionLine(
                    change.direction,
                    _direction_name(catalog, change.direction, language),
                    before,
                    after,
                )
            )
        total = comparison.total
        total_line = DirectionLine(
            "total",
            _("Total"),
            None if single else _bar(total.points_before, total.maximum_before, total.level_before),
            _bar(total.points_after, total.maximum_after, total.level_after),
        )
    else:
        total_line = DirectionLine("total", _("Total"), None, None)
    return tuple(lines), total_line


def _deficits(
    catalog: SelfdiagCatalog, comparison: RoundComparison | None, only: SelfdiagRound | None
) -> tuple[tuple[DeficitLine, ...], tuple[DeficitLine, ...]]:
    language = current_language()

    def line(deficit: Deficit, state: str) -> DeficitLine:
        return DeficitLine(
            _direction_name(catalog, deficit.direction, language),
            _deficit_text(catalog, deficit, language),
            deficit.critical,
            state,
        )

    order = {d.code: n for n, d in enumerate(catalog.directions)}

    def ordered(deficits: Sequence[Deficit]) -> list[Deficit]:
        return sorted(deficits, key=lambda d: (order.get(d.direction, len(order)), not d.critical))

    if comparison is None:
        current = ordered(only.deficits) if only is not None else []
        return tuple(line(d, "only") for d in current), ()
    new_keys = {d.key for d in comparison.new}
    current = ordered([*comparison.new, *comparison.kept])
    shown = tuple(line(d, "new" if d.key in new_keys else "kept") for d in current)
    return shown, tuple(line(d, "closed") for d in ordered(comparison.closed))


def _decisions(
    catalog: SelfdiagCatalog, decisions: Sequence[Decision], today: dt.date
) -> tuple[DecisionLine, ...]:
    language = current_language()
    lines = []
    for decision in sorted(decisions, key=lambda d: (d.deadline or dt.date.max, d.what)):
        deficit = ""
        if decision.indicator:
            found = catalog.find_indicator(decision.direction, decision.indicator)
            deficit = f"{found.code} {found.name(language)}" if found else decision.indicator
        lines.append(
            DecisionLine(
                _direction_name(catalog, decision.direction, language),
                deficit,
                decision.what,
                decision.responsible,
                decision.deadline,
                decision.done,
                decision.done_on,
                decision.overdue(today),
            )
        )
    return tuple(lines)


def school_part(
    service: SelfdiagService,
    school: School,
    date_from: dt.date,
    date_to: dt.date,
    *,
    today: dt.date,
) -> SchoolPart:
    """One school's part: its last two rounds dated in the period, compared."""
    catalog = service.catalog()
    rounds = [r for r in service.rounds(school.id) if date_from <= r.round_date <= date_to]
    earlier, later = _two_rounds(rounds)
    order = [d.code for d in catalog.directions]
    comparison = compare_rounds(earlier, later, order) if earlier and later else None
    directions, total = _lines(catalog, comparison, later)
    deficits, closed = _deficits(catalog, comparison, later)
    round_ids = {r.id for r in rounds}
    decisions = [d for d in service.decisions(school.id) if d.round_id in round_ids]
    return SchoolPart(
        school=school_header(school),
        earlier=earlier,
        later=later,
        earlier_name=round_name(earlier),
        later_name=round_name(later),
        directions=directions,
        total=total,
        deficits=deficits,
        closed=closed,
        decisions=_decisions(catalog, decisions, today),
    )


def _level_counts(
    catalog: SelfdiagCatalog, parts: Sequence[SchoolPart]
) -> tuple[tuple[LevelCount, ...], LevelCount]:
    language = current_language()
    rounds = [p.later for p in parts if p.later is not None]

    def count(name: str, levels: list[Level | None]) -> LevelCount:
        counts = tuple(sum(1 for level in levels if level is wanted) for wanted in LEVEL_ORDER)
        return LevelCount(name, counts, sum(1 for level in levels if level is None))

    per_direction = []
    for direction in catalog.directions:
        levels = []
        for selfdiag_round in rounds:
            result = selfdiag_round.result(direction.code)
            levels.append(result.level if result else None)
        per_direction.append(count(direction.name(language), levels))
    overall = count(_("Overall level"), [r.overall_level for r in rounds])
    return tuple(per_direction), overall


def _schools(database: Database, school_id: str | None) -> list[School]:
    with database.session() as session:
        query = select(School).where(col(School.deleted).is_(False))
        if school_id is None:
            query = query.where(col(School.archived_at).is_(None))
        else:
            query = query.where(col(School.id) == school_id)
        schools = list(session.exec(query.order_by(col(School.name_key), col(School.id))))
        for school in schools:
            session.expunge(school)
    if school_id is not None and not schools:
        raise NotFoundError(
            _("The school {id} was not found; it may have been deleted.").format(id=school_id)
        )
    return schools


def collect(
    database: Database,
    date_from: dt.date,
    date_to: dt.date,
    *,
    school_id: str | None = None,
    today: dt.date | None = None,
) -> SelfdiagReportData:
    """The справка's data: ``school_id``'s rounds in the period, or every school's that is not
    archived and has a round in it (``None``). Raises :class:`ValidationError` for a period that
    ends before it begins, :class:`NotFoundError` for an unknown school or when no school has a
    round in the period."""
    if date_from > date_to:
        raise ValidationError(_("The period must not end before it begins."), field="date_to")
    today = today or dt.date.today()
    service = SelfdiagService(database)
    catalog = service.catalog()
    parts = [
        school_part(service, school, date_from, date_to, today=today)
        for school in _schools(database, school_id)
    ]
    if school_id is None:
        parts = [part for part in parts if part.has_rounds]
    if not any(part.has_rounds for part in parts):
        raise NotFoundError(
            _(
                "No self-diagnosis round is recorded from {start} to {end}: record a round "
                "in the school's card first."
            ).format(start=format_date(date_from), end=format_date(date_to))
        )
    language = current_language()
    counts, overall = _level_counts(catalog, parts)
    title = catalog.title_ru if language == "ru" else (catalog.title_en or catalog.title_ru)
    return SelfdiagReportData(
        language=language,
        date_from=date_from,
        date_to=date_to,
        single=school_id is not None,
        curator=curator_info(database),
        catalog_title=f"{title}, {catalog.version}".strip(", "),
        catalog_notes=tuple(str(note) for note in catalog.notes.values()),
        schools=tuple(parts),
        level_counts=counts,
        overall_counts=overall,
    )
