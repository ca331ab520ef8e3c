"""A coordinator's self-diagnosis catalog as an XLSX workbook.

Sheets (titles in Russian or English, case ignored), each with a header row:

- «Каталог» / «catalog»: two columns, key and value — ``catalog_key``, ``version``,
  ``title_ru``, ``title_en``, optional ``critical_level`` (a level code) and ``school_types``
  (comma-separated);
- «Направления» / «directions» (optional; the built-in directions when absent): ``code``,
  ``kind`` (magistral / key_condition), ``name_ru``, ``name_en``;
- «Показатели» / «indicators» (optional): ``direction``, ``code``, ``name_ru``, ``name_en``,
  ``points``, ``critical`` (да/нет), ``year_from``, ``year_to``, ``school_types``;
- «Пороги» / «thresholds» (optional): ``direction`` (a code or «total»), ``year_from``,
  ``year_to``, ``school_types``, ``maximum``, ``base``, ``medium``, ``high``.

A part the workbook leaves out keeps the built-in catalog's value and note. The workbook is
turned into a catalog file and checked by the same rules as a JSON one; a problem names the
sheet, the row and the column.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_parsing import file_name
from curator_desktop.domain.selfdiag import SelfdiagCatalog, parse_catalog
from curator_desktop.domain.selfdiag.catalog_file import catalog_to_json
from curator_desktop.domain.text import sort_key
from curator_desktop.i18n import _
from curator_desktop.services.selfdiag.workbook import Sheet, place, read_sheets

SHEETS = {
    "catalog": ("каталог", "catalog"),
    "directions": ("направления", "directions"),
    "indicators": ("показатели", "indicators"),
    "thresholds": ("пороги", "thresholds"),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "код"),
    "kind": ("kind", "вид"),
    "name_ru": ("name_ru", "название", "наименование"),
    "name_en": ("name_en", "название (англ.)"),
    "direction": ("direction", "направление"),
    "points": ("points", "баллы"),
    "critical": ("critical", "критический"),
    "year_from": ("year_from", "с года"),
    "year_to": ("year_to", "по год"),
    "school_types": ("school_types", "типы школ"),
    "maximum": ("maximum", "максимум"),
    "below_base": ("below_base", "ниже базового"),
    "base": ("base", "базовый"),
    "medium": ("medium", "средний"),
    "high": ("high", "высокий"),
}
YES = {"да", "yes", "true", "1", "+", "критический"}
NO = {"", "нет", "no", "false", "0", "-"}
_ITEM = re.compile(r"^(directions|indicators|thresholds)\[(\d+)\]\.?([a-z_]*)")


def read_catalog_workbook(path: Path, builtin: SelfdiagCatalog) -> SelfdiagCatalog:
    """The catalog in the workbook ``path``, completed from ``builtin``."""
    sheets = read_sheets(path)
    found = {part: _sheet(sheets, names) for part, names in SHEETS.items()}
    if found["catalog"] is None:
        raise ValidationError(
            _("{file}: the sheet «Каталог» (catalog key, version, title) is missing.").format(
                file=file_name(path)
            ),
            field="catalog",
        )
    data = catalog_to_json(builtin)
    data["source"] = "coordinator"
    rows: dict[str, list[int]] = {}
    data.update(_head(path, found["catalog"]))
    for part in ("directions", "indicators", "thresholds"):
        sheet = found[part]
        if sheet is None:
            continue
        builder = {"directions": _direction, "indicators": _indicator, "thresholds": _threshold}[
            part
        ]
        data[part] = [builder(path, sheet, number, cells) for number, cells in sheet.rows]
        rows[part] = [number for number, _cells in sheet.rows]
        data["notes"].pop(part, None)
    for key in ("school_types", "critical_level"):
        if data.get(key) is not None:
            data["notes"].pop(key, None)
    try:
        return parse_catalog(data, source=path, origin="coordinator")
    except ValidationError as exc:
        raise _located(exc, path, found, rows) from None


def _sheet(sheets: dict[str, Sheet], names: tuple[str, ...]) -> Sheet | None:
    return next((sheets[sort_key(n)] for n in names if sort_key(n) in sheets), None)


def _cell(sheet: Sheet, cells: tuple[str, ...], name: str) -> str:
    index = sheet.column(*COLUMNS[name])
    return cells[index] if index is not None and index < len(cells) else ""


def _number(path: Path, sheet: Sheet, number: int, cells: tuple[str, ...], name: str) -> int | None:
    text = _cell(sheet, cells, name).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if not re.fullmatch(r"\d{1,9}", text):
        raise ValidationError(
            _("{place}: “{value}” is not a whole number from 0.").format(
                place=place(path, sheet, number, COLUMNS[name][0]), value=text
            ),
            field=name,
        )
    return int(text)


def _types(sheet: Sheet, cells: tuple[str, ...]) -> list[str] | None:
    text = _cell(sheet, cells, "school_types")
    return [t.strip() for t in text.split(",") if t.strip()] or None


def _head(path: Path, sheet: Sheet) -> dict[str, Any]:
    values = {sort_key(cells[0]): cells[1] if len(cells) > 1 else "" for _n, cells in sheet.rows}
    if sheet.header and sheet.header[0] not in ("key", "ключ", "параметр"):
        values.setdefault(sheet.header[0], sheet.header[1] if len(sheet.header) > 1 else "")
    head: dict[str, Any] = {
        "catalog_key": values.get("catalog_key", ""),
        "version": values.get("version", ""),
        "title": {"ru": values.get("title_ru", ""), "en": values.get("title_en", "")},
    }
    if values.get("critical_level"):
        head["critical_level"] = values["critical_level"]
    if values.get("school_types"):
        head["school_types"] = [t.strip() for t in values["school_types"].split(",") if t.strip()]
    return head


def _direction(path: Path, sheet: Sheet, number: int, cells: tuple[str, ...]) -> dict[str, Any]:
    return {
        "code": _cell(sheet, cells, "code"),
        "kind": _cell(sheet, cells, "kind"),
        "name": {"ru": _cell(sheet, cells, "name_ru"), "en": _cell(sheet, cells, "name_en")},
        "sources": [],
    }


def _indicator(path: Path, sheet: Sheet, number: int, cells: tuple[str, ...]) -> dict[str, Any]:
    critical = sort_key(_cell(sheet, cells, "critical"))
    if critical not in YES | NO:
        raise ValidationError(
            _("{place}: “{value}” must be «да» or «нет».").format(
                place=place(path, sheet, number, COLUMNS["critical"][0]), value=critical
            ),
            field="critical",
        )
    return {
        "code": _cell(sheet, cells, "code"),
        "direction": _cell(sheet, cells, "direction"),
        "name": {"ru": _cell(sheet, cells, "name_ru"), "en": _cell(sheet, cells, "name_en")},
        "points": _number(path, sheet, number, cells, "points"),
        "critical": critical in YES,
        "year_from": _number(path, sheet, number, cells, "year_from"),
        "year_to": _number(path, sheet, number, cells, "year_to"),
        "school_types": _types(sheet, cells),
    }


def _threshold(path: Path, sheet: Sheet, number: int, cells: tuple[str, ...]) -> dict[str, Any]:
    levels = {
        level: value
        for level in ("below_base", "base", "medium", "high")
        if (value := _number(path, sheet, number, cells, level)) is not None
    }
    return {
        "direction": _cell(sheet, cells, "direction"),
        "maximum": _number(path, sheet, number, cells, "maximum"),
        "levels": levels,
        "year_from": _number(path, sheet, number, cells, "year_from"),
        "year_to": _number(path, sheet, number, cells, "year_to"),
        "school_types": _types(sheet, cells),
    }


def _located(
    exc: ValidationError, path: Path, sheets: dict[str, Sheet | None], rows: dict[str, list[int]]
) -> ValidationError:
    """The JSON-path error of the converted catalog told as the sheet, row and column."""
    match = _ITEM.match(exc.field or "")
    if not match:
        return exc
    part, index, column = match.group(1), int(match.group(2)), match.group(3)
    sheet = sheets.get(part)
    if sheet is None or part not in rows or index >= len(rows[part]):
        return exc
    if column == "levels":
        column = (exc.field or "").rsplit(".", 1)[-1]
    if column == "name":
        column = "name_ru"
    problem = exc.user_message.split(": ", 1)[-1]
    return ValidationError(
        _("{place}: {problem}").format(
            place=place(path, sheet, rows[part][index], column or part), problem=problem
        ),
        field=column or part,
    )
