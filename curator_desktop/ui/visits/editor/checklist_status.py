"""The words under a checklist section's title in the form: how much of it is filled, which
required answers are still owed and, only where the template defines a scored scale, its points."""

from __future__ import annotations

from curator_desktop.domain.checklists.progress import SectionProgress
from curator_desktop.domain.checklists.scoring import Score
from curator_desktop.i18n import _, format_number


def progress_text(progress: SectionProgress) -> str:
    """«3 of 5 filled · required unanswered: 2» (the second part only while some are)."""
    text = _("{filled} of {shown} filled").format(
        filled=format_number(progress.filled), shown=format_number(progress.shown)
    )
    if progress.required_missing:
        missing = _("required unanswered: {count}").format(
            count=format_number(progress.required_missing)
        )
        text = f"{text} · {missing}"
    return text


def score_text(score: Score | None) -> str:
    """«Score: 4 of 6 (67 %)», «Score: —» while nothing on the scale is answered."""
    if score is None or score.percent is None:
        return _("Score: —")
    return _("Score: {points} of {maximum} ({percent} %)").format(
        points=format_number(round(score.points, 1)),
        maximum=format_number(round(score.maximum, 1)),
        percent=format_number(round(score.percent)),
    )


def section_text(title: str, progress: SectionProgress, score: Score | None = None) -> str:
    """The section list's entry: the numbered title, its progress and (for a section whose
    answers earned points) its score, a line each."""
    lines = [title, progress_text(progress)]
    if score is not None:
        lines.append(score_text(score))
    return "\n".join(lines)
