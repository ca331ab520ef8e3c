"""«Аналитическая справка по результатам самодиагностики»: for one school, its two rounds of the
period direction by direction (points of the maximum, level, change), the chart, the deficits
(critical marked, new, kept and closed) and the management decisions taken on them; for all the
user's schools, the number of schools at each level per direction, the schools below the base
level, the change between rounds, then each school's results. Signed by the methodist (curator)
who made it; a school's справка also by its director.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from curator_desktop.domain.enums import ReportKind
from curator_desktop.domain.selfdiag import LEVEL_ORDER, Level
from curator_desktop.i18n import _, format_date, format_number, ngettext, pgettext
from curator_desktop.services.reports.charts.selfdiag_chart import (
    RoundBar,
    chart_height,
    points_text,
    selfdiag_chart_drawing,
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
from curator_desktop.services.reports.period.closing import ruled_lines
from curator_desktop.services.reports.protocol.report import curator_line, label_table
from curator_desktop.services.reports.selfdiag.data import (
    DeficitLine,
    DirectionLine,
    LevelCount,
    SchoolPart,
    SelfdiagReportData,
    collect,
)

__all__ = ["SelfdiagReportData", "collect", "describe", "render", "story"]

CHART_WIDTH = 560.0
RECOMMENDATION_LINES = 4


def describe(data: SelfdiagReportData) -> tuple[str, str]:
    """The title and the running header's subject: the school (or the number of schools) and
    the period."""
    period = period_text(data)
    if data.single:
        return ReportKind.SELFDIAG.label, f"{data.schools[0].school.short_name}, {period}"
    count = len(data.schools)
    schools = ngettext("{n} school", "{n} schools", count).format(n=format_number(count))
    return ReportKind.SELFDIAG.label, f"{schools}, {period}"


def period_text(data: SelfdiagReportData) -> str:
    return _("{start} – {end}").format(
        start=format_date(data.date_from, "short"), end=format_date(data.date_to, "short")
    )


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def bar_text(bar: RoundBar | None) -> str:
    """«14 of 20, base»; «—» when the round has no result."""
    if bar is None:
        return "—"
    points = (
        _("{points} of {maximum}").format(
            points=points_text(bar.points), maximum=points_text(bar.maximum)
        )
        if bar.maximum
        else points_text(bar.points)
    )
    level = Level.label_for(bar.level).lower() if bar.level else ""
    return f"{points}, {level}" if level else points


def change_text(line: DirectionLine) -> str:
    """«+3 points, level up»; «—» when a round lacks it."""
    delta = line.points_change
    if delta is None:
        return "—"
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    points = f"{sign}{points_text(abs(delta))}"
    levels = line.level_change
    if levels is None or levels == 0:
        return points
    moved = _("level up") if levels > 0 else _("level down")
    return f"{points}, {moved}"


# --- one school ---------------------------------------------------------------------------------


def _header(data: SelfdiagReportData, part: SchoolPart) -> Flowable:
    school, curator = part.school, data.curator
    rounds = ", ".join(name for name in (part.earlier_name, part.later_name) if name)
    rows: list[list[Any]] = [
        [_("Region"), school.region or curator.region or "—"],
        [_("Programme"), school.programme],
        [_("School"), school.full_name],
        [_("INN"), school.inn or "—"],
        [_("Municipality"), school.municipality or "—"],
        [_("Director"), school.director_name or "—"],
        [_("Prepared by"), curator_line(curator) or "—"],
        [_("Self-diagnosis rounds"), rounds or "—"],
        [_("Indicators and thresholds"), data.catalog_title or "—"],
    ]
    return label_table(rows)


def _results_table(part: SchoolPart) -> Flowable:
    styles = report_styles()
    cell = styles.table_cell_small
    header = ParagraphStyle("small-header", parent=styles.table_header, fontSize=7.5, leading=9)
    two = part.earlier is not None
    titles = [pgettext("self-diagnosis", "Direction")]
    if two:
        titles.append(part.earlier_name)
    titles.append(part.later_name)
    if two:
        titles.append(_("Change"))
    rows: list[list[Any]] = [[para(text, header) for text in titles]]
    for line in (*part.directions, part.total):
        row: list[Any] = [para(line.name, cell)]
        if two:
            row.append(para(bar_text(line.earlier), cell))
        row.append(_level_cell(line.later, cell))
        if two:
            row.append(para(change_text(line), cell))
        rows.append(row)
    rows[-1][0] = para_markup(f"<b>{_esc(part.total.name)}</b>", cell)
    widths = [150.0, 110.0, 110.0] if two else [200.0]
    widths.append(CONTENT_WIDTH - sum(widths))
    total_row = len(rows) - 1
    extra = [("LINEABOVE", (0, total_row), (-1, total_row), 0.8, "#555555")]
    return data_table(rows, widths, zebra=True, extra_style=extra)


def _level_cell(bar: RoundBar | None, style: ParagraphStyle) -> Flowable:
    text = _esc(bar_text(bar))
    if bar is not None and bar.level == Level.BELOW_BASE.value:
        text = f"<b>{text}</b>"
    return para_markup(text, style)


def _chart(part: SchoolPart) -> Flowable:
    """The chart drawn at ``CHART_WIDTH`` (its captions need it), scaled to the text width."""
    rows = part.chart_rows()
    width = max(CHART_WIDTH, CONTENT_WIDTH)
    drawing = selfdiag_chart_drawing(
        rows, (part.earlier_name, part.later_name), width, chart_height(len(rows))
    )
    factor = CONTENT_WIDTH / width
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


def _state_label(state: str) -> str:
    return {
        "new": pgettext("deficit", "new"),
        "kept": pgettext("deficit", "remains"),
        "closed": pgettext("deficit", "closed"),
        "only": "",
    }[state]


def _deficit_rows(lines: tuple[DeficitLine, ...], *, state: bool) -> list[list[Any]]:
    styles = report_styles()
    cell = styles.table_cell_small
    rows: list[list[Any]] = []
    for number, line in enumerate(lines, start=1):
        text = _esc(line.text)
        if line.critical:
            mark = _esc(_("critical indicator"))
            text = f"<b>{text}</b> <i>({mark})</i>"
        row: list[Any] = [str(number), para(line.direction, cell), para_markup(text, cell)]
        if state:
            row.append(para(_state_label(line.state), cell))
        rows.append(row)
    return rows


def _deficits(part: SchoolPart) -> list[Flowable]:
    styles = report_styles()
    story: list[Flowable] = []
    with_state = part.earlier is not None
    if part.deficits:
        titles = ["№", pgettext("self-diagnosis", "Direction"), _("Indicator not met (deficit)")]
        widths = [22.0, 120.0]
        if with_state:
            titles.append(_("Against the earlier round"))
            widths.append(80.0)
        widths.insert(2, CONTENT_WIDTH - sum(widths))
        rows = [titles, *_deficit_rows(part.deficits, state=with_state)]
        story.append(data_table(rows, widths, zebra=True))
        critical = sum(1 for line in part.deficits if line.critical)
        summary = ngettext(
            "{n} deficit in the later round, critical among them: {critical}.",
            "{n} deficits in the later round, critical among them: {critical}.",
            len(part.deficits),
        ).format(n=format_number(len(part.deficits)), critical=format_number(critical))
        story += [Spacer(1, 3), para(summary, styles.small)]
    else:
        story.append(para(_("The later round records no deficits."), styles.body))
    if part.closed:
        story.append(para(_("Deficits closed since the earlier round"), styles.subheading))
        rows = [
            ["№", pgettext("self-diagnosis", "Direction"), _("Indicator")],
            *_deficit_rows(part.closed, state=False),
        ]
        story.append(data_table(rows, [22.0, 120.0, CONTENT_WIDTH - 142.0], zebra=True))
    return story


def _decisions(part: SchoolPart) -> list[Flowable]:
    styles = report_styles()
    if not part.decisions:
        return [para(_("No management decisions are recorded."), styles.body)]
    cell = styles.table_cell_small
    rows: list[list[Any]] = [
        ["№", _("Deficit"), _("Decision"), _("Responsible"), _("Deadline"), _("Done")]
    ]
    for number, line in enumerate(part.decisions, start=1):
        deficit = ", ".join(p for p in (line.direction, line.deficit) if p)
        if line.done:
            done = (
                _("yes, {date}").format(date=format_date(line.done_on, "short"))
                if (line.done_on)
                else _("yes")
            )
        else:
            done = _("no, overdue") if line.overdue else _("no")
        rows.append(
            [
                str(number),
                para(deficit, cell),
                para(line.what, cell),
                para(line.responsible or "—", cell),
                format_date(line.deadline, "short"),
                para(done, cell),
            ]
        )
    widths = [22.0, 120.0, 0.0, 90.0, 58.0, 56.0]
    widths[2] = CONTENT_WIDTH - sum(widths)
    done_count = sum(1 for line in part.decisions if line.done)
    summary = _("Decisions done: {done} of {total}.").format(
        done=format_number(done_count), total=format_number(len(part.decisions))
    )
    return [data_table(rows, widths, zebra=True), Spacer(1, 3), para(summary, styles.small)]


def _conclusion(data: SelfdiagReportData, part: SchoolPart) -> list[Flowable]:
    styles = report_styles()
    texts = []
    overall = part.total.later.level if part.total.later else None
    if overall:
        texts.append(
            _("Overall level in the later round: {level}.").format(
                level=Level.label_for(overall).lower()
            )
        )
    below = part.below_base
    if below:
        texts.append(_("Below the base level: {directions}.").format(directions="; ".join(below)))
    elif part.directions:
        texts.append(_("No direction is below the base level."))
    story: list[Flowable] = [para(text, styles.body) for text in texts]
    if data.single:  # the methodist's recommendations to the school, written by hand
        story += [
            Spacer(1, 4),
            para(_("Recommendations to the school:"), styles.muted),
            ruled_lines(RECOMMENDATION_LINES),
        ]
    return story


def school_story(
    data: SelfdiagReportData, part: SchoolPart, *, number: str = "", tail: Sequence[Flowable] = ()
) -> list[Flowable]:
    """One school's sections (numbered ``number``.1 … when in the summary report); ``tail``
    (the signatures) is kept on one page with the conclusion, never left alone."""
    styles = report_styles()
    heading = styles.subheading if number else styles.heading
    titles = [
        _("Results by direction"),
        _("Points of the rounds"),
        _("Deficits"),
        _("Management decisions"),
        _("Conclusion"),
    ]
    prefix = f"{number}." if number else ""
    results, chart, deficits, decisions, conclusion = (
        para(f"{prefix}{n}. {title}", heading) for n, title in enumerate(titles, start=1)
    )
    story: list[Flowable] = []
    if not number:
        story.append(_header(data, part))
    story += [results, _results_table(part)]
    story.append(KeepTogether([chart, _chart(part)]))
    story += [deficits, *_deficits(part)]
    story += [decisions, *_decisions(part)]
    story.append(KeepTogether([conclusion, *_conclusion(data, part), *tail]))
    return story


# --- all schools --------------------------------------------------------------------------------


def _counts_table(data: SelfdiagReportData) -> Flowable:
    styles = report_styles()
    header = ParagraphStyle("small-header", parent=styles.table_header, fontSize=7.5, leading=9)
    cell = styles.table_cell_small
    titles = [
        pgettext("self-diagnosis", "Direction"),
        *(level.label for level in LEVEL_ORDER),
        _("No result"),
    ]
    rows: list[list[Any]] = [[para(text, header) for text in titles]]

    def row(count: LevelCount) -> list[Any]:
        return [
            para(count.name, cell),
            *(format_number(n) for n in count.counts),
            format_number(count.without),
        ]

    rows += [row(count) for count in data.level_counts]
    rows.append(row(data.overall_counts))
    rows[-1][0] = para_markup(f"<b>{_esc(data.overall_counts.name)}</b>", cell)
    widths = [170.0]
    rest = (CONTENT_WIDTH - 170.0) / (len(titles) - 1)
    widths += [rest] * (len(titles) - 1)
    last = len(rows) - 1
    extra = [
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("LINEABOVE", (0, last), (-1, last), 0.8, "#555555"),
    ]
    return data_table(rows, widths, zebra=True, extra_style=extra)


def _below_base(data: SelfdiagReportData) -> list[Flowable]:
    styles = report_styles()
    cell = styles.table_cell_small
    parts = [part for part in data.with_rounds if part.below_base]
    if not parts:
        return [para(_("No school is below the base level in any direction."), styles.body)]
    rows: list[list[Any]] = [
        ["№", _("School"), _("Directions below the base level"), _("Critical deficits")]
    ]
    for number, part in enumerate(parts, start=1):
        critical = sum(1 for line in part.deficits if line.critical)
        rows.append(
            [
                str(number),
                para(part.school.short_name, cell),
                para("; ".join(part.below_base), cell),
                format_number(critical),
            ]
        )
    widths = [22.0, 150.0, 0.0, 60.0]
    widths[2] = CONTENT_WIDTH - sum(widths)
    return [data_table(rows, widths, zebra=True)]


def _changes(data: SelfdiagReportData) -> list[Flowable]:
    styles = report_styles()
    cell = styles.table_cell_small
    parts = [part for part in data.with_rounds if part.earlier is not None]
    if not parts:
        return [para(_("No school has two rounds in the period to compare."), styles.body)]
    rows: list[list[Any]] = [
        ["№", _("School"), _("Earlier round"), _("Later round"), _("Directions up / down")]
    ]
    for number, part in enumerate(parts, start=1):
        up = sum(1 for line in part.directions if (line.level_change or 0) > 0)
        down = sum(1 for line in part.directions if (line.level_change or 0) < 0)
        rows.append(
            [
                str(number),
                para(part.school.short_name, cell),
                [para(part.earlier_name, cell), para(bar_text(part.total.earlier), cell)],
                [para(part.later_name, cell), _level_cell(part.total.later, cell)],
                f"{format_number(up)} / {format_number(down)}",
            ]
        )
    widths = [22.0, 0.0, 120.0, 120.0, 70.0]
    widths[1] = CONTENT_WIDTH - sum(widths)
    note = _("Each round: the total points of the maximum and the overall level.")
    return [data_table(rows, widths, zebra=True), Spacer(1, 3), para(note, styles.small)]


def summary_story(data: SelfdiagReportData, tail: list[Flowable]) -> list[Flowable]:
    """The sections across the schools, then each school's results (``tail``, the
    signatures, with the last one's conclusion)."""
    styles = report_styles()
    titles = [
        _("Levels by direction"),
        _("Schools below the base level"),
        _("Change between rounds"),
    ]
    counts, below, changes = (
        para(f"{n}. {title}", styles.heading) for n, title in enumerate(titles, start=1)
    )
    curator = curator_line(data.curator)
    rows: list[list[Any]] = [
        [_("Prepared by"), curator or "—"],
        [_("Schools with a round in the period"), format_number(len(data.with_rounds))],
        [_("Indicators and thresholds"), data.catalog_title or "—"],
    ]
    story: list[Flowable] = [label_table(rows)]
    story += [counts, _counts_table(data), Spacer(1, 3)]
    story.append(para(_("By each school's later round of the period."), styles.small))
    story += [below, *_below_base(data)]
    story += [changes, *_changes(data)]
    parts = data.with_rounds
    for number, part in enumerate(parts, start=len(titles) + 1):
        story.append(para(f"{number}. {part.school.short_name}", styles.heading))
        last = part is parts[-1]
        story += school_story(data, part, number=str(number), tail=tail if last else [])
    return story


# --- the document -------------------------------------------------------------------------------


def _signatures(data: SelfdiagReportData) -> Flowable:
    curator = data.curator
    author = "\n".join(
        p for p in (_("Report prepared by:"), curator.position, curator.organisation) if p
    )
    lines = [(author, curator.full_name)]
    if data.single:
        director = _("I have read the report:") + "\n" + _("director of the school")
        lines.append((director, data.schools[0].school.director_name))
    return signature_block(lines)


def story(data: SelfdiagReportData) -> list[Flowable]:
    """The справка's content, for :func:`layout.build_pdf`."""
    styles = report_styles()
    title, _subject = describe(data)
    period = _("for the period from {start} to {end}").format(
        start=format_date(data.date_from), end=format_date(data.date_to)
    )
    story: list[Flowable] = [para(title, styles.title)]
    tail = [Spacer(1, 14), _signatures(data)]
    if data.single:
        part = data.schools[0]
        story.append(para(f"{part.school.short_name}, {period}", styles.subtitle))
        story += school_story(data, part, tail=tail)
    else:
        story.append(para(period, styles.subtitle))
        story += summary_story(data, tail)
    return story


def author_of(data: SelfdiagReportData) -> str:
    return data.curator.full_name


def render(
    data: SelfdiagReportData, target: Path, meta: ReportMeta, *, image_cache: Path
) -> Written:
    """Write the справка to ``target``; return its pages and SHA-256."""
    del image_cache
    return build_pdf(target, replace(meta, author=meta.author or author_of(data)), story(data))
