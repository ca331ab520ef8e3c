"""Schools' risk profiles in the period report: each factor's level from the questionnaires, at
verification and as of the report's day, for every school in one query.

A factor with a risk at any of those stages (or activated) is a line of the school's table; every
other factor of the catalog is named with why it is left out (no risk at any stage, no risk by the
questionnaires and not verified, nothing recorded), so the count of verified factors and the rows
agree. :class:`LevelChanges` counts the lines by how the level moved from one stage to the next.

The store keeps one verification per factor and year, changed in place when the curator revises
it (lowers a risk after the autumn visit); the change log keeps what it was. The level «at
verification» is the record as it stood a day after its first verdict was written (corrections
made while filling it in count as the verification); the level «now» is the record as it stood
at the end of the report's «as of» day, but never before the verification (a profile entered
late has no earlier state). A record without a logged verdict (created whole: an import, the
demo) was verified as it is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.domain.risk.profile import effective_level
from curator_desktop.i18n import _
from curator_desktop.services.catalogs.builtin import active_factors_in
from curator_desktop.store.tables import ChangeLog, RiskAssessment

VERIFICATION_GRACE = dt.timedelta(days=1)
"""How long after the first verdict a change still counts as part of the verification."""
LEVEL_FIELDS = ("questionnaire_level", "verdict", "adjusted_level", "activated")


CHANGES = ("lower", "higher", "same")


def _change(before: str | None, after: str | None) -> str | None:
    """``lower``, ``higher`` or ``same`` from ``before`` to ``after`` (``None``: unknown)."""
    if before is None or after is None:
        return None
    step = RiskLevel(after).rank - RiskLevel(before).rank
    return "lower" if step < 0 else "higher" if step > 0 else "same"


@dataclass(frozen=True)
class RiskLine:
    """A factor with a risk at any point of the year: from the questionnaires, at verification
    or now (a risk lowered to «no risk» stays, so that the lowering shows)."""

    code: str
    name: str
    questionnaire_label: str
    verified_level: str | None
    """The level at verification (``None``: not verified)."""
    verified_label: str
    level: str | None
    """The level as of the report's day (``None``: not verified)."""
    level_label: str
    verdict_label: str
    activated: bool
    questionnaire_level: str = RiskLevel.NONE.value

    @property
    def change(self) -> str | None:
        """``lower``, ``higher`` or ``same`` from verification to now (``None``: not verified)."""
        return _change(self.verified_level, self.level)

    @property
    def verification_change(self) -> str | None:
        """``lower``, ``higher`` or ``same`` from the questionnaires to the verification
        (``None``: not verified)."""
        return _change(self.questionnaire_level, self.verified_level)


@dataclass(frozen=True)
class LevelChanges:
    """Lines of risk tables counted by how their level moved between two stages."""

    lower: int = 0
    higher: int = 0
    same: int = 0
    unverified: int = 0

    @property
    def total(self) -> int:
        return self.lower + self.higher + self.same + self.unverified

    def __add__(self, other: LevelChanges) -> LevelChanges:
        return LevelChanges(
            self.lower + other.lower,
            self.higher + other.higher,
            self.same + other.same,
            self.unverified + other.unverified,
        )


def level_changes(changes: Iterable[str | None]) -> LevelChanges:
    """The count of each change (``None``: a factor not verified)."""
    counted = Counter(changes)
    return LevelChanges(counted["lower"], counted["higher"], counted["same"], counted[None])


LEFT_OUT = ("no_risk", "not_verified", "no_record")
"""Why a factor of the catalog is not a line of the table: no risk at any stage (verified), no
risk by the questionnaires and not verified, nothing recorded."""


@dataclass(frozen=True)
class RiskPart:
    """A school's risk profile in the report: its year, the factors shown, and counts."""

    year: int | None
    lines: tuple[RiskLine, ...] = ()
    factors: int = 0
    verified: int = 0
    rejected: int = 0
    current: bool = False
    """The profile is of the report's cycle year (an earlier one is shown, never counted)."""
    left_out: tuple[tuple[str, str], ...] = ()
    """(factor code, reason from :data:`LEFT_OUT`) of each factor of the catalog not shown."""

    @property
    def activated(self) -> tuple[RiskLine, ...]:
        return tuple(line for line in self.lines if line.activated)

    def left_out_for(self, reason: str) -> tuple[str, ...]:
        """The codes of the factors left out for ``reason``, in catalog order."""
        return tuple(code for code, why in self.left_out if why == reason)

    @property
    def verification_changes(self) -> LevelChanges:
        """The lines counted by the change from the questionnaires to the verification."""
        return level_changes(line.verification_change for line in self.lines)

    @property
    def changes_since_verification(self) -> LevelChanges:
        """The lines counted by the change from the verification to the «as of» day."""
        return level_changes(line.change for line in self.lines)


def _level_label(level: str | None) -> str:
    return RiskLevel.label_for(level) if level else _("Not verified")


def end_of(day: dt.date) -> dt.datetime:
    """The end of ``day`` on this computer's clock, in UTC (the change log's time)."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).astimezone(dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """A time of the change log (UTC, stored naive by SQLite) with its time zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _logged(field: str, text: str | None) -> Any:
    if field == "activated":
        return bool(json.loads(text)) if text else False
    return text


def _state_at(row: RiskAssessment, logs: list[ChangeLog], moment: dt.datetime) -> dict[str, Any]:
    """The level fields of ``row`` as they stood at ``moment``: later changes undone."""
    state = {name: getattr(row, name) for name in LEVEL_FIELDS}
    for log in reversed(logs):
        if aware(log.at) > moment and log.field in state:
            state[log.field] = _logged(log.field, log.old_value)
    return state


def _states(
    row: RiskAssessment, logs: list[ChangeLog], as_of: dt.date
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The level fields at verification and at the end of ``as_of``."""
    first = next((log for log in logs if log.field == "verdict" and log.new_value), None)
    now_moment = end_of(as_of)
    if first is None:
        state = _state_at(row, logs, now_moment)
        return state, state
    verified_moment = aware(first.at) + VERIFICATION_GRACE
    return _state_at(row, logs, verified_moment), _state_at(
        row, logs, max(now_moment, verified_moment)
    )


def _logs_of(session: Session, ids: Iterable[str]) -> dict[str, list[ChangeLog]]:
    logs: dict[str, list[ChangeLog]] = defaultdict(list)
    ids = list(ids)
    if not ids:
        return logs
    for log in session.exec(
        select(ChangeLog)
        .where(col(ChangeLog.entity) == RiskAssessment.__tablename__)
        .where(col(ChangeLog.entity_id).in_(ids))
        .where(col(ChangeLog.field).in_(LEVEL_FIELDS))
        .order_by(col(ChangeLog.at), col(ChangeLog.id))
    ):
        logs[log.entity_id].append(log)
    return logs


def risks_of(
    session: Session, school_ids: list[str], year: int, language: str, as_of: dt.date
) -> defaultdict[str, RiskPart]:
    """Each school's profile of its latest cycle year up to ``year`` (empty when it has none),
    the profile of ``year`` itself marked current."""
    query = (
        select(RiskAssessment)
        .where(col(RiskAssessment.school_id).in_(school_ids))
        .where(col(RiskAssessment.year) <= year)
        .where(col(RiskAssessment.deleted).is_(False))
        .order_by(col(RiskAssessment.updated_at))
    )
    rows: dict[str, dict[int, dict[str, RiskAssessment]]] = defaultdict(lambda: defaultdict(dict))
    for row in session.exec(query):
        rows[row.school_id][row.year][row.factor_code] = row
    latest = {school_id: max(years) for school_id, years in rows.items()}
    logs = _logs_of(session, (r.id for s, years in rows.items() for r in years[latest[s]].values()))
    factors_by_year: dict[int, list[Any]] = {}
    parts: defaultdict[str, RiskPart] = defaultdict(lambda: RiskPart(None))
    for school_id, profile_year in latest.items():
        if profile_year not in factors_by_year:
            factors_by_year[profile_year] = active_factors_in(session, profile_year)
        parts[school_id] = _risk_part(
            profile_year,
            factors_by_year[profile_year],
            rows[school_id][profile_year],
            logs,
            language,
            as_of,
            current=profile_year == year,
        )
    return parts


def _risk_part(
    year: int,
    factors: list[Any],
    assessments: Mapping[str, RiskAssessment],
    logs: Mapping[str, list[ChangeLog]],
    language: str,
    as_of: dt.date,
    *,
    current: bool,
) -> RiskPart:
    lines, verified, rejected = [], 0, 0
    left_out: list[tuple[str, str]] = []
    for factor in factors:
        row = assessments.get(factor.code)
        if row is None:
            left_out.append((factor.code, "no_record"))
            continue
        at_verification, now = _states(row, logs.get(row.id, []), as_of)
        verified += now["verdict"] is not None
        rejected += now["verdict"] == Verdict.REJECTED
        before = effective_level(
            at_verification["questionnaire_level"],
            at_verification["verdict"],
            at_verification["adjusted_level"],
        )
        level = effective_level(now["questionnaire_level"], now["verdict"], now["adjusted_level"])
        levels = {now["questionnaire_level"], before, level}
        if not now["activated"] and levels <= {None, RiskLevel.NONE.value}:
            left_out.append((factor.code, "no_risk" if now["verdict"] else "not_verified"))
            continue
        name = factor.name_ru if language == "ru" else (factor.name_en or factor.name_ru)
        lines.append(
            RiskLine(
                code=factor.code,
                name=name,
                questionnaire_label=RiskLevel.label_for(now["questionnaire_level"]),
                verified_level=before,
                verified_label=_level_label(before),
                level=level,
                level_label=_level_label(level),
                verdict_label=Verdict.label_for(now["verdict"]) if now["verdict"] else "—",
                activated=bool(now["activated"]),
                questionnaire_level=now["questionnaire_level"],
            )
        )
    return RiskPart(year, tuple(lines), len(factors), verified, rejected, current, tuple(left_out))
