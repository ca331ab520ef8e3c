"""What a visit must hold beyond its checklist before it is completed, per visit type."""

from __future__ import annotations

import pytest

from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.visits.completeness import (
    FINDINGS,
    PARTICIPANTS,
    PURPOSE,
    VisitContent,
    missing_fields,
    required_fields,
)

ON_SITE = ("primary", "planned", "unplanned", "final")


@pytest.mark.parametrize("visit_type", ON_SITE)
def test_a_visit_to_the_school_needs_purpose_participants_and_findings(visit_type: str) -> None:
    assert required_fields(visit_type, has_risk_profile=True) == (PURPOSE, PARTICIPANTS, FINDINGS)
    empty = VisitContent(visit_type, has_risk_profile=True)
    assert missing_fields(empty) == [PURPOSE, PARTICIPANTS, FINDINGS]


@pytest.mark.parametrize("visit_type", ON_SITE)
def test_findings_are_not_asked_of_a_school_without_a_risk_profile(visit_type: str) -> None:
    assert required_fields(visit_type, has_risk_profile=False) == (PURPOSE, PARTICIPANTS)


def test_a_consultation_needs_its_purpose_and_whom_it_was_with() -> None:
    remote = VisitType.REMOTE.value
    assert required_fields(remote, has_risk_profile=True) == (PURPOSE, PARTICIPANTS)
    scheduled = VisitType.CONSULTATION.value
    assert required_fields(scheduled, has_risk_profile=True) == (PURPOSE, PARTICIPANTS)
    assert missing_fields(VisitContent(remote, purpose="Консультация", has_risk_profile=True)) == [
        PARTICIPANTS
    ]


def test_blank_text_and_nameless_participants_do_not_count() -> None:
    content = VisitContent(
        "planned",
        purpose="   ",
        participant_names=("", "  "),
        finding_texts=(" ",),
        has_risk_profile=True,
    )
    assert missing_fields(content) == [PURPOSE, PARTICIPANTS, FINDINGS]
    filled = VisitContent(
        "planned",
        purpose="Проверка реализации антирисковых программ",
        participant_names=("", "Матвеева Валентина Петровна"),
        finding_texts=("", "Программа выполняется"),
        has_risk_profile=True,
    )
    assert missing_fields(filled) == []


def test_every_visit_type_has_its_rule() -> None:
    for visit_type in VisitType:
        assert required_fields(visit_type.value, has_risk_profile=True)[:2] == (
            PURPOSE,
            PARTICIPANTS,
        )
