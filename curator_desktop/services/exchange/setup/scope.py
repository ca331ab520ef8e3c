"""Which rows a set-up package takes (the ``setup`` scope of an exchange package).

For the curator it is meant for: the schools assigned to them (school records, their
programme by year, every assignment record of those schools — the curator's own among them);
the risk catalogs, the self-diagnosis catalogs and the checklist templates; the roadmaps with
their items. Nothing else: no profile, no visit, no verification, no roadmap link (what fulfils
an item is the curator's own), nothing another curator recorded.
"""

from __future__ import annotations

from sqlalchemy import false
from sqlmodel import col

from curator_desktop.services.exchange.package.format import Scope
from curator_desktop.services.exchange.records import MODELS
from curator_desktop.store.tables import School, SchoolAssignment, SchoolProgramme

CATALOG_TABLES: tuple[str, ...] = (
    "risk_catalog",
    "risk_factor",
    "checklist_template",
    "selfdiag_catalog",
    "roadmap_document",
    "roadmap_item",
)
"""Tables a set-up package carries whole: the region's catalogs, templates and roadmaps."""

Filters = dict[str, object]


def setup_filters(scope: Scope) -> Filters:
    """The condition on each record table for a set-up ``scope`` (None: every row)."""
    schools = tuple(scope.school_ids)
    filters: Filters = dict.fromkeys(MODELS, false())
    filters.update(dict.fromkeys(CATALOG_TABLES))
    filters.update(
        {
            "school": col(School.id).in_(schools),
            "school_assignment": col(SchoolAssignment.school_id).in_(schools),
            "school_programme": col(SchoolProgramme.school_id).in_(schools),
        }
    )
    return filters
