"""«График консультирования»: the consultations of a period, planned or held, by day — each with
its school, the school's level in the self-diagnosis round before the consultation (the round it
answers; the schedule says so, and the summary counts by the same round) and the directions below
the base level (those schools come first in a methodist's mind), the topic, the format (in person
or remote) and the state. Signed by the methodist (curator) who made it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Spacer

from curator_desktop.domain.enums import ReportKind, VisitStatus
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.selfdiag import Level
from curator_desktop.i18n import (
    _,
    current_language,
    format_date,
    format_number,
    ngettext,
    pgettext,
)
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    build_pdf,
    data_table,
    para,
    para_markup,
    report_styles,
    signature_block,
)
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.protocol.data import CuratorInfo, curator_info
from curator_desktop.services.reports.protocol.report import curator_line, label_table
from curator_desktop.services.selfdiag import SelfdiagService, consultation_schedule
from curator_desktop.store.database import Database


@dataclass(frozen=True)
class ScheduleLine:
    """One consultation as the schedule prints it."""

    day: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    school: str
    municipality: str
    level: str
    """The overall level's label in the round before the consultation ("" when none)."""
    round_date: dt.date | None
    """The date of that round."""
    below_base: tuple[str, ...]
    """Direction names below the base level."""
    topic: str
    status: str
    """The consultation's state: completed, in progress or planned."""
    held: bool
    remote: bool
    """Held remotely (дистанционно), else in person (очно)."""


@dataclass(frozen=True)
class ScheduleData:
    """Everything the schedule prints."""

    language: str
    date_from: dt.date
    date_to: dt.date
    curator: CuratorInfo
    lines: tuple[ScheduleLine, ...]

    @property
    def schools(self) -> int:
        return len({line.school for line in self.lines})

    @property
    def below_base_schools(self) -> int:
        """Schools with a direction below base in the round before one of their consultations."""
        return len({line.school for line in self.lines if line.below_base})

    @property
    def held(self) -> int:
        return sum(1 for line in self.lines if line.held)


def collect(
    database: Database,
    date_from: dt.date,
    date_to: dt.date,
    *,
    school_id: str | None = None,
) -> ScheduleData:
    """The consultations dated in the period (of ``school_id`` alone when given)."""
    if date_from > date_to:
        raise ValidationError(_("The period must not end before it begins."), field="date_to")
    language = current_language()
    catalog = SelfdiagService(database).catalog()
    entries = consultation_schedule(
        database,
        date_from=date_from,
        date_to=date_to,
        school_ids=[school_id] if school_id else None,
    )

    def name(code: str) -> str:
        direction = catalog.direction(code)
        return direction.name(language) if direction else code

    lines = tuple(
        ScheduleLine(
            day=entry.day,
            start_time=entry.start_time,
            end_time=entry.end_time,
            school=entry.school_name,
            municipality=entry.municipality,
            level=Level.label_for(entry.level.value if entry.level else None),
            round_date=entry.round_date,
            below_base=tuple(name(code) for code in entry.below_base),
            topic=entry.topic.strip(),
            status=consultation_state(entry.status),
            held=entry.status in HELD,
            remote=entry.remote,
        )
        for entry in entries
    )
    return ScheduleData(language, date_from, date_to, curator_info(database), lines)


HELD = frozenset(
    {VisitStatus.COMPLETED.value, VisitStatus.REPORT_GENERATED.value, VisitStatus.UPLOADED.value}
)
"""Visit statuses of a consultation that took place (whether its справка was printed or not)."""


def consultation_state(status: str) -> str:
    """The consultation's state as the schedule tells it, in the visit status words: completed
    (held), in progress or planned; whether its справка was printed or uploaded is not the
    schedule's business (the same store, the same schedule)."""
    if status in HELD:
        return VisitStatus.label_for(VisitStatus.COMPLETED.value)
    if status == VisitStatus.IN_PROGRESS.value:
        return VisitStatus.label_for(status)
    return VisitStatus.label_for(VisitStatus.PLANNED.value)


def describe(data: ScheduleData) -> tuple[str, str]:
    """The title and the running header's subject (the period)."""
    period = _("{start} – {end}").format(
        start=format_date(data.date_from, "short"), end=format_date(data.date_to, "short")
    )
    return ReportKind.CONSULTATIONS.label, period


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _when(line: ScheduleLine) -> str:
    day = format_date(line.day, "short")
    if line.start_time is None:
        return day
    time = f"{line.start_time:%H:%M}"
    if line.end_time is not None:
        time += f"–{line.end_time:%H:%M}"
    return f"{day}\n{time}"


def _format_label(remote: bool) -> str:
    if remote:
        return pgettext("consultation format", "remote")
    return pgettext("consultation format", "in person")


def _table(data: ScheduleData) -> Flowable:
    styles = report_styles()
    cell = styles.table_cell_small
    rows: list[list[Any]] = [
        [
            "№",
            _("Date and time"),
            _("School"),
            _("Self-diagnosis before the consultation"),
            _("Topic of the consultation"),
            pgettext("consultation", "Format"),
            _("Status"),
        ]
    ]
    for number, line in enumerate(data.lines, start=1):
        school = _esc(line.school)
        if line.municipality:
            school += f"<br/><font size=7>{_esc(line.municipality)}</font>"
        level = _esc(line.level) if line.level else "—"  # a cell's start: capitalised
        if line.round_date is not None:
            held_on = _("round of {date}").format(date=format_date(line.round_date, "short"))
            level += f"<br/><font size=7>{_esc(held_on)}</font>"
        if line.below_base:
            below = _("below base: {directions}").format(directions="; ".join(line.below_base))
            level += f"<br/><b>{_esc(below)}</b>"
        rows.append(
            [
                str(number),
                para(_when(line), cell),
                para_markup(school, cell),
                para_markup(level, cell),
                para(line.topic or "—", cell),
                para(_format_label(line.remote), cell),
                para(line.status, cell),
            ]
        )
    widths = [20.0, 54.0, 96.0, 104.0, 0.0, 54.0, 62.0]
    widths[4] = CONTENT_WIDTH - sum(widths)
    return data_table(rows, widths, zebra=True)


def story(data: ScheduleData) -> list[Flowable]:
    """The schedule's content, for :func:`layout.build_pdf`."""
    styles = report_styles()
    title, _subject = describe(data)
    period = _("for the period from {start} to {end}").format(
        start=format_date(data.date_from), end=format_date(data.date_to)
    )
    count = len(data.lines)
    story: list[Flowable] = [
        para(title, styles.title),
        para(period, styles.subtitle),
        label_table(
            [
                [_("Prepared by"), curator_line(data.curator) or "—"],
                [
                    _("Consultations"),
                    _("total: {n}, of them held: {held}, planned: {planned}").format(
                        n=format_number(count),
                        held=format_number(data.held),
                        planned=format_number(count - data.held),
                    ),
                ],
                [
                    _("Schools"),
                    ngettext(
                        "{n} school; with directions below the base level by the self-diagnosis "
                        "before the consultation: {below}",
                        "{n} schools; with directions below the base level by the "
                        "self-diagnosis before the consultation: {below}",
                        data.schools,
                    ).format(
                        n=format_number(data.schools), below=format_number(data.below_base_schools)
                    ),
                ],
            ]
        ),
        Spacer(1, 8),
    ]
    if data.lines:
        story.append(_table(data))
    else:
        story.append(para(_("No consultations are planned in the period."), styles.body))
    curator = data.curator
    author = "\n".join(
        p for p in (_("Schedule prepared by:"), curator.position, curator.organisation) if p
    )
    story += [Spacer(1, 14), signature_block([(author, curator.full_name)])]
    return story


def render(data: ScheduleData, target: Path, meta: ReportMeta, *, image_cache: Path) -> Written:
    """Write the schedule to ``target``; return its pages and SHA-256."""
    del image_cache
    author = meta.author or data.curator.full_name
    return build_pdf(target, replace(meta, author=author), story(data))
