"""The register's helpers on a real store and real files: the next document number found by the
database (numbers past 9999, odd numbers ignored, deleted rows counted), and the atomic write
with the file's SHA-256."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curator_desktop.services.reports.form.meta import Written
from curator_desktop.services.reports.storage import next_number, write_atomically
from curator_desktop.store.database import Database
from curator_desktop.store.tables import GeneratedReport


def add_numbers(db: Database, *numbers: str, deleted: bool = False) -> None:
    with db.session() as session:
        for number in numbers:
            session.add(
                GeneratedReport(
                    kind="visit",
                    title="Справка",
                    language="ru",
                    file_sha256="0" * 64,
                    data_sha256="0" * 64,
                    version=1,
                    document_number=number,
                    generated_at=dt.datetime(2026, 11, 22, tzinfo=dt.UTC),
                    deleted=deleted,
                )
            )


def number(db: Database, kind: str = "visit", year: int = 2026) -> str:
    with db.session() as session:
        return next_number(session, kind, year)


def test_the_first_number_of_a_prefix_and_year(database: Database) -> None:
    add_numbers(database, "СП-2025-0007", "ПВ-2026-0003")
    assert number(database) == "СП-2026-0001"
    assert number(database, "protocol") == "ПВ-2026-0004"


def test_the_largest_number_counts_as_a_number_not_as_text(database: Database) -> None:
    add_numbers(database, "СП-2026-9999", "СП-2026-10000", "СП-2026-0999")
    assert number(database) == "СП-2026-10001"


def test_numbers_not_made_of_digits_are_ignored_and_deleted_ones_count(
    database: Database,
) -> None:
    add_numbers(database, "СП-2026-0005", "СП-2026-0099a", "СП-2026-", "СП-2026-12 b")
    add_numbers(database, "СП-2026-0031", deleted=True)
    assert number(database) == "СП-2026-0032"


def test_a_like_wildcard_in_a_number_is_no_wildcard(database: Database) -> None:
    add_numbers(database, "СП_2026-0050", "СП%2026-0060")
    assert number(database) == "СП-2026-0001"


def test_the_written_file_and_its_hash(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "report.pdf"

    content = b"%PDF-1.4 " + bytes(range(256)) * 5000

    def render(path: Path) -> Written:
        path.write_bytes(content)
        return Written(4, "the renderer's hash")

    assert write_atomically(target, render) == Written(4, "the renderer's hash")
    assert target.read_bytes() == content
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]


def test_a_failed_render_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "report.pdf"

    def render(path: Path) -> Written:
        path.write_bytes(b"half")
        raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError):
        write_atomically(target, render)
    assert list(folder.iterdir()) == []
