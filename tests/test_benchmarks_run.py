"""The benchmark scripts still run (their timings are for people, never asserted here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run_quick(script: str, cwd: Path) -> list[str]:
    """Run a benchmark in its --quick mode; it must succeed. Returns its output lines."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick"],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_school_search_benchmark_runs_and_prints_its_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CURATOR_BENCH_CACHE", str(tmp_path / "cache"))
    lines = run_quick("bench_school_search.py", tmp_path)
    assert any(line.split()[:5] == ["operation", "rows", "median", "p95", "max"] for line in lines)
    for operation in ("search «берё»", "sort highest_risk ↓", "first page (200 rows)"):
        assert any(line.startswith(operation) for line in lines), operation
    assert any(line.startswith("Generated 500 schools, 1500 visits") for line in lines)
    for what in ("search keystroke handled (GUI thread)", "search: typing pause over → table"):
        assert any(line.startswith(what) for line in lines), what
    assert any("500 schools; p95 " in line and " over 34 keystrokes" in line for line in lines)


def test_visit_report_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    lines = run_quick("bench_visit_report.py", tmp_path)
    assert any(line.split()[:5] == ["operation", "(ms)", "runs", "median", "min"] for line in lines)
    for operation in ("generate_visit, first", "generate_visit ", "bare canvas, same text"):
        assert any(line.startswith(operation) for line in lines), operation
    assert any("60 checklist items, 11 risk factors, 6 photos" in line for line in lines)
    assert any(line.startswith("ratio generate_visit / bare canvas") for line in lines)


def test_export_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    lines = run_quick("bench_export.py", tmp_path)
    assert any(line.startswith("Curator-year: 2 schools, 12 visits") for line in lines)
    assert any(line.split()[:5] == ["what", "median", "min", "max", "ratio"] for line in lines)
    assert any(line.startswith("export of a curator-year (write_package, full)") for line in lines)
    assert any("reference: zip -0" in line or "ZIP_STORED" in line for line in lines)
    assert any(
        re.match(r"export peak memory: \d+ MB RSS \(separate process", line) for line in lines
    )
    assert any("peak RSS" in line and "tracemalloc peak" in line for line in lines)


def test_import_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    lines = run_quick("bench_import.py", tmp_path)
    assert any(
        line.startswith("Store B created from a package of 1 of 2 schools") for line in lines
    )
    assert any(line.startswith("import + merge of a curator-year into half") for line in lines)
    assert any("reference: export of the same store" in line for line in lines)
    assert any(" new, " in line and " unchanged, " in line for line in lines)


def test_coordinator_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    lines = run_quick("bench_coordinator.py", tmp_path)
    assert any(line.startswith("6 curator packages,") for line in lines)
    assert any(line.startswith("Imported with import_many; backups taken: 1") for line in lines)
    for step in ("packages 1–2", "packages 3–4", "packages 5–6", "all 6 packages"):
        assert any(line.startswith(f"coordinator: {step}") for line in lines), step
    assert any("records/s" in line and "µs per record" in line for line in lines)


def test_exchange_benchmarks_give_the_rows_the_runner_writes() -> None:
    from benchmarks import bench_import

    rows = bench_import.run(quick=True)
    keys = {"what", "median_ms", "min_ms", "max_ms", "reference", "reference_median_ms"}
    keys |= {"ratio", "target", "met", "note"}
    assert rows and all(set(row) == keys for row in rows)
    ratio = rows[0]["median_ms"] / rows[0]["reference_median_ms"]
    assert abs(rows[0]["ratio"] - ratio) < 0.01
    assert isinstance(rows[0]["met"], bool)


# --- start-up, opening, idle memory (generated stores cached under tmp_path) ------------------


def test_startup_benchmark_times_the_app_beside_a_bare_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CURATOR_BENCH_CACHE", str(tmp_path / "cache"))
    lines = run_quick("bench_startup.py", tmp_path)
    assert any(line.startswith("Generated 200 schools, 600 visits") for line in lines)
    painted = next(line for line in lines if line.startswith("start-up: main window painted"))
    assert re.search(r"\d+\.\d\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\d\s+≤ 1\.5× bare", painted)
    assert any("reference: bare PySide6 QMainWindow painted" in line for line in lines)
    assert any(line.startswith("start-up: schools painted (offscreen)") for line in lines)
    assert any(line.startswith("start-up: whole process --quit-after-show") for line in lines)


def test_startup_rows_come_from_the_apps_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CURATOR_BENCH_CACHE", str(tmp_path / "cache"))
    from benchmarks import bench_startup

    rows = bench_startup.run(quick=True)
    keys = {"what", "median_ms", "min_ms", "max_ms", "reference", "reference_median_ms"}
    keys |= {"ratio", "target", "met", "note"}
    assert [row["what"] for row in rows] == [
        "start-up: main window painted (offscreen)",
        "start-up: schools painted (offscreen)",
        "start-up: whole process --quit-after-show (offscreen)",
    ]
    assert all(set(row) == keys for row in rows)
    window, data, whole = rows
    assert isinstance(window["met"], bool) and isinstance(data["met"], bool)
    assert whole["met"] is None  # information: the data path has its own target
    assert 0 < window["min_ms"] <= window["median_ms"] <= window["max_ms"]
    assert window["median_ms"] < data["median_ms"] < whole["median_ms"]  # painted, then data
    assert abs(window["ratio"] - window["median_ms"] / window["reference_median_ms"]) < 0.01
    assert data["ratio"] is None and "first start of the day" in data["note"]


def test_open_benchmark_opens_a_card_and_a_200_item_visit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CURATOR_BENCH_CACHE", str(tmp_path / "cache"))
    lines = run_quick("bench_open.py", tmp_path)
    for what in ("open a school card (busiest school)", "open a visit with 200 answered items"):
        assert any(line.startswith(what) and "≤ 100 ms" in line for line in lines), what
    assert any("first open (after the app's warm-up)" in line for line in lines)
    assert any(line.strip().startswith("40 comments, 11 findings") for line in lines)


def test_idle_memory_benchmark_reads_the_apps_rss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CURATOR_BENCH_CACHE", str(tmp_path / "cache"))
    lines = run_quick("bench_idle_memory.py", tmp_path)
    assert any(re.match(r"memory at idle: \d+ MB RSS \(offscreen", line) for line in lines)
    if sys.platform.startswith("linux"):
        note = next(line for line in lines if "RSS" in line and "peak" in line)
        rss = float(re.search(r"RSS (\d+) MB", note).group(1))
        assert 50 < rss < 2000  # a Qt app with its store open, read from /proc


def test_the_runner_rewrites_results_from_every_benchmark_s_latest_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(BENCHMARKS.parent))
    from benchmarks import run_all

    monkeypatch.setattr(run_all, "RESULTS", tmp_path / "RESULTS.md")
    row = {
        "what": "visit report PDF", "median_ms": 69.7, "min_ms": 64.4, "max_ms": 155.7,
        "reference": "bare canvas", "reference_median_ms": 12.4, "ratio": 5.62,
        "target": "≤ 2× bare canvas", "met": False, "note": "20 runs",
    }  # fmt: skip
    slow = {**row, "what": "export", "met": True, "ratio": None, "reference": None}
    run_all.write_results(
        {
            "export": {"taken": "2026-11-21", "rows": [slow]},
            "report": {"taken": "2026-11-22", "rows": [row]},
        }
    )
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "Taken 2026-11-21 … 2026-11-22" in text
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    assert lines[1].startswith("| visit report PDF | 69.7 | 64.4 | 156 | bare canvas | 12.4 |")
    assert "| 5.62× | ≤ 2× bare canvas | **no** | 20 runs |" in lines[1]
    assert lines[2].startswith("| export |") and "| — |" in lines[2] and "| yes |" in lines[2]
