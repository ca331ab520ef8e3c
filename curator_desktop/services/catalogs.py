"""Built-in data (the risk-factor catalog, the checklist templates) and loading it into a store.

The files live in ``resources/catalogs`` and ``resources/checklists``. Installing is an upsert
that compares before it writes, so running it at every start-up costs no revisions. The checks
here are structural (keys, types, references); a full JSON Schema comes later.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from curator_desktop import paths
from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChecklistTemplate, RiskCatalog, RiskFactor

RISK_CATALOG_PATH = ("catalogs", "risk_factors.json")
CHECKLISTS_DIR = "checklists"
FORMAT = 1

ITEM_TYPES = (
    "yes_no_partly",
    "scale",
    "number",
    "text",
    "long_text",
    "date",
    "choice",
    "multi_choice",
)
PURPOSES = ("visit", "lesson", "documents", "monitoring")
ATTACH_MODES = ("none", "optional", "required")
YES_NO_PARTLY = ("yes", "no", "partly", "na")

_TEMPLATE_KEYS = {"format", "id", "version", "purpose", "title", "visit_types", "sections"}
_SECTION_KEYS = {"key", "title", "items"}
_ITEM_KEYS = {
    "key", "text", "type", "required", "risk_factors", "help", "comment", "attachments",
    "scale", "min", "max", "options", "condition",
}  # fmt: skip
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass
class InstallResult:
    """What one installation of the built-in catalogs changed (all zero when nothing did)."""

    catalogs_added: int = 0
    catalogs_updated: int = 0
    factors_added: int = 0
    factors_updated: int = 0
    templates_added: int = 0
    templates_updated: int = 0
    templates_kept: int = 0
    """Templates with the same key and version that did not come from the app; left as they are."""

    @property
    def changed(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "templates_kept")


# --- reading and checking files ---------------------------------------------------------------


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def load_json_resource(path: Path) -> dict[str, Any]:
    """Read a JSON object from ``path``; otherwise a :class:`ValidationError` naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("{file} is not UTF-8 text.").format(file=path)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ValidationError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=reason)
        ) from exc
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            _("{file}, line {line}, column {column}: invalid JSON ({reason}).").format(
                file=path, line=exc.lineno, column=exc.colno, reason=exc.msg
            )
        ) from None
    except _DuplicateKeyError as exc:
        raise ValidationError(
            _("{file}: the key “{key}” appears twice in one object.").format(file=path, key=exc)
        ) from None
    if not isinstance(data, dict):
        raise ValidationError(_("{file}: a JSON object was expected.").format(file=path))
    return data


class _Checker:
    """Collects the file name so every message says where the problem is."""

    def __init__(self, source: Path | str) -> None:
        self.source = source

    def fail(self, where: str, problem: str, *, field: str | None = None) -> ValidationError:
        if where:
            message = _("{file}, {where}: {problem}").format(
                file=self.source, where=where, problem=problem
            )
        else:
            message = _("{file}: {problem}").format(file=self.source, problem=problem)
        return ValidationError(message, field=field)

    def require(
        self, data: Mapping[str, Any], keys: set[str], where: str, field: str | None
    ) -> None:
        missing = sorted(keys - data.keys())
        if missing:
            raise self.fail(
                where, _("the key “{key}” is missing.").format(key=missing[0]), field=field
            )

    def only(self, data: Mapping[str, Any], keys: set[str], where: str, field: str | None) -> None:
        unknown = sorted(data.keys() - keys)
        if unknown:
            raise self.fail(where, _("unknown key “{key}”.").format(key=unknown[0]), field=field)

    def translated(self, value: Any, where: str, name: str, field: str | None = None) -> None:
        ok = isinstance(value, dict) and all(
            isinstance(value.get(lang), str) and value[lang].strip() for lang in ("ru", "en")
        )
        if not ok:
            raise self.fail(
                where,
                _("“{name}” needs a Russian and an English text.").format(name=name),
                field=field,
            )

    def text(self, value: Any, where: str, name: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, _("“{name}” must be a non-empty text.").format(name=name))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def validate_risk_catalog(data: Mapping[str, Any], *, source: Path | str) -> None:
    """Check the shape of a risk-factor catalog file; raise :class:`ValidationError` if wrong."""
    check = _Checker(source)
    check.require(data, {"format", "catalog_key", "version", "title", "factors"}, "", None)
    if data["format"] != FORMAT:
        raise check.fail("", _("unsupported format {format}.").format(format=data["format"]))
    check.text(data["catalog_key"], "", "catalog_key")
    check.text(data["version"], "", "version")
    check.translated(data["title"], "", "title")
    limit = data.get("max_active_directions", 3)
    if not _is_int(limit) or limit < 1:
        raise check.fail("", _("“max_active_directions” must be a positive whole number."))
    factors = data["factors"]
    if not isinstance(factors, list) or not factors:
        raise check.fail("", _("the catalog has no factors."))
    seen: set[str] = set()
    for number, factor in enumerate(factors, 1):
        where = _("factor {number}").format(number=number)
        if not isinstance(factor, dict):
            raise check.fail(where, _("a JSON object was expected."))
        check.require(factor, {"code", "name"}, where, None)
        check.text(factor["code"], where, "code")
        code = factor["code"]
        where = _("factor {code}").format(code=code)
        if code in seen:
            raise check.fail(where, _("the code is used twice."), field=code)
        seen.add(code)
        check.translated(factor["name"], where, "name", code)
        year_from, year_to = factor.get("year_from"), factor.get("year_to")
        for value in (year_from, year_to):
            if value is not None and not _is_int(value):
                raise check.fail(where, _("years must be whole numbers or null."), field=code)
        if year_from is not None and year_to is not None and year_from > year_to:
            raise check.fail(where, _("“year_from” is later than “year_to”."), field=code)


def validate_checklist_template(
    data: Mapping[str, Any], *, source: Path | str, factor_codes: set[str] | None = None
) -> None:
    """Check the shape of a checklist template; raise :class:`ValidationError` naming the item.

    ``factor_codes`` (when given) are the risk-factor codes items may link to.
    """
    check = _Checker(source)
    check.require(data, _TEMPLATE_KEYS, "", None)
    check.only(data, _TEMPLATE_KEYS, "", None)
    if data["format"] != FORMAT:
        raise check.fail("", _("unsupported format {format}.").format(format=data["format"]))
    if not isinstance(data["id"], str) or not _SLUG.match(data["id"]):
        raise check.fail("", _("“id” must be a lower-case key such as “primary-visit”."))
    if not _is_int(data["version"]) or data["version"] < 1:
        raise check.fail("", _("“version” must be a positive whole number."))
    if data["purpose"] not in PURPOSES:
        raise check.fail("", _("unknown purpose “{purpose}”.").format(purpose=data["purpose"]))
    check.translated(data["title"], "", "title")
    visit_types = data["visit_types"]
    known_types = {member.value for member in VisitType}
    if not isinstance(visit_types, list) or not set(visit_types) <= known_types:
        raise check.fail("", _("“visit_types” must list known visit types."))
    sections = data["sections"]
    if not isinstance(sections, list) or not sections:
        raise check.fail("", _("the template has no sections."))
    section_keys: set[str] = set()
    items: dict[str, Mapping[str, Any]] = {}
    for number, section in enumerate(sections, 1):
        where = _("section {number}").format(number=number)
        if not isinstance(section, dict):
            raise check.fail(where, _("a JSON object was expected."))
        check.require(section, _SECTION_KEYS, where, None)
        check.only(section, _SECTION_KEYS, where, None)
        check.text(section["key"], where, "key")
        where = _("section {key}").format(key=section["key"])
        if section["key"] in section_keys:
            raise check.fail(where, _("the section key is used twice."))
        section_keys.add(section["key"])
        check.translated(section["title"], where, "title")
        if not isinstance(section["items"], list) or not section["items"]:
            raise check.fail(where, _("the section has no items."))
        for item in section["items"]:
            if not isinstance(item, dict):
                raise check.fail(where, _("a JSON object was expected."))
            _check_item(check, item, items, factor_codes)
            items[item["key"]] = item


def _check_item(
    check: _Checker,
    item: Mapping[str, Any],
    earlier: Mapping[str, Mapping[str, Any]],
    factor_codes: set[str] | None,
) -> None:
    check.require(item, {"key", "text", "type"}, _("an item"), None)
    check.text(item["key"], _("an item"), "key")
    key = item["key"]
    where = _("item {key}").format(key=key)
    check.only(item, _ITEM_KEYS, where, key)
    if key in earlier:
        raise check.fail(where, _("the item key is used twice."), field=key)
    check.translated(item["text"], where, "text", key)
    kind = item["type"]
    if kind not in ITEM_TYPES:
        raise check.fail(where, _("unknown answer type “{type}”.").format(type=kind), field=key)
    if "help" in item:
        check.translated(item["help"], where, "help", key)
    if not isinstance(item.get("required", False), bool):
        raise check.fail(where, _("“required” must be true or false."), field=key)
    for name in ("comment", "attachments"):
        if item.get(name, "none") not in ATTACH_MODES:
            raise check.fail(
                where,
                _("“{name}” must be none, optional or required.").format(name=name),
                field=key,
            )
    links = item.get("risk_factors", [])
    if not isinstance(links, list) or not all(isinstance(code, str) for code in links):
        raise check.fail(where, _("“risk_factors” must be a list of factor codes."), field=key)
    unknown = [code for code in links if factor_codes is not None and code not in factor_codes]
    if unknown:
        raise check.fail(
            where, _("unknown risk factor “{code}”.").format(code=unknown[0]), field=key
        )
    _check_answer_shape(check, item, where)
    if "condition" in item:
        _check_condition(check, item, earlier, where)


def _check_answer_shape(check: _Checker, item: Mapping[str, Any], where: str) -> None:
    kind, key = item["type"], item["key"]
    for name, owner in (("scale", ("scale",)), ("min", ("number",)), ("max", ("number",))):
        if name in item and kind not in owner:
            raise check.fail(
                where,
                _("“{name}” is only for {type} items.").format(name=name, type=owner[0]),
                field=key,
            )
    if "options" in item and kind not in ("choice", "multi_choice"):
        raise check.fail(where, _("“options” is only for choice items."), field=key)
    if kind == "scale":
        scale = item.get("scale")
        ok = isinstance(scale, dict) and _is_int(scale.get("min")) and _is_int(scale.get("max"))
        if not ok or scale["min"] >= scale["max"]:
            raise check.fail(where, _("a scale item needs whole “min” below “max”."), field=key)
        labels = scale.get("labels", {})
        if not isinstance(labels, dict):
            raise check.fail(where, _("scale labels must be an object."), field=key)
        for value, label in labels.items():
            if not value.lstrip("-").isdigit() or not scale["min"] <= int(value) <= scale["max"]:
                raise check.fail(where, _("a scale label is outside the scale."), field=key)
            check.translated(label, where, "labels", key)
    if kind == "number":
        low, high = item.get("min"), item.get("max")
        if any(v is not None and not _is_number(v) for v in (low, high)) or (
            low is not None and high is not None and low > high
        ):
            raise check.fail(
                where, _("“min” and “max” must be numbers, min not above max."), field=key
            )
    if kind in ("choice", "multi_choice"):
        options = item.get("options")
        if not isinstance(options, list) or not options:
            raise check.fail(where, _("a choice item needs options."), field=key)
        values = []
        for option in options:
            if (
                not isinstance(option, dict)
                or not isinstance(option.get("value"), str)
                or not option["value"]
            ):
                raise check.fail(where, _("every option needs a value."), field=key)
            check.translated(option.get("label"), where, "label", key)
            values.append(option["value"])
        if len(set(values)) != len(values):
            raise check.fail(where, _("two options have the same value."), field=key)


def _check_condition(
    check: _Checker, item: Mapping[str, Any], earlier: Mapping[str, Mapping[str, Any]], where: str
) -> None:
    key, condition = item["key"], item["condition"]
    if not isinstance(condition, dict) or set(condition) != {"item", "equals"}:
        raise check.fail(where, _("a condition needs exactly “item” and “equals”."), field=key)
    target = earlier.get(condition["item"])
    if target is None:
        raise check.fail(
            where,
            _("the condition refers to “{item}”, which is not an earlier item.").format(
                item=condition["item"]
            ),
            field=key,
        )
    if not answer_is_valid(target, condition["equals"], single=True):
        raise check.fail(
            where,
            _("the condition expects an answer “{item}” cannot have.").format(
                item=condition["item"]
            ),
            field=key,
        )


# --- answers and conditions -------------------------------------------------------------------


def iter_items(content: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every item of a template, in order."""
    for section in content.get("sections", []):
        yield from section.get("items", [])


def answer_is_valid(item: Mapping[str, Any], value: Any, *, single: bool = False) -> bool:
    """Whether ``value`` can answer ``item`` (``single``: one option of a multi-choice item)."""
    kind = item["type"]
    if kind == "yes_no_partly":
        return value in YES_NO_PARTLY
    if kind == "scale":
        scale = item["scale"]
        return _is_int(value) and scale["min"] <= value <= scale["max"]
    if kind == "number":
        low, high = item.get("min"), item.get("max")
        return (
            _is_number(value) and (low is None or value >= low) and (high is None or value <= high)
        )
    if kind in ("text", "long_text"):
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    options = {option["value"] for option in item["options"]}
    if kind == "choice" or single:
        return value in options
    return isinstance(value, list) and all(v in options for v in value)


def condition_holds(target: Mapping[str, Any], answer: Any, expected: Any) -> bool:
    """Whether ``answer`` to the ``target`` item meets a condition's ``equals`` value."""
    if target["type"] == "multi_choice":
        return isinstance(answer, list) and expected in answer
    return answer == expected


def visible_items(content: Mapping[str, Any], answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The items shown for ``answers`` (item key → value).

    An item with a condition is shown only when the item it names is shown and answered with
    ``equals`` (for a multi-choice item: when ``equals`` is among the chosen values).
    """
    shown: dict[str, dict[str, Any]] = {}
    for item in iter_items(content):
        condition = item.get("condition")
        if condition:
            target = shown.get(condition["item"])
            if target is None:
                continue
            if not condition_holds(target, answers.get(condition["item"]), condition["equals"]):
                continue
        shown[item["key"]] = item
    return list(shown.values())


def is_answered(value: Any) -> bool:
    """Whether a stored answer value counts as an answer (empty text and lists do not)."""
    return value is not None and value != "" and value != []


def missing_required(content: Mapping[str, Any], answers: Mapping[str, Any]) -> list[str]:
    """Keys of the shown required items that have no answer yet."""
    return [
        item["key"]
        for item in visible_items(content, answers)
        if item.get("required") and not is_answered(answers.get(item["key"]))
    ]


# --- installing -------------------------------------------------------------------------------


def load_risk_catalog(path: Path) -> dict[str, Any]:
    """Read and check a risk-factor catalog file."""
    data = load_json_resource(path)
    validate_risk_catalog(data, source=path)
    return data


def load_checklist_template(path: Path, *, factor_codes: set[str] | None = None) -> dict[str, Any]:
    """Read and check a checklist template file."""
    data = load_json_resource(path)
    validate_checklist_template(data, source=path, factor_codes=factor_codes)
    return data


def builtin_template_paths(resources_dir: Path | None = None) -> list[Path]:
    """The checklist template files shipped with the app, by name."""
    base = resources_dir or paths.resource_dir()
    return sorted((base / CHECKLISTS_DIR).glob("*.json"))


def _assign(record: Any, values: Mapping[str, Any]) -> bool:
    """Set the fields that differ; True when any did (so unchanged records keep their revision)."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def install_catalogs_in(session: Session, *, resources_dir: Path | None = None) -> InstallResult:
    """Upsert the built-in catalog and templates in ``session`` (see install_builtin_catalogs)."""
    base = resources_dir or paths.resource_dir()
    catalog_file = base.joinpath(*RISK_CATALOG_PATH)
    catalog = load_risk_catalog(catalog_file)
    codes = {factor["code"] for factor in catalog["factors"]}
    templates = [
        (p, load_checklist_template(p, factor_codes=codes)) for p in builtin_template_paths(base)
    ]
    seen: dict[tuple[str, int], Path] = {}
    for path, content in templates:
        ident = (content["id"], content["version"])
        if ident in seen:
            raise ValidationError(
                _("{file}: template {id} version {version} is also in {other}.").format(
                    file=path, id=ident[0], version=ident[1], other=seen[ident]
                )
            )
        seen[ident] = path
    result = InstallResult()
    _install_catalog(session, catalog, result)
    for _path, content in templates:
        _install_template(session, content, result)
    return result


def _install_catalog(session: Session, catalog: Mapping[str, Any], result: InstallResult) -> None:
    values = {
        "title_ru": catalog["title"]["ru"],
        "title_en": catalog["title"]["en"],
        "max_active_directions": catalog.get("max_active_directions", 3),
        "source": catalog.get("source", "builtin"),
    }
    row = session.exec(
        select(RiskCatalog).where(
            RiskCatalog.catalog_key == catalog["catalog_key"],
            RiskCatalog.version == catalog["version"],
        )
    ).first()
    if row is None:
        row = RiskCatalog(catalog_key=catalog["catalog_key"], version=catalog["version"], **values)
        session.add(row)
        result.catalogs_added += 1
    elif _assign(row, values):
        result.catalogs_updated += 1
    existing = {
        f.code: f for f in session.exec(select(RiskFactor).where(RiskFactor.catalog_id == row.id))
    }
    for order, factor in enumerate(catalog["factors"], 1):
        values = {
            "name_ru": factor["name"]["ru"],
            "name_en": factor["name"]["en"],
            "year_from": factor.get("year_from"),
            "year_to": factor.get("year_to"),
            "sort_order": order,
        }
        record = existing.get(factor["code"])
        if record is None:
            session.add(RiskFactor(catalog_id=row.id, code=factor["code"], **values))
            result.factors_added += 1
        elif _assign(record, values):
            result.factors_updated += 1


def _install_template(session: Session, content: dict[str, Any], result: InstallResult) -> None:
    values = {
        "title_ru": content["title"]["ru"],
        "title_en": content["title"]["en"],
        "purpose": content["purpose"],
        "content": content,
        "source": "builtin",
    }
    row = session.exec(
        select(ChecklistTemplate).where(
            ChecklistTemplate.template_key == content["id"],
            ChecklistTemplate.version == content["version"],
        )
    ).first()
    if row is None:
        session.add(
            ChecklistTemplate(template_key=content["id"], version=content["version"], **values)
        )
        result.templates_added += 1
    elif row.source != "builtin":
        result.templates_kept += 1
    elif _assign(row, values):
        result.templates_updated += 1


def install_builtin_catalogs(db: Database, *, resources_dir: Path | None = None) -> InstallResult:
    """Load the shipped risk catalog and checklist templates into the store, idempotently.

    Rows are matched by catalog key + version, factor code, and template key + version; fields
    are written only when they differ, so a second call changes nothing. Every file is read and
    checked before anything is written. ``resources_dir`` replaces the bundled ``resources/``.
    """
    with db.session() as session:
        return install_catalogs_in(session, resources_dir=resources_dir)


# --- reading back -----------------------------------------------------------------------------


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", version))


def current_catalog_in(session: Session) -> RiskCatalog | None:
    """The risk catalog in force: the highest version among those not deleted."""
    catalogs = list(session.exec(select(RiskCatalog).where(RiskCatalog.deleted == False)))  # noqa: E712
    if not catalogs:
        return None
    return max(catalogs, key=lambda c: (_version_key(c.version), c.created_at))


def current_risk_catalog(db: Database) -> RiskCatalog | None:
    """The risk catalog in force (see :func:`current_catalog_in`), detached from any session."""
    with db.session() as session:
        return current_catalog_in(session)


def active_factors_in(
    session: Session, year: int, *, catalog_id: str | None = None
) -> list[RiskFactor]:
    """Factors of the catalog (default: the current one) in force in ``year``, in catalog order."""
    if catalog_id is None:
        catalog = current_catalog_in(session)
        if catalog is None:
            return []
        catalog_id = catalog.id
    query = (
        select(RiskFactor)
        .where(
            RiskFactor.catalog_id == catalog_id,
            RiskFactor.deleted == False,  # noqa: E712
            or_(RiskFactor.year_from.is_(None), RiskFactor.year_from <= year),  # type: ignore[union-attr]
            or_(RiskFactor.year_to.is_(None), RiskFactor.year_to >= year),  # type: ignore[union-attr]
        )
        .order_by(RiskFactor.sort_order)
    )
    return list(session.exec(query))


def active_risk_factors(
    db: Database, year: int, *, catalog_id: str | None = None
) -> list[RiskFactor]:
    """Factors in force in ``year`` (their year range includes it), ordered by ``sort_order``."""
    with db.session() as session:
        return active_factors_in(session, year, catalog_id=catalog_id)
