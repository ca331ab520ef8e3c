"""The coordinator's analytical справки on the region, in the curator's reports' form: on a
monitoring stage (share of schools with data, positive changes by direction), on first visits
and verification, on documents, and the region summary for a period; each with its counts per
municipality and per curator, the pictures drawn once for screen and PDF, conclusions to write
by hand, and the coordinator's signature.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from curator_desktop.domain.enums import ReportKind
from curator_desktop.i18n import _, format_date, format_number, pgettext
from curator_desktop.services.reports.charts import (
    region_levels_chart as levels_chart,
)
from curator_desktop.services.reports.charts import (
    region_stage_chart as stage_chart,
)
from curator_desktop.services.reports.charts.region_visits_chart import visits_chart_drawing
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    build_pdf,
    data_table,
    para,
    report_styles,
    signature_block,
    signed_end,
)
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.period.closing import ruled_lines
from curator_desktop.services.reports.protocol.report import curator_line, label_table
from curator_desktop.services.reports.region.data import (
    STAGES,
    DirectionLine,
    GroupLine,
    RegionReportData,
    collect,
)

__all__ = ["RegionReportData", "collect", "describe", "render", "story"]

REPORT_KINDS = {
    "monitoring": ReportKind.REGION_MONITORING,
    "visits": ReportKind.REGION_VISITS,
    "documents": ReportKind.REGION_DOCUMENTS,
    "summary": ReportKind.REGION_SUMMARY,
}
"""The справка of each ``kind`` (the CLI's --kind) as a report kind."""
CHART_WIDTH = 560.0
CURATOR_CHARTS = 12
"""Curators' own weekly charts at most (those furthest behind their plan)."""
CONCLUSION_LINES = 6
SECTION_ROOM = 110.0
"""Points a section needs below its heading to start on a page (else it starts the next)."""
CHART_ROWS = 10
"""Municipalities (or directions) in one drawing: a drawing never splits across pages."""


def describe(data: RegionReportData) -> tuple[str, str]:
    """The title and the running header's subject: the region and the period."""
    title = REPORT_KINDS[data.kind].label
    return title, ", ".join(p for p in (data.region, period_text(data)) if p)


def period_text(data: RegionReportData) -> str:
    return _("{start} – {end}").format(
        start=format_date(data.date_from, "short"), end=format_date(data.date_to, "short")
    )


def share(part: int, whole: int) -> str:
    """«12 (40 %)»; «0» of none."""
    if not whole:
        return format_number(part)
    percent = format_number((200 * part + whole) // (2 * whole))  # halves up: 62.5 → 63
    return _("{count} ({percent} %)").format(count=format_number(part), percent=percent)


def of(part: int, whole: int) -> str:
    """«3 of 5»."""
    return _("{part} of {whole}").format(part=format_number(part), whole=format_number(whole))


def _scaled(drawing: Any) -> Any:
    """A chart drawn at :data:`CHART_WIDTH` (its labels need it), scaled to the text width."""
    factor = CONTENT_WIDTH / drawing.width
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


# --- tables per municipality and per curator ------------------------------------------------------

Column = tuple[str, float, Callable[[GroupLine], str]]
"""A column: its title, its width (0: the rest) and its cell of a group."""


def _group_table(
    data: RegionReportData, groups: Sequence[GroupLine], first: str, columns: Sequence[Column]
) -> Flowable:
    styles = report_styles()
    cell = styles.table_cell_small
    rows: list[list[Any]] = [[first, *(title for title, _w, _c in columns)]]
    for group in groups:
        rows.append([para(group.name or _("not known"), cell), *(c(group) for *_t, c in columns)])
    rows.append([_("Region in total"), *(c(data.total) for *_t, c in columns)])
    widths = [width for _t, width, _c in columns]
    widths.insert(0, CONTENT_WIDTH - sum(widths))
    last = len(rows) - 1
    extra = [
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("LINEABOVE", (0, last), (-1, last), 0.8, "#555555"),
        ("FONTNAME", (0, last), (-1, last), styles.table_header.fontName),
    ]
    return data_table(rows, widths, zebra=True, extra_style=extra, cell_style=cell)


def _per_groups(data: RegionReportData, columns: Sequence[Column]) -> list[list[Flowable]]:
    """The municipality table and the curator table with ``columns``."""
    note = _(
        "A school with several curators counts for each of them; the region's total counts it "
        "once. Figures of the cycle year {year} as of {day}."
    ).format(year=data.year, day=format_date(data.as_of, "short"))
    return [
        [_group_table(data, data.municipalities, _("Municipality"), columns)],
        [
            _group_table(data, data.curators, _("Curator"), columns),
            Spacer(1, 3),
            para(note, report_styles().small),
        ],
    ]


def _schools_column() -> Column:
    return (_("Schools"), 46.0, lambda g: format_number(g.schools))


def _monitoring_columns() -> list[Column]:
    return [
        _schools_column(),
        (pgettext("monitoring", "Stage 1: schools with data"), 96.0,
         lambda g: share(g.monitoring_1, g.schools)),
        (pgettext("monitoring", "Stage 2: schools with data"), 96.0,
         lambda g: share(g.monitoring_2, g.schools)),
    ]  # fmt: skip


def _visits_columns() -> list[Column]:
    return [
        _schools_column(),
        (_("First visit held"), 66.0, lambda g: share(g.first_visit, g.schools)),
        (_("First visit overdue"), 56.0, lambda g: format_number(g.first_visit_overdue)),
        (_("All risks verified"), 66.0, lambda g: share(g.verified, g.schools)),
        (_("Factors verified"), 62.0, lambda g: of(g.risks_verified, g.risk_factors)),
        (_("Directions activated"), 60.0, lambda g: format_number(g.directions_activated)),
    ]


def _documents_columns() -> list[Column]:
    return [
        _schools_column(),
        (_("Documents accepted"), 90.0, lambda g: of(g.documents_accepted, g.documents_expected)),
        (_("Schools with every document accepted"), 110.0,
         lambda g: share(g.documents_full, g.schools)),
        (_("Directions activated"), 66.0, lambda g: format_number(g.directions_activated)),
    ]  # fmt: skip


def _summary_columns() -> list[Column]:
    return [
        _schools_column(),
        (_("First visit held"), 48.0, lambda g: format_number(g.first_visit)),
        (_("All risks verified"), 50.0, lambda g: format_number(g.verified)),
        (_("Documents accepted"), 52.0, lambda g: format_number(g.documents_full)),
        (pgettext("monitoring", "Stage 1"), 40.0, lambda g: format_number(g.monitoring_1)),
        (pgettext("monitoring", "Stage 2"), 40.0, lambda g: format_number(g.monitoring_2)),
        (_("Visits held of planned"), 56.0, lambda g: of(g.visits_completed, g.visits_planned)),
        (_("Overdue recommendations"), 62.0, lambda g: format_number(g.recommendations_overdue)),
    ]


# --- pictures -------------------------------------------------------------------------------------


def _stage_charts(data: RegionReportData) -> list[Flowable]:
    """The stage chart, one drawing per :data:`CHART_ROWS` municipalities (a page holds it)."""
    rows = [
        stage_chart.StageRow(
            group.name, group.schools, tuple(group.stage(key) for key, _test in STAGES)
        )
        for group in data.municipalities
    ]
    parts = [rows[n : n + CHART_ROWS] for n in range(0, len(rows), CHART_ROWS)] or [[]]
    return [
        _scaled(
            stage_chart.stage_chart_drawing(part, CHART_WIDTH, stage_chart.chart_height(len(part)))
        )
        for part in parts
    ]


def _levels_charts(
    lines: Sequence[DirectionLine], scale: Sequence[tuple[str, str]]
) -> list[Flowable]:
    """The levels chart, one drawing per 2 × :data:`CHART_ROWS` directions."""
    rows = [levels_chart.LevelRow(line.name, line.counts) for line in lines]
    size = 2 * CHART_ROWS
    return [
        _scaled(
            levels_chart.levels_chart_drawing(
                rows[n : n + size],
                scale,
                CHART_WIDTH,
                levels_chart.chart_height(len(rows[n : n + size])),
            )
        )
        for n in range(0, len(rows), size)
    ]


def _visits_charts(data: RegionReportData, *, curators: bool) -> list[Flowable]:
    styles = report_styles()
    region = data.region_weeks
    story: list[Flowable] = [
        _scaled(visits_chart_drawing(data.weeks, region.done, region.planned, CHART_WIDTH, 170.0)),
        para(
            _(
                "Bars: visits held each week, by the day held; line: visits planned for the "
                "week, by the planned day. In the period up to {day}: held {held}, planned "
                "{planned}."
            ).format(
                day=format_date(min(data.date_to, data.as_of), "short"),
                held=format_number(sum(region.done)),
                planned=format_number(sum(region.planned)),
            ),
            styles.small,
        ),
    ]
    if not curators or not data.curator_weeks:
        return story
    behind = sorted(data.curator_weeks, key=lambda c: (sum(c.done) - sum(c.planned), c.name))[
        :CURATOR_CHARTS
    ]
    if len(data.curator_weeks) > CURATOR_CHARTS:
        story.append(
            para(
                _("Each curator's weeks: the {n} furthest behind their plan.").format(
                    n=format_number(CURATOR_CHARTS)
                ),
                styles.small,
            )
        )
    for curator in sorted(behind, key=lambda c: c.name):
        title = "{name}: {held}".format(
            name=curator.name or _("not known"),
            held=_("held {held} of {planned} planned").format(
                held=format_number(sum(curator.done)), planned=format_number(sum(curator.planned))
            ),
        )
        drawing = visits_chart_drawing(
            data.weeks, curator.done, curator.planned, CHART_WIDTH, 96.0,
            title=title, legend=False,
        )  # fmt: skip
        story.append(_scaled(drawing))
    return story


def _levels_table(lines: Sequence[DirectionLine], scale: Sequence[tuple[str, str]]) -> Flowable:
    styles = report_styles()
    cell = styles.table_cell_small
    rows: list[list[Any]] = [
        [pgettext("region report", "Direction"), *(name for _c, name in scale)]
    ]
    rows += [[para(line.name, cell), *map(format_number, line.counts)] for line in lines]
    widths = [60.0] * len(scale)
    widths.insert(0, CONTENT_WIDTH - sum(widths))
    extra = [("ALIGN", (1, 1), (-1, -1), "CENTER")]
    return data_table(rows, widths, zebra=True, extra_style=extra, cell_style=cell)


def _changes_table(data: RegionReportData) -> list[Flowable]:
    styles = report_styles()
    if not data.changes:
        return [para(_("No monitoring with an overall assessment is recorded in the period."),
                     styles.muted)]  # fmt: skip
    cell = styles.table_cell_small
    stage_names = {"stage1": pgettext("monitoring", "Stage 1"),
                   "stage2": pgettext("monitoring", "Stage 2")}  # fmt: skip
    rows: list[list[Any]] = [
        [_("Activated direction"), pgettext("monitoring", "Stage"), _("Schools"),
         _("Changes have come"), _("Some changes"), _("No changes")],
    ]  # fmt: skip
    for line in data.changes:
        rows.append(
            [
                para(line.name, cell),
                stage_names.get(line.stage, line.stage),
                format_number(line.schools),
                share(line.come, line.schools),
                share(line.partly, line.schools),
                share(line.none, line.schools),
            ]
        )
    widths = [52.0, 44.0, 72.0, 72.0, 72.0]
    widths.insert(0, CONTENT_WIDTH - sum(widths))
    note = _(
        "By the overall assessment of the positive changes in each school's monitoring at the "
        "stage; a school counts under every direction it activated."
    )
    extra = [("ALIGN", (1, 1), (-1, -1), "CENTER")]
    return [
        data_table(rows, widths, zebra=True, extra_style=extra, cell_style=cell),
        Spacer(1, 3),
        para(note, styles.small),
    ]


# --- the справки ----------------------------------------------------------------------------------


def _sections(data: RegionReportData) -> list[tuple[str, list[Flowable]]]:
    """The справка's numbered sections (title, content) before the conclusions."""
    from curator_desktop.services.reports.charts.region_levels_chart import (
        risk_scale,
        selfdiag_scale,
    )

    if data.kind == "monitoring":
        by_municipality, by_curator = _per_groups(data, _monitoring_columns())
        return [
            (_("Schools with monitoring data by municipality"), by_municipality),
            (_("Schools with monitoring data by curator"), by_curator),
            (_("Positive changes by direction"), _changes_table(data)),
        ]
    if data.kind == "visits":
        by_municipality, by_curator = _per_groups(data, _visits_columns())
        return [
            (_("First visits and verification by municipality"), by_municipality),
            (_("First visits and verification by curator"), by_curator),
            (_("Visits by week against the plan"), _visits_charts(data, curators=True)),
            (_("Risk levels by direction across the region"), _levels(data.risk_levels,
                                                                       risk_scale())),
        ]  # fmt: skip
    if data.kind == "documents":
        by_municipality, by_curator = _per_groups(data, _documents_columns())
        return [
            (_("Documents by municipality"), by_municipality),
            (_("Documents by curator"), by_curator),
        ]
    by_municipality, by_curator = _per_groups(data, _summary_columns())
    sections = [
        (_("Schools by stage by municipality"), [*_stage_charts(data), *by_municipality]),
        (_("Schools by stage by curator"), by_curator),
        (_("Visits by week against the plan"), _visits_charts(data, curators=False)),
        (_("Risk levels by direction across the region"), _levels(data.risk_levels,
                                                                   risk_scale())),
    ]  # fmt: skip
    if data.selfdiag_levels:
        sections.append(
            (_("Self-diagnosis levels by direction across the region"),
             _levels(data.selfdiag_levels, selfdiag_scale()))
        )  # fmt: skip
    return sections


def _levels(lines: Sequence[DirectionLine], scale: Sequence[tuple[str, str]]) -> list[Flowable]:
    if not lines:
        return [para(_("Nothing is recorded."), report_styles().muted)]
    return [*_levels_charts(lines, scale), Spacer(1, 4), _levels_table(lines, scale)]


def _header(data: RegionReportData) -> Flowable:
    total = data.total
    rows: list[list[Any]] = [
        [_("Region"), data.region or "—"],
        [_("Prepared by"), curator_line(data.coordinator) or "—"],
        [_("Data as of"), format_date(data.as_of)],
        [_("Cycle year"), str(data.year)],
        [_("Schools"), format_number(total.schools)],
        [_("Municipalities"), format_number(len(data.municipalities))],
        [_("Curators"), format_number(len(data.curators))],
    ]
    return label_table(rows)


def _signatures(data: RegionReportData) -> list[Flowable]:
    coordinator = data.coordinator
    title = _("Coordinator")
    named = title.casefold() in coordinator.position.casefold()  # «региональный координатор»
    role = ", ".join(
        p for p in ("" if named else title, coordinator.position, coordinator.organisation) if p
    )
    return [
        Spacer(1, 12),
        para(_("Report prepared by:"), report_styles().body),
        signature_block([(role, coordinator.full_name)]),
    ]


def story(data: RegionReportData) -> list[Flowable]:
    """The справка's content, for :func:`layout.build_pdf`."""
    styles = report_styles()
    title, _subject = describe(data)
    period = _("for the period from {start} to {end}").format(
        start=format_date(data.date_from), end=format_date(data.date_to)
    )
    story: list[Flowable] = [para(title, styles.title), para(period, styles.subtitle)]
    story.append(_header(data))
    sections = _sections(data)
    for number, (heading, content) in enumerate(sections, start=1):
        story += [CondPageBreak(SECTION_ROOM), para(f"{number}. {heading}", styles.heading)]
        story += content
    closing = _("Conclusions and proposals")
    conclusions = [
        para(f"{len(sections) + 1}. {closing}", styles.heading),
        ruled_lines(CONCLUSION_LINES),
    ]
    story.append(signed_end(conclusions, _signatures(data)))
    return story


def render(data: RegionReportData, target: Path, meta: ReportMeta, *, image_cache: Path) -> Written:
    """Write the справка to ``target``; return its pages and SHA-256."""
    del image_cache
    author = meta.author or data.coordinator.full_name
    return build_pdf(target, replace(meta, author=author), story(data))
