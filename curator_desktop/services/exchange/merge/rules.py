"""The domain rules every record a package brings must meet before anything is imported.

There is one rule set: each table's records are checked by the domain function the editors
use for the same record (:data:`RULES`: a school by ``validate_school``, a profile by
``profile_problems``, a visit by ``visit_rules.visit_problems`` …). A checklist answer is checked
against the checklist it answers — its visit's (or lesson's) snapshot, from the package, else from
the store — as the visit editor checks it (``answer_problem``). A package with one record that
breaks a rule is refused whole (:class:`RecordRuleError` names the record and the field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.catalogs import records as catalog_rules
from curator_desktop.domain.checklists.items import answer_problem, item_index
from curator_desktop.domain.documents import record_rules as document_rules
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.events import rules as event_rules
from curator_desktop.domain.field_rules import Problems, shown
from curator_desktop.domain.plan.links import link_problems
from curator_desktop.domain.profile import ProfileFields, profile_problems
from curator_desktop.domain.reports.rules import report_problems
from curator_desktop.domain.risk.records import assessment_problems, evidence_problems
from curator_desktop.domain.roadmap.records import document_problems, item_problems
from curator_desktop.domain.schools.assignment import assignment_problems
from curator_desktop.domain.schools.documents import review_problems
from curator_desktop.domain.schools.rules import SchoolFields, validate_school
from curator_desktop.domain.selfdiag import rules as selfdiag_rules
from curator_desktop.domain.visits import rules as visit_rules
from curator_desktop.i18n import _, ngettext
from curator_desktop.services.exchange.field_labels import field_label
from curator_desktop.services.exchange.records import from_json, with_defaults
from curator_desktop.store.tables import LessonObservation, Visit

ANSWERS = "checklist_answer"
MAX_LISTED = 20
"""Broken rules listed in a refusal's details."""
CLOCK_SLACK = dt.timedelta(days=1)
"""How far «today» may be ahead on the sender's computer (another time zone)."""
CHUNK = 500

Rule = Callable[[Mapping[str, Any]], Problems]


def _school(values: Mapping[str, Any]) -> Problems:
    levels = values.get("levels") or ()
    if not isinstance(levels, list | tuple) or not all(isinstance(v, str) for v in levels):
        return {"levels": _("must be {expected}.").format(expected=_("a list […]"))}
    columns = {**with_defaults("school", values), "levels": levels}
    return validate_school(SchoolFields.from_record(SimpleNamespace(**columns)))


def _profile(values: Mapping[str, Any]) -> Problems:
    return profile_problems(
        ProfileFields(**{name: values.get(name) or "" for name in ProfileFields.column_names()})
    )


def _assessment(values: Mapping[str, Any]) -> Problems:
    return assessment_problems(values, today=dt.date.today() + CLOCK_SLACK)


def _event(values: Mapping[str, Any]) -> Problems:
    return event_rules.event_record_problems(values, today=dt.date.today() + CLOCK_SLACK)


def _selfdiag_round(values: Mapping[str, Any]) -> Problems:
    return selfdiag_rules.round_record_problems(values, today=dt.date.today() + CLOCK_SLACK)


RULES: dict[str, Rule] = {
    "curator_profile": _profile,
    "risk_catalog": catalog_rules.catalog_problems,
    "risk_factor": catalog_rules.factor_problems,
    "school": _school,
    "school_assignment": assignment_problems,
    "risk_assessment": _assessment,
    "checklist_template": catalog_rules.template_problems,
    "visit": visit_rules.visit_problems,
    "visit_participant": visit_rules.participant_problems,
    "lesson_observation": visit_rules.lesson_problems,
    ANSWERS: visit_rules.answer_record_problems,
    "visit_finding": visit_rules.finding_problems,
    "recommendation": visit_rules.recommendation_problems,
    "school_document": document_rules.document_problems,
    "document_version": document_rules.version_problems,
    "document_review": review_problems,
    "confirmation_document": document_rules.confirmation_problems,
    "attachment": visit_rules.attachment_problems,
    "risk_evidence": evidence_problems,
    "generated_report": report_problems,
    "roadmap_document": document_problems,
    "roadmap_item": item_problems,
    "roadmap_link": link_problems,
    "selfdiag_catalog": selfdiag_rules.catalog_record_problems,
    "school_programme": selfdiag_rules.programme_record_problems,
    "selfdiag_round": _selfdiag_round,
    "selfdiag_result": selfdiag_rules.result_record_problems,
    "selfdiag_deficit": selfdiag_rules.deficit_record_problems,
    "selfdiag_decision": selfdiag_rules.decision_record_problems,
    "curator_event": _event,
    "event_analysis": event_rules.analysis_record_problems,
}
"""Each synced table's rules: column → value in (a column the record leaves out takes its
default), field → problem out."""

_HINTS: dict[str, tuple[str, ...]] = {
    "curator_profile": ("full_name",),
    "risk_catalog": ("catalog_key", "version"),
    "risk_factor": ("code",),
    "school": ("short_name", "full_name", "inn"),
    "school_assignment": ("curator_name",),
    "risk_assessment": ("factor_code", "year"),
    "checklist_template": ("template_key", "version"),
    "visit": ("actual_date", "planned_date"),
    "visit_participant": ("full_name",),
    "lesson_observation": ("subject", "class_name"),
    ANSWERS: ("item_key",),
    "visit_finding": ("factor_code",),
    "recommendation": ("text",),
    "school_document": ("title", "kind"),
    "document_version": ("number",),
    "document_review": ("title",),
    "confirmation_document": ("title", "measure"),
    "attachment": ("file_name",),
    "risk_evidence": ("kind",),
    "generated_report": ("document_number", "title"),
    "roadmap_document": ("title",),
    "roadmap_item": ("number", "title"),
    "roadmap_link": ("target_type",),
    "selfdiag_catalog": ("catalog_key", "version"),
    "school_programme": ("year",),
    "selfdiag_round": ("round_date", "label"),
    "selfdiag_result": ("direction",),
    "selfdiag_deficit": ("indicator", "text"),
    "selfdiag_decision": ("what",),
    "curator_event": ("day", "topic"),
    "event_analysis": ("text",),
}
"""The columns that tell a person which record is meant (the first given one is shown)."""


@dataclass(frozen=True)
class Broken:
    """A record that breaks its rules: its table, id, what names it, and field → problem."""

    table: str
    record_id: str
    hint: str
    problems: Mapping[str, str]

    def field_name(self, field: str) -> str:
        """The field in the user's words, as a conflict names it (``exchange.field_labels``)."""
        return field_label(field)


def hint_of(table: str, record: Mapping[str, Any]) -> str:
    """What names the record for a person: a school's name, a visit's date … (or "")."""
    for name in _HINTS.get(table, ()):
        value = record.get(name)
        if value not in (None, ""):
            return shown(value)
    return ""


class RecordRuleError(ValidationError):
    """The package holds a record that breaks the rules its kind of record meets here; nothing
    was imported. ``broken`` lists the records (the first ones, up to :data:`MAX_LISTED`)."""

    def __init__(self, broken: Sequence[Broken], count: int) -> None:
        from curator_desktop.services.exchange.results import table_label

        first = broken[0]
        field, problem = next(iter(first.problems.items()))
        record = f"«{first.hint}», id {first.record_id}" if first.hint else f"id {first.record_id}"
        message = _(
            "The package is refused: a record of «{table}» ({record}) breaks a rule, field "
            "«{field}»: {problem} Nothing was imported."
        ).format(
            table=table_label(first.table),
            record=record,
            field=first.field_name(field),
            problem=problem,
        )
        if count > 1:
            more = count - 1
            message += " " + ngettext(
                "{n} more record breaks a rule (see the details).",
                "{n} more records break a rule (see the details).",
                more,
            ).format(n=more)
        super().__init__(message, field=field)
        self.table, self.record_id = first.table, first.record_id
        self.broken = tuple(broken)
        self.details = "\n".join(
            f"{b.table} {b.record_id} {f}: {p}" for b in broken for f, p in b.problems.items()
        )


class Findings:
    """Collects the records that break their rules while a package's records are checked."""

    def __init__(self) -> None:
        self.broken: list[Broken] = []
        self.count = 0

    def add(self, table: str, record: Mapping[str, Any], problems: Problems) -> None:
        if not problems:
            return
        self.count += 1
        if len(self.broken) < MAX_LISTED:
            self.broken.append(
                Broken(table, str(record.get("id", "")), hint_of(table, record), problems)
            )

    def check(self, table: str, record: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        """Check one record: ``values`` are its columns as ``records.from_json`` gives them."""
        self.add(table, record, record_problems(table, values))

    def raise_any(self) -> None:
        """:class:`RecordRuleError` when a record broke a rule."""
        if self.broken:
            raise RecordRuleError(self.broken, self.count)


def record_problems(table: str, values: Mapping[str, Any]) -> Problems:
    """Field → problem of one record of ``table`` (columns as ``records.from_json`` gives them).

    A value of a shape no rule foresaw (the package's schema leaves JSON columns open) is a
    malformed record: ``ValidationError``, never a traceback."""
    rule = RULES.get(table)
    if rule is None:
        return {}
    try:
        return rule(values)
    except (TypeError, ValueError, LookupError, AttributeError, RecursionError) as exc:
        raise ValidationError(
            _("The record {table} {id} in the package is malformed: {reason}").format(
                table=table, id=values.get("id", ""), reason=shown(exc)
            )
        ) from exc


# --- checklist answers against their checklist -------------------------------------------------


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _stored(session: Session, model: Any, ids: set[str]) -> dict[str, tuple[Any, str | None]]:
    """Id → (template snapshot, visit id) of the store's visits or lessons ``ids``."""
    found: dict[str, tuple[Any, str | None]] = {}
    visit_column = model.visit_id if model is LessonObservation else model.id
    for part in _chunks(sorted(ids)):
        query = select(model.id, model.template_snapshot, visit_column).where(
            col(model.id).in_(part)
        )
        for record_id, snapshot, visit_id in session.exec(query):
            found[record_id] = (snapshot, visit_id)
    return found


def _carried(records: Iterable[Mapping[str, Any]]) -> dict[str, tuple[Any, str | None]]:
    """Id → (template snapshot, visit id) of the package's visits or lessons that carry their
    snapshot (one that leaves it out keeps the store's)."""
    return {
        str(r["id"]): (r["template_snapshot"], r.get("visit_id", r["id"]))
        for r in records
        if "template_snapshot" in r
    }


def check_answers(
    session: Session,
    records: Mapping[str, Sequence[Mapping[str, Any]]],
    findings: Findings | None = None,
) -> None:
    """Refuse (:class:`RecordRuleError`) a package whose checklist answers do not fit the
    checklist they answer: no such item, a value of the wrong kind, a lesson of another visit.
    An answer whose visit or lesson is nowhere is left to the check of references."""
    answers = records.get(ANSWERS) or ()
    findings = findings or Findings()
    if answers:
        visits = _carried(records.get("visit", ()))
        lessons = _carried(records.get("lesson_observation", ()))
        wanted_visits = {str(a["visit_id"]) for a in answers if a.get("lesson_id") is None}
        wanted_lessons = {str(a["lesson_id"]) for a in answers if a.get("lesson_id") is not None}
        visits.update(_stored(session, Visit, wanted_visits - visits.keys()))
        lessons.update(_stored(session, LessonObservation, wanted_lessons - lessons.keys()))
        indexes: dict[tuple[str, str], Mapping[str, Mapping[str, Any]]] = {}
        for answer in answers:
            _check_answer(answer, visits, lessons, indexes, findings)
    findings.raise_any()


def _check_answer(
    answer: Mapping[str, Any],
    visits: Mapping[str, tuple[Any, str | None]],
    lessons: Mapping[str, tuple[Any, str | None]],
    indexes: dict[tuple[str, str], Mapping[str, Mapping[str, Any]]],
    findings: Findings,
) -> None:
    lesson_id = answer.get("lesson_id")
    owner = ("lesson", str(lesson_id)) if lesson_id is not None else ("visit", answer["visit_id"])
    found = (lessons if lesson_id is not None else visits).get(owner[1])
    if found is None:
        return
    snapshot, visit_id = found
    if lesson_id is not None and visit_id != answer.get("visit_id"):
        problem = _("The observed lesson belongs to another visit.")
        findings.add(ANSWERS, answer, {"lesson_id": problem})
        return
    items = indexes.get(owner)
    if items is None:
        items = indexes[owner] = item_index(snapshot)
    key = answer.get("item_key")
    problem = answer_problem(items, key, answer.get("value"))
    if problem:
        known = isinstance(key, str) and key in items
        findings.add(ANSWERS, answer, {"value" if known else "item_key": problem})


def check_merged(merged: Mapping[tuple[str, str], Mapping[str, Any]]) -> None:
    """Refuse (:class:`RecordRuleError`) resolved conflicts whose merged content (fields of
    both sides) breaks the rules: (table, record id) → content as JSON."""
    findings = Findings()
    for (table, record_id), content in merged.items():
        record = {**content, "id": record_id}
        findings.check(table, record, from_json(table, record))
    findings.raise_any()
