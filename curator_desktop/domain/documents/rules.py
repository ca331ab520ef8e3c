"""What a review must satisfy, the same for the editor, the CLI and every importer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from curator_desktop.domain.documents.kinds import CriterionResult
from curator_desktop.domain.documents.records import CriterionMark
from curator_desktop.domain.enums import ReviewConclusion
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _


def check_marks(marks: Iterable[CriterionMark]) -> None:
    """Every mark has a known result and each criterion is marked once."""
    seen: set[str] = set()
    for mark in marks:
        if mark.result not in {r.value for r in CriterionResult}:
            raise ValidationError(
                _("«{value}» is not a criterion result (meets, partly, not_meets).").format(
                    value=mark.result
                ),
                field=mark.criterion_id,
            )
        if mark.criterion_id in seen:
            raise ValidationError(
                _("The criterion «{criterion}» is marked twice.").format(
                    criterion=mark.criterion_id
                ),
                field=mark.criterion_id,
            )
        seen.add(mark.criterion_id)


def unmet(marks: Iterable[CriterionMark]) -> list[str]:
    """The ids of the criteria marked «does not meet»."""
    return [m.criterion_id for m in marks if m.result == CriterionResult.NOT_MEETS]


def check_conclusion(
    conclusion: str,
    marks: Iterable[CriterionMark],
    *,
    accept_reason: str = "",
    revision_deadline: dt.date | None = None,
    reviewed_on: dt.date | None = None,
) -> None:
    """``ValidationError`` when the conclusion breaks a rule: «принять» with a criterion that is
    not met needs the reason written; «на доработку» needs a revision deadline not before the
    review itself."""
    marks = list(marks)
    check_marks(marks)
    if conclusion not in {c.value for c in ReviewConclusion}:
        raise ValidationError(
            _("«{value}» is not a conclusion (accept, revise).").format(value=conclusion),
            field="conclusion",
        )
    if conclusion == ReviewConclusion.ACCEPT and unmet(marks) and not accept_reason.strip():
        raise ValidationError(
            _(
                "The document cannot be accepted while a criterion is marked «does not meet» "
                "unless the reason is written."
            ),
            field="accept_reason",
        )
    if conclusion == ReviewConclusion.REVISE:
        if revision_deadline is None:
            raise ValidationError(
                _("A document returned for revision needs a revision deadline."),
                field="revision_deadline",
            )
        if reviewed_on is not None and revision_deadline < reviewed_on:
            raise ValidationError(
                _("The revision deadline cannot be earlier than the review."),
                field="revision_deadline",
            )
