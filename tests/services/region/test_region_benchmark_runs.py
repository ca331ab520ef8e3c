"""The region benchmark runs in its quick mode and reports its row (never asserts on time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_region.py"


def test_the_region_benchmark_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--quick"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "region summary (RegionService.summary)" in done.stdout
    assert "'curators': " not in done.stdout  # one row, not the summary
    assert "30 curators" in done.stdout
