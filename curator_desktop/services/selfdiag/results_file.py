"""A school's self-diagnosis results as a file (XLSX, CSV or JSON), read and checked whole.

A table (CSV or XLSX, first sheet) has a header row and one row per direction or deficit:

=============  =========================================================================
«Направление»  the direction's code or name (required); «Итого» / «total» for the total
«Показатель»   a deficit row: the indicator's code or name (empty on a direction's row)
«Дефицит»      a deficit row: its text (when the catalog has no indicator list)
«Критический»  a deficit row: да / нет
«Баллы»        the points (a direction's or the total's row)
«Максимум»     the most points (optional when the catalog gives it)
«Уровень»      the level (optional when the catalog's thresholds give it)
«ИНН»          the school's ИНН (optional; checked against the school)
=============  =========================================================================

JSON: ``{"format": 1, "inn": "…", "school_type": "…", "total": {"points", "maximum",
"level"}, "directions": [{"direction", "points", "maximum", "level", "deficits": [{"indicator",
"text", "critical"}]}]}``. Every problem is a :class:`ValidationError` naming the row (or JSON
place) and the field; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_parsing import file_name, parse_json
from curator_desktop.domain.selfdiag import (
    LEVEL_ORDER,
    TOTAL,
    Deficit,
    DirectionResult,
    Level,
    SelfdiagCatalog,
    SelfdiagRound,
    round_id,
)
from curator_desktop.domain.selfdiag.rules import future_problem, round_problems
from curator_desktop.domain.text import sort_key
from curator_desktop.i18n import _
from curator_desktop.services.catalogs.builtin import read_json_text
from curator_desktop.store.tables import School

COLUMNS: dict[str, tuple[str, ...]] = {
    "direction": ("Направление", "direction"),
    "indicator": ("Показатель", "indicator"),
    "text": ("Дефицит", "deficit", "text"),
    "critical": ("Критический", "critical"),
    "points": ("Баллы", "points"),
    "maximum": ("Максимум", "maximum"),
    "level": ("Уровень", "level"),
    "inn": ("ИНН", "inn"),
}
TOTAL_NAMES = {sort_key(n) for n in ("Итого", "Всего", "total", "Итоговый балл")}
YES = {"да", "yes", "true", "1", "+"}
NO = {"", "нет", "no", "false", "0", "-"}


@dataclass
class _Row:
    """One direction (or the total) as read, with the places a message names."""

    where: str
    direction: str
    points: int | None = None
    maximum: int | None = None
    level: Level | None = None
    deficits: list[tuple[str, Deficit]] = field(default_factory=list)


@dataclass
class ResultsFile:
    """A results file as read: the directions (by catalog code), the total, the ИНН given."""

    path: Path
    directions: dict[str, _Row]
    total: _Row | None = None
    inn: tuple[str, str] | None = None
    """(ИНН, where it is given)."""
    school_type: str = ""

    def fail(self, where: str, problem: str) -> ValidationError:
        return _fail(self.path, where, problem)

    def to_round(
        self,
        *,
        school: School,
        round_date: dt.date,
        label: str,
        school_type: str,
        catalog: SelfdiagCatalog,
        today: dt.date,
    ) -> SelfdiagRound:
        """The round these results make for ``school``, checked against the school's ИНН, the
        date and the catalog (:class:`ValidationError` naming the row and the field)."""
        from curator_desktop.services.selfdiag.rounds import completed

        if self.inn is not None and school.inn and self.inn[0] != school.inn:
            raise self.fail(
                self.inn[1],
                _(
                    "the file is for the school with ИНН {file_inn}, not for «{school}» "
                    "(ИНН {inn})."
                ).format(
                    file_inn=self.inn[0],
                    school=school.short_name or school.full_name,
                    inn=school.inn,
                ),
            )
        problem = future_problem(round_date, today)
        if problem:
            raise ValidationError(
                _("{file}, round date: {problem} Nothing was written.").format(
                    file=file_name(self.path), problem=problem
                ),
                field="round_date",
            )
        results = tuple(
            DirectionResult(
                code, row.points, row.maximum, row.level, tuple(d for _w, d in row.deficits)
            )
            for code, row in self.directions.items()
        )
        total = self.total
        draft = SelfdiagRound(
            id=round_id(school.id, round_date),
            school_id=school.id,
            round_date=round_date,
            label=label,
            source=_("Results file {name}").format(name=self.path.name),
            school_type=school_type or self.school_type,
            total_points=total.points if total else None,
            total_maximum=total.maximum if total else None,
            overall_level=total.level if total else None,
            results=results,
        )
        full = completed(draft, catalog)
        for found in round_problems(full, catalog, today=today):
            row = (
                self.total
                if found.direction == TOTAL
                else self.directions.get(found.direction or "")
            )
            where = row.where if row else _("round")
            if row and found.indicator:
                where = next((w for w, d in row.deficits if d.indicator == found.indicator), where)
            column = {
                "total_points": "points",
                "total_maximum": "maximum",
                "overall_level": "level",
            }.get(found.field, found.field)
            raise self.fail(_place(self.path, where, column), found.problem)
        return full


def _place(path: Path, where: str, name: str) -> str:
    """«row 4, column «Баллы»» in a table, «directions[2].points» in JSON."""
    if path.suffix.lower() == ".json" or "[" in where or where == "total":
        return f"{where}.{name}"
    return f"{where}, {_column_name(path, name)}"


def _column_name(path: Path, name: str) -> str:
    if path.suffix.lower() == ".json" or name not in COLUMNS:
        return name
    return _("column «{column}»").format(column=COLUMNS[name][0])


def _fail(path: Path, where: str, problem: str) -> ValidationError:
    return ValidationError(
        _("{file}, {where}: {problem} Nothing was written.").format(
            file=file_name(path), where=where, problem=problem
        ),
        field=where,
    )


def parse_level(text: Any) -> Level | None:
    """A level from its code or its name in Russian or English (None: empty)."""
    if text is None or str(text).strip() == "":
        return None
    wanted = sort_key(str(text))
    for level in LEVEL_ORDER:
        names = {level.value, *_LEVEL_NAMES[level]}
        if wanted in {sort_key(n) for n in names}:
            return level
    raise ValueError(text)


_LEVEL_NAMES: dict[Level, tuple[str, ...]] = {
    Level.BELOW_BASE: ("ниже базового", "below base", "ниже базового уровня"),
    Level.BASE: ("базовый", "base", "basic", "базовый уровень"),
    Level.MEDIUM: ("средний", "medium", "средний уровень"),
    Level.HIGH: ("высокий", "high", "высокий уровень"),
}


def _number(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if re.fullmatch(r"-?\d{1,9}(\.0+)?", text):
        return int(float(text))
    raise ValueError(value)


def read_results_file(path: Path | str, catalog: SelfdiagCatalog) -> ResultsFile:
    """Read ``path`` (JSON by its name or content, else CSV/XLSX) against ``catalog``."""
    path = Path(path)
    try:
        head = path.open("rb").read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise ValidationError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=exc)
        ) from exc
    if path.suffix.lower() == ".json" or head.startswith(b"{"):
        return _read_json(path, catalog)
    return _read_table(path, catalog)


# --- tables ------------------------------------------------------------------------------------


def _read_table(path: Path, catalog: SelfdiagCatalog) -> ResultsFile:
    from curator_desktop.services.schools.list_import import ImportFileError, read_table

    try:
        table = read_table(path)
    except ImportFileError as exc:
        raise ValidationError(exc.user_message) from exc
    header = [sort_key(h) for h in table.headers]
    index = {
        name: next((i for i, h in enumerate(header) if h in {sort_key(a) for a in aliases}), None)
        for name, aliases in COLUMNS.items()
    }
    if index["direction"] is None:
        raise _fail(
            path,
            _("row {row}").format(row=table.header_row),
            _("the column «Направление» is missing."),
        )
    result = ResultsFile(path, {})
    for row in table.rows:
        where = _("row {row}").format(row=row.number)

        def cell(name: str, row: Any = row) -> str:
            return row.cell(index[name]).strip()

        def bad(name: str, problem: str, where: str = where) -> ValidationError:
            return _fail(path, _place(path, where, name), problem)

        item = {name: cell(name) for name in COLUMNS}
        _take(result, item, where, catalog, bad)
    return _finished(result, path)


def _take(
    result: ResultsFile, item: Mapping[str, Any], where: str, catalog: SelfdiagCatalog, bad: Any
) -> None:
    """One row (a table's or a JSON object's) into ``result``."""
    inn = str(item.get("inn") or "").strip()
    if inn:
        if result.inn is not None and result.inn[0] != inn:
            raise bad(
                "inn",
                _("another ИНН ({inn}) than above ({first}).").format(inn=inn, first=result.inn[0]),
            )
        result.inn = result.inn or (inn, f"{where}, {_column_name(result.path, 'inn')}")
    name = str(item.get("direction") or "").strip()
    if not name:
        raise bad("direction", _("the direction is not given."))
    is_total = sort_key(name) in TOTAL_NAMES
    direction = None if is_total else catalog.find_direction(name)
    if not is_total and direction is None:
        known = ", ".join(d.name_ru for d in catalog.directions)
        raise bad(
            "direction",
            _("unknown direction “{name}”; the catalog has: {known}.").format(
                name=name, known=known
            ),
        )
    code = TOTAL if is_total else direction.code  # type: ignore[union-attr]
    if is_total:
        row = result.total = result.total or _Row(where, TOTAL)
    else:
        row = result.directions.setdefault(code, _Row(where, code))
    indicator = str(item.get("indicator") or "").strip()
    text = str(item.get("text") or "").strip()
    if indicator or text:
        if is_total:
            raise bad("indicator", _("a deficit must name its direction, not the total."))
        critical = item.get("critical")
        if not isinstance(critical, bool):
            flag = sort_key(str(critical or ""))
            if flag not in YES | NO:
                raise bad("critical", _("“{value}” must be «да» or «нет».").format(value=critical))
            critical = flag in YES
        if indicator:
            found = catalog.find_indicator(code, indicator)
            if catalog.indicators is not None and found is None:
                raise bad(
                    "indicator",
                    _(
                        "“{code}” is not an indicator of the direction «{direction}» in the "
                        "catalog."
                    ).format(
                        code=indicator,
                        direction=direction.name_ru,  # type: ignore[union-attr]
                    ),
                )
            indicator = found.code if found else indicator
        row.deficits.append((where, Deficit(code, indicator, text, bool(critical))))
        return
    for name in ("points", "maximum"):
        try:
            value = _number(item.get(name))
        except ValueError:
            raise bad(
                name, _("“{value}” is not a whole number.").format(value=item.get(name))
            ) from None
        if value is not None and value < 0:
            raise bad(name, _("The number cannot be negative."))
        if value is not None:
            if getattr(row, name) is not None and row.where != where:
                raise bad(
                    "direction",
                    _("the direction's points are given twice (also in {place}).").format(
                        place=row.where
                    ),
                )
            setattr(row, name, value)
    try:
        level = parse_level(item.get("level"))
    except ValueError:
        names = ", ".join(level.label for level in LEVEL_ORDER)
        raise bad(
            "level",
            _("unknown level “{value}”; expected one of: {names}.").format(
                value=item.get("level"), names=names
            ),
        ) from None
    if level is not None:
        row.level = level
    row.where = where if not row.deficits or row.points is not None else row.where


def _finished(result: ResultsFile, path: Path) -> ResultsFile:
    if not result.directions:
        raise ValidationError(
            _("{file}: no direction's results were found. Nothing was written.").format(
                file=file_name(path)
            )
        )
    return result


# --- JSON --------------------------------------------------------------------------------------


def _read_json(path: Path, catalog: SelfdiagCatalog) -> ResultsFile:
    text = read_json_text(path)
    data = parse_json(text, source=path)
    if not isinstance(data, Mapping):
        raise ValidationError(_("{file}: a JSON object was expected.").format(file=file_name(path)))
    result = ResultsFile(path, {}, school_type=str(data.get("school_type") or ""))
    if data.get("inn") not in (None, ""):
        result.inn = (str(data["inn"]).strip(), "inn")
    directions = data.get("directions")
    if not isinstance(directions, list) or not all(isinstance(d, Mapping) for d in directions):
        raise _fail(path, "directions", _("must be a list of objects."))
    for i, item in enumerate(directions):
        where = f"directions[{i}]"

        def bad(name: str, problem: str, where: str = where) -> ValidationError:
            return _fail(path, f"{where}.{name}", problem)

        _take(result, {k: v for k, v in item.items() if k != "deficits"}, where, catalog, bad)
        deficits = item.get("deficits") or []
        if not isinstance(deficits, list) or not all(isinstance(d, Mapping) for d in deficits):
            raise bad("deficits", _("must be a list of objects."))
        for j, deficit in enumerate(deficits):
            inner = f"{where}.deficits[{j}]"

            def bad_deficit(name: str, problem: str, inner: str = inner) -> ValidationError:
                return _fail(path, f"{inner}.{name}", problem)

            if not (deficit.get("indicator") or deficit.get("text")):
                raise bad_deficit("text", _("A deficit needs its indicator or a text."))
            _take(
                result, {**deficit, "direction": item.get("direction")}, inner, catalog, bad_deficit
            )
    total = data.get("total")
    if total is not None:
        if not isinstance(total, Mapping):
            raise _fail(path, "total", _("must be an object."))

        def bad_total(name: str, problem: str) -> ValidationError:
            return _fail(path, f"total.{name}", problem)

        _take(result, {**total, "direction": TOTAL}, "total", catalog, bad_total)
    return _finished(result, path)
