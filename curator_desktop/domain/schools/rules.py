"""A school's editable fields and the rules they must meet, shared by the card and the importer.

:class:`SchoolFields` mirrors the editable columns of the ``school`` table; :func:`validate_school`
returns one translated message per invalid field (empty when everything may be stored). Values
typed by a user or read from a spreadsheet go through :meth:`SchoolFields.from_strings`, which
keeps what it could not convert as messages that :func:`validate_school` reports too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from curator_desktop.domain.enums import LabelledEnum, Programme, SchoolStatus, SettlementType
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.schools.inn import is_valid_inn
from curator_desktop.i18n import N_, NP_, _, ngettext, pgettext

LEVEL_CODES: tuple[str, ...] = ("noo", "ooo", "soo")
"""Levels of general education: НОО (grades 1–4), ООО (5–9), СОО (10–11)."""

LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "noo": NP_("education level", "Primary (НОО)"),
    "ooo": NP_("education level", "Basic (ООО)"),
    "soo": NP_("education level", "Secondary (СОО)"),
}

_LEVEL_ALIASES = {
    **{code: code for code in LEVEL_CODES},
    **{"ноо": "noo", "ооо": "ooo", "соо": "soo"},
}

FIELD_LABELS: dict[str, str] = {
    "full_name": N_("Full name"),
    "short_name": N_("Short name"),
    "inn": N_("INN"),
    "medk_code": N_("ИС МЭДК login or code"),
    "programme": N_("Programme"),
    "cohort_year": N_("Year joined"),
    "status": N_("Status"),
    "region": N_("Region"),
    "municipality": N_("Municipality"),
    "settlement_type": N_("Settlement type"),
    "address": N_("Address"),
    "director_name": N_("Director"),
    "director_phone": N_("Director's phone"),
    "director_email": N_("Director's e-mail"),
    "deputy_name": N_("Deputy director"),
    "deputy_phone": N_("Deputy's phone"),
    "deputy_email": N_("Deputy's e-mail"),
    "levels": N_("Levels of education"),
    "students_count": N_("Students"),
    "students_ovz_count": N_("Students with ОВЗ"),
    "teachers_count": N_("Teachers"),
    "notes": N_("Notes"),
    "curator_name": N_("Curator"),
}
"""Field → English label (translated where shown): the form's labels and the importer's."""

INT_FIELDS = ("students_count", "students_ovz_count", "teachers_count", "cohort_year")
EMAIL_FIELDS = ("director_email", "deputy_email")
PHONE_FIELDS = ("director_phone", "deputy_phone")
MAX_LENGTHS = {
    "full_name": 500,
    "short_name": 120,
    "medk_code": 100,
    "region": 200,
    "municipality": 200,
    "address": 500,
    "director_name": 200,
    "deputy_name": 200,
    "director_email": 254,
    "deputy_email": 254,
    "notes": 10_000,
}
COHORT_YEARS = (2020, 2100)
MAX_COUNT = 100_000
INN_LENGTH = 10

_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE_CHARS = re.compile(r"^[0-9 +()\-]*$")


def field_label(name: str) -> str:
    """The translated label of a school field."""
    return _(FIELD_LABELS.get(name, name))


def level_label(code: str) -> str:
    """The translated label of a level code; an unknown one is shown as stored."""
    return pgettext(*LEVEL_LABELS[code]) if code in LEVEL_LABELS else code


def normalize_level(value: str) -> str:
    """The level code for ``noo``/``НОО`` etc.; anything else comes back stripped, unchanged."""
    text = value.strip()
    return _LEVEL_ALIASES.get(text.casefold(), text)


def normalize_levels(values: Iterable[str]) -> tuple[str, ...]:
    """Known levels as codes in school order, then unknown ones as given; no duplicates."""
    seen = {normalize_level(v) for v in values if v and v.strip()}
    known = tuple(code for code in LEVEL_CODES if code in seen)
    return known + tuple(sorted(seen - set(LEVEL_CODES)))


class FieldErrors(ValidationError):
    """Several fields break their rules; ``errors`` maps each field to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        lines = "\n".join(f"• {field_label(name)}: {text}" for name, text in self.errors.items())
        count = len(self.errors)
        head = ngettext(
            "Correct {n} field before saving:", "Correct {n} fields before saving:", count
        ).format(n=count)
        super().__init__(f"{head}\n{lines}", field=next(iter(self.errors), None))


def parse_int_field(value: object) -> int | None:
    """A whole number from typed or imported text: blank → None; ``1 200`` and ``45.0`` accepted.

    Raises ``ValueError`` whose message is the translated text to show the user.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(_("Enter a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(_("Enter a whole number."))
    text = "".join(str(value).split())
    if not text:
        return None
    text = re.sub(r"[.,]0+$", "", text)
    if re.fullmatch(r"[+-]?[0-9]+", text) is None:
        raise ValueError(_("Enter a whole number."))
    return int(text)


def _choice(value: object, enum: type[LabelledEnum], default: str) -> str:
    """A stored code from a code or a label in the current language; unknown text as given."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return default
    for code, label in enum.choices():
        if text.casefold() in (code.casefold(), label.casefold()):
            return code
    return text


def _codes(enum: type[LabelledEnum]) -> set[str]:
    return {member.value for member in enum}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass
class SchoolFields:
    """The editable fields of a school, as the card and the importer hand them to the service.

    ``conversion_errors`` holds messages for values :meth:`from_strings` could not convert; it is
    not a column and takes no part in comparisons.
    """

    full_name: str = ""
    short_name: str = ""
    inn: str = ""
    medk_code: str = ""
    region: str = ""
    municipality: str = ""
    settlement_type: str = SettlementType.TOWN.value
    address: str = ""
    director_name: str = ""
    director_phone: str = ""
    director_email: str = ""
    deputy_name: str = ""
    deputy_phone: str = ""
    deputy_email: str = ""
    levels: tuple[str, ...] = ()
    students_count: int | None = None
    students_ovz_count: int | None = None
    teachers_count: int | None = None
    programme: str = Programme.SHNOR_500.value
    cohort_year: int | None = None
    status: str = SchoolStatus.ACTIVE.value
    notes: str = ""
    conversion_errors: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def column_names(cls) -> tuple[str, ...]:
        """The names of the fields that are columns of ``school``."""
        return tuple(f.name for f in fields(cls) if f.name != "conversion_errors")

    @classmethod
    def from_strings(cls, values: Mapping[str, object]) -> SchoolFields:
        """Fields from text (a form, a CSV or XLSX row); unknown keys are ignored.

        Numbers that are not whole numbers are left empty and their message is kept in
        ``conversion_errors``. Levels may be a list or text such as ``"НОО, ООО"``; programme,
        status and settlement type may be codes or labels in the current language.
        """
        result = cls()
        errors: dict[str, str] = {}
        for name in cls.column_names():
            if name not in values:
                continue
            raw = values[name]
            if name in INT_FIELDS:
                try:
                    setattr(result, name, parse_int_field(raw))
                except ValueError as exc:
                    errors[name] = str(exc)
            elif name == "levels":
                items = re.split(r"[,;/\s]+", raw) if isinstance(raw, str) else raw or ()
                result.levels = normalize_levels(str(item) for item in items)
            elif name == "programme":
                result.programme = _choice(raw, Programme, Programme.SHNOR_500.value)
            elif name == "status":
                result.status = _choice(raw, SchoolStatus, SchoolStatus.ACTIVE.value)
            elif name == "settlement_type":
                result.settlement_type = _choice(raw, SettlementType, SettlementType.TOWN.value)
            elif name == "inn" and isinstance(raw, int) and not isinstance(raw, bool):
                result.inn = f"{raw:010d}"  # a spreadsheet number lost the leading zero
            else:
                setattr(result, name, _text(raw))
        result.conversion_errors = errors
        return result

    @classmethod
    def from_record(cls, record: Any) -> SchoolFields:
        """The fields of a stored school (any object with the column attributes)."""
        values = {name: getattr(record, name) for name in cls.column_names()}
        values["levels"] = normalize_levels(values["levels"] or ())
        for name in cls.column_names():
            if values[name] is None and name not in INT_FIELDS:
                values[name] = ""
        return cls(**values)

    def as_columns(self) -> dict[str, Any]:
        """Column name → value to store (levels as a list)."""
        values = {name: getattr(self, name) for name in self.column_names()}
        values["levels"] = list(self.levels)
        return values

    def stripped(self) -> SchoolFields:
        """A copy with surrounding whitespace removed from every text field."""
        changes = {
            name: getattr(self, name).strip()
            for name in self.column_names()
            if isinstance(getattr(self, name), str)
        }
        return replace(self, **changes)


def _inn_message(inn: str) -> str | None:
    if not inn:
        return None
    if len(inn) != INN_LENGTH or not (inn.isascii() and inn.isdigit()):
        return _("The INN must be exactly 10 digits.")
    if not is_valid_inn(inn):
        return _("The INN check digit does not match: check the number for a typo.")
    return None


def _phone_message(phone: str) -> str | None:
    if not phone:
        return None
    if _PHONE_CHARS.match(phone) is None:
        return _("A phone number may contain only digits, spaces, +, brackets and hyphens.")
    if not 5 <= sum(ch.isdigit() for ch in phone) <= 20:
        return _("A phone number has from 5 to 20 digits.")
    return None


def _count_message(value: int | None) -> str | None:
    if value is None:
        return None
    if value < 0:
        return _("The number cannot be negative.")
    if value > MAX_COUNT:
        return _("The number is too large: check it for a typo.")
    return None


def validate_school(school: SchoolFields) -> dict[str, str]:
    """Field → translated message for every field that breaks a rule; empty when all is valid."""
    values = school.stripped()
    errors: dict[str, str] = {}
    if not values.full_name:
        errors["full_name"] = _("Enter the school's full name.")
    for name, limit in MAX_LENGTHS.items():
        if len(getattr(values, name)) > limit:
            errors[name] = ngettext(
                "At most {n} character.", "At most {n} characters.", limit
            ).format(n=limit)
    checks: dict[str, str | None] = {"inn": _inn_message(values.inn)}
    for name in EMAIL_FIELDS:
        email = getattr(values, name)
        if email and name not in errors and _EMAIL.match(email) is None:
            checks[name] = _("This does not look like an e-mail address (name@example.ru).")
    for name in PHONE_FIELDS:
        checks[name] = _phone_message(getattr(values, name))
    for name in ("students_count", "students_ovz_count", "teachers_count"):
        checks[name] = _count_message(getattr(values, name))
    students, ovz = values.students_count, values.students_ovz_count
    counts_valid = not (checks["students_count"] or checks["students_ovz_count"])
    if counts_valid and students is not None and ovz is not None and ovz > students:
        checks["students_ovz_count"] = _(
            "Students with ОВЗ cannot outnumber all students ({n})."
        ).format(n=students)
    first, last = COHORT_YEARS
    if values.cohort_year is not None and not first <= values.cohort_year <= last:
        checks["cohort_year"] = _("Enter a year from {first} to {last}.").format(
            first=first, last=last
        )
    if values.programme not in _codes(Programme):
        checks["programme"] = _("Choose a programme from the list.")
    if values.status not in _codes(SchoolStatus):
        checks["status"] = _("Choose a status from the list.")
    if values.settlement_type not in _codes(SettlementType):
        checks["settlement_type"] = _("Choose town or village.")
    unknown = [level for level in values.levels if level not in LEVEL_CODES]
    if unknown:
        checks["levels"] = _("Unknown level of education: {levels}.").format(
            levels=", ".join(unknown)
        )
    for name, message in checks.items():
        if message and name not in errors:
            errors[name] = message
    errors.update(school.conversion_errors)
    order = SchoolFields.column_names()
    return {name: errors[name] for name in order if name in errors}
