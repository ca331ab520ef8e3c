"""Packages received by a coordinator (#24): what became of an import attempt, and the
coordinator's review state of a curator's report."""

from __future__ import annotations

from curator_desktop.domain.enums import LabelledEnum
from curator_desktop.i18n import NP_


class Outcome(LabelledEnum):
    """What became of one package import attempt."""

    IMPORTED = "imported"
    """Something was written."""
    UNCHANGED = "unchanged"
    """Read and checked, but everything it holds was already here."""
    REFUSED = "refused"
    """Not imported (a damaged file, a sender that is not who it claims…): nothing written."""

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "imported": NP_("package outcome", "Imported"),
            "unchanged": NP_("package outcome", "Already received"),
            "refused": NP_("package outcome", "Refused"),
        }


class ReviewState(LabelledEnum):
    """The coordinator's verdict on a curator's report."""

    ACCEPTED = "accepted"
    REVISE = "revise"
    """Sent back to the curator for revision."""
    WATCH = "watch"
    """Accepted for now, kept under watch."""

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "accepted": NP_("report review", "Accepted"),
            "revise": NP_("report review", "Needs revision"),
            "watch": NP_("report review", "Under watch"),
        }
