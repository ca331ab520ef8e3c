"""Reading the demo store's content from ``resources/demo`` (read once, then cached).

Each file is read into its class of :mod:`curator_desktop.services.demo.seeds` by the classes'
type hints; a missing file, broken JSON, a missing or unknown key, a value of the wrong kind and
a reference to something the files do not hold are a :class:`ValidationError` naming the file,
the line and the place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin, get_type_hints

from curator_desktop import paths
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_locator import JsonPath
from curator_desktop.domain.json_parsing import JsonPlace, parse_json
from curator_desktop.i18n import N_, _, ngettext
from curator_desktop.services.catalogs.builtin import read_text_file
from curator_desktop.services.demo.seeds import (
    AnswersFile,
    DemoSeeds,
    DocumentsFile,
    EventsFile,
    PeopleFile,
    RecommendationsFile,
    RegionFile,
    RisksFile,
    VisitsFile,
)

DEMO_DIR = "demo"
FILES: dict[str, tuple[str, type]] = {
    "region": ("region.json", RegionFile),
    "people": ("people.json", PeopleFile),
    "visits": ("visits.json", VisitsFile),
    "answers": ("answers.json", AnswersFile),
    "documents": ("documents.json", DocumentsFile),
    "risks": ("risks.json", RisksFile),
    "recommendations": ("recommendations.json", RecommendationsFile),
    "events": ("events.json", EventsFile),
}
"""The field of :class:`DemoSeeds`, its file and the file's class."""

_TYPE_NAMES = {
    str: N_("a text in quotes"),
    int: N_("a whole number"),
    bool: N_("true or false"),
    list: N_("a list […]"),
    dict: N_("an object {…}"),
}


@cache
def load_demo_seeds() -> DemoSeeds:
    """The demo content shipped with the app (read on first use)."""
    return read_demo_seeds(paths.resource(DEMO_DIR))


def read_demo_seeds(folder: Path) -> DemoSeeds:
    """Read and check every file of ``folder`` (a copy of ``resources/demo``)."""
    files, parts = {}, {}
    for name, (file_name, cls) in FILES.items():
        files[name] = _File(folder / file_name)
        parts[name] = files[name].build(cls, files[name].data, ())
    return _checked(DemoSeeds(**parts), files)


class _File:
    """One parsed file and how to name a place in it."""

    def __init__(self, path: Path) -> None:
        text = read_text_file(path)
        self.data = parse_json(text, source=path)
        self.place = JsonPlace(path, text)

    def fail(self, path: JsonPath, problem: str) -> ValidationError:
        return self.place.error(path, problem)

    def expected(self, path: JsonPath, what: str) -> ValidationError:
        return self.fail(path, _("must be {expected}.").format(expected=what))

    def build(self, cls: type, value: Any, path: JsonPath) -> Any:
        """An instance of the dataclass ``cls`` from the JSON object ``value``."""
        if not isinstance(value, dict):
            raise self.expected(path, _(_TYPE_NAMES[dict]))
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key in value:
            if key not in fields:
                raise self.fail((*path, key), _("unknown key “{key}”.").format(key=key))
        hints = get_type_hints(cls, include_extras=True)
        given = {}
        for name, f in fields.items():
            if name in value:
                given[name] = self.convert(hints[name], value[name], (*path, name))
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise self.fail(path, _("the key “{key}” is missing.").format(key=name))
        return cls(**given)

    def convert(self, hint: Any, value: Any, path: JsonPath) -> Any:
        """``value`` as the type ``hint`` says, or an error naming ``path``."""
        origin, args = get_origin(hint), get_args(hint)
        if origin is Annotated:
            result = self.convert(args[0], value, path)
            allowed = [w for a in args[1:] for w in (_values(a) if isinstance(a, type) else [a])]
            if result not in allowed:
                raise self.expected(path, " | ".join(f"“{word}”" for word in allowed))
            return result
        if dataclasses.is_dataclass(hint):
            return self.build(hint, value, path)  # type: ignore[arg-type]
        if isinstance(hint, type) and issubclass(hint, Enum):
            if value not in _values(hint):
                raise self.expected(path, " | ".join(f"“{word}”" for word in _values(hint)))
            return hint(value)
        if hint is Any:
            return value
        if hint in (str, int, bool):
            if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
                raise self.expected(path, _(_TYPE_NAMES[hint]))
            return value
        if origin is Mapping:
            if not isinstance(value, dict):
                raise self.expected(path, _(_TYPE_NAMES[dict]))
            return {key: self.convert(args[1], item, (*path, key)) for key, item in value.items()}
        if origin in (tuple, frozenset):
            return self._sequence(origin, args, value, path)
        raise TypeError(f"no reader for {hint!r}")  # pragma: no cover - a mistake in seeds.py

    def _sequence(self, origin: type, args: tuple[Any, ...], value: Any, path: JsonPath) -> Any:
        if not isinstance(value, list):
            raise self.expected(path, _(_TYPE_NAMES[list]))
        if origin is frozenset:
            return frozenset(self.convert(args[0], v, (*path, i)) for i, v in enumerate(value))
        if args[-1] is Ellipsis:
            if not value:
                problem = ngettext("needs at least {n} entry.", "needs at least {n} entries.", 1)
                raise self.fail(path, problem.format(n=1))
            return tuple(self.convert(args[0], v, (*path, i)) for i, v in enumerate(value))
        if len(value) != len(args):
            raise self.expected(path, f"{_(_TYPE_NAMES[list])} ({len(args)})")
        pairs = enumerate(zip(args, value, strict=True))
        return tuple(self.convert(a, v, (*path, i)) for i, (a, v) in pairs)


def _values(enum: type[Enum]) -> list[Any]:
    return [member.value for member in enum]


def _checked(seeds: DemoSeeds, files: Mapping[str, _File]) -> DemoSeeds:
    """Check what the files refer to in each other; resolve the visits' ``@name`` texts."""
    region, visits, documents = files["region"], files["visits"], files["documents"]
    unknown = N_("unknown key “{key}”.")
    schools: set[str] = set()
    for n, school in enumerate(seeds.region.schools):
        if school.key in schools:
            raise region.fail(("schools", n, "key"), _("the code is used twice."))
        schools.add(school.key)
        if school.municipality not in seeds.region.municipalities:
            raise region.fail(
                ("schools", n, "municipality"), _(unknown).format(key=school.municipality)
            )
    shared = seeds.visits.shared_texts

    def resolved(text: str, path: JsonPath) -> str:
        if not text.startswith("@"):
            return text
        if text[1:] not in shared:
            raise visits.fail(path, _(unknown).format(key=text[1:]))
        return shared[text[1:]]

    kinds = {}
    for name, kind in seeds.visits.kinds.items():
        path = ("kinds", name)
        first, last = (
            _month_day(visits, d, (*path, "window", n)) for n, d in enumerate(kind.window)
        )
        if first > last:
            raise visits.fail((*path, "window"), _("the first day is after the last one."))
        texts = {n: resolved(getattr(kind, n), (*path, n)) for n in ("purpose", "agenda")}
        kinds[name] = dataclasses.replace(kind, **texts)
    for n, day in enumerate(seeds.visits.cycle.verification):
        _month_day(visits, day, ("cycle", "verification", n))
    for name in ("schools_assigned", "profile_published"):
        _month_day(visits, getattr(seeds.visits.cycle, name), ("cycle", name))
    later = []
    for n, seed in enumerate(seeds.visits.visits):
        path = ("visits", n)
        if seed.school not in schools:
            raise visits.fail((*path, "school"), _(unknown).format(key=seed.school))
        if seed.kind not in kinds:
            raise visits.fail((*path, "kind"), _(unknown).format(key=seed.kind))
        window = kinds[seed.kind].window
        if not window[0] <= _month_day(visits, seed.on, (*path, "on")) <= window[1]:
            raise visits.fail(
                (*path, "on"),
                _("must be a day from {first} to {last}.").format(first=window[0], last=window[1]),
            )
        later.append(dataclasses.replace(seed, purpose=resolved(seed.purpose, (*path, "purpose"))))
    types = {(seed.school, seed.type_of(kinds)) for seed in later}
    criteria = set(seeds.documents.criteria)
    for key in sorted(criteria ^ set(seeds.documents.criteria_comments)):
        problem = _(unknown) if key not in criteria else _("the key “{key}” is missing.")
        raise documents.fail(("criteria_comments",), problem.format(key=key))
    for n, review in enumerate(seeds.documents.reviews):
        path = ("reviews", n)
        if review.school not in schools:
            raise documents.fail((*path, "school"), _(unknown).format(key=review.school))
        for key in review.criteria:
            if key not in criteria:
                raise documents.fail((*path, "criteria", key), _(unknown).format(key=key))
        if review.at_visit and (review.school, review.at_visit) not in types:
            known = sorted(t for s, t in types if s == review.school)
            raise documents.expected((*path, "at_visit"), " | ".join(f"“{t}”" for t in known))
    answers = files["answers"]
    texts = {text for options in seeds.answers.text_answers.values() for text in options}
    for text in seeds.answers.text_conditions:
        if text not in texts:
            raise answers.fail(("text_conditions", text), _("no item has this text."))
    for key, day in seeds.answers.cycle_dates.items():
        _month_day(answers, day, ("cycle_dates", key))
    for name in ("number_ranges", "date_offsets"):
        for key, (low, high) in getattr(seeds.answers, name).items():
            if low > high:
                raise answers.fail(
                    (name, key), _("“min” and “max” must be numbers, min not above max.")
                )
    visit_plan = dataclasses.replace(seeds.visits, kinds=kinds, visits=tuple(later))
    return dataclasses.replace(seeds, visits=visit_plan)


def _month_day(file: _File, text: str, path: JsonPath) -> str:
    """``text`` if it is a day of a year as ``MM-DD`` (29 February allowed), else an error."""
    try:
        dt.date.fromisoformat(f"2028-{text}")
    except ValueError:
        raise file.expected(path, "“MM-DD”") from None
    return text
