"""Controlled vocabularies of the curator's world, stored as stable codes, shown translated.

Each enum's ``label`` gives the user-facing name in the current language; the values are what
the store and exchange files hold and never change.
"""

from __future__ import annotations

from enum import StrEnum

from curator_desktop.i18n import N_, _


class LabelledEnum(StrEnum):
    """A string enum whose members have a translatable label."""

    @property
    def label(self) -> str:
        return _(self._labels()[self.value])

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def label_for(cls, value: str | None) -> str:
        """The label of a stored code; an unknown code (from a newer version) is shown as is."""
        if value is None:
            return ""
        try:
            return cls(value).label
        except ValueError:
            return value

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """``(value, label)`` pairs in declaration order, for combo boxes."""
        return [(member.value, member.label) for member in cls]


class Programme(LabelledEnum):
    SHNOR_500 = "500plus"
    MINPROS_SCHOOL = "minpros_school"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "500plus": N_("«500+»"),
            "minpros_school": N_("«School of the Ministry of Education»"),
        }


class SchoolStatus(LabelledEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"active": N_("Active"), "completed": N_("Completed"), "withdrawn": N_("Withdrawn")}


class SettlementType(LabelledEnum):
    TOWN = "town"
    VILLAGE = "village"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"town": N_("Town"), "village": N_("Village")}


class RiskLevel(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "high": N_("High"),
            "medium": N_("Medium"),
            "low": N_("Low"),
            "none": N_("Risk not identified"),
        }

    @property
    def rank(self) -> int:
        """3 for high … 0 for no risk, for comparing and charting levels."""
        return {"high": 3, "medium": 2, "low": 1, "none": 0}[self.value]


class Verdict(LabelledEnum):
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    ADJUSTED = "adjusted"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "confirmed": N_("Confirmed"),
            "rejected": N_("Not confirmed"),
            "adjusted": N_("Adjusted"),
        }


class VisitType(LabelledEnum):
    PRIMARY = "primary"
    PLANNED = "planned"
    UNPLANNED = "unplanned"
    FINAL = "final"
    REMOTE = "remote"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "primary": N_("Primary"),
            "planned": N_("Planned"),
            "unplanned": N_("Unplanned"),
            "final": N_("Final"),
            "remote": N_("Remote"),
        }


class VisitStatus(LabelledEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REPORT_GENERATED = "report_generated"
    UPLOADED = "uploaded"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "planned": N_("Planned"),
            "in_progress": N_("In progress"),
            "completed": N_("Completed"),
            "report_generated": N_("Report generated"),
            "uploaded": N_("Uploaded"),
        }


class RecommendationStatus(LabelledEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"open": N_("Open"), "done": N_("Done"), "cancelled": N_("Cancelled")}


class DocumentType(LabelledEnum):
    CONCEPT = "concept"
    MEDIUM_TERM_PROGRAMME = "medium_term_programme"
    ANTIRISK_PROGRAMME = "antirisk_programme"
    ROADMAP = "roadmap"
    DEVELOPMENT_PROGRAMME = "development_programme"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "concept": N_("Development concept"),
            "medium_term_programme": N_("Medium-term development programme"),
            "antirisk_programme": N_("Antirisk programme"),
            "roadmap": N_("School roadmap"),
            "development_programme": N_("Development programme"),
        }


class ReviewConclusion(LabelledEnum):
    ACCEPT = "accept"
    REVISE = "revise"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"accept": N_("Accept"), "revise": N_("Return for revision")}


class ReportKind(LabelledEnum):
    VISIT = "visit"
    PROTOCOL = "protocol"
    INTERIM = "interim"
    FINAL = "final"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "visit": N_("Visit report"),
            "protocol": N_("Risk profile verification protocol"),
            "interim": N_("Interim curator report"),
            "final": N_("Final curator report"),
        }
