"""Controlled vocabularies of the curator's world, stored as stable codes, shown translated.

Each enum's ``label`` gives the user-facing name in the current language; the values are what
the store and exchange files hold and never change.
"""

from __future__ import annotations

from enum import StrEnum

from curator_desktop.i18n import NP_, pgettext


class LabelledEnum(StrEnum):
    """A string enum whose members have a translatable label."""

    @property
    def label(self) -> str:
        return pgettext(*self._labels()[self.value])

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        """Stored code → (translation context, English label)."""
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
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "500plus": NP_("programme", "«500+»"),
            "minpros_school": NP_("programme", "«School of the Ministry of Education»"),
        }


class SchoolStatus(LabelledEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "active": NP_("school status", "Active"),
            "completed": NP_("school status", "Completed"),
            "withdrawn": NP_("school status", "Withdrawn"),
        }


class SettlementType(LabelledEnum):
    TOWN = "town"
    VILLAGE = "village"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "town": NP_("settlement type", "Town"),
            "village": NP_("settlement type", "Village"),
        }


class RiskLevel(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "high": NP_("risk level", "High"),
            "medium": NP_("risk level", "Medium"),
            "low": NP_("risk level", "Low"),
            "none": NP_("risk level", "Risk not identified"),
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
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "confirmed": NP_("verdict", "Confirmed"),
            "rejected": NP_("verdict", "Not confirmed"),
            "adjusted": NP_("verdict", "Adjusted"),
        }


class VisitType(LabelledEnum):
    PRIMARY = "primary"
    PLANNED = "planned"
    UNPLANNED = "unplanned"
    FINAL = "final"
    REMOTE = "remote"
    INTERVIEW = "management_interview"
    """«Школа Минпросвещения России»: собеседование с управленческой командой школы."""
    CONSULTATION = "consultation"
    """«Школа Минпросвещения России»: консультация on the consultation schedule."""

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "primary": NP_("visit type", "Primary"),
            "planned": NP_("visit type", "Planned"),
            "unplanned": NP_("visit type", "Unplanned"),
            "final": NP_("visit type", "Final"),
            "remote": NP_("visit type", "Remote"),
            "management_interview": NP_("visit type", "Interview with the management team"),
            "consultation": NP_("visit type", "Consultation"),
        }


class VisitStatus(LabelledEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REPORT_GENERATED = "report_generated"
    UPLOADED = "uploaded"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "planned": NP_("visit status", "Planned"),
            "in_progress": NP_("visit status", "In progress"),
            "completed": NP_("visit status", "Completed"),
            "report_generated": NP_("visit status", "Report generated"),
            "uploaded": NP_("visit status", "Uploaded"),
        }


class RecommendationStatus(LabelledEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "open": NP_("recommendation status", "Open"),
            "done": NP_("recommendation status", "Done"),
            "cancelled": NP_("recommendation status", "Cancelled"),
        }


class DocumentType(LabelledEnum):
    CONCEPT = "concept"
    MEDIUM_TERM_PROGRAMME = "medium_term_programme"
    ANTIRISK_PROGRAMME = "antirisk_programme"
    ROADMAP = "roadmap"
    DEVELOPMENT_PROGRAMME = "development_programme"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "concept": NP_("document type", "Development concept"),
            "medium_term_programme": NP_("document type", "Medium-term development programme"),
            "antirisk_programme": NP_("document type", "Antirisk programme"),
            "roadmap": NP_("document type", "School roadmap"),
            "development_programme": NP_("document type", "Development programme"),
        }


class ReviewConclusion(LabelledEnum):
    ACCEPT = "accept"
    REVISE = "revise"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "accept": NP_("review conclusion", "Accept"),
            "revise": NP_("review conclusion", "Return for revision"),
        }


class ReportKind(LabelledEnum):
    VISIT = "visit"
    PROTOCOL = "protocol"
    INTERIM = "interim"
    FINAL = "final"
    SELFDIAG = "selfdiag"
    """«Школа Минпросвещения России»: аналитическая справка по результатам самодиагностики."""
    CONSULTATIONS = "consultations"
    """«Школа Минпросвещения России»: график консультирования."""
    REVIEW = "review"
    """«Экспертное заключение» on one version of a school's document (#21)."""
    REGION_MONITORING = "region_monitoring"
    """The coordinator's analytical справка on a monitoring stage (#24)."""
    REGION_VISITS = "region_visits"
    """The coordinator's analytical справка on first visits and verification (#24)."""
    REGION_DOCUMENTS = "region_documents"
    """The coordinator's analytical справка on the schools' documents (#24)."""
    REGION_SUMMARY = "region_summary"
    """The coordinator's summary of the region for a period (#24)."""

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "visit": NP_("report kind", "Visit report"),
            "protocol": NP_("report kind", "Risk profile verification protocol"),
            "interim": NP_("report kind", "Interim curator report"),
            "final": NP_("report kind", "Final curator report"),
            "selfdiag": NP_("report kind", "Analytical report on the self-diagnosis results"),
            "consultations": NP_("report kind", "Consultation schedule"),
            "review": NP_("report kind", "Expert opinion"),
            "region_monitoring": NP_(
                "report kind", "Analytical report on the monitoring of positive changes"
            ),
            "region_visits": NP_(
                "report kind", "Analytical report on the first visits and risk verification"
            ),
            "region_documents": NP_("report kind", "Analytical report on the schools' documents"),
            "region_summary": NP_("report kind", "Summary report on the region"),
        }
