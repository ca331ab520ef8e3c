"""The benchmark scripts still run (their timings are for people, never asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_school_search_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_school_search.py"), "--quick"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split()[:5] == ["operation", "rows", "median", "p95", "max"] for line in lines)
    for operation in ("search «берё»", "sort highest_risk ↓", "first page (200 rows)"):
        assert any(line.startswith(operation) for line in lines), operation
    assert "Generated 500 schools" in result.stdout
