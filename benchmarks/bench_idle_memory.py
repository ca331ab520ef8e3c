"""The app's memory at idle on a coordinator-size store (5,000 schools, 50,000 visits).

    python benchmarks/bench_idle_memory.py            # offscreen, and xcb (own Xvfb) if it can
    python benchmarks/bench_idle_memory.py --quick    # 200 schools, offscreen (CI: it still runs)

Starts ``curator-desktop --data-dir DIR`` on a copy of the cached generated store (see
``bench_startup``), waits until its log says the data was painted, lets it idle for two seconds
(the other pages are built and the first card's modules imported meanwhile, as in real use),
then reads ``VmRSS`` (and the peak, ``VmHWM``) from ``/proc/<pid>/status`` and ends the process.
Linux only: elsewhere the rows say so.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(HERE.parent))

from benchmarks.bench_startup import (  # noqa: E402 (after the path is set)
    LAUNCHED_AT_ENV,
    ROOT,
    app_command,
    cached_store,
    child_env,
    log_file,
    platforms,
    prepare_data_dir,
    print_rows,
    result_row,
    shown_times,
    virtual_display,
)

FULL = {"schools": 5000, "visits": 50_000, "runs": 3}
QUICK = {"schools": 200, "visits": 600, "runs": 1}
TARGET_MB = 250
IDLE_S = 2.0
WAIT_S = 120


def status_mb(pid: int) -> dict[str, float]:
    """``VmRSS`` and ``VmHWM`` of a process, in MB (Linux)."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def idle_process(data_dir: Path, env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Start the app, wait for its data and ``IDLE_S`` of idling; (data shown ms, memory)."""
    log = log_file(data_dir)
    offset = log.stat().st_size if log.is_file() else 0
    errors = data_dir / "stderr.txt"
    with errors.open("w", encoding="utf-8") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            app_command(data_dir),
            env={**env, LAUNCHED_AT_ENV: f"{started:.6f}"},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        shown: dict[str, float] = {}
        while "Data" not in shown:
            if process.poll() is not None or time.perf_counter() - started > WAIT_S:
                raise RuntimeError(f"the app did not show its data: {errors.read_text()}")
            time.sleep(0.05)
            if log.is_file():
                with log.open(encoding="utf-8") as lines:
                    lines.seek(offset)
                    shown = shown_times(lines.read())
        time.sleep(IDLE_S)
        memory = status_mb(process.pid)
    finally:
        process.terminate()  # our own process, by its handle
        process.wait(timeout=60)
    return shown["Data"], memory


def measure(work: Path, platform: str, *, schools: int, visits: int, runs: int) -> dict[str, Any]:
    """The idle memory row of one Qt platform."""
    size = f"{schools:,} schools, {visits:,} visits"
    what = f"memory at idle, RSS ({platform})"
    if not sys.platform.startswith("linux"):
        return result_row(what, [0.0], target=f"≤ {TARGET_MB} MB", note="Linux only (/proc)")
    store = cached_store(schools, visits)
    data_dir = prepare_data_dir(store, work / f"data-{platform}")
    with virtual_display(platform) as display:
        env = child_env(platform, display)
        results = [idle_process(data_dir, env) for _ in range(runs + 1)][1:]  # first: backup
    rss = [memory["VmRSS"] for _shown, memory in results]
    peak = max(memory["VmHWM"] for _shown, memory in results)
    median = statistics.median(rss)
    return result_row(
        f"memory at idle: {median:.0f} MB RSS ({platform}; ms = until the data was painted)",
        [shown for shown, _memory in results],
        target=f"≤ {TARGET_MB} MB",
        met=median <= TARGET_MB,
        note=f"{size}; RSS {median:.0f} MB (min {min(rss):.0f}, max {max(rss):.0f}), peak "
        f"{peak:.0f} MB, {IDLE_S:.0f} s after the data was painted; the times are until then",
    )


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    sizes = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        return [measure(Path(tmp), platform, **sizes) for platform in platforms(quick)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 schools, offscreen (for CI)")
    parser.add_argument("--runs", type=int, help="measured starts per platform (3)")
    parser.add_argument("--platform", choices=("offscreen", "xcb"), action="append")
    args = parser.parse_args(argv)
    sizes = dict(QUICK if args.quick else FULL)
    if args.runs:
        sizes["runs"] = args.runs
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        rows = [
            measure(Path(tmp), platform, **sizes)
            for platform in args.platform or platforms(args.quick)
        ]
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
