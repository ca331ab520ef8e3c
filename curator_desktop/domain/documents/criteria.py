"""The review criteria of school documents, as data (``resources/catalogs/document_criteria.json``)

The file is versioned like the checklist templates (``catalog_key`` + ``version``) and cites its
sources; a coordinator's file of a higher version replaces it (see
:mod:`curator_desktop.services.documents.criteria_catalog`). Per document kind it lists the
criteria, each rated «соответствует / частично соответствует / не соответствует» with a comment,
and whether the review records target indicators (antirisk programmes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from curator_desktop import paths
from curator_desktop.domain.checklists.answers import localized
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_parsing import file_name, parse_json
from curator_desktop.i18n import _

FORMAT = 1
"""The version of the file format this module understands."""
CRITERIA_FILE = ("catalogs", "document_criteria.json")
RATINGS = ("meets", "partly", "not_meets")
"""A criterion's rating, best first."""
CONCLUSIONS = ("accept", "revise")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Criterion:
    """One criterion a version is rated against."""

    key: str
    text: Mapping[str, str]
    help: Mapping[str, str] | None = None

    def label(self, lang: str | None = None) -> str:
        return localized(self.text, lang=lang)

    def help_text(self, lang: str | None = None) -> str:
        return localized(self.help, lang=lang) if self.help else ""


@dataclass(frozen=True)
class CriteriaSet:
    """The criteria of one document kind, from one version of the criteria file."""

    kind: str
    catalog_key: str
    version: str
    title: Mapping[str, str]
    criteria: tuple[Criterion, ...]
    help: Mapping[str, str] | None = None
    target_indicators: bool = False
    """The review records target indicators (baseline, target, deadline)."""
    per_direction: bool = False
    """One document per activated risk direction."""
    programmes: tuple[str, ...] = ()
    """The programmes (``Programme`` values) under which the document is expected."""
    expected: bool = True
    """Expected of every school of those programmes (False: reviewed when given)."""

    def keys(self) -> list[str]:
        return [criterion.key for criterion in self.criteria]

    def get(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)

    def label(self, lang: str | None = None) -> str:
        return localized(self.title, lang=lang)


@dataclass(frozen=True)
class CriteriaCatalog:
    """A whole criteria file: every kind, the rating and conclusion labels, the sources."""

    catalog_key: str
    version: str
    title: Mapping[str, str]
    kinds: Mapping[str, CriteriaSet]
    ratings: Mapping[str, Mapping[str, str]]
    conclusions: Mapping[str, Mapping[str, str]]
    sources: tuple[Mapping[str, str], ...] = ()
    source: str = "builtin"

    def criteria_for(self, kind: str) -> CriteriaSet:
        """The criteria of ``kind``; a :class:`ValidationError` when the file has none."""
        found = self.kinds.get(_kind_value(kind))
        if found is None:
            raise ValidationError(
                _("The review criteria have nothing for the document kind “{kind}”.").format(
                    kind=_kind_value(kind)
                )
            )
        return found

    def rating_label(self, value: str, lang: str | None = None) -> str:
        return localized(self.ratings.get(value), lang=lang) or value

    def conclusion_label(self, value: str, lang: str | None = None) -> str:
        return localized(self.conclusions.get(value), lang=lang) or value


def _kind_value(kind: Any) -> str:
    return str(getattr(kind, "value", kind))


def builtin_criteria_path() -> Path:
    """The criteria file shipped with the app."""
    return paths.resource(*CRITERIA_FILE)


def parse_criteria_catalog(text: str, *, source: Path | str) -> CriteriaCatalog:
    """Parse and check a criteria file's text; errors name the file and the field."""
    data = parse_json(text, source=source)
    return criteria_catalog_from(data, source=source)


def criteria_catalog_from(data: Any, *, source: Path | str = "") -> CriteriaCatalog:
    """Check a parsed criteria file and build the catalog."""
    name = file_name(source) if source else _("the review criteria")

    def fail(where: str, problem: str) -> ValidationError:
        return ValidationError(
            _("{file}, {field}: {problem}").format(file=name, field=where, problem=problem),
            field=where,
        )

    if not isinstance(data, dict):
        raise ValidationError(_("{file}: a JSON object was expected.").format(file=name))
    if data.get("format") != FORMAT:
        raise fail("format", _("must be {value}.").format(value=FORMAT))
    for field in ("catalog_key", "version"):
        if not isinstance(data.get(field), str) or not data[field].strip():
            raise fail(field, _("a non-empty text is required."))
    title = _texts(data.get("title"), "title", fail)
    ratings = _labels(data.get("ratings"), "ratings", RATINGS, fail)
    conclusions = _labels(data.get("conclusions"), "conclusions", CONCLUSIONS, fail)
    kinds_data = data.get("kinds")
    if not isinstance(kinds_data, dict) or not kinds_data:
        raise fail("kinds", _("at least one document kind is required."))
    kinds = {}
    for kind, spec in kinds_data.items():
        where = f"kinds.{kind}"
        if not isinstance(spec, dict):
            raise fail(where, _("a JSON object was expected."))
        criteria_data = spec.get("criteria")
        if not isinstance(criteria_data, list) or not criteria_data:
            raise fail(f"{where}.criteria", _("at least one criterion is required."))
        criteria: list[Criterion] = []
        for index, item in enumerate(criteria_data):
            at = f"{where}.criteria[{index}]"
            key = item.get("key") if isinstance(item, dict) else None
            if not isinstance(key, str) or not _KEY.match(key):
                raise fail(f"{at}.key", _("a key of small Latin letters, digits and “_”."))
            if any(c.key == key for c in criteria):
                raise fail(f"{at}.key", _("the key “{key}” appears twice.").format(key=key))
            helptext = item.get("help")
            criteria.append(
                Criterion(
                    key=key,
                    text=_texts(item.get("text"), f"{at}.text", fail),
                    help=_texts(helptext, f"{at}.help", fail) if helptext is not None else None,
                )
            )
        programmes = spec.get("programmes", [])
        if not isinstance(programmes, list) or not all(isinstance(p, str) for p in programmes):
            raise fail(f"{where}.programmes", _("a list of texts was expected."))
        kinds[kind] = CriteriaSet(
            kind=kind,
            catalog_key=data["catalog_key"],
            version=data["version"],
            title=_texts(spec.get("title"), f"{where}.title", fail),
            criteria=tuple(criteria),
            help=_texts(spec["help"], f"{where}.help", fail) if "help" in spec else None,
            target_indicators=bool(spec.get("target_indicators", False)),
            per_direction=bool(spec.get("per_direction", False)),
            programmes=tuple(programmes),
            expected=bool(spec.get("expected", True)),
        )
    sources = data.get("sources", [])
    return CriteriaCatalog(
        catalog_key=data["catalog_key"],
        version=data["version"],
        title=title,
        kinds=kinds,
        ratings=ratings,
        conclusions=conclusions,
        sources=tuple(s for s in sources if isinstance(s, dict)),
        source=str(data.get("source", "builtin")),
    )


def _texts(value: Any, where: str, fail: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not isinstance(value.get("ru"), str) or not value["ru"]:
        raise fail(where, _("a text in Russian (“ru”) is required."))
    return {k: v for k, v in value.items() if isinstance(v, str)}


def _labels(value: Any, where: str, required: tuple[str, ...], fail: Any) -> dict[str, Any]:
    if not isinstance(value, list):
        raise fail(where, _("a list was expected."))
    labels = {
        item.get("value"): _texts(item.get("label"), f"{where}[{i}].label", fail)
        for i, item in enumerate(value)
        if isinstance(item, dict)
    }
    missing = [v for v in required if v not in labels]
    if missing:
        raise fail(where, _("“{value}” is missing.").format(value=missing[0]))
    return labels


def load_criteria_catalog(path: Path | None = None) -> CriteriaCatalog:
    """Read a criteria file (default: the built-in one)."""
    path = Path(path) if path is not None else builtin_criteria_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(
            _("Cannot read {file}: {reason}.").format(file=file_name(path), reason=exc)
        ) from exc
    return parse_criteria_catalog(text, source=path)


@cache
def builtin_criteria() -> CriteriaCatalog:
    """The built-in criteria file, read once."""
    return load_criteria_catalog()


def load_criteria(kind: str, *, catalog: CriteriaCatalog | None = None) -> CriteriaSet:
    """The criteria of document ``kind`` (a ``DocumentType`` or its value).

    ``catalog``: the criteria in force in a store (a coordinator's file, see
    ``services.documents.criteria_catalog.criteria_in_force``); default: the built-in file.
    """
    return (catalog or builtin_criteria()).criteria_for(kind)
