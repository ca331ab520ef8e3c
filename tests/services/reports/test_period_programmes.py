"""The period reports treat each school by its programme in the report's year: a school of
«Школа Минпросвещения России» is listed with the documents expected of it (the development
programme, not the concept and the medium-term programme of «500+»), and the summary does not
give it risk directions; a «500+» school keeps both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.selfdiag import SelfdiagService
from curator_desktop.store.database import Database
from tests.services.documents.document_fixtures import add_school as add_500_school
from tests.services.documents.document_fixtures import pdf_file
from tests.services.documents.document_fixtures import service as document_service
from tests.services.reports.latin_words import latin_words
from tests.services.reports.period_helpers import page_lines, render_period
from tests.services.reports.report_helpers import Rendered
from tests.services.reports.test_period_state import section_text
from tests.services.selfdiag.helpers import MAY, add_school, draft

FIVE_HUNDRED = "МБОУ «Озерецкая СОШ»"
SHMR = "СОШ № 1"


@pytest.fixture
def store(database: Database, tmp_path: Path) -> Database:
    """A «500+» school with two activated directions and its concept received; a school whose
    own programme is «500+» but that is in «Школа Минпросвещения» in 2026, with a round and its
    development programme received."""
    install_builtin_catalogs(database)
    documents = document_service(database, tmp_path)
    five_hundred = add_500_school(database, name=FIVE_HUNDRED)
    documents.receive_version(
        school_id=five_hundred, year=2026, kind="concept",
        source=pdf_file(tmp_path), received_on=dt.date(2026, 3, 10),
    )  # fmt: skip
    selfdiag = SelfdiagService(database)
    shmr = add_school(database, programme="500plus")
    selfdiag.set_programme(shmr, 2026, "minpros_school")
    selfdiag.save_round(draft(shmr, MAY, knowledge=12, health=25))
    documents.receive_version(
        school_id=shmr, year=2026, kind="development_programme",
        source=pdf_file(tmp_path, "programme.pdf"), received_on=dt.date(2026, 4, 1),
    )  # fmt: skip
    return database


def _activated_cell(report: Rendered, short_name: str, totals: str) -> str:
    """The «Activated directions» cell of the school's row in the summary table (the table's
    cells are extracted one a line: №, school, status, visits, three recommendation counts)."""
    lines = [line for page in page_lines(report.path) for line in page]
    start = next(n for n, line in enumerate(lines) if line.endswith(totals))
    row = lines.index(short_name, start)
    return lines[row + 6]


def test_each_school_is_listed_with_the_documents_of_its_programme_that_year(
    store: Database, tmp_path: Path
) -> None:
    report = render_period(store, tmp_path / "en")
    shmr = section_text(report, SHMR)
    assert "Development programme" in shmr
    assert "Development concept" not in shmr and "Medium-term" not in shmr
    assert "Antirisk programme" not in shmr
    five_hundred = section_text(report, FIVE_HUNDRED)
    assert (
        "Development concept" in five_hundred
        and "Medium-term development programme" in five_hundred
    )
    assert "Antirisk programme (R01)" in five_hundred
    assert "Development programme" not in five_hundred.replace(
        "Medium-term development programme", ""
    )
    assert _activated_cell(report, SHMR, "Totals across the schools") == "not applicable"
    assert _activated_cell(report, FIVE_HUNDRED, "Totals across the schools") == "R01, R04"
    assert "«School of the Ministry of Education»" in shmr.split("Visits held")[0]


def test_the_russian_report_says_it_in_russian(
    store: Database, tmp_path: Path, russian: None
) -> None:
    report = render_period(store, tmp_path / "ru")
    assert latin_words(report.text) == []
    shmr = section_text(report, SHMR)
    assert "Программа развития" in shmr and "Концепция развития" not in shmr
    assert "Среднесрочная программа развития" not in shmr
    assert _activated_cell(report, SHMR, "Сводные данные по школам") == "не применяется"
    assert "Концепция развития" in section_text(report, FIVE_HUNDRED)
