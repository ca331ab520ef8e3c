"""Which column of the coordinator's file holds which field of a school.

Coordinators send the list in whatever shape their spreadsheet has: columns in any order, headed
«Наименование ОО» in one region and «Полное наименование» in the next. Headers are compared in a
normalised form (case, «ё», punctuation and inflected endings ignored); each field takes the
column whose header matches it best, and the user can change every choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImportField:
    """A school field the importer fills and the (normalised) headers that name it."""

    key: str
    aliases: tuple[str, ...]
    exact_only: tuple[str, ...] = ()
    """Short aliases («МО», «ОО») that count only when they are the whole header."""


FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "full_name",
        (
            "наименование оо",
            "полное наименование",
            "полное наименование оо",
            "наименование",
            "наименование образовательной организации",
            "наименование общеобразовательной организации",
            "образовательная организация",
            "общеобразовательная организация",
            "название школы",
            "название",
        ),
        ("оо", "школа"),
    ),
    ImportField(
        "short_name",
        ("краткое наименование", "сокращенное наименование", "краткое название"),
    ),
    ImportField("inn", ("инн", "инн оо", "инн организации")),
    ImportField(
        "medk_code",
        ("логин ис мэдк", "логин мэдк", "код ис мэдк", "мэдк", "логин"),
    ),
    ImportField(
        "municipality",
        (
            "муниципалитет",
            "муниципальное образование",
            "муниципальный район",
            "городской округ",
            "муниципальный район городской округ",
            "район",
        ),
        ("мо", "омсу"),
    ),
    ImportField(
        "region",
        ("регион", "субъект рф", "субъект российской федерации", "субъект"),
    ),
    ImportField(
        "address",
        ("адрес", "адрес оо", "юридический адрес", "фактический адрес", "почтовый адрес"),
    ),
    ImportField(
        "settlement_type",
        (
            "тип населенного пункта",
            "тип местности",
            "местность",
            "городская сельская",
            "город село",
            "городская сельская местность",
        ),
    ),
    ImportField(
        "director_name",
        ("директор", "фио руководителя", "руководитель", "фио директора", "руководитель оо"),
    ),
    ImportField(
        "director_phone",
        ("телефон", "контактный телефон", "телефон руководителя", "телефон директора"),
    ),
    ImportField(
        "director_email",
        (
            "e mail",
            "email",
            "электронная почта",
            "адрес электронной почты",
            "эл почта",
            "e mail руководителя",
        ),
    ),
    ImportField(
        "deputy_name",
        ("заместитель", "заместитель директора", "фио заместителя", "заместитель руководителя"),
    ),
    ImportField(
        "deputy_phone",
        ("телефон заместителя", "телефон заместителя директора"),
    ),
    ImportField(
        "deputy_email",
        ("e mail заместителя", "email заместителя", "электронная почта заместителя"),
    ),
    ImportField(
        "levels",
        ("уровни образования", "уровень образования", "реализуемые уровни образования"),
    ),
    ImportField(
        "students_count",
        (
            "число обучающихся",
            "количество обучающихся",
            "численность обучающихся",
            "контингент",
            "контингент обучающихся",
        ),
    ),
    ImportField(
        "students_ovz_count",
        (
            "обучающиеся с овз",
            "число обучающихся с овз",
            "количество обучающихся с овз",
            "численность обучающихся с овз",
            "из них с овз",
            "овз",
        ),
    ),
    ImportField(
        "teachers_count",
        (
            "число педагогов",
            "количество педагогов",
            "численность педагогов",
            "численность педагогических работников",
            "количество педагогических работников",
            "педагоги",
        ),
    ),
    ImportField("programme", ("программа", "проект")),
    ImportField(
        "curator_name",
        ("фио куратора", "куратор", "куратор оо", "закрепленный куратор", "ответственный куратор"),
    ),
    ImportField(
        "cohort_year",
        ("год", "год включения", "год включения в проект", "год участия", "год отбора"),
    ),
)

FIELD_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)
_BY_KEY = {f.key: f for f in FIELDS}

_NON_WORD = re.compile(r"[^\w]+|_")


def normalize_header(text: str | None) -> str:
    """``«Е-mail» руководителя`` → ``е mail руководителя``: case, ё and punctuation folded."""
    if not text:
        return ""
    folded = text.casefold().replace("ё", "е")
    # Latin look-alikes typed in Cyrillic headers (a Cyrillic «е» in «E-mail» is common).
    folded = folded.replace("е-mail", "e-mail").replace("е mail", "e mail")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def _token_matches(header_token: str, alias_token: str) -> bool:
    """Equal words, or the same word with another Russian ending («муниципалитета»)."""
    if header_token == alias_token:
        return True
    if len(alias_token) < 4 or abs(len(header_token) - len(alias_token)) > 3:
        return False
    common = next(
        (i for i, (a, b) in enumerate(zip(header_token, alias_token, strict=False)) if a != b),
        min(len(header_token), len(alias_token)),
    )
    return common >= max(4, len(alias_token) - 3)


def _contains(header: list[str], alias: list[str]) -> bool:
    width = len(alias)
    return any(
        all(_token_matches(h, a) for h, a in zip(header[i : i + width], alias, strict=True))
        for i in range(len(header) - width + 1)
    )


def _score(header: str, spec: ImportField) -> int:
    """How well a normalised header names ``spec``: 0 (not at all) up to 1000+ (exactly)."""
    if not header:
        return 0
    best = 0
    tokens = header.split()
    for alias in spec.aliases + spec.exact_only:
        if header == alias:
            best = max(best, 1000 + len(alias))
        elif alias not in spec.exact_only and _contains(tokens, alias.split()):
            best = max(best, 10 * len(alias.split()) + len(alias))
    return best


@dataclass
class ColumnMapping:
    """Field key → column index (0-based) in the file; a field not in it is not imported."""

    columns: dict[str, int] = field(default_factory=dict)

    def column_for(self, key: str) -> int | None:
        return self.columns.get(key)

    def field_for(self, column: int) -> str | None:
        return next((key for key, index in self.columns.items() if index == column), None)

    def set(self, key: str, column: int | None) -> None:
        """Import ``key`` from ``column`` (None: do not import it); a column feeds one field."""
        if key not in _BY_KEY:
            raise KeyError(key)
        self.columns.pop(key, None)
        if column is None:
            return
        for other in [k for k, index in self.columns.items() if index == column]:
            del self.columns[other]
        self.columns[key] = column

    def mapped_keys(self) -> list[str]:
        """The imported fields, in the order of :data:`FIELDS`."""
        return [key for key in FIELD_KEYS if key in self.columns]

    def copy(self) -> ColumnMapping:
        return ColumnMapping(dict(self.columns))

    def describe(self, headers: Sequence[str]) -> dict[str, str]:
        """Field key → the header of its column, for messages and JSON output."""
        return {
            key: headers[index] if index < len(headers) else str(index + 1)
            for key, index in sorted(self.columns.items(), key=lambda item: item[1])
        }


def detect_mapping(headers: Iterable[str | None]) -> ColumnMapping:
    """Give each field the column whose header names it best (each column used once)."""
    normalised = [normalize_header(h) for h in headers]
    candidates = sorted(
        (
            (score, -column, spec.key, column)
            for column, header in enumerate(normalised)
            for spec in FIELDS
            if (score := _score(header, spec)) > 0
        ),
        reverse=True,
    )
    mapping = ColumnMapping()
    used: set[int] = set()
    for _score_value, _neg, key, column in candidates:
        if key in mapping.columns or column in used:
            continue
        mapping.columns[key] = column
        used.add(column)
    return mapping


def header_score(cells: Iterable[str | None]) -> int:
    """How many fields a row of cells names: a header row names at least two."""
    return len(detect_mapping(cells).columns)
