"""A document's status agrees with the document's name («Концепция развития — Принята»,
«Программа развития — Не получена»): every kind's name is feminine in Russian, and the status
words of the period report's document table and of the справка say so. One form per value: a
status at a table cell's start is capitalised (the ИС МЭДК column too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.domain.documents.kinds import KIND_GENDER, status_of_kind
from curator_desktop.domain.enums import DocumentType
from curator_desktop.i18n import pgettext
from curator_desktop.store.database import Database
from tests.services.reports.period_helpers import render_period


def test_every_kind_has_a_gender_and_its_own_status_words(russian) -> None:
    assert set(KIND_GENDER) == {kind.value for kind in DocumentType}
    assert status_of_kind(DocumentStatus.ACCEPTED, "concept") == "Принята"
    assert status_of_kind(DocumentStatus.MISSING, "development_programme") == "Не получена"
    assert status_of_kind(DocumentStatus.UPLOADED, "antirisk_programme") == "Загружена в ИС МЭДК"


@pytest.mark.usefixtures("russian")
def test_the_period_reports_document_table_agrees_with_the_documents(
    demo: Database, tmp_path: Path
) -> None:
    text = render_period(demo, tmp_path).text
    assert re.search(r"Принята, \d\d\.\d\d\.\d{4}", text)
    assert not re.search(r"Принят, \d\d\.\d\d\.\d{4}", text)
    assert re.search(pgettext("document upload, feminine", "Uploaded {date}").split()[0], text)
    assert not re.search(r"\bзагружен \d\d\.\d\d", text)
