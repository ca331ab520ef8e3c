"""One school's spring in the documents model (the ``flow`` of ``resources/demo/documents.json``).

A concept and a medium-term programme accepted and uploaded; an antirisk programme per activated
direction; the first returned for revision with remarks and a deadline, its version 2 accepted
and uploaded; target indicators entered; two confirmation documents of the programme's measures;
the programme's reviews discussed at the school's first visit after ``discussed_from``. Steps
dated after the story's «today» are not taken (the school has not got there yet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curator_desktop.domain.documents.identity import document_id
from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.store.tables import (
    ConfirmationDocument,
    DocumentReview,
    DocumentVersion,
    SchoolDocument,
)


@dataclass(frozen=True)
class DocumentFlow:
    """The flow file as read (days are ``MM-DD`` of the story's year)."""

    school: str
    data: Mapping[str, Any]


def load_flow(ctx: DemoContext) -> DocumentFlow:
    data = ctx.seeds.documents.flow
    return DocumentFlow(school=str(data.get("school", "")), data=data)


def demo_document(
    ctx: DemoContext, data: DemoSchool, kind: str, factor: str | None, title: str, day: dt.date
) -> SchoolDocument:
    """The school's document of ``kind`` (and direction) in the story's year, made on ``day``
    when it is new."""
    key = document_id(data.school.id, ctx.year, kind, factor)
    row = ctx.session.get(SchoolDocument, key)
    if row is None:
        row = SchoolDocument(
            id=key, school_id=data.school.id, year=ctx.year, kind=kind, factor_code=factor
        )
        row.title = title
        ctx.add(row, "school_document", day=day)
        ctx.session.flush()
    return row


def demo_version(
    ctx: DemoContext, document: SchoolDocument, number: int, received: dt.date, sender: str = ""
) -> DocumentVersion:
    version = DocumentVersion(
        document_id=document.id, number=number, received_on=received, received_from=sender
    )
    ctx.add(version, "document_version", day=received)
    ctx.session.flush()
    return version


def demo_review(
    ctx: DemoContext, document: SchoolDocument, version: DocumentVersion, started: dt.date
) -> DocumentReview:
    review = DocumentReview(
        school_id=document.school_id,
        document_type=document.kind,
        title=document.title,
        factor_code=document.factor_code,
        version_label=str(version.number),
        received_on=version.received_on,
        started_on=started,
        document_id=document.id,
        version_id=version.id,
    )
    return ctx.add(review, "document", day=started)


class _Story:
    """The flow's steps for one school, each dated and skipped when after «today»."""

    def __init__(self, ctx: DemoContext, data: DemoSchool, flow: DocumentFlow) -> None:
        self.ctx, self.data, self.flow = ctx, data, flow
        self.sender = str(flow.data.get("received_from", ""))

    def day(self, month_day: str | None) -> dt.date | None:
        if not month_day:
            return None
        day = self.ctx.cycle_day(month_day)
        return day if day <= self.ctx.today else None

    def document(
        self, kind: str, factor: str | None, title: str, received: dt.date
    ) -> SchoolDocument:
        school = self.data.school
        text = title.format(
            school=school.short_name, factor=factor or "", year=self.ctx.year,
            year_to=self.ctx.year + 2,
        )  # fmt: skip
        return demo_document(self.ctx, self.data, kind, factor, text, received)

    def conclude(
        self,
        review: DocumentReview,
        day: dt.date,
        conclusion: str,
        remarks: str,
        *,
        criteria: Mapping[str, Any] | None = None,
        deadline: dt.date | None = None,
    ) -> None:
        marks = {key: {"value": "meets", "comment": ""} for key in _CRITERIA}
        for key, (value, comment) in (criteria or {}).items():
            marks[key] = {"value": value, "comment": comment}
        self.ctx.change(
            review,
            day,
            criteria=marks,
            conclusion=conclusion,
            reviewed_on=day,
            revision_deadline=deadline,
            comment=remarks,
            criteria_key="document-criteria",
        )

    def accepted_version(
        self, document: SchoolDocument, number: int, steps: Mapping[str, Any], prefix: str = ""
    ) -> tuple[DocumentVersion, DocumentReview | None]:
        """Receive version ``number``, review and accept it, upload it (as far as «today»)."""
        received = self.day(steps[prefix + "received"])
        assert received is not None
        version = demo_version(self.ctx, document, number, received, self.sender)
        started = self.day(steps.get(prefix + "started"))
        if started is None:
            return version, None
        review = demo_review(self.ctx, document, version, started)
        accepted = self.day(steps.get(prefix + "accepted"))
        if accepted is None:
            return version, review
        self.conclude(review, accepted, ReviewConclusion.ACCEPT.value, steps[prefix + "remarks"])
        uploaded = self.day(steps.get(prefix + "uploaded"))
        if uploaded is not None:
            self.ctx.change(version, uploaded, medk_uploaded_on=uploaded)
        return version, review


_CRITERIA = (
    "matches_profile",
    "goals_measurable",
    "indicators_baseline_target",
    "measures_lead_to_tasks",
    "deadlines_responsible",
    "documents_consistent",
    "monitoring_planned",
)


def add_document_flow(
    ctx: DemoContext, data: DemoSchool, flow: DocumentFlow, names: Mapping[str, str]
) -> None:
    """The school's documents through the spring, as far as the story's «today»."""
    story, steps = _Story(ctx, data, flow), flow.data
    for kind in (DocumentType.CONCEPT.value, DocumentType.MEDIUM_TERM_PROGRAMME.value):
        received = story.day(steps[kind]["received"])
        if received is None:
            continue
        document = story.document(kind, None, steps[kind]["title"], received)
        story.accepted_version(document, 1, steps[kind])
    antirisk, returned = steps["antirisk"], steps["returned"]
    received = story.day(antirisk["received"])
    if received is None:
        return
    discussed: list[DocumentReview] = []
    programmes: list[SchoolDocument] = []
    for n, code in enumerate(data.activated):
        title = antirisk["title"].replace("{factor}", names.get(code, code))
        document = story.document(DocumentType.ANTIRISK_PROGRAMME.value, code, title, received)
        programmes.append(document)
        if n > 0:
            _version, review = story.accepted_version(document, 1, antirisk)
            if review is not None:
                _indicators(story, review)
            continue
        version = demo_version(ctx, document, 1, received, story.sender)
        started = story.day(antirisk["started"])
        if started is None:
            continue
        review = demo_review(ctx, document, version, started)
        reviewed = story.day(returned["reviewed"])
        if reviewed is None:
            continue
        story.conclude(
            review,
            reviewed,
            ReviewConclusion.REVISE.value,
            returned["remarks"],
            criteria=returned["criteria"],
            deadline=ctx.cycle_day(returned["deadline"]),
        )
        discussed.append(review)
        if story.day(returned["second_received"]) is None:
            continue
        _version2, review2 = story.accepted_version(document, 2, returned, "second_")
        if review2 is not None:
            _indicators(story, review2)
            discussed.append(review2)
    if programmes:
        _confirmations(story, programmes[0])
    _discussed_at_visit(story, discussed)


def _indicators(story: _Story, review: DocumentReview) -> None:
    review.indicators = [
        {**item, "deadline": story.ctx.cycle_day(item["deadline"]).isoformat()}
        for item in story.flow.data["indicators"]
    ]


def _confirmations(story: _Story, programme: SchoolDocument) -> None:
    for item in story.flow.data["confirmations"]:
        dated = story.day(item["dated"])
        if dated is None:
            continue
        row = ConfirmationDocument(
            school_id=programme.school_id,
            year=programme.year,
            document_id=programme.id,
            measure=item["measure"],
            stage=item["stage"],
            title=item["title"],
            dated_on=dated,
            medk_uploaded_on=story.day(item.get("uploaded")),
        )
        story.ctx.add(row, "confirmation", day=dated)


def _discussed_at_visit(story: _Story, reviews: list[DocumentReview]) -> None:
    """Link the reviews to the school's first visit on or after ``discussed_from``."""
    start = story.ctx.cycle_day(story.flow.data["discussed_from"])
    visits = sorted(
        (v for v in story.data.visits if v.planned_date and v.planned_date >= start),
        key=lambda v: v.planned_date or start,
    )
    day = visits[0].planned_date if visits else None
    if day is None or day > story.ctx.today:
        return
    for review in reviews:  # on the visit's day, in the change log too
        story.ctx.change(review, day, visit_id=visits[0].id)
