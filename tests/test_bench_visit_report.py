"""The visit report benchmark still runs (its timings are for people, never asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_visit_report_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_visit_report.py"), "--quick"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split()[:5] == ["operation", "(ms)", "runs", "median", "min"] for line in lines)
    for operation in ("generate_visit, first", "generate_visit ", "bare canvas, same text"):
        assert any(line.startswith(operation) for line in lines), operation
    assert "60 checklist items, 11 risk factors, 6 photos" in result.stdout
    assert any(line.startswith("ratio generate_visit / bare canvas") for line in lines)
