"""The Latin words a store's own content holds: what people typed (a lesson topic «My Family», an
answer «VK Мессенджер») and the Russian texts of its templates and catalogs. A Russian report
may print those; any other Latin word in it is an untranslated string of the app. Use with
:func:`tests.services.reports.latin_words.latin_words`::

    latin_words(text, allowed=store_latin_words(database))
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

from curator_desktop.store.database import Database

TYPED = {
    "school": ("full_name", "short_name", "region", "municipality", "address", "director_name"),
    "curator_profile": ("full_name", "position", "organisation", "region", "email"),
    "visit": ("purpose", "agenda", "notes"),
    "visit_participant": ("full_name", "position", "role"),
    "lesson_observation": ("teacher", "subject", "class_name", "topic", "purpose", "lesson_type"),
    "checklist_answer": ("value", "comment"),
    "visit_finding": ("text",),
    "recommendation": ("text", "responsible", "progress_note"),
    "document_review": ("title", "comment", "version_label"),
    "risk_assessment": ("justification",),
    "risk_evidence": ("note",),
    "attachment": ("caption", "file_name"),
    "risk_catalog": ("title_ru",),
    "risk_factor": ("name_ru",),
}
"""Per table, the columns whose text people (or a catalog's Russian edition) wrote."""
TEMPLATES = {
    "checklist_template": "content",
    "visit": "template_snapshot",
    "lesson_observation": "template_snapshot",
}
_LATIN = re.compile(r"[A-Za-z]+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _russian_texts(value: Any) -> Iterator[str]:
    """The Russian texts of a template's JSON (its ``{"ru": …, "en": …}`` objects)."""
    if isinstance(value, dict):
        if isinstance(value.get("ru"), str):
            yield value["ru"]
        for key, inner in value.items():
            if key != "en":
                yield from _russian_texts(inner) if not isinstance(inner, str) else ()
    elif isinstance(value, list):
        for inner in value:
            yield from _russian_texts(inner)


def store_latin_words(database: Database) -> set[str]:
    """Every Latin word in the store's typed content and its templates' Russian texts."""
    words: set[str] = set()
    with sqlite3.connect(database.path) as connection:
        for table, columns in TYPED.items():
            for row in connection.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                for column, value in zip(columns, row, strict=True):
                    text = str(value or "")
                    if column == "value" and not _CYRILLIC.search(text):
                        continue  # a stored code (yes, on_time), printed as its label
                    words.update(_LATIN.findall(text))
        for table, column in TEMPLATES.items():
            for (content,) in connection.execute(f"SELECT {column} FROM {table}"):
                for text in _russian_texts(json.loads(content) if content else None):
                    words.update(_LATIN.findall(text))
    return words
