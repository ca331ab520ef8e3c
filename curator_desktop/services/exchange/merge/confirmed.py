"""The school pairs a user confirmed in an import's preview, checked against what the preview
proposes: a pair it never proposed is ignored (and logged), never merged."""

from __future__ import annotations

import logging
from collections.abc import Collection

from curator_desktop.services.exchange.merge.apply import Incoming, prepare
from curator_desktop.store.database import Database

log = logging.getLogger(__name__)


def proposed_pairs(
    database: Database, incoming: Incoming, confirmed: Collection[tuple[str, str]]
) -> frozenset[tuple[str, str]]:
    """The pairs of ``confirmed`` that the preview of ``incoming`` proposes by name."""
    identity = prepare(database, incoming).reconciliation.identity
    proposed = {(p.incoming_id, p.local_id) for p in identity.proposals} if identity else set()
    pairs = {(str(a), str(b)) for a, b in confirmed}
    for pair in sorted(pairs - proposed):
        log.warning("Ignored a confirmed school pair that was not proposed: %s", pair)
    return frozenset(pairs & proposed)
