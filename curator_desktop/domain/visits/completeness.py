"""What a visit must hold, beyond its checklist's required items, before it is completed.

The справка of a completed visit is signed and sent to the coordinator: it must not say «No
participants recorded» or «Not stated». Per visit type:

- every visit states its purpose and names at least one participant (on site: the school's
  administration and working group; a remote consultation: whom it was held with);
- a visit to the school (primary, planned, unplanned, final, an interview with the management
  team) records at least one finding on the school's risk factors, when the school has a risk
  profile for the visit's cycle year (without one there is no factor to write a finding on). A
  consultation, remote or on the schedule, records none.

The agenda, times, notes, lessons and recommendations stay optional: many visits have none.
The services check this together with the checklist
(:func:`curator_desktop.services.visits.checks.missing_items`), whoever completes a visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator_desktop.domain.enums import VisitType
from curator_desktop.i18n import N_, _

PURPOSE = "purpose"
PARTICIPANTS = "participants"
FINDINGS = "findings"

DETAILS_PLACE = "details"
FINDINGS_PLACE = "findings"
"""Where a field is filled in (the editor's tab): its key and title."""
PLACES = {DETAILS_PLACE: N_("Details of the visit"), FINDINGS_PLACE: N_("Findings by risk factor")}
FIELD_PLACES = {PURPOSE: DETAILS_PLACE, PARTICIPANTS: DETAILS_PLACE, FINDINGS: FINDINGS_PLACE}
_PROBLEMS = {
    PURPOSE: N_("The purpose of the visit is not filled in"),
    PARTICIPANTS: N_("No participant is named"),
    FINDINGS: N_("No finding is recorded on the school's risk factors"),
}

WITHOUT_FINDINGS = frozenset({VisitType.REMOTE.value, VisitType.CONSULTATION.value})
"""Visit types that record no findings: a consultation (at a distance, or on the consultation
schedule of «Школа Минпросвещения России») advises, it examines nothing there."""


@dataclass(frozen=True)
class VisitContent:
    """What the rule looks at in a visit."""

    visit_type: str
    purpose: str = ""
    participant_names: Sequence[str] = ()
    finding_texts: Sequence[str] = ()
    has_risk_profile: bool = False
    """The school has risk factors (a level other than «none») in the visit's cycle year."""


def required_fields(visit_type: str, *, has_risk_profile: bool) -> tuple[str, ...]:
    """The visit's own fields a completion needs, in the order the editor shows them."""
    if has_risk_profile and visit_type not in WITHOUT_FINDINGS:
        return (PURPOSE, PARTICIPANTS, FINDINGS)
    return (PURPOSE, PARTICIPANTS)


def _filled(texts: Sequence[str]) -> bool:
    return any(text.strip() for text in texts)


def missing_fields(content: VisitContent) -> list[str]:
    """The required fields still empty (blank text and nameless participants do not count)."""
    filled = {
        PURPOSE: bool(content.purpose.strip()),
        PARTICIPANTS: _filled(content.participant_names),
        FINDINGS: _filled(content.finding_texts),
    }
    required = required_fields(content.visit_type, has_risk_profile=content.has_risk_profile)
    return [name for name in required if not filled[name]]


def field_problem(name: str) -> str:
    """What is missing, in the user's language («The purpose of the visit is not filled in»)."""
    return _(_PROBLEMS[name])


def field_place(name: str) -> tuple[str, str]:
    """(key, title in the user's language) of where the field is filled in."""
    key = FIELD_PLACES[name]
    return key, _(PLACES[key])
