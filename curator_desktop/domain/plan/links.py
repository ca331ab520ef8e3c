"""What a plan item can be linked to (a visit, a school's risk verification, a report, a
school's document, an event), and the rules a stored link meets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.field_rules import Problems, collect, shown, text_problem
from curator_desktop.i18n import _

VISIT = "visit"
VERIFICATION = "risk_assessment"
REPORT = "report"
DOCUMENT = "school_document"
"""A school's document: the item is fulfilled by it once a version is accepted (#21)."""
EVENT = "event"
"""An event the curator attends (#23): the item is fulfilled once it was attended."""
LINK_TARGETS = (VISIT, VERIFICATION, REPORT, DOCUMENT, EVENT)
"""The kinds of record an item can be linked to (stored codes)."""


def link_target_problem(target_type: Any) -> str | None:
    """The kind of a link must be one of :data:`LINK_TARGETS`."""
    if isinstance(target_type, str) and target_type in LINK_TARGETS:
        return None
    return _("Unknown kind of link: {kind}.").format(kind=shown(target_type))


def link_problems(values: Mapping[str, Any]) -> Problems:
    """A ``roadmap_link`` record: a known kind, naming the record it links to."""
    return collect(
        {},
        target_type=link_target_problem(values.get("target_type")),
        target_id=text_problem(values.get("target_id"), 36, required=True),
    )
