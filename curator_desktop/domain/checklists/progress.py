"""How far each section of a checklist is filled in: what a curator needs to see, unlike a score.

Only the items shown for the answers count (see
:func:`~curator_desktop.domain.checklists.items.visible_items`); an item is filled when it has an
answer (:func:`~curator_desktop.domain.checklists.items.is_answered`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curator_desktop.domain.checklists.items import is_answered, visible_items


@dataclass(frozen=True)
class SectionProgress:
    """Of a section's shown items: how many are filled, and how many required ones are not."""

    filled: int = 0
    shown: int = 0
    required_missing: int = 0

    @property
    def complete(self) -> bool:
        return self.filled == self.shown


def section_progress(
    content: Mapping[str, Any], answers: Mapping[str, Any]
) -> dict[str, SectionProgress]:
    """Section key → its progress for ``answers`` (item key → value), every section in template
    order (a section with nothing shown has ``shown == 0``)."""
    shown = {item["key"] for item in visible_items(content, answers)}
    result: dict[str, SectionProgress] = {}
    for section in content.get("sections", []):
        filled = total = missing = 0
        for item in section.get("items", []):
            if item["key"] not in shown:
                continue
            total += 1
            if is_answered(answers.get(item["key"])):
                filled += 1
            elif item.get("required"):
                missing += 1
        result[section["key"]] = SectionProgress(filled, total, missing)
    return result
