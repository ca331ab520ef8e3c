"""Kill -9 at random moments, then check that nothing half-made stays (issue #18).

    python benchmarks/torture.py --trials 20                 # every case, 20 kills each
    python benchmarks/torture.py --trials 200 --jobs 2 --write-docs   # the full run
    python benchmarks/torture.py --case restore --case migration --trials 5 --seed 7
    python benchmarks/torture.py --quick --trials 2 --app-check cli   # what the test suite runs
    python benchmarks/torture.py --from-json summary.json --write-docs  # the page from a summary

Cases (:mod:`benchmarks.torture_cases`): ``autosave`` (the visit editor's writes through the
service layer, in a child that prints ``ack N`` after each durable write), ``school-import``,
``package-import`` (into an existing store), ``empty-folder-import`` (the package for moving,
into an empty data folder), ``migration`` (``db upgrade`` of an old-revision store) and
``restore`` (``db restore``). Every operation is a real child process of the real CLI.

For each case the operation is first run cleanly twice: the duration of the slower run is the
kill window, and the two results tell which columns differ from run to run (times, revisions,
random ids; :mod:`benchmarks.torture_checks`). Each trial then copies the starting folder, starts
the operation, SIGKILLs its process group after a random delay in [0, window], and checks:

* ``PRAGMA integrity_check`` is ok, and ``db check`` exits 0 (schema proof, foreign keys,
  attachment files);
* all or nothing: the store holds exactly the records it held before, or exactly those of the
  clean run (an empty folder: no store at all, or the whole store); no record without its history
  row; no attachment row without its file. Autosave: every acknowledged edit is there (the last
  acknowledged value of each item, or the one in flight), nothing beyond the edit in flight;
* an operation that ended by itself before the kill (exit 0: acknowledged) left the clean result;
* the app starts on a copy of the folder (``--app-check window``: ``python -m curator_desktop
  --quit-after-show`` offscreen; ``cli``: ``list schools --json``);
* the operation run again to its end gives the clean run's result (and its files), and no
  temporary file is left.

The kill and its checks are :mod:`benchmarks.kill_trial`; the page is
:mod:`benchmarks.reliability_doc`. ``--jobs N`` runs N children side by side (cases first, then a
case's trials): the kill window is measured under the same load. A JSON summary goes to
``--json`` (default ``WORK/torture.json``); ``--write-docs`` also writes ``docs/reliability.md``
and ``benchmarks/torture.json``. The exit status is 1 when any check
failed. Temporary folders are removed unless ``--keep`` (the first five failed trials of a case
are kept, and every child's output in ``WORK/CASE/logs``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.kill_trial import COUNTERS, Expectation, learn, trial  # noqa: E402
from benchmarks.reliability_doc import docs_text, estimate_seconds, print_table  # noqa: E402
from benchmarks.torture_cases import (  # noqa: E402
    CASES,
    FULL,
    QUICK,
    Prepared,
    Workshop,
)

KEEP_FAILED = 5
"""Failed trials whose folder is kept per case (the logs of every trial are kept)."""


def run_case(
    prepared: Prepared,
    shop: Workshop,
    *,
    trials: int,
    seed: int,
    jobs: int,
    app_check: str,
    keep: bool,
) -> dict[str, Any]:
    """Every trial of one case (``jobs`` at a time); the case's summary."""
    name = prepared.name
    work = shop.root.parent / name
    started = time.perf_counter()
    expect = learn(prepared, work, shop.log)
    rng = random.Random(f"{seed}:{name}")
    delays = [rng.uniform(0, expect.window) for _ in range(trials)]
    done = threading.Lock()
    records: list[dict] = []

    def one(index: int) -> dict:
        record = trial(expect, work, index, delays[index], app_check)
        with done:
            records.append(record)
            failed = sum(1 for r in records if r["problems"])
            flag = "FAIL " + "; ".join(record["problems"]) if record["problems"] else "ok"
            shop.log(
                f"{name} #{index + 1}/{trials}: {'killed' if record['killed'] else 'ended'} at "
                f"{record['delay']:.2f} s, {record['outcome']}: {flag}"
            )
        if not keep and (not record["problems"] or failed > KEEP_FAILED):
            shutil.rmtree(work / f"trial-{index:04d}", ignore_errors=True)
        return record

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(one, range(trials)))
    records.sort(key=lambda r: r["trial"])
    summary = summarise(name, prepared, expect, records, time.perf_counter() - started)
    if not keep and not any(r["problems"] for r in records):
        shutil.rmtree(work, ignore_errors=True)
    return summary


def summarise(
    name: str, prepared: Prepared, expect: Expectation, records: list[dict], seconds: float
) -> dict[str, Any]:
    outcomes: dict[str, int] = {}
    for record in records:
        outcomes[record["outcome"]] = outcomes.get(record["outcome"], 0) + 1
    summary: dict[str, Any] = {
        "case": name,
        "what": prepared.note,
        "trials": len(records),
        "kills": sum(r["killed"] for r in records),
        "outcomes": outcomes,
        "clean_seconds": [round(s, 2) for s in expect.clean_seconds],
        "seconds": round(seconds, 1),
        "seconds_per_trial": round(seconds / max(1, len(records)), 2),
        "leftovers_after_kill": sum(1 for r in records if r["leftovers"]),
        "kills_after_writing_began": sum(1 for r in records if r["killed"] and r["began"]),
    }
    for counter in COUNTERS:
        summary[counter] = sum(r[counter] for r in records)
    if prepared.plan is not None:
        summary["acknowledged_writes"] = sum(r.get("acknowledged", 0) for r in records)
    summary["failed_trials"] = [
        {"trial": r["trial"], "delay": r["delay"], "problems": r["problems"]}
        for r in records
        if r["problems"]
    ]
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="kills per case (default 20)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only this case")
    parser.add_argument("--seed", type=int, default=18, help="of the random kill moments")
    parser.add_argument(
        "--jobs", type=int, default=1,
        help="children run side by side: cases first, then a case's trials (default 1)",
    )  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="small data (the test suite)")
    parser.add_argument(
        "--app-check", choices=("window", "cli"), default="window",
        help="how «the app starts» is checked: the window offscreen, or `list schools --json`",
    )  # fmt: skip
    parser.add_argument("--work-dir", type=Path, help="where to work (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="the summary (default WORK/torture.json)")
    parser.add_argument("--write-docs", action="store_true", help="write docs/reliability.md")
    parser.add_argument("--keep", action="store_true", help="keep every trial's folder")
    parser.add_argument(
        "--from-json", type=Path, metavar="FILE",
        help="run nothing: print (and with --write-docs write) the figures of a summary",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.from_json:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
        print_table(result)
        if args.write_docs:
            write_docs(result, args.from_json)
        return 0
    names = args.case or list(CASES)
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="curator-torture-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    shop = Workshop(work / "setup", QUICK if args.quick else FULL, log=_log)
    shop.root.mkdir(parents=True, exist_ok=True)
    ready: dict[str, Prepared | str] = {}
    for name in names:  # the shared stores and files are built one after the other
        try:
            ready[name] = CASES[name](shop)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            ready[name] = f"setup failed: {exc}"
    side_by_side = max(1, min(args.jobs, len(names)))

    def case(name: str) -> dict[str, Any]:
        prepared = ready[name]
        try:
            if isinstance(prepared, str):
                raise RuntimeError(prepared)
            return run_case(
                prepared, shop, trials=args.trials, seed=args.seed,
                jobs=max(1, args.jobs // side_by_side), app_check=args.app_check, keep=args.keep,
            )  # fmt: skip
        except (RuntimeError, OSError, subprocess.SubprocessError, ValueError) as exc:
            _log(f"{name}: could not run: {exc}")
            return {"case": name, "error": str(exc)[:500], "trials": 0, "kills": 0}

    with ThreadPoolExecutor(max_workers=side_by_side) as pool:
        summaries = list(pool.map(case, names))
    result = {
        "taken": dt.datetime.now().isoformat(timespec="seconds"),
        "trials_per_case": args.trials,
        "seed": args.seed,
        "jobs": args.jobs,
        "data": "quick" if args.quick else "full",
        "app_check": args.app_check,
        "seconds": round(time.perf_counter() - started, 1),
        "machine": _machine(),
        "cases": summaries,
    }
    target = args.json or work / "torture.json"
    target.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(result)
    print(f"Summary: {target}; work folder: {work}")
    hours = estimate_seconds(result) / 3600
    print(f"200 trials per case would take about {hours:.1f} h like this run (setup aside).")
    if args.write_docs:
        write_docs(result, target)
    failed = any(
        "error" in summary or any(summary[counter] for counter in COUNTERS) for summary in summaries
    )
    if not args.work_dir and not args.keep and not failed:
        for path in work.iterdir():  # the summary stays
            if path != target:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
    return 1 if failed else 0


def write_docs(result: dict[str, Any], summary: Path) -> None:
    """``docs/reliability.md`` from ``result``; its JSON kept beside the benchmarks."""
    (ROOT / "docs" / "reliability.md").write_text(docs_text(result), encoding="utf-8")
    kept = ROOT / "benchmarks" / "torture.json"
    if summary.resolve() != kept.resolve():
        shutil.copy2(summary, kept)
    print("Wrote docs/reliability.md and benchmarks/torture.json")


def _log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def _machine() -> str:
    from benchmarks.run_all import machine

    return machine()


if __name__ == "__main__":
    sys.exit(main())
