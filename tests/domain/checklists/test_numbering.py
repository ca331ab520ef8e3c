"""One numbering for the form and the справка: only what is shown counts, a lesson sheet's head
section is unnumbered; and how far each section is filled (not a score)."""

from __future__ import annotations

import json
from typing import Any

from curator_desktop.domain.checklists.numbering import (
    item_numbers,
    numbered_sections,
    numbered_title,
)
from curator_desktop.domain.checklists.progress import SectionProgress, section_progress
from curator_desktop.paths import resource_dir


def builtin(name: str) -> dict[str, Any]:
    path = resource_dir() / "checklists" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_hidden_sections_and_items_take_no_number() -> None:
    content = builtin("planned-visit")
    answers = {"general.directions": ["R01", "R04"], "general.roadmap_followed": "yes"}
    sections = numbered_sections(content, answers)
    assert [(s.key, s.number) for s in sections] == [
        ("general", "1"),
        ("r01", "2"),
        ("r04", "3"),
        ("summary", "4"),
    ]
    numbers = item_numbers(content, answers)
    assert "general.lag_reasons" not in numbers  # hidden: «roadmap followed» is yes
    assert numbers["general.working_group_meetings"] == "1.3"
    assert numbers["general.medk_entered"] == "1.4"
    assert numbers["r04.measures_on_schedule"] == "3.1"
    assert numbers["summary.positive_changes"] == "4.1"


def test_numbers_follow_the_answers() -> None:
    content = builtin("planned-visit")
    lagging = item_numbers(content, {"general.roadmap_followed": "no"})
    assert lagging["general.lag_reasons"] == "1.3"
    assert lagging["general.medk_entered"] == "1.5"
    assert lagging["summary.problems"] == "2.2"  # no direction chosen: no r-sections


def test_the_lesson_sheets_head_section_is_not_numbered() -> None:
    content = builtin("lesson-observation")
    sections = numbered_sections(content, {})
    head = [s for s in sections if s.key == "lesson"]
    if head:  # the sheet has a head section from version 3
        assert head[0].number == "" and all(number == "" for number, _item in head[0].items)
    judged = [s for s in sections if s.key != "lesson"]
    assert [s.number for s in judged] == [str(n) for n in range(1, len(judged) + 1)]
    assert judged[0].items[0][0] == "1.1"
    assert all(not key.startswith("lesson.") for key in item_numbers(content, {}))


def test_a_visit_checklist_numbers_every_shown_section() -> None:
    content = builtin("primary-visit")
    sections = numbered_sections(content, {})
    assert [s.number for s in sections] == ["1", "2", "3", "4", "5"]
    assert numbered_title("2", "Рисковый профиль") == "2. Рисковый профиль"
    assert numbered_title("", "Сведения об уроке") == "Сведения об уроке"


def test_section_progress_counts_filled_and_required_left() -> None:
    content = builtin("primary-visit")
    fresh = section_progress(content, {})
    intro = fresh["intro"]
    assert intro.filled == 0 and intro.shown == 7  # three conditional items hidden
    assert intro.required_missing == 4 and not intro.complete
    answered = section_progress(content, {"intro.director_met": "no"})["intro"]
    assert answered == SectionProgress(filled=1, shown=8, required_missing=4)  # reason appears
    assert section_progress(content, {"summary.readiness": 2, "summary.notes": "Да"})[
        "summary"
    ] == SectionProgress(2, 2, 0)
