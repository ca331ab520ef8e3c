"""The end of a period report: best practices (final report), the curator's conclusions (and
proposals for the next year, final report), and the signatures — «Отчёт составил(а)» with the
store owner's name, position and organisation, and an optional «Согласовано» line.

What the curator gave when making the report is printed as written; what they did not give is a
ruled space to write by hand, under a line saying so.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from curator_desktop.i18n import _
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    MUTED,
    para,
    para_markup,
    report_styles,
    signature_block,
    signed_end,
)
from curator_desktop.services.reports.period.columns import lead
from curator_desktop.services.reports.period.data import PeriodReportData

LINE_HEIGHT = 20.0
"""Points between the ruled lines left to write on."""
CONCLUSION_LINES = {"interim": 6, "final": 9}
PRACTICE_LINES = 5


def closing_titles(kind: str) -> list[str]:
    """The headings of the report's end, in printed order."""
    if kind == "final":
        return [_("Best practices"), _("Conclusions and proposals for the next year")]
    return [_("Conclusions")]


def ruled_lines(count: int) -> Flowable:
    """``count`` empty ruled lines across the text width."""
    table = Table([[""]] * count, colWidths=[CONTENT_WIDTH], rowHeights=[LINE_HEIGHT] * count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, MUTED)]))
    return table


def _written(text: str) -> list[Flowable]:
    """The curator's text, one paragraph per line."""
    body = report_styles().body
    return [para(line, body) for line in text.splitlines() if line.strip()]


def _by_hand(count: int) -> list[Flowable]:
    """A caption saying the curator writes here, and ``count`` ruled lines."""
    return [para(_("To be filled in by the curator."), report_styles().muted), ruled_lines(count)]


def _proposed_practices(data: PeriodReportData) -> list[Flowable]:
    """What the monitoring suggests: schools whose latest stage found that positive changes
    have come, with the curator's description of them."""
    style = ParagraphStyle("practice", parent=report_styles().small, leftIndent=8, spaceAfter=2)
    items = []
    for section in data.schools:
        held = section.monitoring.held
        if held and held[-1].top_assessment and held[-1].description:
            stage = held[-1]
            name = escape(f"{section.school.short_name} ({stage.label})")
            items.append(para_markup(f"<b>{name}.</b> «{escape(stage.description)}»", style))
    if not items:
        return []
    return [lead(_("Proposed from the monitoring where positive changes have come:")), *items]


def _best_practices(data: PeriodReportData) -> list[Flowable]:
    if data.texts.best_practices:
        return _written(data.texts.best_practices)
    return [*_proposed_practices(data), Spacer(1, 4), KeepTogether(_by_hand(PRACTICE_LINES))]


def _signatures(data: PeriodReportData) -> list[Flowable]:
    styles = report_styles()
    label = ParagraphStyle("signed", parent=styles.body, spaceBefore=10, spaceAfter=0)
    curator = data.curator
    role = ", ".join(p for p in (_("Curator"), curator.position, curator.organisation) if p)
    story: list[Flowable] = [
        para(_("Report prepared by") + ":", label),
        signature_block([(role, curator.full_name)]),
    ]
    if data.texts.approved_by is not None:
        story += [
            para(_("Approved") + ":", label),
            signature_block([(_("Coordinator"), data.texts.approved_by)]),
        ]
    return story


def closing_story(data: PeriodReportData, number: int) -> list[Flowable]:
    """Best practices (final), conclusions, signatures, numbered from ``number``; the last
    section kept with the signatures."""
    styles = report_styles()
    titles = [f"{n}. {t}" for n, t in enumerate(closing_titles(data.kind), start=number)]
    story: list[Flowable] = []
    if data.kind == "final":
        story += [CondPageBreak(160), para(titles[0], styles.heading), *_best_practices(data)]
    conclusions = (
        _written(data.texts.conclusions)
        if data.texts.conclusions
        else _by_hand(CONCLUSION_LINES[data.kind])
    )
    story.append(signed_end([para(titles[-1], styles.heading), *conclusions], _signatures(data)))
    return story
