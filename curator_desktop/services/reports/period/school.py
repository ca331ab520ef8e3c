"""One school's part of the curator's period report, as reportlab flowables.

Interim: visits held, verified risks and activated directions, documents, recommendations, the
first monitoring stage, and what the visits noted. Final: visits held, risk levels at
verification and now, the antirisk programmes, every monitoring stage, documents,
recommendations and their fulfilment, and what the visits noted.

A school that had left the programme by the «as of» day says so (since when, or its last cycle
year) and shows only what there is of it in the period: no empty blocks, no documents asked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable

from curator_desktop.domain.enums import SchoolStatus
from curator_desktop.i18n import _, format_date, pgettext
from curator_desktop.services.reports.form.layout import (
    SANS,
    data_table,
    para,
    para_markup,
    report_styles,
)
from curator_desktop.services.reports.period.columns import block, header_widths, lead, none_line
from curator_desktop.services.reports.period.comparison import (
    monitoring_table,
    programme_table,
    risk_table,
)
from curator_desktop.services.reports.period.data import Note, PeriodReportData, SchoolSection
from curator_desktop.services.reports.period.document_states import document_states_block
from curator_desktop.services.reports.period.parts import state_label
from curator_desktop.services.reports.period.selfdiag_part import selfdiag_block
from curator_desktop.services.reports.period.selfdiag_part import title as selfdiag_title

SCHOOL_START = 160.0
"""Points a school's heading needs below it on the page, else it starts the next one."""
STATES = ("done", "overdue", "open", "cancelled")


def muted_cell() -> ParagraphStyle:
    """The table cell style in the muted colour."""
    styles = report_styles()
    return ParagraphStyle("muted-cell", parent=styles.table_cell, textColor=styles.muted.textColor)


def _short(day: dt.date | None) -> str:
    return format_date(day, "short")


def _visits(section: SchoolSection) -> list[Flowable]:
    if not section.visits:
        return none_line(_("No visits were held in the period."))
    headers = [_("Visit type"), _("Visits"), _("Dates")]
    rows: list[list[Any]] = [headers]
    for count in section.visits:
        rows.append([count.label, str(count.count), ", ".join(_short(day) for day in count.dates)])
    return [data_table(rows, header_widths(headers, [110.0, 50.0, 0.0], flexible=2))]


def _documents(section: SchoolSection) -> list[Flowable]:
    if not section.documents:
        return none_line(_("No documents were reviewed by the end of the period."))
    muted = muted_cell()
    bold = ParagraphStyle("bold-cell", parent=report_styles().table_cell, fontName=SANS + " Bold")
    headers = [_("Document"), _("Version"), _("Reviewed"), _("Conclusion"), _("Revision deadline")]
    rows: list[list[Any]] = [headers]
    for doc in section.documents:
        version = doc.version or "—"
        if doc.versions > 1:
            version = _("{version} (reviews: {n})").format(version=version, n=doc.versions)
        deadline: Any = _short(doc.revision_deadline) if doc.revision_deadline else "—"
        if doc.revision_overdue:
            expired = pgettext("revision deadline", "Overdue")
            deadline = [para(deadline, report_styles().table_cell), para(expired, bold)]
        rows.append(
            [
                doc.title,
                version,
                _short(doc.reviewed_on),
                doc.conclusion_label if doc.conclusion else para(doc.conclusion_label, muted),
                deadline,
            ]
        )
    return [data_table(rows, header_widths(headers, [0.0, 60.0, 60.0, 80.0, 70.0], flexible=0))]


def state_counts(given: int, counts: dict[str, int]) -> str:
    """«Given: 3 · Done: 2 · Overdue: 0 · …» with the states' own labels."""
    parts = [_("Given: {n}").format(n=given)]
    parts += [f"{state_label(state)}: {counts[state]}" for state in STATES]
    return " · ".join(parts)


def _recommendations(section: SchoolSection, as_of: dt.date) -> list[Flowable]:
    styles = report_styles()
    if not section.recommendations:
        return none_line(_("No recommendations were given in the period."))
    counts = state_counts(
        len(section.recommendations), {s: section.recommendations_in(s) for s in STATES}
    )
    headers = [
        _("Given on"),
        _("Recommendation"),
        _("Responsible"),
        _("Deadline"),
        _("State on {date}").format(date=_short(as_of)),
    ]
    rows: list[list[Any]] = [headers]
    bold = ParagraphStyle("bold-cell", parent=styles.table_cell, fontName=SANS + " Bold")
    for rec in section.recommendations:
        text = f"{rec.factor_code}. {rec.text}" if rec.factor_code else rec.text
        state: Any = rec.state_label
        if rec.state == "overdue":
            state = para(rec.state_label, bold)
        elif rec.closed_on:
            state = f"{rec.state_label}, {_short(rec.closed_on)}"
        rows.append(
            [_short(rec.given_on), text, rec.responsible or "—", _short(rec.deadline), state]
        )
    widths = header_widths(headers, [54.0, 0.0, 110.0, 54.0, 80.0], flexible=1)
    return [lead(counts), data_table(rows, widths, zebra=True)]


def _notes(notes: tuple[Note, ...]) -> list[Flowable]:
    """One paragraph per visit: «Visit type, date.» then its labelled answers and quotes."""
    styles = report_styles()
    style = ParagraphStyle("note", parent=styles.small, leftIndent=8, spaceAfter=2)
    story: list[Flowable] = []
    groups: list[tuple[tuple[dt.date, str], list[Note]]] = []
    for note in notes:
        key = (note.date, note.visit_label)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(note)
        else:
            groups.append((key, [note]))
    for (day, visit_label), items in groups:
        parts = []
        for note in items:
            text = f"<i>«{escape(note.text)}»</i>" if note.quoted else escape(note.text)
            label = f"{escape(note.label)}: " if note.label else ""
            parts.append(f"{label}{text}")
        lead_text = escape(f"{visit_label}, {_short(day)}.")
        body = " ".join(_sentence(p) for p in parts)
        story.append(para_markup(f"<b>{lead_text}</b> {body}", style))
    return story


def _sentence(text: str) -> str:
    """``text`` ending with a full stop unless it ends with punctuation or a quote already."""
    return text if text.endswith(("»</i>", ".", "!", "?", "…")) else text + "."


def section_titles(kind: str = "interim") -> list[str]:
    """The subheadings of every school's part, in the current language and printed order."""
    if kind == "final":
        return [
            _("Visits held"),
            _("Risk levels: at verification and now"),
            _("Antirisk programmes and target indicators"),
            _("Monitoring of positive changes"),
            _("Documents"),
            _("Recommendations"),
            _("Positive changes noted"),
            _("Problems"),
            _("Findings on risk factors"),
        ]
    return [
        _("Visits held"),
        _("Verified risks and activated directions"),
        _("Documents"),
        _("Recommendations"),
        _("Monitoring of positive changes"),
        _("Positive changes noted"),
        _("Problems"),
        _("Findings on risk factors"),
    ]


def risk_titles() -> list[str]:
    """The subheadings of the blocks about the risk profile and the antirisk programmes."""
    return [
        _("Verified risks and activated directions"),
        _("Risk levels: at verification and now"),
        _("Antirisk programmes and target indicators"),
    ]


def school_heading(number: int, section: SchoolSection) -> str:
    return f"{number}. {section.school.short_name}"


def _facts(section: SchoolSection) -> str:
    school = section.school
    facts = [school.full_name, school.municipality, school.programme]
    if school.inn:
        facts.append(_("INN {inn}").format(inn=school.inn))
    if section.status != SchoolStatus.ACTIVE:
        facts.append(_("status in the programme: {status}").format(status=section.status_label))
    return ", ".join(f for f in facts if f)


def _left(section: SchoolSection, year: int) -> str:
    """What a school that had left the programme is: since when (or its last cycle year), and
    that it is neither counted nor asked for documents."""
    withdrew = section.status == SchoolStatus.WITHDRAWN
    if section.left_on is not None:
        told = (
            _("The school withdrew from the programme on {date}.")
            if withdrew
            else _("The school completed the programme on {date}.")
        ).format(date=format_date(section.left_on))
    elif section.risks.year is not None and section.risks.year < year:
        told = (
            _("The school withdrew from the programme; its last cycle year was {year}.")
            if withdrew
            else _("The school completed the programme; its last cycle year was {year}.")
        ).format(year=section.risks.year)
    else:
        told = _("Status in the programme: {status}.").format(status=section.status_label)
    counted = _(
        "It is not counted among the schools taking part; documents for {year} are not asked of it."
    ).format(year=year)
    return f"{told} {counted}"


def _has_content(section: SchoolSection) -> dict[str, bool]:
    """Per block title: whether the school has anything to show in it."""
    return {
        _("Visits held"): bool(section.visits),
        _("Documents"): bool(section.documents or section.document_states),
        _("Recommendations"): bool(section.recommendations),
        _("Monitoring of positive changes"): bool(section.monitoring.held),
        _("Positive changes noted"): bool(section.positive),
        _("Problems"): bool(section.problems),
        _("Findings on risk factors"): bool(section.findings),
        **{title: section.risks.current for title in risk_titles()},
    }


def school_story(number: int, section: SchoolSection, data: PeriodReportData) -> list[Flowable]:
    """The flowables of one school's part, headed «number. school»."""
    styles = report_styles()
    final = data.kind == "final"
    blocks: dict[str, list[Flowable]] = {
        _("Visits held"): _visits(section),
        _("Documents"): _documents(section) + document_states_block(section.document_states),
        _("Recommendations"): _recommendations(section, data.as_of),
        _("Monitoring of positive changes"): monitoring_table(section, data.as_of),
    }
    if final:
        blocks[_("Risk levels: at verification and now")] = risk_table(
            section, data.year, data.as_of, final=True
        )
        blocks[_("Antirisk programmes and target indicators")] = programme_table(section, data.year)
    else:
        blocks[_("Verified risks and activated directions")] = risk_table(
            section, data.year, data.as_of, final=False
        )
    notes = (
        (_("Positive changes noted"), section.positive, _("No positive changes were recorded.")),
        (_("Problems"), section.problems, _("No problems were recorded.")),
        (_("Findings on risk factors"), section.findings, None),
    )
    for title, items, empty in notes:
        if items:
            blocks[title] = _notes(items)
        elif empty:
            blocks[title] = none_line(empty)
    story: list[Flowable] = [
        CondPageBreak(SCHOOL_START),
        para(school_heading(number, section), styles.heading),
        para(_facts(section), styles.small),
    ]
    if not section.taking_part:  # only what there is of it; nothing asked
        note = ParagraphStyle("left", parent=styles.small, spaceBefore=4)
        story.append(para(_left(section, data.year), note))
        shown = _has_content(section)
        blocks = {title: flowables for title, flowables in blocks.items() if shown.get(title, True)}
    if not section.keeps_risk_profile:  # «Школа Минпросвещения»: a self-diagnosis instead
        for title in risk_titles():
            blocks.pop(title, None)
        blocks.pop(_("Monitoring of positive changes"), None)  # a «500+» monitoring
        blocks[selfdiag_title()] = selfdiag_block(section.selfdiag)
    titles = section_titles(data.kind)
    titles.insert(1, selfdiag_title())  # after the visits; only a ШМР school has the block
    for title in titles:
        if title in blocks:
            story += block(title, blocks[title])
    return story
