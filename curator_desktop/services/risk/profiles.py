"""The school's risk profile (рисковый профиль школы): reading, verifying, starting a year, history.

One row per factor of the catalog in force for the cycle year, joined with the curator's
verification when there is one. Every save is checked by
:mod:`curator_desktop.domain.risk.verification` first; a refused save writes nothing. Evidence
(visits, lessons, document reviews, files, notes) lives in
:mod:`curator_desktop.services.risk.evidence`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from functools import cache
from typing import Any, ClassVar

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from curator_desktop.domain import identity
from curator_desktop.domain.changes import NO_CHANGES, Change, Changes
from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.risk.profile import effective_level
from curator_desktop.domain.risk.records import cycle_year_problem
from curator_desktop.domain.risk.verification import (
    EDITABLE_FIELDS,
    FactorState,
    RiskRuleError,
    check_save,
    errors_of,
    warnings_of,
)
from curator_desktop.i18n import _, current_language
from curator_desktop.services.catalogs.builtin import active_factors_in, current_catalog_in
from curator_desktop.services.risk import evidence as risk_evidence
from curator_desktop.services.risk.evidence import EvidenceChoice, EvidenceRow
from curator_desktop.store.database import Database
from curator_desktop.store.rows import free_id
from curator_desktop.store.tables import ChangeLog, RiskAssessment, RiskEvidence, School

__all__ = [
    "EvidenceChoice",
    "EvidenceRow",
    "FactorRow",
    "HistoryEntry",
    "RiskProfileService",
    "SaveResult",
]

DEFAULT_MAX_DIRECTIONS = 3


@dataclass(frozen=True)
class FactorRow:
    """One factor of a school's profile in one cycle year, as verified so far."""

    code: str
    name_ru: str
    name_en: str
    questionnaire_level: str
    verdict: str | None
    adjusted_level: str | None
    effective_level: str | None
    justification: str
    activated: bool
    verified_on: dt.date | None
    medk_entered: bool
    medk_entered_on: dt.date | None
    evidence: tuple[EvidenceRow, ...] = ()
    assessment_id: str | None = None

    def name_in(self, language: str) -> str:
        """The factor's name in ``language`` (``ru`` or ``en``)."""
        return self.name_ru if language == "ru" else (self.name_en or self.name_ru)

    @property
    def name(self) -> str:
        """The factor's name in the current language."""
        return self.name_in(current_language())

    def state(self) -> FactorState:
        """The values the verification rules look at."""
        return FactorState(**{name: getattr(self, name) for name in EDITABLE_FIELDS})


@dataclass(frozen=True)
class SaveResult:
    """What a save did: whether anything changed, and warnings that did not block it."""

    warnings: tuple[str, ...] = ()
    changed: bool = False

    @property
    def changes(self) -> Changes:
        """The risk profiles when anything was stored, else nothing."""
        return RiskProfileService.WRITES if self.changed else NO_CHANGES


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a profile: when, on which device, which factor and field, old → new.

    ``field`` is a stored field name (``verdict``, ``justification`` …), ``evidence`` for a
    linked piece of evidence, or ``None`` when the record was created; values are stored codes.
    """

    at: dt.datetime
    device_id: str
    factor_code: str
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None


class RiskProfileService:
    """Reads and writes schools' risk profiles; plain objects in and out, no live sessions."""

    WRITES: ClassVar[Changes] = frozenset({Change.RISKS})
    """What a save, a new year or a piece of evidence linked or unlinked changes."""

    def __init__(self, database: Database, *, today: dt.date | None = None) -> None:
        self._db = database
        self._today = today

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # --- reading --------------------------------------------------------------------------

    def years(self, school_id: str) -> list[int]:
        """Cycle years for which the school has a profile, newest first."""
        with self._db.session() as session:
            query = (
                select(RiskAssessment.year)
                .where(col(RiskAssessment.school_id) == school_id)
                .where(col(RiskAssessment.deleted).is_(False))
                .distinct()
            )
            return sorted(session.exec(query).all(), reverse=True)

    def suggested_new_year(self, school_id: str) -> int:
        """The year «Start a new year» offers: after the latest one, else the current year."""
        years = self.years(school_id)
        return years[0] + 1 if years else self.today().year

    def max_active_directions(self) -> int:
        """How many activated directions the catalog in force recommends at most."""
        with self._db.session() as session:
            catalog = current_catalog_in(session)
            return catalog.max_active_directions if catalog else DEFAULT_MAX_DIRECTIONS

    def profile(self, school_id: str, year: int) -> list[FactorRow]:
        """One row per factor of the current catalog in force in ``year``, in catalog order."""
        with self._db.session() as session:
            factors = active_factors_in(session, year)
            assessments = live_assessments(session, school_id, year)
            ids = [a.id for a in assessments.values()]
            evidence = risk_evidence.rows_for(session, ids)
        rows = []
        for factor in factors:
            found = assessments.get(factor.code)
            state = _state_of(found) if found else FactorState()
            rows.append(
                FactorRow(
                    code=factor.code,
                    name_ru=factor.name_ru,
                    name_en=factor.name_en,
                    effective_level=effective_level(
                        state.questionnaire_level, state.verdict, state.adjusted_level
                    ),
                    evidence=tuple(evidence.get(found.id, ())) if found else (),
                    assessment_id=found.id if found else None,
                    **asdict(state),
                )
            )
        return rows

    # --- writing --------------------------------------------------------------------------

    def save_factor(
        self, school_id: str, year: int, code: str, changes: Mapping[str, Any]
    ) -> SaveResult:
        """Apply ``changes`` (field → value) to one factor, after checking every rule.

        Choosing a verdict other than «Adjusted» clears the adjusted level; clearing «entered in
        IS MEDK» clears its date. The first verdict dates the verification today and ticking
        «entered» dates the entry today, unless the change gives those dates. Raises
        :class:`RiskRuleError` (a ``ValidationError``) and writes nothing when a rule is broken.
        """
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        _check_year(year)
        today = self.today()
        with self._db.session() as session:
            codes = _factor_codes(session, year, code)
            assessments = live_assessments(session, school_id, year)
            row = assessments.get(code)
            current = _state_of(row) if row else FactorState()
            state = _merged(current, changes, today)
            elsewhere = sum(a.activated for c, a in assessments.items() if c != code and c in codes)
            catalog = current_catalog_in(session)
            maximum = catalog.max_active_directions if catalog else DEFAULT_MAX_DIRECTIONS
            problems = check_save(
                state, activated_elsewhere=elsewhere, maximum=maximum, today=today
            )
            if errors_of(problems):
                raise RiskRuleError(problems)
            warnings = tuple(p.message for p in warnings_of(problems))
            if state == current:
                return SaveResult(warnings, changed=False)
            if row is None:
                _require_school(session, school_id)
                row = _new_assessment(session, school_id, year, code)
                session.add(row)
                session.flush()  # then every value is logged as a change from the default
            for name, value in asdict(state).items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
        return SaveResult(warnings, changed=True)

    def start_year(self, school_id: str, year: int) -> list[FactorRow]:
        """Open ``year`` as a draft copied from the latest earlier year of the school.

        Questionnaire levels and justifications are copied; verdicts, activation, dates and the
        IS MEDK mark start empty. Factors new in the catalog start at «Risk not identified».
        """
        _check_year(year)
        with self._db.session() as session:
            _require_school(session, school_id)
            if live_assessments(session, school_id, year):
                raise ValidationError(
                    _("The {year} cycle year has already been started for this school.").format(
                        year=year
                    ),
                    field="year",
                )
            earlier = session.exec(
                select(RiskAssessment.year)
                .where(col(RiskAssessment.school_id) == school_id)
                .where(col(RiskAssessment.deleted).is_(False))
                .where(col(RiskAssessment.year) < year)
            ).all()
            previous = live_assessments(session, school_id, max(earlier)) if earlier else {}
            for factor in active_factors_in(session, year):
                source = previous.get(factor.code)
                row = _new_assessment(session, school_id, year, factor.code)
                row.questionnaire_level = (
                    source.questionnaire_level if source else RiskLevel.NONE.value
                )
                row.justification = source.justification if source else ""
                session.add(row)
        return self.profile(school_id, year)

    # --- history --------------------------------------------------------------------------

    def history(self, school_id: str, year: int) -> list[HistoryEntry]:
        """Every recorded change of the school's profile for ``year``, newest first."""
        with self._db.session() as session:
            codes = dict(
                session.exec(
                    select(RiskAssessment.id, RiskAssessment.factor_code)
                    .where(col(RiskAssessment.school_id) == school_id)
                    .where(col(RiskAssessment.year) == year)
                ).all()
            )
            evidence = risk_evidence.history_labels(session, list(codes))
            logs = session.exec(
                select(ChangeLog)
                .where(
                    (
                        (col(ChangeLog.entity) == RiskAssessment.__tablename__)
                        & col(ChangeLog.entity_id).in_(list(codes))
                    )
                    | (
                        (col(ChangeLog.entity) == RiskEvidence.__tablename__)
                        & col(ChangeLog.entity_id).in_(list(evidence))
                    )
                )
                .order_by(col(ChangeLog.at).desc())
            ).all()
        entries = []
        for log in logs:
            if log.entity == RiskAssessment.__tablename__:
                entries.append(
                    HistoryEntry(
                        log.at,
                        log.device_id,
                        codes[log.entity_id],
                        log.action,
                        log.field,
                        log.old_value,
                        log.new_value,
                    )
                )
                continue
            if log.field == "deleted_at":
                continue
            assessment_id, label = evidence[log.entity_id]
            old, new = _evidence_change(log, label)
            entries.append(
                HistoryEntry(
                    log.at, log.device_id, codes[assessment_id], log.action, "evidence", old, new
                )
            )
        return entries

    # --- evidence -------------------------------------------------------------------------

    def evidence_choices(self, school_id: str) -> list[EvidenceChoice]:
        """The school's visits, observed lessons, document reviews and files, to link."""
        with self._db.session() as session:
            return risk_evidence.choices(session, school_id)

    def add_evidence(
        self,
        school_id: str,
        year: int,
        code: str,
        *,
        kind: str,
        target_id: str | None = None,
        note: str = "",
    ) -> EvidenceRow:
        """Link a piece of evidence to one factor (its verification is created if missing)."""
        with self._db.session() as session:
            _factor_codes(session, year, code)
            row = live_assessments(session, school_id, year).get(code)
            if row is None:
                _require_school(session, school_id)
                row = _new_assessment(session, school_id, year, code)
                session.add(row)
                session.flush()
            return risk_evidence.add(
                session, school_id, row.id, kind=kind, target_id=target_id, note=note
            )

    def remove_evidence(self, evidence_id: str) -> None:
        """Unlink a piece of evidence (kept as a tombstone for sync and history)."""
        with self._db.session() as session:
            risk_evidence.remove(session, evidence_id)


# --- helpers ----------------------------------------------------------------------------------


def _new_assessment(session: Session, school_id: str, year: int, code: str) -> RiskAssessment:
    """A new verification, its id derived from (school, factor, year): the same in every store."""
    wanted = identity.assessment_id(school_id, code, year)
    return RiskAssessment(
        id=free_id(session, RiskAssessment, wanted),
        school_id=school_id,
        year=year,
        factor_code=code,
    )


@cache
def _live_assessments_statement() -> Any:
    """Built once, the school and year bound when it runs (building costs more than running)."""
    return (
        select(RiskAssessment)
        .where(col(RiskAssessment.school_id) == bindparam("school_id"))
        .where(col(RiskAssessment.year) == bindparam("year"))
        .where(col(RiskAssessment.deleted).is_(False))
        .order_by(col(RiskAssessment.updated_at))
    )


def live_assessments(session: Session, school_id: str, year: int) -> dict[str, RiskAssessment]:
    """The school's live verifications of ``year`` by factor code (the newest wins a tie)."""
    rows = session.exec(
        _live_assessments_statement(), params={"school_id": school_id, "year": year}
    )
    return {row.factor_code: row for row in rows}


def _factor_codes(session: Session, year: int, code: str) -> set[str]:
    codes = {f.code for f in active_factors_in(session, year)}
    if code not in codes:
        raise NotFoundError(
            _("The risk factor {code} is not in the catalog for {year}.").format(
                code=code, year=year
            )
        )
    return codes


def _require_school(session: Session, school_id: str) -> None:
    school = session.get(School, school_id)
    if school is None or school.deleted:
        raise NotFoundError(_("The school was not found."))


def _state_of(row: RiskAssessment) -> FactorState:
    return FactorState(**{name: getattr(row, name) for name in EDITABLE_FIELDS})


def _merged(current: FactorState, changes: Mapping[str, Any], today: dt.date) -> FactorState:
    """``current`` with ``changes`` applied, normalised, and the automatic dates filled in."""
    values = dict(changes)
    for name in ("verdict", "adjusted_level"):
        if name in values and not values[name]:
            values[name] = None
    if "questionnaire_level" in values and not values["questionnaire_level"]:
        values["questionnaire_level"] = RiskLevel.NONE.value
    if "justification" in values:
        values["justification"] = str(values["justification"] or "").strip()
    for name in ("activated", "medk_entered"):
        if name in values:
            values[name] = bool(values[name])
    state = replace(current, **values)
    if (
        "verdict" in changes
        and state.verdict != Verdict.ADJUSTED
        and "adjusted_level" not in changes
    ):
        state = replace(state, adjusted_level=None)
    if "medk_entered_on" not in changes and "medk_entered" in changes:
        if not state.medk_entered:
            state = replace(state, medk_entered_on=None)
        elif not current.medk_entered and state.medk_entered_on is None:
            state = replace(state, medk_entered_on=today)
    first_verdict = current.verdict is None and state.verdict is not None
    if first_verdict and state.verified_on is None and "verified_on" not in changes:
        state = replace(state, verified_on=today)
    return state


def _evidence_change(log: ChangeLog, label: str) -> tuple[str | None, str | None]:
    if log.action == "create" or log.action == "restore":
        return None, label
    if log.action == "delete":
        return label, None
    return log.old_value, log.new_value


def _check_year(year: int) -> None:
    """``ValidationError(field="year")`` for a cycle year the app does not work with."""
    problem = cycle_year_problem(year)
    if problem:
        raise ValidationError(problem, field="year")
