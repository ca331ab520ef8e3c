"""What the region's analytical справки need beyond the region summary, read by SQL aggregation
(one query each, no per-row objects): visits per week per curator against the plan, the
monitoring's overall assessment per activated direction and stage, risk levels per factor and
self-diagnosis levels per direction across the region.

Every figure counts live (not deleted) records; a visit counts for the curator who made it
(``visit.author_id`` → ``curator_profile``), a visit of unknown authorship under "".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from curator_desktop.domain.enums import VisitStatus

HELD = (
    VisitStatus.COMPLETED.value,
    VisitStatus.REPORT_GENERATED.value,
    VisitStatus.UPLOADED.value,
)
"""A visit with one of these statuses took place."""


@dataclass(frozen=True)
class WeekCount:
    """One curator's visits in one week (``week``: its Monday)."""

    curator: str
    week: dt.date
    done: int
    planned: int


@dataclass(frozen=True)
class DirectionChange:
    """Schools with an activated direction whose monitoring at ``stage`` assessed the positive
    changes as come (``come``), partly come (``partly``) or not come (``none``)."""

    code: str
    stage: str
    schools: int
    come: int
    partly: int
    none: int


@dataclass(frozen=True)
class LevelCount:
    """Schools at ``level`` in a direction (a risk factor's code or a self-diagnosis
    direction's)."""

    code: str
    level: str
    schools: int


_HELD_SQL = ", ".join(f"'{status}'" for status in HELD)

_HELD_DAYS = text(
    f"""
    SELECT author_id, coalesce(actual_date, planned_date) AS day, count(*)
    FROM visit
    WHERE deleted = 0 AND status IN ({_HELD_SQL}) AND day BETWEEN :start AND :end
    GROUP BY 1, 2
    """
)
_PLANNED_DAYS = text(
    """
    SELECT author_id, planned_date, count(*) FROM visit
    WHERE deleted = 0 AND planned_date BETWEEN :start AND :end
    GROUP BY 1, 2
    """
)
_PEOPLE = text("SELECT id, full_name FROM curator_profile")


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_visits(session: Session, start: dt.date, end: dt.date) -> list[WeekCount]:
    """Per curator and week of the period (its Monday): visits held (by their date) and
    planned (by the planned date). SQLite counts per author and day; the days fall into weeks
    here (a few thousand rows, not one per visit)."""
    connection = session.connection()
    bounds = {"start": start.isoformat(), "end": end.isoformat()}
    names = {person_id: name for person_id, name in connection.execute(_PEOPLE)}
    counts: dict[tuple[str, dt.date], list[int]] = {}
    for side, query in enumerate((_HELD_DAYS, _PLANNED_DAYS)):
        for author_id, day, n in connection.execute(query, bounds):
            key = (names.get(author_id) or "", monday(dt.date.fromisoformat(str(day))))
            counts.setdefault(key, [0, 0])[side] += int(n)
    return [
        WeekCount(curator, week, done, planned)
        for (curator, week), (done, planned) in sorted(counts.items())
    ]


_CHANGES = text(
    f"""
    WITH staged AS (
        SELECT v.school_id, json_extract(s.value, '$') AS stage,
               max(json_extract(o.value, '$')) AS overall
        FROM visit v
        JOIN checklist_answer s ON s.visit_id = v.id AND s.item_key = 'period.stage'
             AND s.lesson_id IS NULL AND s.deleted = 0
        LEFT JOIN checklist_answer o ON o.visit_id = v.id AND o.item_key = 'summary.overall'
             AND o.lesson_id IS NULL AND o.deleted = 0
        WHERE v.deleted = 0 AND v.status IN ({_HELD_SQL})
          AND coalesce(v.actual_date, v.planned_date) BETWEEN :start AND :end
        GROUP BY v.school_id, stage
    ), active AS (
        SELECT DISTINCT r.school_id, r.factor_code
        FROM risk_assessment r JOIN school sc ON sc.id = r.school_id AND sc.deleted = 0
        WHERE r.deleted = 0 AND r.activated = 1 AND r.year = :year
    )
    SELECT a.factor_code, s.stage, count(*),
           sum(s.overall = 2), sum(s.overall = 1), sum(s.overall = 0)
    FROM active a JOIN staged s ON s.school_id = a.school_id
    WHERE s.stage IS NOT NULL
    GROUP BY a.factor_code, s.stage ORDER BY a.factor_code, s.stage
    """
)


def direction_changes(
    session: Session, start: dt.date, end: dt.date, year: int
) -> list[DirectionChange]:
    """Per direction activated in the cycle ``year`` and monitoring stage held in the period:
    the schools and their overall assessment of the positive changes (the top of its 0–2 scale:
    come; 1: partly; 0: not come)."""
    rows = session.connection().execute(
        _CHANGES, {"start": start.isoformat(), "end": end.isoformat(), "year": year}
    )
    return [
        DirectionChange(code, str(stage), int(n), int(come or 0), int(part or 0), int(no or 0))
        for code, stage, n, come, part, no in rows
    ]


_RISK_LEVELS = text(
    """
    SELECT r.factor_code, coalesce(r.adjusted_level, r.questionnaire_level), count(*)
    FROM risk_assessment r JOIN school sc ON sc.id = r.school_id AND sc.deleted = 0
    WHERE r.deleted = 0 AND r.year = :year AND (r.verdict IS NULL OR r.verdict != 'rejected')
    GROUP BY 1, 2 ORDER BY 1, 2
    """
)


def risk_levels(session: Session, year: int) -> list[LevelCount]:
    """Per risk factor: schools at each level in the cycle ``year`` (the level after
    verification when there is one; a rejected factor is «risk not identified»)."""
    rows = list(session.connection().execute(_RISK_LEVELS, {"year": year}))
    rows += list(session.connection().execute(_REJECTED, {"year": year}))
    counts: dict[tuple[str, str], int] = {}
    for code, level, n in rows:
        counts[(code, level)] = counts.get((code, level), 0) + int(n)
    return [LevelCount(code, level, n) for (code, level), n in sorted(counts.items())]


_REJECTED = text(
    """
    SELECT r.factor_code, 'none', count(*)
    FROM risk_assessment r JOIN school sc ON sc.id = r.school_id AND sc.deleted = 0
    WHERE r.deleted = 0 AND r.year = :year AND r.verdict = 'rejected'
    GROUP BY 1
    """
)

_SELFDIAG_LEVELS = text(
    """
    WITH latest AS (
        SELECT r.id, row_number() OVER (
            PARTITION BY r.school_id ORDER BY r.round_date DESC, r.id DESC) AS n
        FROM selfdiag_round r JOIN school sc ON sc.id = r.school_id AND sc.deleted = 0
        WHERE r.deleted = 0 AND r.round_date <= :as_of
    )
    SELECT x.direction, x.level, count(*)
    FROM latest l JOIN selfdiag_result x ON x.round_id = l.id AND x.deleted = 0
    WHERE l.n = 1 AND x.level IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2
    """
)


def selfdiag_levels(session: Session, as_of: dt.date) -> list[LevelCount]:
    """Per self-diagnosis direction: schools at each level in their latest round up to
    ``as_of``."""
    rows = session.connection().execute(_SELFDIAG_LEVELS, {"as_of": as_of.isoformat()})
    return [LevelCount(code, level, int(n)) for code, level, n in rows]


_FACTOR_NAMES = text(
    "SELECT code, name_ru, name_en FROM risk_factor WHERE deleted = 0 ORDER BY sort_order, code"
)


def factor_names(session: Session, language: str) -> dict[str, str]:
    """Risk factor codes and their names in ``language`` (the first of a code wins)."""
    names: dict[str, str] = {}
    for code, name_ru, name_en in session.connection().execute(_FACTOR_NAMES):
        names.setdefault(code, name_ru if language == "ru" else (name_en or name_ru))
    return names
