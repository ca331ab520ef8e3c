"""Reading the curator's schools as list rows: whole lists, and searches that scale.

``search`` returns only the ordered ids for a query (filtering and sorting done by SQLite), and
``summaries_for`` fetches one page of rows for them, so a list of 5,000 schools never has to be
loaded at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import bindparam, case, func
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import Programme, RiskLevel, SchoolStatus, Verdict
from curator_desktop.domain.risk.profile import effective_level, highest_level
from curator_desktop.domain.summaries import SchoolSummary
from curator_desktop.domain.text import normalize_search, sort_key
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.query_parts import contains, directed, ranked
from curator_desktop.store.rows import in_id_order, record_from
from curator_desktop.store.tables import Recommendation, RiskAssessment, School, Visit


class SchoolSort(StrEnum):
    """The columns the schools list sorts by."""

    NAME = "name"
    MUNICIPALITY = "municipality"
    PROGRAMME = "programme"
    STATUS = "status"
    NEXT_VISIT = "next_visit"
    OPEN_RECOMMENDATIONS = "open_recommendations"
    HIGHEST_RISK = "highest_risk"


@dataclass(frozen=True)
class SchoolQuery:
    """What the schools list shows: search words, filters, archived or not, and the order.

    Every word of ``text`` must occur in the school's search text (name, short name,
    municipality, director, INN; case and «ё» folded). Schools without a next visit come last in
    both directions; "not verified" is the lowest risk.
    """

    text: str = ""
    municipality: str | None = None
    programme: str | None = None
    status: str | None = None
    include_archived: bool = False
    sort: SchoolSort = SchoolSort.NAME
    descending: bool = False

    @property
    def words(self) -> list[str]:
        return normalize_search(self.text).split()

    @property
    def filtered(self) -> bool:
        """True when the query narrows the list (search words or a filter)."""
        return bool(self.words or self.municipality or self.programme or self.status)


def _level_rank(column: Any) -> Any:
    return case({level.value: level.rank for level in RiskLevel}, value=column, else_=None)


def _risk_rank() -> Any:
    """Per school (correlated): the highest verified level's rank in its latest cycle year.

    The SQL form of :func:`curator_desktop.domain.risk.profile.effective_level` and
    ``highest_level``; NULL when nothing is verified. Tests check it against the Python rule.
    """
    latest_year = (
        select(func.max(RiskAssessment.year))
        .where(col(RiskAssessment.school_id) == School.id, col(RiskAssessment.deleted).is_(False))
        .correlate(School)
        .scalar_subquery()
    )
    effective = case(
        (
            col(RiskAssessment.verdict) == Verdict.CONFIRMED.value,
            _level_rank(RiskAssessment.questionnaire_level),
        ),
        (
            col(RiskAssessment.verdict) == Verdict.ADJUSTED.value,
            _level_rank(RiskAssessment.adjusted_level),
        ),
        (col(RiskAssessment.verdict) == Verdict.REJECTED.value, RiskLevel.NONE.rank),
        else_=None,
    )
    return (
        select(func.max(effective))
        .where(
            col(RiskAssessment.school_id) == School.id,
            col(RiskAssessment.deleted).is_(False),
            col(RiskAssessment.year) == latest_year,
        )
        .correlate(School)
        .scalar_subquery()
    )


_LEVEL_BY_RANK = {level.rank: level.value for level in RiskLevel}


def _next_visit(today: Any) -> Any:
    """Per school (correlated): the earliest planned visit from ``today`` (a date or a bound
    parameter) on."""
    return (
        select(func.min(Visit.planned_date))
        .where(
            col(Visit.school_id) == School.id,
            col(Visit.deleted).is_(False),
            col(Visit.status) == "planned",
            col(Visit.planned_date) >= today,
        )
        .correlate(School)
        .scalar_subquery()
    )


def _open_count() -> Any:
    """Per school (correlated): how many recommendations are open."""
    return (
        select(func.count())
        .select_from(Recommendation)
        .where(
            col(Recommendation.school_id) == School.id,
            col(Recommendation.deleted).is_(False),
            col(Recommendation.status) == "open",
        )
        .correlate(School)
        .scalar_subquery()
    )


def _next_visits(today: dt.date) -> Any:
    """Per school: the earliest planned visit from ``today`` on (grouped)."""
    return (
        select(col(Visit.school_id), func.min(Visit.planned_date).label("next_visit"))
        .where(col(Visit.deleted).is_(False))
        .where(col(Visit.status) == "planned")
        .where(col(Visit.planned_date) >= today)
        .group_by(col(Visit.school_id))
    )


def _open_recommendations() -> Any:
    """Per school: how many recommendations are open (grouped)."""
    return (
        select(col(Recommendation.school_id), func.count().label("open_count"))
        .where(col(Recommendation.deleted).is_(False))
        .where(col(Recommendation.status) == "open")
        .group_by(col(Recommendation.school_id))
    )


def _name_key() -> Any:
    return col(School.name_key)


@cache
def _page_statement() -> Any:
    """One page of list rows: the ids and the day are bound when it runs. Built once: building
    it and working out its cache key cost more than running it (≈1 ms a page)."""
    # One statement; the per-school subqueries are index lookups (migration 0003).
    return (
        select(
            School.id,
            School.full_name,
            School.short_name,
            School.inn,
            School.municipality,
            School.programme,
            School.cohort_year,
            School.status,
            col(School.archived_at).is_not(None),
            _next_visit(bindparam("today")),
            _open_count(),
            _risk_rank(),
        )
        .where(col(School.id).in_(bindparam("ids", expanding=True)))
        .where(col(School.deleted).is_(False))
    )


class SchoolRepository:
    """Queries about schools."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def count(self, *, include_archived: bool = False) -> int:
        with self._db.session() as session:
            query = select(func.count()).select_from(School).where(col(School.deleted).is_(False))
            if not include_archived:
                query = query.where(col(School.archived_at).is_(None))
            return int(session.exec(query).one())

    # -- search at scale -----------------------------------------------------------------------

    def search(self, query: SchoolQuery, *, today: dt.date | None = None) -> list[str]:
        """The ids of the schools matching ``query``, in its order (ties by name, then id)."""
        statement = self._ordered(select(School.id), query, today, with_words=True)
        with self._db.session() as session:  # Core rows: no ORM loading for a list of ids
            return list(session.connection().execute(statement).scalars())

    def search_texts(
        self, query: SchoolQuery, *, today: dt.date | None = None
    ) -> list[tuple[str, str]]:
        """(id, search text) of the schools ``query``'s filters select, in its order, its words
        left out: what narrowing by typed words in memory starts from (see ``SchoolListing``)."""
        columns = select(School.id, School.search_text)
        statement = self._ordered(columns, query, today, with_words=False)
        with self._db.session() as session:
            return [(row[0], row[1]) for row in session.connection().execute(statement)]

    def _ordered(
        self, statement: Any, query: SchoolQuery, today: dt.date | None, *, with_words: bool
    ) -> Any:
        """``statement`` narrowed by ``query`` (its words too when ``with_words``) and sorted."""
        today = today or dt.date.today()
        statement = statement.where(*self._conditions(query, with_words=with_words))
        # (expression, follows the requested direction); "no value" flags always sort last.
        keys: list[tuple[Any, bool]]
        match query.sort:
            case SchoolSort.MUNICIPALITY:
                keys = [(col(School.municipality_key), True)]
            case SchoolSort.PROGRAMME:
                keys = [
                    (ranked(School.programme, Programme), True),
                    (col(School.cohort_year).is_(None), False),
                    (col(School.cohort_year), True),
                ]
            case SchoolSort.STATUS:
                keys = [
                    (ranked(School.status, SchoolStatus), True),
                    (col(School.archived_at).is_not(None), True),
                ]
            case SchoolSort.NEXT_VISIT:
                visits = _next_visits(today).subquery()
                statement = statement.outerjoin(visits, visits.c.school_id == School.id)
                keys = [(visits.c.next_visit.is_(None), False), (visits.c.next_visit, True)]
            case SchoolSort.OPEN_RECOMMENDATIONS:
                recs = _open_recommendations().subquery()
                statement = statement.outerjoin(recs, recs.c.school_id == School.id)
                keys = [(func.coalesce(recs.c.open_count, 0), True)]
            case SchoolSort.HIGHEST_RISK:
                keys = [(func.coalesce(_risk_rank(), -1), True)]
            case _:
                keys = []
        if keys:  # ties in name order
            order_by = directed(keys, query.descending)
            order_by += [_name_key().asc(), col(School.id).asc()]
        else:
            order_by = directed([(_name_key(), True), (col(School.id), True)], query.descending)
        return statement.order_by(*order_by)

    @staticmethod
    def _conditions(query: SchoolQuery, *, with_words: bool = True) -> list[Any]:
        conditions: list[Any] = [col(School.deleted).is_(False)]
        if not query.include_archived:
            conditions.append(col(School.archived_at).is_(None))
        if with_words:
            conditions += [contains(School.search_text, word) for word in query.words]
        if query.municipality:
            conditions.append(col(School.municipality) == query.municipality)
        if query.programme:
            conditions.append(col(School.programme) == query.programme)
        if query.status:
            conditions.append(col(School.status) == query.status)
        return conditions

    def summaries_for(
        self, ids: Sequence[str], *, today: dt.date | None = None
    ) -> list[SchoolSummary]:
        """Rows for ``ids`` in that order (one page of a search); deleted or unknown ids are left
        out."""
        today = today or dt.date.today()
        with self._db.session() as session:
            return in_id_order(ids, lambda chunk: self._page(session, chunk, today))

    @staticmethod
    def _page(session: Session, ids: list[str], today: dt.date) -> dict[str, SchoolSummary]:
        rows = session.connection().execute(_page_statement(), {"ids": ids, "today": today})
        return {
            row[0]: SchoolSummary(
                *row[:8],
                archived=bool(row[8]),
                next_visit=row[9],
                open_recommendations=int(row[10] or 0),
                highest_risk=None if row[11] is None else _LEVEL_BY_RANK.get(row[11]),
            )
            for row in rows
        }

    def choices(self) -> list[tuple[str, str]]:
        """(id, short or full name) of the schools not archived, in name order (for pickers)."""
        with self._db.session() as session:
            query = (
                select(School.id, School.short_name, School.full_name)
                .where(col(School.deleted).is_(False), col(School.archived_at).is_(None))
                .order_by(col(School.name_key), col(School.id))
            )
            return [(sid, short or full) for sid, short, full in session.exec(query).all()]

    def municipalities(self, *, include_archived: bool = True) -> list[str]:
        """Distinct municipalities of the schools, in sort order (for the filter)."""
        with self._db.session() as session:
            query = (
                select(School.municipality)
                .distinct()
                .where(col(School.deleted).is_(False), col(School.municipality) != "")
            )
            if not include_archived:
                query = query.where(col(School.archived_at).is_(None))
            return sorted(session.exec(query).all(), key=sort_key)

    # -- whole lists (CLI, small views) ----------------------------------------------------------

    def summaries(
        self, *, include_archived: bool = False, today: dt.date | None = None
    ) -> list[SchoolSummary]:
        """Every school with its next planned visit, open recommendations and highest risk."""
        today = today or dt.date.today()
        with self._db.session() as session:
            query = select(School).where(col(School.deleted).is_(False))
            if not include_archived:
                query = query.where(col(School.archived_at).is_(None))
            schools = session.exec(query.order_by(School.short_name, School.full_name)).all()
            next_visits = dict(session.exec(_next_visits(today)).all())
            open_recs = dict(session.exec(_open_recommendations()).all())
            risks = self._highest_risks(session)
        return [
            record_from(
                SchoolSummary,
                school,
                archived=school.archived_at is not None,
                next_visit=next_visits.get(school.id),
                open_recommendations=int(open_recs.get(school.id, 0)),
                highest_risk=risks.get(school.id),
            )
            for school in schools
        ]

    @staticmethod
    def _highest_risks(session: Session) -> dict[str, str | None]:
        """Per school, the highest verified level in its latest cycle year."""
        rows = session.exec(
            select(
                RiskAssessment.school_id,
                RiskAssessment.year,
                RiskAssessment.questionnaire_level,
                RiskAssessment.verdict,
                RiskAssessment.adjusted_level,
            ).where(col(RiskAssessment.deleted).is_(False))
        ).all()
        latest: dict[str, int] = {}
        for school_id, year, *_ in rows:
            latest[school_id] = max(year, latest.get(school_id, year))
        levels: dict[str, list[str | None]] = defaultdict(list)
        for school_id, year, questionnaire, verdict, adjusted in rows:
            if year == latest[school_id]:
                levels[school_id].append(effective_level(questionnaire, verdict, adjusted))
        return {school_id: highest_level(values) for school_id, values in levels.items()}
