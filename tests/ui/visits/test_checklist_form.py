"""The checklist form says what is filled (not a score where there is no scale) and numbers its
sections and items exactly as the справка prints them, for every built-in template."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from curator_desktop.domain.checklists.answers import localized
from curator_desktop.i18n import _
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.ui.visits.editor.checklist_form import ChecklistForm
from tests.services.reports.report_helpers import render_pdf
from tests.ui.visits.checklist_cases import builtin_templates, condition_answers, new_visit


def _open_form(window: Any, qtbot: Any, visit_id: str, lesson: bool) -> ChecklistForm:
    editor = window.visit_windows.open(visit_id)
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.tabs.setCurrentWidget(editor.lessons if lesson else editor.checklist_holder)
    form = editor.lessons.form if lesson else editor.form
    assert form is not None
    return form


def _entry(form: ChecklistForm, section_key: str) -> str:
    """The section list's text of the section keyed ``section_key``."""
    keys = [section["key"] for section in form.content["sections"]]
    return form.section_list.item(keys.index(section_key)).text()


def _template(key: str) -> dict[str, Any]:
    return next(content for content in builtin_templates() if content["id"] == key)


def test_a_section_says_what_is_filled_not_a_score(open_window, qtbot) -> None:
    window = open_window(demo=True)
    visit_id, _lesson = new_visit(window.context, _template("primary-visit"), {})
    form = _open_form(window, qtbot, visit_id, lesson=False)
    entry = _entry(form, "intro")
    assert entry.splitlines()[1:] == ["0 of 7 filled · required unanswered: 4"]
    form.row("intro.director_met").input.choose("yes")  # a «yes» made it «100 %» before
    entry = _entry(form, "intro")
    assert "%" not in entry
    assert entry.splitlines() == [
        "1. Meeting the administration and the working group",
        "1 of 7 filled · required unanswered: 3",
    ]
    assert form.score_label.isHidden()  # the primary visit is no scored scale
    assert not form.progress.isHidden()


def test_a_scored_sheet_shows_points_but_not_for_the_curators_action(open_window, qtbot) -> None:
    window = open_window(demo=True)
    visit_id, _lesson = new_visit(window.context, _template("lesson-observation"), {})
    form = _open_form(window, qtbot, visit_id, lesson=True)
    for key, value in {
        "goals.lesson_plan": "yes",
        "goals.goal_stated": 2,
        "goals.students_involved": 1,
        "summary.discussed_with_teacher": "no",  # what the curator did: never scored
    }.items():
        row = form.row(key)
        assert row is not None
        row.input.choose(value)
    assert not form.score_label.isHidden()
    assert form.score_label.text() == _("Score: {points} of {maximum} ({percent} %)").format(
        points=4, maximum=5, percent=80
    )
    assert _entry(form, "goals").splitlines()[-1] == "Score: 4 of 5 (80 %)"
    assert "Score" not in _entry(form, "summary")
    assert "Score" not in _entry(form, "feedback")  # nothing on its scale answered yet


def _form_numbers(form: ChecklistForm) -> tuple[list[str], list[tuple[str, str]]]:
    """The section list's titles and (number, question) of the numbered items, as the form
    shows them."""
    titles = [
        form.section_list.item(row).text().splitlines()[0]
        for row in range(form.section_list.count())
        if not form.section_list.isRowHidden(row)
    ]
    numbers = []
    for section in form.content["sections"]:
        for item in section["items"]:
            row = form.row(item["key"])
            assert row is not None
            shown = re.match(r"<b>([\d.]+)</b>", row.question.text())  # as on screen
            if not row.isHidden() and shown:
                numbers.append((shown[1], localized(item["text"])))
    return titles, numbers


def test_the_form_numbers_as_the_spravka_prints(open_window, qtbot, tmp_path: Path) -> None:
    window = open_window(demo=True)
    context = window.context
    checked = 0
    for content in builtin_templates():
        lesson = content["purpose"] == "lesson"
        for every in (True, False):
            answers = condition_answers(content, every=every)
            visit_id, _lesson = new_visit(context, content, answers)
            titles, numbers = _form_numbers(_open_form(window, qtbot, visit_id, lesson))
            data = visit_report.collect(
                context.database, visit_id, attachments_dir=tmp_path / "attachments"
            )
            printed = data.lessons[0].sections if lesson else data.checklist.sections
            case = f"{content['id']} ({'every' if every else 'last'} condition answered)"
            assert [f"{s.number}. {s.title}" for s in printed] == [
                title for title in titles if title[0].isdigit()
            ], case
            printed_numbers = [
                (row.number, row.question) for section in printed for row in section.items
            ]
            assert printed_numbers == numbers, case
            pdf = render_pdf(
                visit_report,
                data,
                tmp_path / visit_id,
                tmp_path / "copies",
                kind="visit",
                document_number="СП-2026-0001",
                draft=True,
            )
            for section in printed:
                assert f"{section.number}. {section.title.split()[0]}" in pdf.text, case
                for row in section.items:
                    assert f"{row.number} {row.question.split()[0]}" in pdf.text, case
            checked += 1
    assert checked == 2 * len(builtin_templates())
