"""Documents accepted / expected per school in a cycle year, for the whole region at once.

What a school is expected to submit is the documents feature's rule
(:func:`curator_desktop.domain.documents.expected.expected_documents`: by its programme in the
year and its activated directions); a document's status on a day is the documents feature's too
(:func:`curator_desktop.domain.documents.status.history` and ``status_as_of``). Only the reading
differs: the year's documents, versions and reviews of every school in three queries instead of
a few per school.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.engine import Connection

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.domain.documents.expected import expected_documents
from curator_desktop.domain.documents.identity import document_id
from curator_desktop.domain.documents.status import history, status_as_of
from curator_desktop.services.documents.reading import review_record, version_record
from curator_desktop.services.region.schools import SchoolRow
from curator_desktop.store.tables import DocumentReview, DocumentVersion, SchoolDocument

ACCEPTED = frozenset({DocumentStatus.ACCEPTED, DocumentStatus.UPLOADED})
"""A document counts as accepted once accepted (an uploaded one was accepted first)."""


def _statuses(connection: Connection, year: int, as_of: dt.date) -> dict[str, DocumentStatus]:
    """Document id → its status on ``as_of``, for every stored document of ``year``."""
    documents = select(SchoolDocument.id).where(
        SchoolDocument.year == year, SchoolDocument.deleted.is_(False)
    )
    versions = defaultdict(list)
    query = (
        select(DocumentVersion.__table__)  # type: ignore[attr-defined]
        .where(DocumentVersion.document_id.in_(documents), DocumentVersion.deleted.is_(False))
        .order_by(DocumentVersion.number, DocumentVersion.received_on, DocumentVersion.created_at)
    )
    for row in connection.execute(query):
        versions[row.document_id].append(version_record(row, None))
    reviews = defaultdict(list)
    query = (
        select(DocumentReview.__table__)  # type: ignore[attr-defined]
        .where(DocumentReview.document_id.in_(documents), DocumentReview.deleted.is_(False))
        .order_by(DocumentReview.started_on, DocumentReview.created_at)
    )
    for row in connection.execute(query):
        reviews[row.document_id].append(review_record(row))
    statuses: dict[str, DocumentStatus] = {}
    for document, held in versions.items():
        order = {v.id: n for n, v in enumerate(held)}
        ordered = sorted(reviews.get(document, []), key=lambda r: order.get(r.version_id or "", -1))
        statuses[document] = status_as_of(history(held, ordered), as_of).status
    return statuses


def document_figures(
    connection: Connection,
    schools: list[SchoolRow],
    activated: Mapping[str, list[str]],
    year: int,
    as_of: dt.date,
) -> dict[str, tuple[int, int]]:
    """School id → (accepted, expected) documents of ``year`` on ``as_of``."""
    statuses = _statuses(connection, year, as_of)
    figures: dict[str, tuple[int, int]] = {}
    for school in schools:
        expected = expected_documents(school.programme, activated.get(school.id, ()))
        accepted = sum(
            statuses.get(document_id(school.id, year, e.kind, e.factor_code)) in ACCEPTED
            for e in expected
        )
        figures[school.id] = (accepted, len(expected))
    return figures
