"""What a change to the store touched, in the manner of Anki's ``OpChanges``.

Every write the window makes goes through a service that says what it changed as a
:data:`Changes` set; the main window passes the set on, and each page refreshes only when it
holds a kind the page declares (``Page.kinds``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeAlias


class Change(StrEnum):
    """One kind of record a write can change (the value names it in logs and tests)."""

    SCHOOLS = "schools"
    VISITS = "visits"
    """Visits and what they hold: participants, lessons, answers, findings, attachments."""
    RECOMMENDATIONS = "recommendations"
    RISKS = "risks"
    """Risk profiles (verifications, evidence) and the risk-factor catalog in force."""
    REPORTS = "reports"
    ROADMAPS = "roadmaps"
    """Roadmap documents and the curator's plan (items, marks, links)."""
    EXCHANGE = "exchange"
    """The history of exported and imported packages."""
    PROFILE = "profile"
    """The curator's profile."""
    BACKUPS = "backups"
    """A backup of the store was taken."""
    CATALOGS = "catalogs"
    """Built-in or coordinator catalogs: risk-factor catalogs and checklist templates."""
    SELFDIAG = "selfdiag"
    """«Школа Минпросвещения России»: self-diagnosis rounds, deficits, decisions, its catalog."""
    DOCUMENTS = "documents"
    """A school's documents: versions, reviews, uploads to ИС МЭДК, confirmation documents."""
    EVENTS = "events"
    """Events the curator attends: seminars, webinars, meetings, councils, their analyses."""


Changes: TypeAlias = frozenset[Change]
"""What one write (or a group of writes) changed."""

ALL_CHANGES: Changes = frozenset(Change)
"""Everything (the whole store was replaced, e.g. by a restored backup)."""

NO_CHANGES: Changes = frozenset()


def changes(*kinds: Change) -> Changes:
    """``Changes`` of ``kinds`` (``changes(Change.SCHOOLS, Change.BACKUPS)``)."""
    return frozenset(kinds)
