"""«Протокол верификации рискового профиля»: one school's risk profile of one cycle year as the
curator verified it — the catalog edition used, each factor's questionnaire level, verdict,
adjusted level, justification and evidence, the activated directions, what answers each risk
(antirisk programme, recommendations), the chart of questionnaire vs verified levels, the dates of
verification and of entry in ИС МЭДК, the data used, the participants, and the signatures of the
curator who made it and of the director.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from curator_desktop.domain.enums import ReportKind, RiskLevel, Verdict
from curator_desktop.i18n import _, format_date, ngettext, pgettext
from curator_desktop.services.reports.charts.risk_chart import chart_height, risk_chart_drawing
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    build_pdf,
    data_table,
    para,
    para_markup,
    report_styles,
    signature_block,
    signed_end,
)
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.protocol.context import CatalogEdition
from curator_desktop.services.reports.protocol.data import (
    CuratorInfo,
    ProtocolFactor,
    ProtocolReportData,
    SchoolHeader,
    collect,
)

__all__ = ["ProtocolReportData", "author_of", "collect", "describe", "header_table", "render"]

LABEL_WIDTH = 40 * mm
CHART_WIDTH = 540.0
"""The width the chart is drawn at before it is scaled to the text width: at less, the
Russian legend runs past its right edge."""


def describe(data: ProtocolReportData) -> tuple[str, str]:
    """The protocol's title and running-header subject (the school and the year)."""
    return ReportKind.PROTOCOL.label, f"{data.school.short_name}, {data.year}"


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def label_table(rows: list[list[Any]]) -> Flowable:
    """A label → value table without a header row, the labels muted."""
    styles = report_styles()
    label = ParagraphStyle("label", parent=styles.table_cell, textColor=styles.muted.textColor)
    cells = [[para(str(k), label), v] for k, v in rows]
    return data_table(cells, [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH], header_rows=0)


def curator_line(curator: CuratorInfo) -> str:
    """«Name, position, organisation» (what is known of it; «—» when nothing is)."""
    return ", ".join(p for p in (curator.full_name, curator.position, curator.organisation) if p)


def header_table(
    school: SchoolHeader, curator: CuratorInfo, catalog: CatalogEdition | None = None
) -> Flowable:
    """The school's identification block (label → value), with the catalog edition used."""
    rows: list[list[Any]] = [
        [_("Region"), school.region or curator.region or "—"],
        [_("Programme"), school.programme],
        [_("School"), school.full_name],
        [_("INN"), school.inn or "—"],
        [_("Municipality"), school.municipality or "—"],
        [_("Director"), school.director_name or "—"],
        [_("Curator"), curator_line(curator) or "—"],
    ]
    if catalog is not None:
        edition = _("{title}, version {version} (source: {source})").format(
            title=catalog.title, version=catalog.version, source=catalog.source
        )
        rows.append([_("Risk factor list"), edition])
    return label_table(rows)


def _factor_cell(factor: ProtocolFactor, style: ParagraphStyle) -> Any:
    cell = [para_markup(f"<b>{_esc(factor.code)}</b> {_esc(factor.name)}", style)]
    if factor.activated:
        cell.append(para_markup(f"<i>{_esc(_('Activated as a direction'))}</i>", style))
    return cell


def _factors_table(data: ProtocolReportData) -> Flowable:
    styles = report_styles()
    cell = styles.table_cell_small
    muted = ParagraphStyle("muted-cell", parent=cell, textColor=styles.muted.textColor)
    rows: list[list[Any]] = [
        [
            _("Risk factor"),
            _("Questionnaire level"),
            _("Verdict"),
            _("Level after verification"),
            _("Justification and evidence"),
        ]
    ]
    for factor in data.factors:
        verdict_style = cell if factor.verdict else muted
        rows.append(
            [
                _factor_cell(factor, cell),
                para(factor.questionnaire_label, cell),
                para(factor.verdict_label, verdict_style),
                para(factor.adjusted_label, cell),
                _reasons_cell(factor, cell, muted),
            ]
        )
    widths = [128.0, 62.0, 62.0, 76.0]
    widths.append(CONTENT_WIDTH - sum(widths))
    header = ParagraphStyle("small-header", parent=styles.table_header, fontSize=7.5, leading=9)
    rows[0] = [para(text, header) for text in rows[0]]
    return data_table(rows, widths, zebra=True)


def _reasons_cell(factor: ProtocolFactor, cell: ParagraphStyle, muted: ParagraphStyle) -> Any:
    """The justification, then the evidence as a short list."""
    parts: list[Flowable] = []
    if factor.justification:
        parts.append(para(factor.justification, cell))
    if factor.evidence:
        evidence = "; ".join(factor.evidence)
        parts.append(para(_("Evidence: {list}").format(list=evidence), muted))
    return parts or para("—", muted)


def _activated(data: ProtocolReportData) -> list[Flowable]:
    styles = report_styles()
    activated = data.activated
    story: list[Flowable] = []
    if not activated:
        return [para(_("The school has not activated any risk direction."), styles.body)]
    rows: list[list[Any]] = [["№", _("Risk direction"), _("Level after verification")]]
    for number, factor in enumerate(activated, start=1):
        level = factor.adjusted_label if factor.verdict else factor.questionnaire_label
        rows.append([str(number), f"{factor.code} {factor.name}", level])
    story.append(data_table(rows, [22.0, CONTENT_WIDTH - 152.0, 130.0]))
    story.append(Spacer(1, 4))
    count_text = _("Directions activated: {n} (at most {m} recommended).").format(
        n=len(activated), m=data.max_directions
    )
    story.append(para(count_text, styles.small))
    left = [f for f in data.factors if f.effective_level == RiskLevel.HIGH and not f.activated]
    if left:
        names = "; ".join(f"{f.code} {f.name}" for f in left)
        text = _("High risk after verification, not activated as a direction: {factors}.")
        story.append(para(text.format(factors=names), styles.small))
    if len(activated) > data.max_directions:
        warning = ngettext(
            "No more than {n} direction is recommended; {count} are activated.",
            "No more than {n} directions are recommended; {count} are activated.",
            data.max_directions,
        ).format(n=data.max_directions, count=len(activated))
        story.append(para(warning, styles.small))
    return story


def _chart(data: ProtocolReportData) -> Flowable:
    """The chart drawn at ``CHART_WIDTH`` (its legend needs it in Russian), scaled to fit."""
    width = max(CHART_WIDTH, CONTENT_WIDTH)
    drawing = risk_chart_drawing(
        data.factors, width, chart_height(len(data.factors)), language=data.language
    )
    factor = CONTENT_WIDTH / width
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


def _dates_text(data: ProtocolReportData) -> str:
    first, last = data.verified_from, data.verified_to
    if first is None or last is None:
        return _("not verified yet")
    if first == last:
        return format_date(first)
    return _("from {first} to {last}").format(first=format_date(first), last=format_date(last))


def _medk_text(data: ProtocolReportData) -> str:
    entered, verified = len(data.medk_entered), len(data.verified)
    if not entered:
        return _("not entered")
    when = format_date(data.medk_entered_on)
    if entered >= verified:
        return when
    return _("entered for {n} of {m} verified factors (last on {date})").format(
        n=entered, m=verified, date=when
    )


def _summary(data: ProtocolReportData) -> Flowable:
    counts = {v: sum(f.verdict == v for f in data.factors) for v in Verdict}
    verified = len(data.verified)
    total = len(data.factors)
    rows: list[list[Any]] = [
        [_("Factors verified"), _("{n} of {m}").format(n=verified, m=total)],
        *([v.label, str(counts[v])] for v in Verdict),
        [_("Date of verification"), _dates_text(data)],
        [_("Entered in IS MEDK"), _medk_text(data)],
        [_("Data used for the verification"), "; ".join(data.sources) or _("not recorded")],
    ]
    return label_table(rows)


def _measures(data: ProtocolReportData) -> list[Flowable]:
    """Per risk: the direction's antirisk programme and the curator's recommendations, each
    with its status on the protocol's day (cancelled ones are no measure: left out)."""
    styles = report_styles()
    if not data.measures:
        return [para(_("No risk remains after the verification."), styles.body)]
    cell = styles.table_cell_small
    rows: list[list[Any]] = [
        [_("Risk factor"), _("Antirisk programme"), _("Curator's recommendations")]
    ]
    for item in data.measures:
        advice = [
            para_markup(f"• {_esc(a.text)} — <i>{_esc(a.status)}</i>", cell) for a in item.advice
        ] or para("—", cell)
        rows.append(
            [
                para_markup(f"<b>{_esc(item.code)}</b> {_esc(item.name)}", cell),
                para(item.programme, cell),
                advice,
            ]
        )
    table = data_table(rows, [128.0, 170.0, CONTENT_WIDTH - 298.0], zebra=True)
    if data.measures_as_of is None:
        return [table]
    as_of = _("The measures' state on {date}.").format(date=format_date(data.measures_as_of))
    return [para(as_of, styles.small), table]


def _participants(data: ProtocolReportData) -> list[Flowable]:
    styles = report_styles()
    if not data.participants:
        return [para(_("No participants recorded."), styles.body)]
    rows: list[list[Any]] = [
        ["№", pgettext("person", "Full name"), _("Position"), _("Role in the verification")]
    ]
    rows += [[str(n), p.full_name, p.position, p.role] for n, p in enumerate(data.participants, 1)]
    return [data_table(rows, [22.0, 150.0, 170.0, CONTENT_WIDTH - 342.0], zebra=True)]


def section_titles() -> list[str]:
    """The protocol's numbered section headings, in the current language."""
    titles = [
        _("Verification of the risk factors"),
        _("Activated risk directions"),
        _("Measures answering the risks"),
        _("Questionnaire and verified levels"),
        _("Verification"),
        _("Participants of the verification"),
    ]
    return [f"{number}. {title}" for number, title in enumerate(titles, start=1)]


def author_of(data: ProtocolReportData) -> str:
    """Who made the protocol: the curator of the verification (the PDF's Author)."""
    return data.curator.full_name


def _signatures(data: ProtocolReportData) -> Flowable:
    curator = data.curator
    author = "\n".join(
        p for p in (_("Protocol prepared by:"), curator.position, curator.organisation) if p
    )
    director = _("I have read the protocol:") + "\n" + _("director of the school")
    return signature_block([(author, curator.full_name), (director, data.school.director_name)])


def story(data: ProtocolReportData) -> list[Flowable]:
    """The protocol's content, for :func:`layout.build_pdf`."""
    styles = report_styles()
    title, _subject = describe(data)
    heading = styles.heading
    factors, activated, answers, chart, summary, people = (
        para(t, heading) for t in section_titles()
    )
    return [
        para(title, styles.title),
        para(_("Cycle year {year}").format(year=data.year), styles.subtitle),
        header_table(data.school, data.curator, data.catalog),
        factors,
        _factors_table(data),
        KeepTogether([activated, *_activated(data)]),
        answers,
        *_measures(data),
        KeepTogether([chart, _chart(data)]),
        KeepTogether([summary, _summary(data)]),
        # the signatures never stand alone on a page: the last section comes with them
        signed_end([people, *_participants(data)], [Spacer(1, 10), _signatures(data)]),
    ]


def render(
    data: ProtocolReportData, target: Path, meta: ReportMeta, *, image_cache: Path
) -> Written:
    """Write the protocol to ``target``; return its pages and SHA-256 (``image_cache`` is unused:
    the protocol has no photos)."""
    del image_cache
    return build_pdf(target, replace(meta, author=meta.author or author_of(data)), story(data))
