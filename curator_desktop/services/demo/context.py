"""What the demo store's build steps share: the session, the random source, the records so far."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from curator_desktop.services.demo.seeds import DemoSeeds, LessonSeed, SchoolSeed
from curator_desktop.store.tables import (
    ChecklistTemplate,
    RiskAssessment,
    RiskFactor,
    School,
    Visit,
)

_PARENT_KINDS = frozenset({"school", "assessment", "visit", "lesson"})


@dataclass
class DemoContext:
    """What is built so far, shared by the steps."""

    seeds: DemoSeeds
    rng: random.Random
    session: Session
    today: dt.date
    year: int
    templates: dict[str, ChecklistTemplate]
    factors: list[RiskFactor]
    max_active: int
    names: set[str] = field(default_factory=set)
    inns: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    coordinators: dict[str, str] = field(default_factory=dict)
    lessons: list[LessonSeed] = field(default_factory=list)
    past_deadlines: int = 0

    @property
    def curator(self) -> str:
        """The curator's full name."""
        return self.seeds.people.curator.full_name

    def add(self, record: Any, kind: str) -> Any:
        """Add ``record``; parents are flushed at once (tables have no ORM relationships, so
        the unit of work would not know to insert them before their children)."""
        self.session.add(record)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind in _PARENT_KINDS:
            self.session.flush()
        return record

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
