"""The facts a curator signs in the period reports agree with each other and with the records:
the verified factors counted against the rows of the table (every factor of the catalog either a
row or named with the reason it is left out), the changes of risk levels counted per stage
(questionnaires → verification → the «as of» day) in each school's part and in the totals, a
school that left the programme shown as such (as of the report's day) and asked for nothing, the
level columns wide enough for their words, and scale answers in words, not codes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import update
from sqlmodel import col, select

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.domain.enums import RiskLevel, SchoolStatus
from curator_desktop.domain.risk.profile import effective_level
from curator_desktop.i18n import _, format_date, ngettext, pgettext
from curator_desktop.services.catalogs.builtin import active_factors_in
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, RiskAssessment, School
from tests.services.reports.period_helpers import (
    JUNE_END,
    RUN_DAY,
    YEAR_START,
    page_lines,
    render_period,
    school_named,
)
from tests.services.reports.report_helpers import Rendered, flat
from tests.services.reports.test_period_kinds import lower_a_risk_in_november
from tests.services.reports.test_period_state import section_text

YEAR = 2026


def catalog_codes(db: Database) -> list[str]:
    with db.session() as session:
        return [f.code for f in active_factors_in(session, YEAR)]


def profile(db: Database, school_id: str) -> dict[str, RiskAssessment]:
    """The school's 2026 risk assessments by factor code, detached."""
    with db.session() as session:
        rows = session.exec(
            select(RiskAssessment)
            .where(col(RiskAssessment.school_id) == school_id, col(RiskAssessment.year) == YEAR)
            .where(col(RiskAssessment.deleted).is_(False))
        ).all()
        for row in rows:
            session.expunge(row)
    return {row.factor_code: row for row in rows}


def shown_sentence(shown: int, total: int) -> str:
    return ngettext(
        "The table shows {shown} of {total} factor: those with a risk at some stage or "
        "activated as a direction.",
        "The table shows {shown} of {total} factors: those with a risk at some stage or "
        "activated as a direction.",
        total,
    ).format(shown=shown, total=total)


# --- problem 12: the count and the rows agree -------------------------------------------------


def test_every_factor_of_the_catalog_is_a_row_or_named_with_its_reason(
    demo: Database, tmp_path: Path
) -> None:
    """«верифицировано 11 из 11» above a table of 7 rows: the report now says how many factors
    the table shows and names every other one with why it is not there — no risk at any stage
    (verified), no risk by the questionnaires and not verified, or no record at all."""
    codes = catalog_codes(demo)
    kamenny = school_named(demo, "Каменнобродская")
    with demo.session() as session:  # a factor of which nothing was recorded
        row = session.exec(
            select(RiskAssessment)
            .where(col(RiskAssessment.school_id) == kamenny.id, col(RiskAssessment.year) == YEAR)
            .where(col(RiskAssessment.factor_code) == "R03")
        ).one()
        assert row.questionnaire_level == RiskLevel.NONE
        row.deleted = True
    for kind, end in (("interim", JUNE_END), ("final", RUN_DAY)):
        report = render_period(demo, tmp_path, YEAR_START, end, kind=kind)
        checked = 0
        for section in report.data.schools:
            if not section.risks.current:
                continue
            text = section_text(report, section.school.short_name)
            rows = profile(demo, section.school.id)
            verified = sum(r.verdict is not None for r in rows.values())
            counted = _(
                "Cycle year {year}: {verified} of {total} factors verified, {rejected} not "
                "confirmed."
            ).format(
                year=YEAR,
                verified=verified,
                total=len(codes),
                rejected=sum(r.verdict == "rejected" for r in rows.values()),
            )
            assert counted in text, section.short_name
            # the rows: a risk at some stage, or activated — from the records themselves
            shown = [
                c
                for c in codes
                if c in rows
                and (
                    rows[c].activated
                    or {
                        rows[c].questionnaire_level,
                        effective_level(
                            rows[c].questionnaire_level, rows[c].verdict, rows[c].adjusted_level
                        ),
                    }
                    - {None, RiskLevel.NONE.value}
                )
            ]
            assert [line.code for line in section.risks.lines] == shown, section.short_name
            assert shown_sentence(len(shown), len(codes)) in text, section.short_name
            left = [c for c in codes if c not in shown]
            no_risk = [c for c in left if c in rows and rows[c].verdict is not None]
            unverified = [c for c in left if c in rows and rows[c].verdict is None]
            missing = [c for c in left if c not in rows]
            reasons = (
                (no_risk, _("No risk by the questionnaires or at verification: {codes}.")),
                (unverified, _("No risk by the questionnaires, not verified: {codes}.")),
                (missing, _("No questionnaire data: {codes}.")),
            )
            for found, sentence in reasons:
                if found:
                    assert sentence.format(codes=", ".join(found)) in text, section.short_name
                else:
                    assert sentence.split(":")[0] not in text, section.short_name
            checked += 1
        assert checked == 6, kind
    # the three kinds of reasons occur in the demo
    final = section_text(report, school_named(demo, "Никольская").short_name)
    assert _("No risk by the questionnaires, not verified: {codes}.").format(codes="R02") in final
    assert _("No questionnaire data: {codes}.").format(codes="R03") in section_text(
        report, kamenny.short_name
    )


# --- problem 18: level changes counted per stage, traceable ------------------------------------


def change_parts(lower: int, higher: int, same: int, unverified: int = 0) -> str:
    parts = [
        (pgettext("level change", "lowered"), lower),
        (pgettext("level change", "raised"), higher),
        (pgettext("level change", "unchanged"), same),
    ]
    if unverified:
        parts.append((pgettext("level change", "not verified"), unverified))
    return ", ".join(f"{label} — {n}" for label, n in parts)


def test_the_final_report_counts_level_changes_per_stage_and_they_add_up(
    demo: Database, tmp_path: Path
) -> None:
    """«Снижен 0, повышен 0, без изменений 50» next to tables full of corrected levels: each
    school's part now counts the level at verification against the questionnaires and the level
    on the «as of» day against verification; the totals add those up, every column summing to
    the rows of the schools' tables."""
    school = school_named(demo, "Озерецкая")
    before = profile(demo, school.id)  # as verified, before R08 is lowered in November
    lower_a_risk_in_november(demo)
    report = render_period(demo, tmp_path)
    text = section_text(report, school.short_name)
    rank = {level.value: level.rank for level in RiskLevel}
    section = next(s for s in report.data.schools if s.school.id == school.id)
    shown = [line.code for line in section.risks.lines]
    counts = {"lower": 0, "higher": 0, "same": 0}
    for code in shown:
        row = before[code]
        verified = effective_level(row.questionnaire_level, row.verdict, row.adjusted_level)
        assert verified is not None
        step = rank[verified] - rank[row.questionnaire_level]
        counts["lower" if step < 0 else "higher" if step > 0 else "same"] += 1
    assert counts["lower"] and counts["higher"]  # the demo corrected levels both ways
    at_verification = _("Level at verification against the questionnaires: {changes}.").format(
        changes=change_parts(counts["lower"], counts["higher"], counts["same"])
    )
    assert at_verification in text
    since = _("Level on {date} against verification: {changes}.").format(
        date=format_date(RUN_DAY, "short"), changes=change_parts(1, 0, len(shown) - 1)
    )
    assert since in text
    # the totals: one column per comparison, each adding up to the rows of the tables
    current = [s for s in report.data.schools if s.risks.current]
    rows = sum(len(s.risks.lines) for s in current)
    unverified = sum(line.verified_level is None for s in current for line in s.risks.lines)
    assert unverified == 3  # Никольская R05, R06, R08
    lead = _("Factors in the schools' tables of the cycle year {year}: {n}; schools: {schools}.")
    assert lead.format(year=YEAR, n=rows, schools=len(current)) in report.text
    totals = report.data.totals
    first, second = totals.level_changes
    assert first.total == second.total == rows
    assert second.lower == 1 and second.higher == 0 and second.unverified == unverified
    assert first.lower >= counts["lower"] and first.unverified == unverified
    assert (
        first.lower + first.higher + first.same + first.unverified == rows
    )  # what the Total row prints
    last = " ".join(report.texts[-3:])
    assert _("Risk levels: questionnaires, verification, now") in last
    assert _("On {date} against verification").format(date=format_date(RUN_DAY, "short")) in last
    assert "Risk level since verification" not in last and _("Unchanged") in last


# --- problem 19: a school that left the programme ----------------------------------------------


def test_a_school_that_left_is_shown_as_such_and_asked_for_nothing(
    demo: Database, tmp_path: Path
) -> None:
    """Ракитинская ООШ completed the programme with its 2025 cycle: its part says so and asks
    for no 2026 document («Не получен / не загружен»), nor shows an old profile as if current."""
    finished = school_named(demo, "Ракитинская")
    for kind, end in (("interim", JUNE_END), ("final", RUN_DAY)):
        report = render_period(demo, tmp_path, YEAR_START, end, kind=kind)
        text = section_text(report, finished.short_name)
        assert DocumentStatus.MISSING.label not in text, kind
        assert (
            _("The school completed the programme; its last cycle year was {year}.").format(
                year=2025
            )
            in text
        ), kind
        assert (
            _(
                "It is not counted among the schools taking part; documents for {year} are not "
                "asked of it."
            ).format(year=YEAR)
            in text
        ), kind
        assert "R03 " not in text, kind  # the 2025 profile is not this report's
        assert report.data.totals.taking_part == 7, kind


def test_a_school_is_counted_by_its_status_on_the_reports_day(
    demo: Database, tmp_path: Path
) -> None:
    """Луговская ООШ withdrew on 15 September: the interim report (as of 30 June) counts it as
    taking part; the final one (as of 7 December) does not, and says since when."""
    school = school_named(demo, "Луговская")
    left_at = dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC)
    with demo.session() as session:
        row = session.get(School, school.id)
        assert row is not None
        row.status = SchoolStatus.WITHDRAWN.value
    with demo.session() as session:
        session.exec(  # type: ignore[call-overload]
            update(ChangeLog)
            .where(col(ChangeLog.entity) == School.__tablename__)
            .where(col(ChangeLog.entity_id) == school.id, col(ChangeLog.field) == "status")
            .values(at=left_at)
        )
    interim = render_period(demo, tmp_path, YEAR_START, JUNE_END, kind="interim")
    section = next(s for s in interim.data.schools if s.school.id == school.id)
    assert section.status == SchoolStatus.ACTIVE and section.left_on is None
    assert interim.data.totals.taking_part == 7
    assert SchoolStatus.label_for("withdrawn") not in section_text(interim, school.short_name)

    final = render_period(demo, tmp_path)
    section = next(s for s in final.data.schools if s.school.id == school.id)
    assert section.status == SchoolStatus.WITHDRAWN and section.left_on == left_at.date()
    assert final.data.totals.taking_part == 6
    text = section_text(final, school.short_name)
    assert (
        _("The school withdrew from the programme on {date}.").format(
            date=format_date(left_at.date())
        )
        in text
    )
    assert DocumentStatus.MISSING.label not in text
    # what it did while taking part is still told
    assert section.visit_total and section.risks.current and section.risks.lines


# --- problem 10: level columns wide enough ----------------------------------------------------


def test_level_labels_are_not_broken_across_lines(
    demo: Database, tmp_path: Path, russian: None
) -> None:
    """«Не верифицирован» wrapped in two narrow columns of the final report (Никольская)."""
    report = render_period(demo, tmp_path)
    label = _("Not verified")
    last_word = label.split()[-1]
    lines = [line for page in page_lines(report.path) for line in page]
    word = re.compile(rf"\b{re.escape(last_word)}\b")
    cells = [line for line in lines if ":" not in line and " — " not in line]  # not sentences
    broken = [line for line in cells if word.search(line) and label not in line]
    assert any(label in line for line in lines)
    assert broken == []


# --- problem 25: scale answers in words ---------------------------------------------------------


def coded(report: Rendered) -> list[str]:
    return [
        value
        for section in report.data.schools
        for row in section.monitoring.rows
        for value in row.values
        if re.match(r"^\d+ — ", value)
    ]


def test_monitoring_tables_print_scale_answers_without_their_codes(
    demo: Database, tmp_path: Path
) -> None:
    """«2 — улучшение», «1 — изменения наступили частично»: the words only."""
    for kind, end in (("interim", JUNE_END), ("final", RUN_DAY)):
        report = render_period(demo, tmp_path, YEAR_START, end, kind=kind)
        assert any(section.monitoring.rows for section in report.data.schools)
        assert coded(report) == [], kind
        assert not re.search(r"\s\d — [^\d\s]", flat(report.text)), kind
