"""What the visit справка shows, collected from the store into plain display-ready values.

Built in the current language (labels, dates, numbers, answer texts are final strings), so the
data hash covers exactly what is printed. :func:`collect` reads, in one read transaction,
the visit as the editor does (:func:`~curator_desktop.services.visits.reading.read_state`), the
school, the profile of the visit's author and the school's risk profile for the cycle year the
visit belongs to. What the справка says is the world of the visit's day: the recommendations
as they stood then (:mod:`.recommendations`), the status the visit was completed with, the risk
profile's verdicts and levels of that day (a verification made later is not printed), the
director of that day, and the discussed documents' reviews as concluded by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.answers import yes_no_partly_label
from curator_desktop.domain.enums import Programme, RiskLevel, Verdict, VisitStatus, VisitType
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.risk.profile import effective_level
from curator_desktop.domain.visits.records import READ_ONLY_STATUSES, AttachmentRecord, EditorState
from curator_desktop.i18n import _, current_language, format_date
from curator_desktop.services.catalogs.builtin import active_factors_in
from curator_desktop.services.reports.visit.checklist import checklist, lessons
from curator_desktop.services.reports.visit.documents import discussed_reviews
from curator_desktop.services.reports.visit.recommendations import recommendations_as_of
from curator_desktop.services.reports.visit.types import (
    FindingRow,
    HeaderData,
    ParticipantRow,
    PhotoData,
    RiskRow,
    VisitReportData,
)
from curator_desktop.services.risk.profiles import live_assessments
from curator_desktop.services.selfdiag.programme import programme_in
from curator_desktop.services.visits.files import stored_path
from curator_desktop.services.visits.reading import read_state, visit_year
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.field_history import end_of_day, values_at
from curator_desktop.store.repositories.profile import author_in, profile_in
from curator_desktop.store.tables import RiskAssessment, School, Visit

IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp"}
)
"""Attachments printed as photos (scans in PDF and other files are not)."""


def _times(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M}" if start else ""


@cache
def _school_statement() -> Any:
    """The school's fields the header prints (deleted or not: the visit still names it)."""
    return select(
        School.region,
        School.programme,
        School.full_name,
        School.short_name,
        School.address,
        School.municipality,
        School.director_name,
    ).where(col(School.id) == bindparam("school_id"))


VERIFICATION_FIELDS = ("verdict", "adjusted_level", "activated")
"""The fields of a verification whose value on the visit's day the change log tells."""


def _risk_rows(
    session: Session, school_id: str, year: int, day: dt.date
) -> tuple[list[RiskRow], dict[str, str]]:
    """The school's risk profile of ``year`` as it stood on ``day``, in the order of the catalog
    in force then (a factor verified later prints as not verified: the profile as published),
    and each factor's level that day by code (the verified one, else the questionnaire's)."""
    assessments = live_assessments(session, school_id, year)
    logged = values_at(
        session,
        "risk_assessment",
        [a.id for a in assessments.values()],
        VERIFICATION_FIELDS,
        end_of_day(day),
    )
    language = current_language()
    rows: list[RiskRow] = []
    levels: dict[str, str] = {}
    for factor in active_factors_in(session, year) if assessments else ():
        found = assessments.get(factor.code)
        if found is None:
            continue
        name = factor.name_ru if language == "ru" else (factor.name_en or factor.name_ru)
        verdict, adjusted, activated = _verification_on(found, logged.get(found.id, {}), day)
        questionnaire = found.questionnaire_level
        verified = effective_level(questionnaire, verdict, adjusted)
        levels[factor.code] = verified or questionnaire
        rows.append(
            RiskRow(
                factor=f"{factor.code} {name}",
                questionnaire_level=RiskLevel.label_for(questionnaire),
                verdict=Verdict.label_for(verdict) if verdict else _("Not verified"),
                adjusted_level=RiskLevel.label_for(verified) if verified else "—",
                activated=yes_no_partly_label("yes" if activated else "no") if verdict else "—",
                verified=verdict is not None,
            )
        )
    return rows, levels


def _verification_on(
    found: RiskAssessment, logged: Mapping[str, str | None], day: dt.date
) -> tuple[str | None, str | None, bool]:
    """(verdict, adjusted level, activated) of a factor on ``day``: nothing before its
    verification date; then the values the change log had that day, the current ones where
    the log has none (a verification dated back is the verification of its date)."""
    if found.verified_on is None or found.verified_on > day:
        return None, None, False
    verdict = logged.get("verdict") or found.verdict
    if logged.get("verdict") is None:  # verified by then, recorded later
        return verdict, found.adjusted_level, found.activated
    adjusted = logged.get("adjusted_level", found.adjusted_level)
    activated = logged.get("activated", found.activated)
    return verdict, adjusted if verdict == Verdict.ADJUSTED else None, _truth(activated)


def _truth(value: str | bool | None) -> bool:
    """A logged boolean (as text) or a current one."""
    return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}


def _photos(
    state: EditorState, attachments_dir: Path, numbers: Mapping[str, str]
) -> tuple[PhotoData, ...]:
    answer_items = {a.id: a.item_key for a in state.answers.values()}
    lesson_numbers = {lesson.id: i for i, lesson in enumerate(state.lessons, start=1)}
    for lesson_id, answers in state.lesson_answers.items():
        answer_items.update({a.id: f"lesson:{lesson_id}" for a in answers.values()})
    photos = []
    for attachment in state.attachments:
        if attachment.mime_type not in IMAGE_TYPES:
            continue
        caption = attachment.caption or attachment.file_name
        context = _photo_context(attachment, answer_items, numbers, lesson_numbers)
        if context:
            caption = f"{caption} ({context})"
        source = stored_path(attachments_dir, attachment.sha256)
        photos.append(PhotoData(attachment.sha256, caption, str(source)))
    return tuple(photos)


def _photo_context(
    attachment: AttachmentRecord,
    answer_items: Mapping[str, str],
    numbers: Mapping[str, str],
    lesson_numbers: Mapping[str, int],
) -> str:
    owner = attachment.owner_id
    if attachment.owner_type == "answer" and owner in answer_items:
        key = answer_items[owner]
        if key.startswith("lesson:"):
            owner = key.removeprefix("lesson:")
        elif key in numbers:
            return _("checklist item {number}").format(number=numbers[key])
        else:
            return ""
    if owner in lesson_numbers:
        return _("lesson {number}").format(number=lesson_numbers[owner])
    return ""


def printed_status(status: str) -> str:
    """The status a справка records: «completed» for a completed visit whatever happened since
    (its report made, uploaded), else the visit's own (a draft)."""
    if status in READ_ONLY_STATUSES:
        return VisitStatus.COMPLETED.label
    return VisitStatus.label_for(status)


DIRECTOR_POSITIONS = ("директор", "director")
"""How a participant's position (as typed, in either language) names the school's director."""


def _director_on(session: Session, school_id: str, current: str, day: dt.date) -> str:
    """The school's director at the end of ``day`` (a director named since is not the one who
    read the справка of that day)."""
    logged = values_at(session, "school", [school_id], ("director_name",), end_of_day(day))
    return logged.get(school_id, {}).get("director_name", current) or ""


def _director(director_name: str, state: EditorState) -> str:
    """The school's director, else a participant whose position is the director's."""
    if director_name.strip():
        return director_name
    for person in state.participants:
        if person.position.strip().lower().startswith(DIRECTOR_POSITIONS):
            return person.full_name
    return ""


def collect(
    db: Database, visit_id: str, *, attachments_dir: Path, lesson_annex: bool = False
) -> VisitReportData:
    """The справка's data for one visit, in the current language, as of the visit's day
    (``lesson_annex``: the lesson cards as annexes, one lesson a page)."""
    today = VisitService(db, attachments_dir=attachments_dir).today()
    with db.session() as session:  # one read transaction: one consistent snapshot
        state = read_state(session, visit_id, today)
        visit = state.visit
        day = visit.date or today
        year = visit_year(visit, today)
        school = session.exec(_school_statement(), params={"school_id": visit.school_id}).first()
        if school is None:
            raise NotFoundError(_("The school was not found; it may have been deleted."))
        programme = programme_in(session, visit.school_id, year)
        risk_rows, levels = _risk_rows(session, visit.school_id, year, day)
        director_name = _director_on(session, visit.school_id, school.director_name, day)
        author_id = session.exec(select(Visit.author_id).where(col(Visit.id) == visit_id)).first()
        profile = author_in(session, author_id) or profile_in(session)
        factor_names = {f.code: f.name for f in state.factors}
        discussed = discussed_reviews(session, visit_id, day)
        own, earlier = recommendations_as_of(
            session,
            school_id=visit.school_id,
            visit_id=visit_id,
            day=day,
            factor_names=factor_names,
        )
    draft = not visit.read_only
    checklist_data, numbers = checklist(state, draft=draft)
    header = HeaderData(
        region=school.region or (profile.region if profile else ""),
        programme=Programme.label_for(programme),
        school_name=school.full_name or school.short_name,
        school_short_name=school.short_name or school.full_name,
        school_address=school.address,
        municipality=school.municipality,
        visit_type=VisitType.label_for(visit.visit_type),
        visit_date=format_date(visit.date),
        times=_times(visit.start_time, visit.end_time),
        status=printed_status(visit.status),
        director_name=_director(director_name, state),
        curator_name=profile.full_name if profile else "",
        curator_position=profile.position if profile else "",
        curator_organisation=profile.organisation if profile else "",
        next_visit_date=format_date(visit.next_visit_date) if visit.next_visit_date else "",
    )
    return VisitReportData(
        visit_id=visit.id,
        school_id=visit.school_id,
        language=current_language(),
        completed=visit.read_only,
        header=header,
        participants=tuple(
            ParticipantRow(p.full_name, p.position, p.role) for p in state.participants
        ),
        purpose=visit.purpose,
        agenda=visit.agenda,
        notes=visit.notes,
        checklist=checklist_data,
        lessons=lessons(state, draft=draft),
        findings=tuple(
            FindingRow(
                factor=f"{code} {factor_names.get(code, '')}".strip(),
                level=RiskLevel.label_for(levels.get(code)) or "—",
                text=text,
            )
            for code, text in sorted(state.findings.items(), key=lambda kv: _order(kv[0], state))
            if text.strip()
        ),
        risk_year=year,
        risk_rows=tuple(risk_rows),
        risk_profile=programme != Programme.MINPROS_SCHOOL,
        recommendations=own,
        earlier_recommendations=earlier,
        photos=_photos(state, attachments_dir, numbers),
        documents=discussed,
        lesson_annex=lesson_annex and bool(state.lessons),
    )


def _order(code: str, state: EditorState) -> tuple[int, str]:
    codes = [f.code for f in state.factors]
    return (codes.index(code), code) if code in codes else (len(codes), code)
