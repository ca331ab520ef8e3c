"""The torture harness (``benchmarks/torture.py``) runs, and two random kills of every operation on
small data leave nothing half-made (issue #18). The full run (200+ trials) writes
docs/reliability.md; this is the habit's smoke test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "torture.py"
CASES = [
    "autosave",
    "school-import",
    "package-import",
    "empty-folder-import",
    "migration",
    "restore",
]
MUST_STAY_ZERO = (
    "integrity_failures",
    "db_check_failures",
    "lost_acknowledged_writes",
    "half_applied",
    "missing_files",
    "app_start_failures",
    "retry_mismatches",
    "leftovers_after_retry",
    "operation_failures",
)


def test_two_kills_of_every_operation_leave_nothing_half_made(tmp_path: Path) -> None:
    summary_file = tmp_path / "torture.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CURATOR_")}
    result = subprocess.run(
        [
            sys.executable, str(SCRIPT), "--quick", "--trials", "2", "--jobs", "2",
            "--app-check", "cli", "--seed", "18", "--work-dir", str(tmp_path / "work"),
            "--json", str(summary_file),
        ],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900, check=False,
    )  # fmt: skip
    assert summary_file.exists(), result.stdout + result.stderr
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    cases = {case["case"]: case for case in summary["cases"]}
    assert list(cases) == CASES
    broken = {name: case["error"] for name, case in cases.items() if "error" in case}
    assert broken == {}, broken
    assert all(case["trials"] == 2 for case in cases.values())
    failures = {
        name: [problem for trial in case["failed_trials"] for problem in trial["problems"]]
        for name, case in cases.items()
        if any(case[counter] for counter in MUST_STAY_ZERO)
    }
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_the_reliability_page_is_written_from_a_summary() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.reliability_doc import docs_text

    case = {
        "case": "restore", "what": "`db restore`", "trials": 200, "kills": 187,
        "kills_after_writing_began": 41,
        "outcomes": {"before": 120, "after": 67}, "clean_seconds": [0.6, 0.7],
        "seconds_per_trial": 2.5, "failed_trials": [],
        **dict.fromkeys(MUST_STAY_ZERO, 0),
    }  # fmt: skip
    broken = {**case, "case": "migration", "half_applied": 2, "failed_trials": [
        {"trial": 7, "delay": 1.2, "problems": ["half_applied: neither before nor after"]}
    ]}  # fmt: skip
    text = docs_text(
        {
            "taken": "2026-12-07T20:00:00", "machine": "Linux, 2 cores", "trials_per_case": 200,
            "seed": 18, "jobs": 2, "data": "full", "app_check": "window", "seconds": 3600.0,
            "cases": [case, broken],
        }
    )  # fmt: skip
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| case | trials | kills | of them while writing | left before")
    assert rows[1].startswith("| restore | 200 | 187 | 41 | 120 / 67 | 0 |")
    assert "| migration |" in rows[2] and "| **2** |" in rows[2]
    assert "migration, trial 7 (kill at 1.2 s): half_applied" in text
    assert "benchmarks/torture.py --trials 200" in text


# --- the checks the harness makes after a kill, on real store files ------------------------


def _store(template: Path, folder: Path) -> Path:
    import shutil

    folder.mkdir(parents=True)
    return Path(shutil.copy2(template, folder / "curator.sqlite3"))


def _school(store: Path, school_id: str, *, logged: bool = True, stamp: str = "1") -> None:
    import sqlite3
    from contextlib import closing

    from tests.conftest import insert_raw

    insert_raw(store, "school", id=school_id, full_name="МОУ «СОШ № 1»", revision="r" + school_id,
               created_at=f"2026-01-0{stamp} 00:00:00.000000")  # fmt: skip
    if logged:
        with closing(sqlite3.connect(store)) as connection, connection:
            connection.execute(
                "INSERT INTO change_log (id, at, entity, entity_id, action, revision, device_id) "
                "VALUES (?, '2026-01-01', 'school', ?, 'create', ?, 'd')",
                (f"log-{school_id}-{stamp}", school_id, "r" + school_id),
            )


def test_pictures_compare_records_not_times_and_see_a_half_write(
    migrated_store_template: Path, tmp_path: Path
) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks import torture_checks as checks

    first, second, half = (
        _store(migrated_store_template, tmp_path / name) for name in ("a", "b", "c")
    )
    for store, stamp in ((first, "1"), (second, "2")):  # the same records at other times
        _school(store, "s1", stamp=stamp)
        _school(store, "s2", stamp=stamp)
    _school(half, "s1")  # one school of two, and its history
    volatile = checks.volatile_columns(checks.picture(first), checks.picture(second))
    assert "created_at" in volatile["school"] and "id" in volatile["change_log"]
    assert "full_name" not in volatile["school"]
    after = checks.digest(checks.picture(first), volatile)
    assert checks.digest(checks.picture(second), volatile) == after
    assert checks.digest(checks.picture(half), volatile) != after
    assert checks.differences(checks.digest(checks.picture(half), volatile), after) == [
        "change_log 1≠2",
        "school 1≠2",
    ]
    assert checks.digest(checks.picture(tmp_path / "none.sqlite3"), volatile) is None
    assert checks.integrity(first) == "ok"
    assert checks.unlogged_rows(first) == 0


def test_a_record_without_history_and_an_attachment_without_its_file_are_seen(
    migrated_store_template: Path, tmp_path: Path
) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks import torture_checks as checks
    from tests.conftest import insert_raw

    store = _store(migrated_store_template, tmp_path / "data")
    _school(store, "s1", logged=False)
    assert checks.unlogged_rows(store) == 1
    sha = "ab" * 32
    insert_raw(store, "attachment", id="a1", sha256=sha, owner_type="visit", owner_id="v1",
               revision="ra1")  # fmt: skip
    assert checks.missing_attachments(tmp_path / "data") == [sha]
    (tmp_path / "data" / "attachments" / "ab").mkdir(parents=True)
    (tmp_path / "data" / "attachments" / "ab" / f"{sha}.part").write_bytes(b"half")
    assert checks.leftovers(tmp_path / "data") == [f"attachments/ab/{sha}.part"]
    (tmp_path / "data" / "curator.sqlite3.part-1f").write_bytes(b"")
    assert len(checks.leftovers(tmp_path / "data")) == 2
