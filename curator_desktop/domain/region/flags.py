"""«Отстаёт»: the flags a school's or a curator's row raises, each with its reason in words.

A school is behind when its first visit or its risk verification is overdue against the
window (:mod:`.windows`), when it has overdue recommendations, or — in a coordinator's store —
when no package has brought its data yet or the last one is older than :data:`STALE_DAYS`. A
curator is behind when visits or recommendations of theirs are overdue, or their last package
is missing or stale. Only schools taking part in the programme are flagged.
"""

from __future__ import annotations

import datetime as dt

from curator_desktop.domain.region.summary import Flag
from curator_desktop.domain.region.windows import overdue
from curator_desktop.i18n import _, format_date, ngettext

STALE_DAYS = 30
"""A package older than this (in days) is stale: the coordinator's picture is out of date."""

FIRST_VISIT_OVERDUE = "first_visit_overdue"
VERIFICATION_OVERDUE = "verification_overdue"
RECOMMENDATIONS_OVERDUE = "recommendations_overdue"
VISITS_OVERDUE = "visits_overdue"
NO_PACKAGE = "no_package"
STALE_PACKAGE = "stale_package"


def package_flags(last: dt.date | None, as_of: dt.date) -> list[Flag]:
    """No package yet, or the last one older than :data:`STALE_DAYS` on ``as_of``."""
    if last is None:
        return [Flag(NO_PACKAGE, _("No package from the curator has been received yet."))]
    age = (as_of - last).days
    if age > STALE_DAYS:
        text = ngettext(
            "The last package was received {days} day ago ({date}).",
            "The last package was received {days} days ago ({date}).",
            age,
        )
        return [Flag(STALE_PACKAGE, text.format(days=age, date=format_date(last, "short")))]
    return []


def school_flags(
    *,
    as_of: dt.date,
    taking_part: bool,
    first_visit_due: dt.date | None,
    first_visit: dt.date | None,
    verification_due: dt.date | None,
    risks_verified: int,
    risk_factors: int,
    recommendations_overdue: int,
    last_package: dt.date | None,
    packages_expected: bool,
) -> tuple[Flag, ...]:
    """The flags of a school's row on ``as_of`` (none for a school no longer taking part);
    ``packages_expected``: the store is a coordinator's, filled by curators' packages."""
    if not taking_part:
        return ()
    flags: list[Flag] = []
    if overdue(first_visit_due, first_visit, as_of):
        assert first_visit_due is not None
        reason = _("The first visit was due by {date} and has not been held.")
        flags.append(
            Flag(FIRST_VISIT_OVERDUE, reason.format(date=format_date(first_visit_due, "short")))
        )
    unverified = risk_factors - risks_verified
    if verification_due is not None and unverified > 0 and verification_due < as_of:
        reason = ngettext(
            "{count} risk factor is not verified; the verification was due by {date}.",
            "{count} risk factors are not verified; the verification was due by {date}.",
            unverified,
        )
        flags.append(
            Flag(
                VERIFICATION_OVERDUE,
                reason.format(count=unverified, date=format_date(verification_due, "short")),
            )
        )
    if recommendations_overdue:
        reason = ngettext(
            "{count} recommendation is overdue.",
            "{count} recommendations are overdue.",
            recommendations_overdue,
        )
        flags.append(Flag(RECOMMENDATIONS_OVERDUE, reason.format(count=recommendations_overdue)))
    if packages_expected:
        flags += package_flags(last_package, as_of)
    return tuple(flags)


def curator_flags(
    *,
    as_of: dt.date,
    visits_overdue: int,
    recommendations_overdue: int,
    last_package: dt.date | None,
    packages_expected: bool,
) -> tuple[Flag, ...]:
    """The flags of a curator's row on ``as_of``."""
    flags: list[Flag] = []
    if visits_overdue:
        reason = ngettext(
            "{count} planned visit is overdue.", "{count} planned visits are overdue.",
            visits_overdue,
        )  # fmt: skip
        flags.append(Flag(VISITS_OVERDUE, reason.format(count=visits_overdue)))
    if recommendations_overdue:
        reason = ngettext(
            "{count} recommendation is overdue.",
            "{count} recommendations are overdue.",
            recommendations_overdue,
        )
        flags.append(Flag(RECOMMENDATIONS_OVERDUE, reason.format(count=recommendations_overdue)))
    if packages_expected:
        flags += package_flags(last_package, as_of)
    return tuple(flags)
