"""The tables of a school's part that set stages side by side: risk levels (questionnaire,
verification, now), the antirisk programmes of the activated directions, and the monitoring
stages of positive changes."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from curator_desktop.i18n import _, format_date, ngettext, pgettext
from curator_desktop.services.reports.form.layout import (
    SANS,
    data_table,
    para,
    para_markup,
    report_styles,
)
from curator_desktop.services.reports.period.columns import (
    cell_room,
    header_widths,
    lead,
    none_line,
)
from curator_desktop.services.reports.period.data import SchoolSection
from curator_desktop.services.reports.period.monitoring import Monitoring, MonitoringStage
from curator_desktop.services.reports.period.parts import quote
from curator_desktop.services.reports.period.programmes import ProgrammeLine
from curator_desktop.services.reports.period.risks import LevelChanges, RiskPart

FINDING_LIMIT = 160
"""Characters of a finding quoted in the programme table."""


def _short(day: dt.date | None) -> str:
    return format_date(day, "short")


def _bold_cell() -> ParagraphStyle:
    return ParagraphStyle("bold-cell", parent=report_styles().table_cell, fontName=SANS + " Bold")


def _factor(code: str, name: str) -> Flowable:
    return para_markup(f"<b>{escape(code)}</b> {escape(name)}", report_styles().table_cell)


def _summary(section: SchoolSection, year: int) -> list[Flowable]:
    """The verified count, how many factors the table shows and why the others are not in it."""
    risks = section.risks
    summary = _(
        "Cycle year {year}: {verified} of {total} factors verified, {rejected} not confirmed."
    ).format(year=risks.year, verified=risks.verified, total=risks.factors, rejected=risks.rejected)
    if not risks.current:
        summary += " " + _(
            "The report is about the cycle year {year}: this profile is not counted in the totals."
        ).format(year=year)
    sentences = [summary]
    if risks.lines:
        sentences.append(
            ngettext(
                "The table shows {shown} of {total} factor: those with a risk at some stage or "
                "activated as a direction.",
                "The table shows {shown} of {total} factors: those with a risk at some stage or "
                "activated as a direction.",
                risks.factors,
            ).format(shown=len(risks.lines), total=risks.factors)
        )
    for reason, sentence in (
        ("no_risk", _("No risk by the questionnaires or at verification: {codes}.")),
        ("not_verified", _("No risk by the questionnaires, not verified: {codes}.")),
        ("no_record", _("No questionnaire data: {codes}.")),
    ):
        codes = risks.left_out_for(reason)
        if codes:
            sentences.append(sentence.format(codes=", ".join(codes)))
    return [lead(" ".join(sentences))]


def change_line(title: str, changes: LevelChanges, **values: str) -> str:
    """``title`` with ``{changes}`` as «lowered — 3, raised — 2, unchanged — 5[, not verified —
    1]» (and any other ``values``)."""
    parts = [
        (pgettext("level change", "lowered"), changes.lower),
        (pgettext("level change", "raised"), changes.higher),
        (pgettext("level change", "unchanged"), changes.same),
    ]
    if changes.unverified:
        parts.append((pgettext("level change", "not verified"), changes.unverified))
    return title.format(changes=", ".join(f"{label} — {n}" for label, n in parts), **values)


def _changes(risks: RiskPart, as_of: dt.date) -> list[Flowable]:
    """How the levels of the table's lines moved: at verification, then up to ``as_of``."""
    small = report_styles().small
    at_verification = _("Level at verification against the questionnaires: {changes}.")
    since = _("Level on {date} against verification: {changes}.")
    lines = [
        para(change_line(at_verification, risks.verification_changes), small),
        para(change_line(since, risks.changes_since_verification, date=_short(as_of)), small),
    ]
    return [Spacer(1, 3), KeepTogether(lines)]


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
        levels = cell_room(
            [t for line in risks.lines for t in (line.verified_label, line.level_label)]
        )
        widths = [0.0, 74.0, max(74.0, levels), max(74.0, levels), 78.0]
    else:
        headers = [
            _("Risk factor"),
            _("Questionnaire level"),
            _("Level after verification"),
            _("Activated as a direction"),
        ]
        widths = [0.0, 80.0, max(90.0, cell_room([ln.level_label for ln in risks.lines])), 80.0]
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
        story += _changes(risks, as_of)
    return story


def _targets_cell(programme: ProgrammeLine) -> str:
    """The accepted version's target indicators: name, baseline, target, deadline."""
    accepted = programme.accepted
    if accepted is None:
        return _("No programme in force: no approved target values")
    if not accepted.indicators:
        return _("The review of {date} recorded no target indicators").format(
            date=_short(accepted.accepted_on)
        )
    lines = []
    for indicator in accepted.indicators:
        values = _("baseline {baseline}, target {target}").format(
            baseline=indicator.baseline or "—", target=indicator.target or "—"
        )
        if indicator.deadline:
            values = _("{values} by {date}").format(values=values, date=_short(indicator.deadline))
        line = f"{indicator.name}: {values}" if indicator.name else values
        lines.append(line.replace(" %", "\u00a0%"))  # «21 %» never split
    return "\n".join(lines)


def _findings_cell(programme: ProgrammeLine, stages: tuple[MonitoringStage, ...]) -> str:
    """Per held stage, what the stage's visit found on this direction (quoted, short)."""
    if programme.accepted is None:
        return _("No programme in force: the targets are not assessed")
    lines = []
    for stage, finding in zip(stages, programme.findings, strict=False):
        if stage.held_on is None:
            continue
        text = (
            f"«{quote(finding, FINDING_LIMIT)}»"
            if finding
            else _("no finding on this direction recorded")
        )
        lines.append(f"{stage.label}: {text}")
    return "\n".join(lines) or "—"


def programme_table(section: SchoolSection, year: int) -> list[Flowable]:
    """Per activated direction: its antirisk programme's latest review, the baseline and target
    values of its accepted version, and what the monitoring found on the direction; the
    checklist's school-wide answer on the targets once below."""
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
        _("Monitoring findings on the direction"),
    ]
    rows: list[list[Any]] = [headers]
    spans: list[tuple[Any, ...]] = []
    stages = section.monitoring.stages
    for programme in section.programmes:
        doc = programme.document
        findings = _findings_cell(programme, stages)
        if doc is None:
            spans.append(("SPAN", (1, len(rows)), (3, len(rows))))
            rows.append(
                [
                    _factor(programme.code, programme.name),
                    para(_("No programme was reviewed"), muted),
                    "",
                    "",
                    para(findings, muted),
                ]
            )
            continue
        version = _("Version {version}, {date}").format(
            version=doc.version or "—", date=_short(doc.reviewed_on)
        )
        targets = _targets_cell(programme)
        rows.append(
            [
                _factor(programme.code, programme.name),
                version,
                doc.conclusion_label,
                targets if programme.accepted else para(targets, muted),
                findings if programme.accepted else para(findings, muted),
            ]
        )
    widths = header_widths(headers, [0.0, 70.0, 70.0, 110.0, 130.0], flexible=0)
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
