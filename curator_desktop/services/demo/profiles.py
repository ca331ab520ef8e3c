"""Demo reviews of the schools' documents (the curator's expert conclusions), in the documents
model: a document per school, year, kind and direction, its versions, a review per version.

Every active «500+» school submits its concept, medium-term programme and an antirisk programme
per activated direction in April–May. The school of the file's ``flow`` (Озерецкая) goes
through the whole spring with confirmations (:mod:`curator_desktop.services.demo.document_flow`);
the others go the plain way, each a few days after the one before, the ``reviews`` of
``documents.json`` giving the conclusions of their documents
(:mod:`curator_desktop.services.demo.document_spring`).
"""

from __future__ import annotations

from collections.abc import Mapping

from curator_desktop.domain.enums import Programme, SchoolStatus
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.document_flow import add_document_flow, load_flow
from curator_desktop.services.demo.document_spring import add_document_spring


def add_document_reviews(ctx: DemoContext, schools: Mapping[str, DemoSchool]) -> None:
    """The curator's reviews of the documents the schools submitted (``schools`` by key)."""
    documents = ctx.seeds.documents
    flow = load_flow(ctx)
    names = {f.code: f.name_ru for f in ctx.factors}
    step = int(documents.spring.get("school_step_days", 0))
    plain = [
        data
        for key, data in schools.items()
        if key != flow.school
        and data.school.programme == Programme.SHNOR_500
        and data.school.status == SchoolStatus.ACTIVE
        and data.visits
    ]
    for n, data in enumerate(plain):
        seeds = [s for s in documents.reviews if s.school == data.seed.key]
        add_document_spring(ctx, data, n * step, seeds, flow.data, names)
    if flow.school in schools and flow.data:
        add_document_flow(ctx, schools[flow.school], flow, names)
