"""``curator-desktop selfdiag import|list|catalog`` on real files and a real store: a results file
is checked whole (row and field named, nothing written) and listed back as JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from curator_desktop.cli import main
from curator_desktop.store.database import Database
from tests.services.selfdiag.helpers import INN, add_school, coordinator_catalog, write_json

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Направление;Показатель;Дефицит;Критический;Баллы;Максимум;Уровень;ИНН"
GOOD_ROWS = (
    HEADER,
    f"Знание;;;;14;40;ниже базового;{INN}",
    "Знание;;Объективность оценивания: расхождение с ВПР;да;;;;",
    "Здоровье;;;;15;30;базовый;",
    "Здоровье;;Нет школьного спортивного клуба;нет;;;;",
    "Итого;;;;29;70;ниже базового;",
)


@pytest.fixture
def school(store_file: Path) -> str:
    database = Database(store_file)
    try:
        return add_school(database)
    finally:
        database.close()


def write_csv(path: Path, *rows: str) -> Path:
    path.write_bytes("\r\n".join(rows).encode("cp1251"))
    return path


def run(store_file: Path, *args: str) -> int:
    return main([*args, "--data-dir", str(store_file.parent), "--lang", "en"])


def rounds(store_file: Path) -> int:
    with sqlite3.connect(store_file) as connection:
        return connection.execute("SELECT count(*) FROM selfdiag_round").fetchone()[0]


def test_import_and_list_a_csv_round(
    store_file: Path, school: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write_csv(tmp_path / "nov.csv", *GOOD_ROWS)
    code = run(
        store_file, "selfdiag", "import", str(file), "--school", school, "--round", "2025-11-20"
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "was recorded: 2 directions" in out
    assert "Знание: качество и объективность: 14 / 40, Below base" in out
    assert "Backup taken before the import" in out
    assert run(store_file, "selfdiag", "list", "--school", school, "--json") == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["round_date"] == "2025-11-20"
    assert listed["total_points"] == 29 and listed["overall_level"] == "below_base"
    knowledge = listed["directions"][0]
    assert knowledge["name"] == "Знание: качество и объективность"
    assert knowledge["deficits"] == [
        {"indicator": "", "text": "Объективность оценивания: расхождение с ВПР", "critical": True}
    ]
    # The same date again replaces the round.
    assert (
        run(
            store_file, "selfdiag", "import", str(file), "--school", school, "--round", "20.11.2025"
        )
        == 0
    )
    assert "was replaced" in capsys.readouterr().out
    assert rounds(store_file) == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            (HEADER, "Знание;;;;41;40;;"),
            r"nov\.csv, row 2, column «Баллы»: 41 points is more than the maximum 40\.",
        ),
        (
            (HEADER, "Знание;;;;10;40;;", "Астрономия;;;;3;10;;"),
            "row 3, column «Направление»: unknown direction “Астрономия”",
        ),
        (
            (HEADER, "Знание;;;;10;40;;", "Здоровье;;;;5;30;;4704099900"),
            r"row 3, column «ИНН»: the file is for the school with ИНН 4704099900",
        ),
        (
            (HEADER, "Знание;;;;10;40;отлично;"),
            "row 2, column «Уровень»: unknown level “отлично”",
        ),
        (
            (HEADER, "Знание;;;;десять;40;;"),
            "row 2, column «Баллы»: “десять” is not a whole number",
        ),
        (
            (HEADER, "Знание;;;;10;40;;", "Знание;;Дефицит;может быть;;;;"),
            "row 3, column «Критический»",
        ),
    ],
)
def test_a_bad_results_file_names_row_and_field_and_writes_nothing(
    store_file: Path,
    school: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rows: tuple[str, ...],
    message: str,
) -> None:
    file = write_csv(tmp_path / "nov.csv", *rows)
    code = run(
        store_file, "selfdiag", "import", str(file), "--school", school, "--round", "2025-11-20"
    )
    err = capsys.readouterr().err
    assert code == 2
    assert re.search(message, err), err
    assert "Nothing was written." in err
    assert rounds(store_file) == 0


def test_a_round_in_the_future_is_refused(
    store_file: Path, school: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write_csv(tmp_path / "nov.csv", *GOOD_ROWS)
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert (
        run(store_file, "selfdiag", "import", str(file), "--school", school, "--round", later) == 2
    )
    err = capsys.readouterr().err
    assert "round date" in err and "in the future" in err and "Nothing was written." in err
    assert rounds(store_file) == 0


def test_unknown_indicators_are_refused_once_the_catalog_lists_them(
    store_file: Path, school: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = write_json(tmp_path / "catalog.json", coordinator_catalog())
    assert run(store_file, "selfdiag", "catalog", str(catalog)) == 0
    assert "version 2025.1 installed (was 2023.1)" in capsys.readouterr().out
    data = {
        "format": 1,
        "inn": INN,
        "directions": [
            {
                "direction": "knowledge",
                "points": 12,
                "deficits": [{"indicator": "K9", "critical": True}],
            }
        ],
    }
    file = write_json(tmp_path / "may.json", data)
    assert (
        run(
            store_file, "selfdiag", "import", str(file), "--school", school, "--round", "2025-11-20"
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "may.json, directions[0].deficits[0].indicator: “K9” is not an indicator" in err
    data["directions"][0]["deficits"] = [{"indicator": "K1"}]
    write_json(file, data)
    assert (
        run(
            store_file, "selfdiag", "import", str(file), "--school", school, "--round", "2025-11-20"
        )
        == 0
    )
    capsys.readouterr()
    assert run(store_file, "selfdiag", "list", "--json") == 0
    [listed] = json.loads(capsys.readouterr().out)
    knowledge = listed["directions"][0]
    # The catalog gives the maximum, the level, the indicator's name and its critical flag.
    assert (knowledge["maximum"], knowledge["level"]) == (30, "base")
    assert knowledge["deficits"] == [
        {"indicator": "K1", "text": "Объективность оценивания", "critical": True}
    ]


def test_an_xlsx_results_file_by_subprocess(store_file: Path, school: str, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in GOOD_ROWS:
        sheet.append(
            [int(c) if c.isdigit() and len(c) < 5 else (c or None) for c in row.split(";")]
        )
    sheet.append(["Творчество", None, None, None, 30, 25, None, None])
    file = tmp_path / "may.xlsx"
    book.save(file)
    result = subprocess.run(
        [sys.executable, "-m", "curator_desktop", "selfdiag", "import", str(file), "--school",
         school, "--round", "2025-11-20", "--data-dir", str(store_file.parent), "--lang", "en"],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "may.xlsx, row 7, column «Баллы»: 30 points is more than the maximum 25" in (
        result.stderr
    ), result.stderr
    assert rounds(store_file) == 0


def test_list_of_an_unknown_school_exits_5(
    store_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(store_file, "selfdiag", "list", "--school", "nope") == 5
    assert "nope" in capsys.readouterr().err
