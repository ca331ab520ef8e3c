"""Cleaning a file's cells into the text :meth:`SchoolFields.from_strings` understands.

Coordinators' spreadsheets say the same thing many ways: «500+», «ШНОР» or «Проект 500+»;
«село», «сельская местность» or «д. Ивановка»; «начальное общее, основное общее» or «1–4, 5–9».
These wordings become the codes the rules know. An ИНН that Excel turned into a number loses its
leading zero or, in a CSV, its digits («3,44E+09»): the first is repaired when the checksum
proves it, the second is reported.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from curator_desktop.domain.schools.inn import is_valid_inn
from curator_desktop.i18n import _
from curator_desktop.services.schools.list_import.mapping import ColumnMapping, normalize_header
from curator_desktop.services.schools.list_import.reading import SourceRow

_SCIENTIFIC = re.compile(r"^[+]?(\d+)(?:[.,](\d+))?[eE][+]?(\d+)$")

_PROGRAMME_WORDS: tuple[tuple[str, str], ...] = (
    ("минпрос", "minpros_school"),
    ("шмр", "minpros_school"),
    ("школа минпросвещения", "minpros_school"),
    ("500", "500plus"),
    ("шнор", "500plus"),
)

_VILLAGE_WORDS = ("сел", "деревн", "станиц", "аул", "хутор", "поселок", "слобод", "rural")
_TOWN_WORDS = ("город", "пгт", "поселок городского типа", "рабочий поселок", "urban", "town")

_LEVEL_WORDS: tuple[tuple[str, str], ...] = (
    ("начальн", "НОО"),
    ("ноо", "НОО"),
    ("1 4", "НОО"),
    ("основн", "ООО"),
    ("ооо", "ООО"),
    ("5 9", "ООО"),
    ("средн", "СОО"),
    ("соо", "СОО"),
    ("10 11", "СОО"),
)


def clean_inn(text: str) -> tuple[str, str | None]:
    """The ИНН as 10 digits where it can be recovered, with a message when it cannot."""
    compact = "".join(text.split()).replace("'", "")
    match = _SCIENTIFIC.match(compact)
    if match:
        whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
        if len(fraction) > exponent or len(whole + fraction) < 9:
            return compact, _(
                "The INN was saved as a rounded number ({value}) and its digits are lost: "
                "format the INN column as text and save the file again."
            ).format(value=text)
        compact = whole + fraction + "0" * (exponent - len(fraction))
    try:
        number = Decimal(compact.replace(",", "."))
    except InvalidOperation:
        return compact, None
    if number.is_finite() and number == number.to_integral_value() and not compact.isdigit():
        compact = str(int(number))  # «3444012345.0»
    if len(compact) == 9 and compact.isdigit() and is_valid_inn("0" + compact):
        compact = "0" + compact  # Excel dropped the leading zero of regions 01–09
    return compact, None


def clean_programme(text: str) -> str:
    """``500plus`` / ``minpros_school`` for the usual wordings; other text unchanged."""
    folded = normalize_header(text)
    for word, code in _PROGRAMME_WORDS:
        if word in folded:
            return code
    return text


def clean_settlement(text: str) -> str:
    """``town`` / ``village`` for «город», «село», «д. Ивановка» …; other text unchanged."""
    folded = normalize_header(text)
    if any(word in folded for word in _TOWN_WORDS):
        return "town"
    words = folded.split()
    if any(w.startswith(_VILLAGE_WORDS) for w in words) or words[:1] in (["с"], ["д"], ["ст"]):
        return "village"
    return text


def clean_levels(text: str) -> str:
    """«НОО, ООО, СОО» for «начальное общее; основное общее» or «1–4, 5–9, 10–11»."""
    found: list[str] = []
    parts = re.split(r"[,;\n/]+|\s+и\s+", text)
    for part in parts:
        folded = normalize_header(part)
        if not folded:
            continue
        code = next((c for word, c in _LEVEL_WORDS if folded.startswith(word)), None)
        found.append(code or part.strip())
    return ", ".join(dict.fromkeys(found))


def clean_number(text: str) -> str:
    """``1 234`` (with a no-break space) → ``1234``; other text unchanged."""
    return "".join(text.split())


_CLEANERS = {
    "programme": clean_programme,
    "settlement_type": clean_settlement,
    "levels": clean_levels,
    "students_count": clean_number,
    "students_ovz_count": clean_number,
    "teachers_count": clean_number,
    "cohort_year": clean_number,
}


def row_values(row: SourceRow, mapping: ColumnMapping) -> tuple[dict[str, str], dict[str, str]]:
    """The row's non-empty mapped cells, cleaned, and messages for cells that cannot be used.

    An empty cell is left out: importing never erases what the curator already has.
    """
    values: dict[str, str] = {}
    problems: dict[str, str] = {}
    for key in mapping.mapped_keys():
        text = " ".join(row.cell(mapping.column_for(key)).split())
        if not text:
            continue
        if key == "inn":
            text, problem = clean_inn(text)
            if problem:
                problems[key] = problem
        elif key in _CLEANERS:
            text = _CLEANERS[key](text)
        values[key] = text
    return values, problems
