"""«Экспертное заключение»: the curator's written conclusion on one version of a school's
document — the school, the document and its version (received when, from whom), the criteria
file used, each criterion rated with a comment, for an antirisk programme the target indicators
(baseline, target, deadline), the remarks, the conclusion («принять» / «на доработку») with the
revision deadline, and the signature «Заключение подготовил(а)».
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from curator_desktop.i18n import _, format_date, pgettext
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
from curator_desktop.services.reports.protocol.report import curator_line, label_table
from curator_desktop.services.reports.review.data import collect
from curator_desktop.services.reports.review.types import ReviewReportData

__all__ = [
    "ReviewReportData",
    "author_of",
    "collect",
    "describe",
    "render",
    "section_titles",
    "story",
    "title_text",
]


def title_text() -> str:
    return _("Expert opinion")


def describe(data: ReviewReportData) -> tuple[str, str]:
    """The report's title and running-header subject (the school and the document)."""
    return title_text(), f"{data.school.short_name}, {data.kind_label}"


def author_of(data: ReviewReportData) -> str:
    """Who made the opinion: the curator (the PDF's Author)."""
    return data.curator.full_name


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _date(value: Any) -> str:
    return format_date(value) if value else "—"


def _version_text(data: ReviewReportData) -> str:
    version = data.version
    text = _("version {number}").format(number=version.number)
    if version.label and version.label != str(version.number):
        text = f"{text} ({version.label})"
    return text


def _header(data: ReviewReportData) -> Flowable:
    rows: list[list[Any]] = [
        [_("Region"), data.school.region or data.curator.region or "—"],
        [_("Programme"), data.school.programme],
        [_("School"), data.school.full_name],
        [_("Director"), data.school.director_name or "—"],
        [_("Document"), data.document_title or data.kind_label],
    ]
    if data.direction:
        rows.append([_("Risk direction"), data.direction])
    received = _("version {number} received on {date}").format(
        number=data.version.number, date=_date(data.version.received_on)
    )
    if data.version.file_name:
        received += "\n" + _("file: {name}").format(name=data.version.file_name)
    rows += [
        [_("Version"), received],
        [_("Received from"), data.version.received_from or "—"],
        [_("Date of the review"), _date(data.reviewed_on)],
        [_("Expert (curator)"), curator_line(data.curator) or "—"],
        [_("Review criteria"), data.criteria_edition],
    ]
    return label_table(rows)


def _criteria(data: ReviewReportData) -> list[Flowable]:
    styles = report_styles()
    if not data.criteria:
        return [para(_("The document was not rated against criteria."), styles.body)]
    cell = styles.table_cell
    muted = ParagraphStyle("muted-cell", parent=cell, textColor=styles.muted.textColor)
    rows: list[list[Any]] = [
        [_("No."), _("Criterion"), pgettext("review criterion", "Assessment"), _("Comment")]
    ]
    for number, row in enumerate(data.criteria, start=1):
        rating = row.rating_label if row.rating else _("not rated")
        rows.append(
            [
                str(number),
                row.text,
                para_markup(f"<b>{_esc(rating)}</b>", cell) if row.rating else para(rating, muted),
                row.comment or "—",
            ]
        )
    widths = [22.0, 190.0, 88.0]
    widths.append(CONTENT_WIDTH - sum(widths))
    counts = {
        key: sum(r.rating == key for r in data.criteria) for key in ("meets", "partly", "not_meets")
    }
    total = _("Meets: {meets}; partly meets: {partly}; does not meet: {not_meets}.").format(
        **counts
    )
    return [data_table(rows, widths, zebra=True), Spacer(1, 4), para(total, styles.small)]


def _indicators(data: ReviewReportData) -> list[Flowable]:
    styles = report_styles()
    if not data.indicators:
        return [para(_("No target indicators were recorded."), styles.body)]
    rows: list[list[Any]] = [
        [
            _("No."),
            _("Target indicator"),
            _("Baseline value"),
            _("Target value"),
            _("Deadline"),
        ]
    ]
    for number, row in enumerate(data.indicators, start=1):
        deadline = format_date(row.deadline) if row.deadline else row.deadline_text or "—"
        rows.append([str(number), row.name, row.baseline or "—", row.target or "—", deadline])
    widths = [22.0, 0.0, 78.0, 78.0, 96.0]
    widths[1] = CONTENT_WIDTH - sum(widths)
    return [data_table(rows, widths, zebra=True)]


def _remarks(data: ReviewReportData) -> list[Flowable]:
    styles = report_styles()
    text = data.remarks.strip()
    return [para(text or _("No remarks."), styles.body)]


def _conclusion(data: ReviewReportData) -> list[Flowable]:
    styles = report_styles()
    if data.conclusion is None:
        return [para(_("The review is not finished: no conclusion yet."), styles.body)]
    label = _esc(data.conclusion_label)
    story: list[Flowable] = [
        para_markup(
            _esc(_("The curator's conclusion on the document:")) + f" <b>{label}</b>.",
            styles.body,
        )
    ]
    if data.conclusion == "revise":
        deadline = _date(data.revision_deadline)
        story.append(
            para(_("Deadline for the revised version: {date}").format(date=deadline), styles.body)
        )
    elif data.accept_reason.strip():
        story.append(
            para(
                _("Accepted although a criterion is not met, because: {reason}").format(
                    reason=data.accept_reason.strip()
                ),
                styles.body,
            )
        )
    return story


def section_titles(data: ReviewReportData) -> list[str]:
    """The numbered section headings, in the current language."""
    titles = [_("Assessment against the criteria")]
    if data.shows_indicators:
        titles.append(_("Target indicators of the programme"))
    titles += [_("Remarks"), _("Conclusion")]
    return [f"{number}. {title}" for number, title in enumerate(titles, start=1)]


def _signatures(data: ReviewReportData) -> Flowable:
    curator = data.curator
    author = "\n".join(
        p for p in (_("Opinion prepared by:"), curator.position, curator.organisation) if p
    )
    return signature_block([(author, curator.full_name)])


def story(data: ReviewReportData) -> list[Flowable]:
    """The opinion's content, for :func:`layout.build_pdf`."""
    styles = report_styles()
    headings = [para(t, styles.heading) for t in section_titles(data)]
    subtitle = _("on the document «{document}», {version}").format(
        document=data.kind_label, version=_version_text(data)
    )
    if data.year:
        subtitle += "\n" + _("Cycle year {year}").format(year=data.year)
    parts: list[list[Flowable]] = [_criteria(data)]
    if data.shows_indicators:
        parts.append(_indicators(data))
    parts.append(_remarks(data))
    result: list[Flowable] = [
        para(title_text(), styles.title),
        para(subtitle, styles.subtitle),
        _header(data),
    ]
    for heading, part in zip(headings[:-1], parts, strict=True):
        result += [heading, *part]
    # the signature never stands alone on a page: the conclusion comes with it
    result.append(
        signed_end([headings[-1], *_conclusion(data)], [Spacer(1, 14), _signatures(data)])
    )
    return result


def render(
    data: ReviewReportData, target: Path, meta: ReportMeta, *, image_cache: Path | None = None
) -> Written:
    """Write the opinion to ``target``; return its pages and SHA-256 (no photos: ``image_cache``
    is unused)."""
    del image_cache
    meta = replace(meta, author=meta.author or author_of(data), draft=meta.draft or data.draft)
    return build_pdf(target, meta, story(data))
