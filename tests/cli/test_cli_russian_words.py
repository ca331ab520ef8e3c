"""The command line in Russian says everything in Russian: counts with their plural forms, no
English word left over («Школы: 8 unchanged» before)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from curator_desktop.cli.exchange import reconciliation_lines
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.i18n import set_language
from curator_desktop.services.exchange.merge.reconcile import Reconciliation, TableCounts

ROOT = Path(__file__).resolve().parents[2]
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
RECONCILIATION = Reconciliation(
    counts={
        "school": TableCounts(new=1, unchanged=8),
        "visit": TableCounts(changed=2, deleted=5, conflicts=1),
        "checklist_answer": TableCounts(new=21, changed=1, unchanged=1175),
    }
)


def test_package_counts_in_russian_with_plurals() -> None:
    set_language("ru")
    assert reconciliation_lines(RECONCILIATION) == [
        "Школы: 1 новая запись, 8 записей без изменений",
        "Посещения: 2 изменённые записи, 5 удалённых записей, 1 конфликт",
        "Ответы по чек-листам: 21 новая запись, 1 изменённая запись, "
        "1\xa0175 записей без изменений",
    ]


def test_package_counts_in_english() -> None:
    set_language("en")
    assert reconciliation_lines(RECONCILIATION) == [
        "Schools: 1 new record, 8 unchanged records",
        "Visits: 2 changed records, 5 deleted records, 1 conflict",
        "Checklist answers: 21 new records, 1 changed record, 1,175 unchanged records",
    ]


@pytest.mark.parametrize("dry_run", [True, False])
def test_school_list_import_in_russian(store_file: Path, tmp_path: Path, dry_run: bool) -> None:
    good, bad = make_inn("470401001"), "123"
    source = tmp_path / "list.csv"
    source.write_bytes(
        "\r\n".join(
            [
                "Район;Наименование ОО;ИНН;ФИО руководителя",
                f"Тихвинский;МОУ «Тихвинская СОШ № 1»;{good};Орлова Н. В.",
                f"Лужский;МОУ «Толмачёвская СОШ»;{bad};Климов А. А.",
            ]
        ).encode("cp1251")
    )
    args = ["schools", "import", str(source), "--data-dir", str(store_file.parent)]
    result = subprocess.run(
        [sys.executable, "-m", "curator_desktop", *args, "--lang", "ru"]
        + (["--dry-run"] if dry_run else []),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    said = re.sub(r"/\S+", "", result.stdout + result.stderr)  # file paths
    for known in ("CSV", "Windows", "UTF"):
        said = said.replace(known, "")
    assert LATIN_WORD.findall(said) == []
    assert "С ошибками: 1" in said
