"""What an import would do, worked out before anything is written.

Each data row becomes one of: a school to add, an update of a school already in the store
(matched by ИНН, else by full name and municipality), an unchanged school, or an error with its
row number and reason. Rows naming the same school twice are errors after the first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from curator_desktop.domain.enums import Programme, SettlementType
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.schools.assignment import checked_curator_name, names_agree
from curator_desktop.domain.schools.rules import (
    SchoolFields,
    field_label,
    level_label,
    validate_school,
)
from curator_desktop.i18n import _
from curator_desktop.services.profile.assignments import assigned_curators
from curator_desktop.services.schools.list_import.mapping import ColumnMapping, normalize_header
from curator_desktop.services.schools.list_import.reading import SourceRow
from curator_desktop.services.schools.list_import.values import row_values

if TYPE_CHECKING:
    from curator_desktop.store.database import Database

CURATOR = "curator_name"
"""The column that assigns a curator («ФИО куратора»): not a field of the school."""


@dataclass(frozen=True)
class ExistingSchool:
    """A school already in the store, as the diff compares against it."""

    id: str
    revision: str
    fields: SchoolFields
    curators: tuple[str, ...] = ()
    """The full names of the curators assigned to it now."""


@dataclass(frozen=True)
class FieldChange:
    """One field an update changes, with the old and new values as shown to the user."""

    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return field_label(self.field)

    def describe(self) -> str:
        return f"{self.label}: {self.old or '—'} → {self.new or '—'}"


@dataclass
class RowToAdd:
    """A row that becomes a new school."""

    row: int
    fields: SchoolFields
    curator: str = ""
    """The curator the row assigns («ФИО куратора»), "" when it names none."""

    @property
    def name(self) -> str:
        return self.fields.full_name


@dataclass
class RowToUpdate:
    """A row matched to a stored school; ``changes`` is empty when it changes nothing."""

    row: int
    school_id: str
    revision: str
    matched_by: str
    fields: SchoolFields
    changes: list[FieldChange]
    curator: str = ""
    """The curator the row assigns («ФИО куратора»), "" when it names none."""

    @property
    def name(self) -> str:
        return self.fields.full_name


@dataclass
class RowError:
    """A row that will not be imported: field → message (``""`` for the row as a whole)."""

    row: int
    name: str
    messages: dict[str, str]

    @property
    def reason(self) -> str:
        return "; ".join(
            f"{field_label(key)}: {text}" if key else text for key, text in self.messages.items()
        )


@dataclass
class ImportDiff:
    """The preview of an import; nothing is written until it is applied."""

    mapping: ColumnMapping
    to_add: list[RowToAdd] = field(default_factory=list)
    to_update: list[RowToUpdate] = field(default_factory=list)
    unchanged: list[RowToUpdate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        """True when applying the diff would write something."""
        return bool(self.to_add or self.to_update)

    def counts(self) -> dict[str, int]:
        return {
            "add": len(self.to_add),
            "update": len(self.to_update),
            "unchanged": len(self.unchanged),
            "errors": len(self.errors),
        }


def display_value(key: str, value: Any) -> str:
    """A field's value as the user reads it (labels for codes, levels by name)."""
    if value is None or value == "" or value == ():
        return ""
    if key == "levels":
        return ", ".join(level_label(code) for code in value)
    if key == "programme":
        return Programme.label_for(value)
    if key == "settlement_type":
        return SettlementType.label_for(value)
    return str(value)


def name_key(full_name: str, municipality: str) -> tuple[str, str]:
    """What two spellings of one school share: «МБОУ "СОШ № 1"» equals «мбоу сош №1»."""
    return normalize_header(full_name), normalize_header(municipality)


def load_existing(database: Database) -> list[ExistingSchool]:
    """Every school of the store that is not deleted (archived ones too)."""
    from sqlmodel import col, select

    from curator_desktop.store.tables import School

    with database.session() as session:
        records = session.exec(select(School).where(col(School.deleted).is_(False))).all()
        assigned = assigned_curators(session, dt.date.today())
        return [
            ExistingSchool(
                id=r.id,
                revision=r.revision,
                fields=SchoolFields.from_record(r),
                curators=assigned.get(r.id, ()),
            )
            for r in records
        ]


class _Index:
    """Stored schools by ИНН and by name (+ municipality)."""

    def __init__(self, schools: Iterable[ExistingSchool]) -> None:
        self.by_inn: dict[str, ExistingSchool] = {}
        self.by_name: dict[tuple[str, str], list[ExistingSchool]] = {}
        self.by_bare_name: dict[str, list[ExistingSchool]] = {}
        for school in schools:
            if school.fields.inn:
                self.by_inn.setdefault(school.fields.inn, school)
            key = name_key(school.fields.full_name, school.fields.municipality)
            self.by_name.setdefault(key, []).append(school)
            self.by_bare_name.setdefault(key[0], []).append(school)

    def match(self, values: dict[str, str]) -> tuple[ExistingSchool | None, str]:
        inn = values.get("inn", "")
        if inn and inn in self.by_inn:
            return self.by_inn[inn], "inn"
        name = normalize_header(values.get("full_name", ""))
        if not name:
            return None, ""
        if "municipality" in values:
            found = self.by_name.get((name, normalize_header(values["municipality"])), [])
        else:
            found = self.by_bare_name.get(name, [])
        # A school whose stored ИНН differs is another school with the same name.
        found = [s for s in found if not inn or not s.fields.inn or s.fields.inn == inn]
        return (found[0], "name") if len(found) == 1 else (None, "")


def _merge(base: SchoolFields, incoming: SchoolFields, keys: Iterable[str]) -> SchoolFields:
    merged = dataclasses.replace(base, **{key: getattr(incoming, key) for key in keys})
    merged.conversion_errors = dict(incoming.conversion_errors)
    return merged


def _identity(values: dict[str, str], target: ExistingSchool | None) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = []
    if target is not None:
        keys.append(("id", target.id))
    if values.get("inn"):
        keys.append(("inn", values["inn"]))
    elif values.get("full_name"):
        keys.append(("name", *name_key(values["full_name"], values.get("municipality", ""))))
    return keys


def build_import_diff(
    rows: Sequence[SourceRow],
    mapping: ColumnMapping,
    database: Database | None = None,
    *,
    existing: Iterable[ExistingSchool] | None = None,
) -> ImportDiff:
    """Sort every row into add / update / unchanged / error against the store's schools."""
    if existing is None:
        if database is None:
            raise TypeError("build_import_diff needs a database or the existing schools")
        existing = load_existing(database)
    index = _Index(existing)
    diff = ImportDiff(mapping=mapping.copy())
    seen: dict[tuple[str, ...], int] = {}
    for row in rows:
        values, problems = row_values(row, mapping)
        curator = values.pop(CURATOR, "")
        if curator:
            try:
                curator = checked_curator_name(curator)
            except ValidationError as exc:
                problems[CURATOR] = exc.user_message
        target, matched_by = index.match(values)
        display_name = values.get("full_name") or (target.fields.full_name if target else "")
        identity = _identity(values, target)
        first = next((seen[key] for key in identity if key in seen), None)
        for key in identity:
            seen.setdefault(key, row.number)
        if first is not None:
            message = _("The same school as in row {row}.").format(row=first)
            diff.errors.append(RowError(row.number, display_name, {"": message}))
            continue
        incoming = SchoolFields.from_strings(values)
        fields = incoming if target is None else _merge(target.fields, incoming, values)
        messages = validate_school(fields)
        if target is not None:
            relevant = set(values) | set(incoming.conversion_errors)
            messages = {k: m for k, m in messages.items() if k in relevant}
        messages.update(problems)
        if messages:
            diff.errors.append(RowError(row.number, display_name, messages))
        elif target is None:
            diff.to_add.append(RowToAdd(row.number, fields.stripped(), curator))
        else:
            fields = fields.stripped()
            changes = [
                FieldChange(
                    key,
                    display_value(key, getattr(target.fields, key)),
                    display_value(key, getattr(fields, key)),
                )
                for key in mapping.mapped_keys()
                if key in values and getattr(fields, key) != getattr(target.fields, key)
            ]
            if curator and not any(names_agree(curator, name) for name in target.curators):
                changes.append(FieldChange(CURATOR, ", ".join(target.curators), curator))
            update = RowToUpdate(
                row.number, target.id, target.revision, matched_by, fields, changes, curator
            )
            (diff.to_update if changes else diff.unchanged).append(update)
    return diff
