"""Run every benchmark and write their figures into ``benchmarks/RESULTS.md``.

    python benchmarks/run_all.py                 # full runs, then RESULTS.md
    python benchmarks/run_all.py --quick         # small sizes, prints only (what CI runs)
    python benchmarks/run_all.py --only report   # one benchmark again; its rows replaced

Each benchmark module exposes ``run(quick: bool) -> list[dict]``: rows with ``what``,
``median_ms``, ``min_ms``, ``max_ms``, the ``reference`` timed in the same run (and its
``reference_median_ms`` and ``ratio``), the issue's ``target``, whether it was ``met`` and a
``note``. A benchmark never asserts on time; this script only reports. Each benchmark's rows and
when they were taken are kept in ``benchmarks/results.json``, so RESULTS.md can be rewritten
after one benchmark is run again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCHMARKS = {
    "startup": "benchmarks.bench_startup",
    "search": "benchmarks.bench_school_search",
    "open": "benchmarks.bench_open",
    "memory": "benchmarks.bench_idle_memory",
    "report": "benchmarks.bench_visit_report",
    "export": "benchmarks.bench_export",
    "import": "benchmarks.bench_import",
    "coordinator": "benchmarks.bench_coordinator",
    "region": "benchmarks.bench_region",
}
RESULTS = Path(__file__).with_name("RESULTS.md")
STORED = Path(__file__).with_name("results.json")


def machine() -> str:
    """One line about where the figures were taken."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}, "
        f"Python {platform.python_version()}"
    )


def _ms(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:,.1f}".replace(",", " ") if value < 100 else f"{value:,.0f}".replace(",", " ")


def _met(value: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "—"}[value]


COLUMNS = ("what", "median ms", "min", "max", "reference (same run)", "ref. median ms")
COLUMNS += ("ratio", "target", "met", "note")


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of all rows."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---|---:|---:|---:|---|---:|---:|---|---|---|"]
    for row in rows:
        ratio = row.get("ratio")
        cells = (
            row["what"],
            _ms(row.get("median_ms")),
            _ms(row.get("min_ms")),
            _ms(row.get("max_ms")),
            row.get("reference") or "—",
            _ms(row.get("reference_median_ms")),
            f"{ratio:.2f}×" if ratio is not None else "—",
            row.get("target", ""),
            _met(row.get("met")),
            row.get("note", ""),
        )
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines)


def _stored() -> dict[str, Any]:
    try:
        return json.loads(STORED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def summary(rows: list[dict[str, Any]]) -> str:
    """How many targets were met, and which were missed."""
    judged = [row for row in rows if row.get("met") is not None]
    missed = [row["what"] for row in judged if not row["met"]]
    text = f"**{len(judged) - len(missed)} of {len(judged)} targets met.**"
    return text + (" Missed: " + "; ".join(missed) + "." if missed else "")


def write_results(stored: dict[str, Any]) -> None:
    """RESULTS.md from every benchmark's latest rows, in the runner's order."""
    rows = [row for name in BENCHMARKS for row in stored.get(name, {}).get("rows", [])]
    taken = sorted({entry["taken"] for entry in stored.values()})
    when = taken[0] if len(taken) == 1 else f"{taken[0]} … {taken[-1]}"
    RESULTS.write_text(
        "# Benchmark results\n\n"
        f"Taken {when} with `python benchmarks/run_all.py` on {machine()}. Every reference was "
        "timed in the same run, interleaved, so the ratios hold on a noisy machine; medians, "
        "minima and maxima are over the runs each benchmark states in its note. The issue's "
        "targets are in the «target» column.\n\n"
        f"{summary(rows)}\n\n{table(rows)}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes; RESULTS.md untouched")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append")
    args = parser.parse_args(argv)
    stored = _stored()
    for name in args.only or BENCHMARKS:
        module = importlib.import_module(BENCHMARKS[name])
        if hasattr(os, "sync"):  # the last one's files on disk now, not written back during this
            os.sync()
        print(f"== {name} ==", flush=True)
        begun = time.perf_counter()
        rows = module.run(args.quick)
        seconds = time.perf_counter() - begun
        print(f"   {len(rows)} rows in {seconds:.0f} s", flush=True)
        print(table(rows), flush=True)
        if not args.quick:
            stored[name] = {
                "taken": dt.date.today().isoformat(),
                "seconds": round(seconds),
                "rows": rows,
            }
            STORED.write_text(json.dumps(stored, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.quick:
        write_results(stored)
        print(f"\nWritten: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
