"""The numbers of a checklist's sections and items, the same in the form and in the справка.

A curator reads «2.3» on screen and a coordinator reads the same «2.3» in the printed справка, so
both number what is shown for the answers, as printed: a section counts only when it has an item
shown, an item only when it is shown (an item or section hidden by a condition takes no number and
leaves no gap). A lesson sheet's head section (what describes the lesson rather than judges it,
printed as lines at the top of the lesson card) is shown unnumbered and does not count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curator_desktop.domain.checklists.items import visible_items

LESSON_HEAD_SECTION = "lesson"
"""The key of a lesson sheet's section printed in the lesson card's head, a line per item (the
purpose of the observation, the lesson's kind, the textbook series, the students present and on
the roll), not among the numbered items."""


@dataclass(frozen=True)
class NumberedSection:
    """A section with shown items: its number («2», empty for a head section) and its shown
    items as (number «2.3» or empty, item), in template order."""

    section: Mapping[str, Any]
    number: str
    items: tuple[tuple[str, Mapping[str, Any]], ...]

    @property
    def key(self) -> str:
        return str(self.section.get("key"))


def head_sections(content: Mapping[str, Any]) -> frozenset[str]:
    """Keys of the sections shown unnumbered: a lesson sheet's :data:`LESSON_HEAD_SECTION`."""
    return frozenset({LESSON_HEAD_SECTION}) if content.get("purpose") == "lesson" else frozenset()


def numbered_sections(
    content: Mapping[str, Any], answers: Mapping[str, Any]
) -> list[NumberedSection]:
    """The sections shown for ``answers`` (item key → value), numbered in order; sections with
    no item shown are left out."""
    shown = {item["key"] for item in visible_items(content, answers)}
    heads = head_sections(content)
    result: list[NumberedSection] = []
    count = 0
    for section in content.get("sections", []):
        items = [item for item in section.get("items", []) if item["key"] in shown]
        if not items:
            continue
        if section.get("key") in heads:
            result.append(NumberedSection(section, "", tuple(("", item) for item in items)))
            continue
        count += 1
        numbered = tuple((f"{count}.{index}", item) for index, item in enumerate(items, 1))
        result.append(NumberedSection(section, str(count), numbered))
    return result


def item_numbers(content: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, str]:
    """Item key → «2.3» of the numbered items shown for ``answers``."""
    return {
        item["key"]: number
        for section in numbered_sections(content, answers)
        for number, item in section.items
        if number
    }


def numbered_title(number: str, title: str) -> str:
    """«2. Title», or the bare title of an unnumbered section."""
    return f"{number}. {title}" if number else title
