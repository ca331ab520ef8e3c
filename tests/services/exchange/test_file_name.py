"""The default name of an exported package: the curator's surname, initials and the date, safe
as a file name on every system."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curator_desktop.services.exchange.file_name import MAX_SURNAME_CHARS, package_file_name

DAY = dt.date(2026, 12, 7)
WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Соколова Мария Викторовна", "Соколова_М_В_2026-12-07.curator"),
        ("Соколова М. В.", "Соколова_М_В_2026-12-07.curator"),
        ("Римская-Корсакова Анна", "Римская-Корсакова_А_2026-12-07.curator"),
        ("Соколова", "Соколова_2026-12-07.curator"),
        ("Ivanova Anna Petrovna", "Ivanova_A_P_2026-12-07.curator"),
        ('Со:ко/ло*ва "Мария" <Викторовна>', "Соколова_М_В_2026-12-07.curator"),
        ("...", "curator-2026-12-07.curator"),
        ("", "curator-2026-12-07.curator"),
        (None, "curator-2026-12-07.curator"),
    ],
)
def test_the_name_tells_curators_apart(full_name: str | None, expected: str) -> None:
    assert package_file_name(full_name, DAY) == expected


def test_names_are_safe_and_short(tmp_path: Path) -> None:
    nasty = "Con" + "\x07" + "я" * 500 + " Мария"
    name = package_file_name(nasty, DAY)
    assert not WINDOWS_FORBIDDEN & set(name) and name.isprintable()
    assert name == "Con" + "я" * (MAX_SURNAME_CHARS - 3) + "_М_2026-12-07.curator"
    (tmp_path / name).write_bytes(b"")  # the system takes it
