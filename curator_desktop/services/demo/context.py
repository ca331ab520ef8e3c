"""What the demo store's build steps share: the session, the random source, the records so far,
and the story's clock (each record is dated on the day it happens in the story)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from curator_desktop.services.demo.seeds import DemoSeeds, LessonSeed, SchoolSeed
from curator_desktop.store.tables import RiskAssessment, RiskFactor, School, Visit

_PARENT_KINDS = frozenset({"school", "visit", "lesson"})

Dated = tuple[str, str, str, dt.datetime]
"""(table, record id, revision, moment): a write the change log must date at ``moment``."""


@dataclass
class DemoContext:
    """What is built so far, shared by the steps."""

    seeds: DemoSeeds
    rng: random.Random
    session: Session
    today: dt.date
    year: int
    """The programme cycle year the story tells (see :func:`builder.demo_cycle_year`)."""
    factors: list[RiskFactor]
    max_active: int
    owner: str = ""
    """The seeded curator's full name ("": the demo's own curator)."""
    names: set[str] = field(default_factory=set)
    inns: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    coordinators: dict[str, str] = field(default_factory=dict)
    lessons: list[LessonSeed] = field(default_factory=list)
    past_deadlines: int = 0
    deadline_moved: bool = False
    """One overdue recommendation had its deadline moved at the school's request."""
    texts_used: set[str] = field(default_factory=set)
    """Texts written at any school: another school's sentence is drawn only when none is left."""
    dated: list[Dated] = field(default_factory=list)
    pending: list[tuple[Any, dict[str, Any], dt.datetime]] = field(default_factory=list)
    _ticks: int = 0

    @property
    def curator(self) -> str:
        """The curator's full name."""
        return self.owner or self.seeds.people.curator.full_name

    def cycle_day(self, month_day: str, *, year: int | None = None) -> dt.date:
        """The day ``MM-DD`` of the story's cycle year (or of ``year``)."""
        month, day = month_day.split("-")
        return dt.date(self.year if year is None else year, int(month), int(day))

    def moment(self, day: dt.date) -> dt.datetime:
        """A moment of ``day`` in working hours (local time, as reports read days), in UTC;
        each later than the one taken before it on the same day."""
        self._ticks += 1
        local = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(seconds=self._ticks)
        return local.astimezone().astimezone(dt.UTC)

    def add(self, record: Any, kind: str, *, day: dt.date | None = None) -> Any:
        """Add ``record``, made on ``day`` of the story (else now); parents are flushed at once
        (tables have no ORM relationships, so the unit of work would not know to insert them
        before their children)."""
        if day is not None:
            record.created_at = self.moment(min(day, self.today))
            self.dated.append((record.__tablename__, record.id, record.revision, record.created_at))
        self.session.add(record)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind in _PARENT_KINDS:
            self.session.flush()
        return record

    def date(self, record: Any, day: dt.date) -> None:
        """Date a record another service wrote (and flushed) as made on ``day`` of the story
        (``created_at`` is bookkeeping: setting it logs no change)."""
        moment = self.moment(min(day, self.today))
        record.created_at = moment
        self.dated.append((record.__tablename__, record.id, record.revision, moment))

    def change(self, record: Any, day: dt.date, **values: Any) -> None:
        """Change fields of a stored ``record`` on ``day`` of the story: the change log keeps
        the old and new values at that day, as if the curator had edited them then. Changes are
        written by :meth:`settle` (all of a round in one flush): read the story from the seeds,
        not from a changed record, until then."""
        self.change_many(day, [(record, values)])

    def change_many(self, day: dt.date, changes: list[tuple[Any, dict[str, Any]]]) -> None:
        """:meth:`change` for several records on the same day."""
        for record, values in changes:
            self.pending.append((record, values, self.moment(min(day, self.today))))

    def settle(self) -> None:
        """Write the pending changes: each record's first change in one flush, its second in
        the next, and so on, each dated at its moment."""
        self.session.flush()  # the records first, as made; then their changes
        queues: dict[int, list[tuple[Any, dict[str, Any], dt.datetime]]] = {}
        for change in self.pending:
            queues.setdefault(id(change[0]), []).append(change)
        self.pending.clear()
        while queues:
            round_ = [queue.pop(0) for queue in queues.values()]
            queues = {key: queue for key, queue in queues.items() if queue}
            for record, values, _moment in round_:
                for name, value in values.items():
                    setattr(record, name, value)
            self.session.flush()
            for record, _values, moment in round_:
                self.dated.append((record.__tablename__, record.id, record.revision, moment))

    def person(self, *, female: bool | None = None) -> str:
        """A fresh Russian full name (surname, name, patronymic), not yet used in this store."""
        rng, people = self.rng, self.seeds.people
        while True:
            is_female = rng.random() < 0.8 if female is None else female
            surname = rng.choice(people.surnames) + ("а" if is_female else "")
            first = rng.choice(people.female_names if is_female else people.male_names)
            patronymic = rng.choice(people.patronymic_stems) + ("на" if is_female else "ич")
            name = f"{surname} {first} {patronymic}"
            if name not in self.names:
                self.names.add(name)
                return name


@dataclass
class DemoSchool:
    """A school of the demo store and what the steps attached to it."""

    school: School
    seed: SchoolSeed
    coordinator: str
    activated: list[str]
    assessments: dict[str, RiskAssessment]
    visits: list[Visit]
    verdicts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per factor, what the curator's verification will set (verdict, level, justification)."""
    texts_used: set[str] = field(default_factory=set)
    """Findings and recommendations already written at this school (none is repeated)."""
    monitoring: dict[str, Any] = field(default_factory=dict)
    """The answers of the school's last monitoring stage (the next one moves on from them)."""
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The answers of each monitoring stage held, by stage."""
    advice: list[tuple[str, dt.date, dt.date | None]] = field(default_factory=list)
    """Recommendations given so far: text, deadline, the day closed (None: still open)."""
    programme_returned: bool = False
    """Its antirisk programme was sent back for revision at a visit (and not accepted since)."""
