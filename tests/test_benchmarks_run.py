"""The benchmark scripts still run (their timings are for people, never asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_school_search_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    lines = run_quick("bench_school_search.py", tmp_path)
    assert any(line.split()[:5] == ["operation", "rows", "median", "p95", "max"] for line in lines)
    for operation in ("search «берё»", "sort highest_risk ↓", "first page (200 rows)"):
        assert any(line.startswith(operation) for line in lines), operation
    assert any("Generated 500 schools" in line for line in lines)


def test_visit_report_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    lines = run_quick("bench_visit_report.py", tmp_path)
    assert any(line.split()[:5] == ["operation", "(ms)", "runs", "median", "min"] for line in lines)
    for operation in ("generate_visit, first", "generate_visit ", "bare canvas, same text"):
        assert any(line.startswith(operation) for line in lines), operation
    assert any("60 checklist items, 11 risk factors, 6 photos" in line for line in lines)
    assert any(line.startswith("ratio generate_visit / bare canvas") for line in lines)


def test_export_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    lines = run_quick("bench_export.py", tmp_path)
    assert any("Demo store with 8 MB of attachments in 4 files" in line for line in lines)
    assert any(line.split() == ["operation", "seconds", "MB/s", "size", "MB"] for line in lines)
    assert any(line.startswith("write_package (full)") for line in lines)
    assert any(line.startswith(("zip -0", "zipfile ZIP_STORED")) for line in lines)
    assert any(line.startswith("tracemalloc peak during export:") for line in lines)
    assert any(line.startswith("peak RSS") for line in lines)
