"""The self-diagnosis catalog file (JSON, format 1) read into a :class:`SelfdiagCatalog`, and
written back (the store keeps the file's content).

A part the catalog does not establish is ``null`` with a note under ``notes`` (``indicators``,
``thresholds``, ``school_types``, ``critical_level``): the coordinator's file supplies it. Each
problem is a :class:`ValidationError` naming the file, where in it and the field, e.g.
«selfdiag.json, thresholds[2].levels.base: must be a whole number from 0.»
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.field_rules import is_whole
from curator_desktop.domain.json_parsing import file_name
from curator_desktop.domain.selfdiag.catalog import (
    FORMAT,
    TOTAL,
    CatalogSource,
    Direction,
    Indicator,
    SelfdiagCatalog,
    Thresholds,
)
from curator_desktop.domain.selfdiag.levels import LEVEL_ORDER, DirectionKind, Level
from curator_desktop.i18n import _

REQUIRED = ("format", "catalog_key", "version", "title", "directions")
NOTE_KEYS = ("indicators", "thresholds", "school_types", "critical_level")


class _Reader:
    def __init__(self, source: Path | str) -> None:
        self.source = file_name(source)

    def fail(self, where: str, problem: str) -> ValidationError:
        text = (
            _("{file}, {where}: {problem}").format(file=self.source, where=where, problem=problem)
            if where
            else _("{file}: {problem}").format(file=self.source, problem=problem)
        )
        return ValidationError(text, field=where or None)

    def text(self, value: Any, where: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(where, _("must be a non-empty text."))
        return value.strip()

    def names(self, value: Any, where: str, *, english: bool = True) -> tuple[str, str]:
        if not isinstance(value, Mapping):
            raise self.fail(where, _("needs a Russian and an English text."))
        ru = self.text(value.get("ru"), f"{where}.ru")
        en = self.text(value.get("en"), f"{where}.en", required=english)
        return ru, en

    def whole(self, value: Any, where: str, *, optional: bool = True) -> int | None:
        if value is None and optional:
            return None
        if not is_whole(value) or value < 0:
            raise self.fail(where, _("must be a whole number from 0."))
        return int(value)

    def year(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        if not is_whole(value) or not 2000 <= value <= 2100:
            raise self.fail(where, _("must be a year from 2000 to 2100."))
        return int(value)

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, _("must be a list of texts."))
        return tuple(self.text(v, f"{where}[{i}]") for i, v in enumerate(value))

    def items(self, value: Any, where: str) -> list[Mapping[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(where, _("must be a list of objects."))
        return value

    def level(self, value: Any, where: str) -> Level:
        try:
            return Level(value)
        except ValueError:
            allowed = ", ".join(level.value for level in LEVEL_ORDER)
            raise self.fail(
                where,
                _("unknown level “{value}”; expected one of: {allowed}.").format(
                    value=value, allowed=allowed
                ),
            ) from None


def parse_catalog(
    data: Mapping[str, Any], *, source: Path | str, origin: str | None = None
) -> SelfdiagCatalog:
    """The catalog in ``data`` (a parsed catalog file); :class:`ValidationError` otherwise.
    ``origin`` («builtin», «coordinator») overrides the file's own ``source``."""
    read = _Reader(source)
    if not isinstance(data, Mapping):
        raise read.fail("", _("a JSON object was expected."))
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise read.fail("", _("the key “{key}” is missing.").format(key=missing[0]))
    if data["format"] != FORMAT:
        raise read.fail("format", _("unsupported format {format}.").format(format=data["format"]))
    title_ru, title_en = read.names(data["title"], "title")
    sources = _sources(read, data.get("sources"))
    directions = _directions(read, data["directions"], {s.key for s in sources})
    codes = {d.code for d in directions}
    indicators = None
    if data.get("indicators") is not None:
        indicators = _indicators(read, data["indicators"], codes)
    thresholds = None
    if data.get("thresholds") is not None:
        thresholds = _thresholds(read, data["thresholds"], codes | {TOTAL})
    critical = data.get("critical_level")
    notes = data.get("notes") or {}
    if not isinstance(notes, Mapping) or not all(isinstance(v, str) for v in notes.values()):
        raise read.fail("notes", _("must be an object of texts."))
    for key in NOTE_KEYS:
        if data.get(key) is None and not str(notes.get(key, "")).strip():
            raise read.fail(
                f"notes.{key}",
                _(
                    "“{key}” is not given, so a note must say why (not publicly established?)."
                ).format(key=key),
            )
    school_types = data.get("school_types")
    return SelfdiagCatalog(
        catalog_key=read.text(data["catalog_key"], "catalog_key"),
        version=read.text(data["version"], "version"),
        title_ru=title_ru,
        title_en=title_en,
        directions=directions,
        indicators=indicators,
        thresholds=thresholds,
        school_types=None if school_types is None else read.texts(school_types, "school_types"),
        critical_level=None if critical is None else read.level(critical, "critical_level"),
        sources=sources,
        notes=dict(notes),
        source=origin or str(data.get("source") or "builtin"),
    )


def _sources(read: _Reader, value: Any) -> tuple[CatalogSource, ...]:
    if value is None:
        return ()
    found = []
    for i, item in enumerate(read.items(value, "sources")):
        where = f"sources[{i}]"
        found.append(
            CatalogSource(
                read.text(item.get("key"), f"{where}.key"),
                read.text(item.get("title"), f"{where}.title"),
                read.text(item.get("url"), f"{where}.url", required=False),
            )
        )
    return tuple(found)


def _directions(read: _Reader, value: Any, sources: set[str]) -> tuple[Direction, ...]:
    items = read.items(value, "directions")
    if not items:
        raise read.fail("directions", _("must list at least one direction."))
    found: list[Direction] = []
    for i, item in enumerate(items):
        where = f"directions[{i}]"
        code = read.text(item.get("code"), f"{where}.code")
        if code == TOTAL or any(d.code == code for d in found):
            raise read.fail(
                f"{where}.code", _("the code “{code}” is used twice.").format(code=code)
            )
        try:
            kind = DirectionKind(item.get("kind"))
        except ValueError:
            raise read.fail(f"{where}.kind", _("must be «magistral» or «key_condition».")) from None
        cited = read.texts(item.get("sources"), f"{where}.sources")
        unknown = [s for s in cited if s not in sources]
        if unknown:
            raise read.fail(
                f"{where}.sources", _("no source “{key}” in «sources».").format(key=unknown[0])
            )
        ru, en = read.names(item.get("name"), f"{where}.name")
        found.append(Direction(code, kind, ru, en, cited))
    return tuple(found)


def _indicators(read: _Reader, value: Any, directions: set[str]) -> tuple[Indicator, ...]:
    found: list[Indicator] = []
    seen: set[tuple[str, str]] = set()
    for i, item in enumerate(read.items(value, "indicators")):
        where = f"indicators[{i}]"
        code = read.text(item.get("code"), f"{where}.code")
        direction = read.text(item.get("direction"), f"{where}.direction")
        if direction not in directions:
            raise read.fail(
                f"{where}.direction", _("unknown direction “{code}”.").format(code=direction)
            )
        years = (item.get("year_from"), item.get("year_to"))
        types = read.texts(item.get("school_types"), f"{where}.school_types")
        key = (f"{direction}/{code}", f"{years}{types}")
        if key in seen:
            raise read.fail(
                f"{where}.code", _("the code “{code}” is used twice.").format(code=code)
            )
        seen.add(key)
        ru, en = read.names(item.get("name"), f"{where}.name", english=False)
        critical = item.get("critical", False)
        if not isinstance(critical, bool):
            raise read.fail(f"{where}.critical", _("must be true or false."))
        found.append(
            Indicator(
                code=code,
                direction=direction,
                name_ru=ru,
                name_en=en,
                points=read.whole(item.get("points"), f"{where}.points"),
                critical=critical,
                year_from=read.year(years[0], f"{where}.year_from"),
                year_to=read.year(years[1], f"{where}.year_to"),
                school_types=types,
            )
        )
    return tuple(found)


def _thresholds(read: _Reader, value: Any, directions: set[str]) -> tuple[Thresholds, ...]:
    found: list[Thresholds] = []
    for i, item in enumerate(read.items(value, "thresholds")):
        where = f"thresholds[{i}]"
        direction = read.text(item.get("direction"), f"{where}.direction")
        if direction not in directions:
            raise read.fail(
                f"{where}.direction", _("unknown direction “{code}”.").format(code=direction)
            )
        levels = item.get("levels")
        if not isinstance(levels, Mapping) or not levels:
            raise read.fail(f"{where}.levels", _("must give the least points of a level."))
        minimums: list[tuple[Level, int]] = []
        for name, least in levels.items():
            level = read.level(name, f"{where}.levels")
            points = read.whole(least, f"{where}.levels.{name}", optional=False)
            minimums.append((level, points))  # type: ignore[arg-type]
        minimums.sort(key=lambda pair: pair[0].rank)
        for (low, a), (high, b) in pairwise(minimums):
            if b < a:
                raise read.fail(
                    f"{where}.levels.{high.value}",
                    _("must be at least the points of “{lower}” ({points}).").format(
                        lower=low.value, points=a
                    ),
                )
        maximum = read.whole(item.get("maximum"), f"{where}.maximum")
        if maximum is not None and minimums and minimums[-1][1] > maximum:
            raise read.fail(f"{where}.maximum", _("is below a level's least points."))
        found.append(
            Thresholds(
                direction=direction,
                minimums=tuple(minimums),
                maximum=maximum,
                year_from=read.year(item.get("year_from"), f"{where}.year_from"),
                year_to=read.year(item.get("year_to"), f"{where}.year_to"),
                school_types=read.texts(item.get("school_types"), f"{where}.school_types"),
            )
        )
    return tuple(found)


def catalog_to_json(catalog: SelfdiagCatalog) -> dict[str, Any]:
    """The catalog as a catalog file (what the store keeps and a package carries)."""

    def span(item: Indicator | Thresholds) -> dict[str, Any]:
        return {
            "year_from": item.year_from,
            "year_to": item.year_to,
            "school_types": list(item.school_types) or None,
        }

    def listed(values: Sequence[Any] | None, build: Any) -> list[Any] | None:
        return None if values is None else [build(v) for v in values]

    return {
        "format": FORMAT,
        "catalog_key": catalog.catalog_key,
        "version": catalog.version,
        "title": {"ru": catalog.title_ru, "en": catalog.title_en},
        "source": catalog.source,
        "sources": [{"key": s.key, "title": s.title, "url": s.url} for s in catalog.sources],
        "levels": [level.value for level in catalog.levels],
        "directions": [
            {
                "code": d.code,
                "kind": d.kind.value,
                "name": {"ru": d.name_ru, "en": d.name_en},
                "sources": list(d.sources),
            }
            for d in catalog.directions
        ],
        "indicators": listed(
            catalog.indicators,
            lambda i: {
                "code": i.code,
                "direction": i.direction,
                "name": {"ru": i.name_ru, "en": i.name_en},
                "points": i.points,
                "critical": i.critical,
                **span(i),
            },
        ),
        "thresholds": listed(
            catalog.thresholds,
            lambda t: {
                "direction": t.direction,
                "maximum": t.maximum,
                "levels": {level.value: least for level, least in t.minimums},
                **span(t),
            },
        ),
        "school_types": None if catalog.school_types is None else list(catalog.school_types),
        "critical_level": catalog.critical_level.value if catalog.critical_level else None,
        "notes": dict(catalog.notes),
    }
