"""The tables of a school's part that set stages side by side: risk levels (questionnaire,
verification, now), the antirisk programmes of the activated directions, and the monitoring
stages of positive changes."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from curator_desktop.i18n import _, format_date
from curator_desktop.services.reports.form.layout import (
    SANS,
    data_table,
    para,
    para_markup,
    report_styles,
)
from curator_desktop.services.reports.period.columns import header_widths, lead, none_line
from curator_desktop.services.reports.period.data import SchoolSection
from curator_desktop.services.reports.period.monitoring import Monitoring


def _short(day: dt.date | None) -> str:
    return format_date(day, "short")


def _bold_cell() -> ParagraphStyle:
    return ParagraphStyle("bold-cell", parent=report_styles().table_cell, fontName=SANS + " Bold")


def _factor(code: str, name: str) -> Flowable:
    return para_markup(f"<b>{escape(code)}</b> {escape(name)}", report_styles().table_cell)


def _summary(section: SchoolSection, year: int) -> list[Flowable]:
    risks = section.risks
    summary = _(
        "Cycle year {year}: {verified} of {total} factors verified, {rejected} not confirmed."
    ).format(year=risks.year, verified=risks.verified, total=risks.factors, rejected=risks.rejected)
    if not risks.current:
        summary += " " + _(
            "The report is about the cycle year {year}: this profile is not counted in the totals."
        ).format(year=year)
    return [lead(summary)]


def risk_table(section: SchoolSection, year: int, as_of: dt.date, *, final: bool) -> list[Flowable]:
    """The verified risks: in the interim report each factor's level in force; in the final
    one the level at verification beside the level on the «as of» day (bold when it moved)."""
    risks = section.risks
    if risks.year is None:
        return none_line(_("The school has no risk profile."))
    story = _summary(section, year)
    if not risks.lines:
        return [*story, *none_line(_("The verification kept no risk."))]
    if final:
        headers = [
            _("Risk factor"),
            _("Questionnaire level"),
            _("At verification"),
            _("On {date}").format(date=_short(as_of)),
            _("Activated as a direction"),
        ]
        widths = [0.0, 74.0, 74.0, 74.0, 78.0]
    else:
        headers = [
            _("Risk factor"),
            _("Questionnaire level"),
            _("Level after verification"),
            _("Activated as a direction"),
        ]
        widths = [0.0, 80.0, 90.0, 80.0]
    bold = _bold_cell()
    rows: list[list[Any]] = [headers]
    for line in risks.lines:
        row: list[Any] = [_factor(line.code, line.name), line.questionnaire_label]
        if final:
            now: Any = line.level_label
            if line.change in ("lower", "higher"):
                now = para(line.level_label, bold)
            row += [line.verified_label, now]
        else:
            row.append(line.level_label)
        row.append(_("yes") if line.activated else "—")
        rows.append(row)
    story.append(data_table(rows, header_widths(headers, widths, flexible=0)))
    if final:
        changed = [line for line in risks.lines if line.change in ("lower", "higher")]
        lowered = sum(line.change == "lower" for line in changed)
        story += [
            Spacer(1, 3),
            para(
                _("Level lowered since verification: {lowered}; raised: {raised}.").format(
                    lowered=lowered, raised=len(changed) - lowered
                ),
                report_styles().small,
            ),
        ]
    return story


def programme_table(section: SchoolSection, year: int) -> list[Flowable]:
    """Per activated direction: its antirisk programme's latest review, how the baseline and
    target values were assessed, and whether the monitoring found the targets reached."""
    if section.risks.year is None:
        return none_line(_("The school has no risk profile."))
    if not section.risks.current:
        return none_line(
            _("The school has no risk profile for the cycle year {year}.").format(year=year)
        )
    if not section.programmes:
        return none_line(_("The school has no activated direction this cycle year."))
    muted = ParagraphStyle(
        "muted-cell", parent=report_styles().table_cell, textColor=report_styles().muted.textColor
    )
    headers = [
        _("Activated direction"),
        _("Programme"),
        _("Conclusion"),
        _("Baseline and target values"),
        _("Targets reached (monitoring)"),
    ]
    rows: list[list[Any]] = [headers]
    spans: list[tuple[Any, ...]] = []
    stages = section.monitoring.stages
    for programme in section.programmes:
        doc = programme.document
        reached = "\n".join(
            f"{stage.label}: {value}"
            for stage, value in zip(stages, programme.reached, strict=False)
            if stage.held_on
        )
        if doc is None:
            spans.append(("SPAN", (1, len(rows)), (3, len(rows))))
            rows.append(
                [
                    _factor(programme.code, programme.name),
                    para(_("No programme was reviewed"), muted),
                    "",
                    "",
                    reached or "—",
                ]
            )
            continue
        version = _("Version {version}, {date}").format(
            version=doc.version or "—", date=_short(doc.reviewed_on)
        )
        targets = doc.targets_label or "—"
        if doc.targets_comment:
            targets = f"{targets}. {doc.targets_comment}"
        rows.append(
            [
                _factor(programme.code, programme.name),
                version,
                doc.conclusion_label,
                targets,
                reached or "—",
            ]
        )
    widths = header_widths(headers, [0.0, 78.0, 74.0, 100.0, 100.0], flexible=0)
    return [data_table(rows, widths, extra_style=spans)]


def _stage_notes(monitoring: Monitoring, as_of: dt.date) -> str:
    parts = []
    for stage in monitoring.stages:
        if stage.held_on is None:
            parts.append(
                _("{stage}: not held by {date}").format(stage=stage.label, date=_short(as_of))
            )
        elif stage.data_date:
            parts.append(
                _("{stage}: visit of {date}, data as of {data_date}").format(
                    stage=stage.label,
                    date=_short(stage.held_on),
                    data_date=_short(stage.data_date),
                )
            )
        else:
            parts.append(
                _("{stage}: visit of {date}").format(stage=stage.label, date=_short(stage.held_on))
            )
    return "; ".join(parts) + "."


def monitoring_table(section: SchoolSection, as_of: dt.date) -> list[Flowable]:
    """The indicators of each monitoring stage side by side."""
    monitoring = section.monitoring
    if not monitoring.held:
        return none_line(_("No stage of the monitoring was held in the period."))
    headers = [_("Indicator"), *(stage.label for stage in monitoring.stages)]
    rows: list[list[Any]] = [headers]
    for row in monitoring.rows:
        text = f"{row.text} ({', '.join(row.factors)})" if row.factors else row.text
        rows.append([text, *row.values])
    column = 100.0 if len(monitoring.stages) > 1 else 120.0
    widths = header_widths(headers, [0.0] + [column] * len(monitoring.stages), flexible=0)
    return [lead(_stage_notes(monitoring, as_of)), data_table(rows, widths, zebra=True)]
