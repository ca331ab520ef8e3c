"""The spring of a «500+» school other than the flow's (``spring`` of ``documents.json``): its
concept, medium-term programme and an antirisk programme per activated direction received in
April, reviewed, accepted and uploaded to ИС МЭДК. A review seed of the school's document (from
``reviews``) gives its conclusion, criteria and remarks; one reviewed at a visit is concluded
there (СОШ № 2's programme, returned for revision at the remote review of 14 May with remarks
and a deadline: the story's one programme still «на доработке»). Steps dated after the story's
«today» are not taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.services.demo.calendar import workday_after
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.document_flow import demo_document, demo_review, demo_version
from curator_desktop.services.demo.seeds import DocumentSeed
from curator_desktop.store.tables import DocumentReview, SchoolDocument

_STEPS = {
    DocumentType.CONCEPT.value: "concept",
    DocumentType.MEDIUM_TERM_PROGRAMME.value: "medium_term_programme",
    DocumentType.ANTIRISK_PROGRAMME.value: "antirisk",
}
"""The spring's steps of each document kind."""


class _Spring:
    """One school's spring, its days ``shift`` days after the file's."""

    def __init__(
        self,
        ctx: DemoContext,
        data: DemoSchool,
        shift: int,
        titles: Mapping[str, str],
        sender: str,
    ) -> None:
        self.ctx, self.data, self.shift = ctx, data, dt.timedelta(days=shift)
        self.steps: Mapping[str, Any] = ctx.seeds.documents.spring
        self.titles, self.sender = titles, sender

    def day(self, steps: Mapping[str, Any], step: str) -> dt.date | None:
        """The step's working day, ``None`` when after «today» (or not in ``steps``)."""
        if not steps.get(step):
            return None
        day = workday_after(self.ctx.cycle_day(steps[step]) + self.shift)
        return day if day <= self.ctx.today else None

    def document(self, kind: str, factor: str | None, name: str, day: dt.date) -> SchoolDocument:
        school = self.data.school
        title = self.titles[kind].format(
            school=school.short_name, factor=name, year=self.ctx.year, year_to=self.ctx.year + 2
        )
        return demo_document(self.ctx, self.data, kind, factor, title, day)

    def marks(self, seed: DocumentSeed | None) -> dict[str, dict[str, str]]:
        documents = self.ctx.seeds.documents
        marks = {}
        for criterion in documents.criteria:
            value = seed.criteria.get(criterion, "meets") if seed else "meets"
            comment = documents.criteria_comments[criterion] if value != "meets" else ""
            marks[criterion] = {"value": value, "comment": comment}
        return marks

    def review(
        self, document: SchoolDocument, steps: Mapping[str, Any], seed: DocumentSeed | None
    ) -> DocumentReview | None:
        """Receive version 1, review it, conclude (accept, unless the seed says otherwise) and
        upload it when accepted, as far as «today»."""
        received = self.day(steps, "received")
        if received is None:
            return None
        version = demo_version(self.ctx, document, 1, received, self.sender)
        started = self.day(steps, "started")
        if started is None:
            return None
        review = demo_review(self.ctx, document, version, started)
        concluded = self.day(steps, "accepted")
        if concluded is None:
            return review
        conclusion = seed.conclusion if seed else ReviewConclusion.ACCEPT.value
        remarks = (seed.comment if seed else "") or steps["remarks"]
        if conclusion == ReviewConclusion.REVISE.value:
            self.conclude(
                review, concluded, conclusion, remarks, seed, revision_deadline=self.due(concluded)
            )
            return review
        self.conclude(review, concluded, conclusion, remarks, seed)
        uploaded = self.day(steps, "uploaded")
        if uploaded is not None:
            self.ctx.change(version, uploaded, medk_uploaded_on=uploaded)
        return review

    def due(self, reviewed: dt.date) -> dt.date:
        """The deadline of a version returned for revision on ``reviewed``."""
        return workday_after(reviewed + dt.timedelta(days=self.ctx.seeds.documents.revision_days))

    def conclude(
        self,
        review: DocumentReview,
        day: dt.date,
        conclusion: str,
        remarks: str,
        seed: DocumentSeed | None,
        **values: Any,
    ) -> None:
        marks = self.marks(seed)
        if conclusion == ReviewConclusion.ACCEPT.value and any(
            m["value"] == "not_meets" for m in marks.values()
        ):
            values["accept_reason"] = remarks
        self.ctx.change(
            review,
            day,
            criteria=marks,
            conclusion=conclusion,
            reviewed_on=day,
            comment=remarks,
            criteria_key="document-criteria",
            **values,
        )

    def at_visit(self, document: SchoolDocument, seed: DocumentSeed) -> None:
        """Version 1 received a few days before the visit of ``seed.at_visit`` and concluded
        there (returned for revision: with remarks and a deadline)."""
        documents = self.ctx.seeds.documents
        visit = next((v for v in self.data.visits if v.visit_type == seed.at_visit), None)
        if visit is None or visit.planned_date is None:
            return
        reviewed = visit.planned_date
        received = reviewed - dt.timedelta(days=documents.received_days_before)
        if received > self.ctx.today:
            return
        version = demo_version(self.ctx, document, 1, received, self.sender)
        if reviewed > self.ctx.today:
            return
        review = demo_review(self.ctx, document, version, received)
        review.visit_id = visit.id
        deadline = self.due(reviewed) if seed.conclusion == ReviewConclusion.REVISE.value else None
        self.conclude(
            review, reviewed, seed.conclusion, seed.comment, seed, revision_deadline=deadline
        )


def add_document_spring(
    ctx: DemoContext,
    data: DemoSchool,
    shift: int,
    seeds: list[DocumentSeed],
    flow: Mapping[str, Any],
    names: Mapping[str, str],
) -> None:
    """The school's documents through the spring (``shift`` days after the file's days), as
    far as the story's «today»; ``seeds`` are the review seeds of its documents and ``flow``
    the flow's data (the documents' titles, the sender)."""
    titles = {kind: flow[step]["title"] for kind, step in _STEPS.items()}
    spring = _Spring(ctx, data, shift, titles, str(flow.get("received_from", "")))
    by_kind = {seed.document_type: seed for seed in seeds}
    wanted = [(DocumentType.CONCEPT.value, None), (DocumentType.MEDIUM_TERM_PROGRAMME.value, None)]
    wanted += [(DocumentType.ANTIRISK_PROGRAMME.value, code) for code in data.activated]
    for kind, factor in wanted:
        steps = spring.steps[_STEPS[kind]]
        seed = by_kind.get(kind)
        if factor is not None and factor != data.activated[0]:
            seed = None  # a seed is of the first direction's programme
        name = names.get(factor or "", factor or "")
        if seed is not None and seed.at_visit:
            visit = next((v for v in data.visits if v.visit_type == seed.at_visit), None)
            if visit is not None and visit.planned_date is not None:
                first = visit.planned_date - dt.timedelta(
                    days=ctx.seeds.documents.received_days_before
                )
                if first <= ctx.today:
                    spring.at_visit(spring.document(kind, factor, name, first), seed)
                continue
        received = spring.day(steps, "received")
        if received is None:
            continue
        review = spring.review(spring.document(kind, factor, name, received), steps, seed)
        if review is not None and factor is not None:
            _indicators(ctx, review, flow)


def _indicators(ctx: DemoContext, review: DocumentReview, flow: Mapping[str, Any]) -> None:
    review.indicators = [
        {**item, "deadline": ctx.cycle_day(item["deadline"]).isoformat()}
        for item in flow.get("indicators", ())
    ]
