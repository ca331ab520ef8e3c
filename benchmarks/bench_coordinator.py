"""A coordinator importing many curators' packages into one store: records/s, and is it linear?

    python benchmarks/bench_coordinator.py              # 300 packages, measured at 50/100/200/300
    python benchmarks/bench_coordinator.py --quick      # 6 packages, at 2/4/6 (CI: it still runs)

Writes ``N`` full packages of distinct small curator stores (:mod:`benchmarks.exchange_fixtures`:
each 2 schools, 12 visits with their checklists, a few hundred records with their history, two
small photos; its own store id, ids and history), then imports them one after the other into
one coordinator store with ``ExchangeService.import_many`` (each package checked, planned and
merged all or nothing under its own savepoint, consecutive packages committed together; one
pre-import backup for the batch; the last package's time includes the WAL checkpoint that ends
the batch); ``--one-by-one`` uses
``import_`` per package instead, with its backup of the whole store before each. Time grows
linearly in the records imported when the cost per record of the last step is within ~1.3×
that of the first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.exchange_fixtures import (  # noqa: E402
    curator_packages,
    migrated_template,
    print_rows,
    result_row,
    timed,
)

FULL_STEPS = (50, 100, 200, 300)
QUICK_STEPS = (2, 4, 6)
LINEAR_TARGET = 1.3


def coordinator_store(data_dir: Path, template: Path) -> Any:
    """A new coordinator store (built-in catalogs installed, as on first start); its paths."""
    import shutil

    from curator_desktop.paths import AppPaths
    from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
    from curator_desktop.store.database import Database

    paths = AppPaths(data_dir=data_dir, config_dir=data_dir / "config", log_dir=data_dir / "logs")
    paths.ensure()
    shutil.copy2(template, paths.store_file)
    database = Database(paths.store_file, device_id="coordinator")
    install_builtin_catalogs(database)
    return paths, database


def measure(
    work: Path,
    steps: tuple[int, ...],
    *,
    one_by_one: bool = False,
    packages_dir: Path | None = None,
    say: Any = print,
) -> list[dict[str, Any]]:
    """Write ``steps[-1]`` packages (into ``packages_dir``, reusing those there) and import
    them all into a new coordinator store under ``work``, timing each."""
    from curator_desktop.i18n import set_language
    from curator_desktop.services.exchange.service import ExchangeService

    set_language("en")
    count = steps[-1]
    folder = packages_dir or work / "packages"
    made, packages = timed(lambda: curator_packages(folder, count))
    records = sum(n for _path, n in packages)
    say(f"{count} curator packages, {records} records in all, written in {made:.1f} s")
    paths, database = coordinator_store(work / "coordinator", migrated_template(work))
    service = ExchangeService.for_paths(database, paths)
    per_package: list[tuple[float, int, int]] = []  # seconds, records carried, history added
    try:
        if one_by_one:
            for path, carried in packages:
                seconds, result = timed(lambda path=path: service.import_(path))
                per_package.append((seconds, carried, result.history_added))
        else:
            stamps = [time.perf_counter()]
            items = service.import_many(
                [path for path, _n in packages],
                progress=lambda _done, _total: stamps.append(time.perf_counter()),
            )
            # What import_many does after the last package (the WAL checkpoint at the end of the
            # batch) is the last package's time: the total is the whole call.
            stamps[-1] = time.perf_counter()
            failed = [item for item in items if not item.imported]
            if failed:
                raise RuntimeError(f"{len(failed)} packages refused: {failed[0].error}")
            for n, item in enumerate(items):
                seconds = stamps[n + 1] - stamps[n]
                per_package.append((seconds, packages[n][1], item.result.history_added))
    finally:
        database.close()
    backups = len(list(paths.backup_dir.glob("*.sqlite3")))
    how = "import_ one by one" if one_by_one else "import_many"
    say(f"Imported with {how}; backups taken: {backups}")
    rows = []
    costs: list[float] = []
    start = 0
    for end in steps:
        part = per_package[start:end]
        seconds = sum(s for s, _n, _h in part)
        carried = sum(n for _s, n, _h in part)
        history = sum(h for _s, _n, h in part)
        costs.append(seconds / carried)
        rows.append(
            result_row(
                f"coordinator: packages {start + 1}–{end} (per package)",
                [s for s, _n, _h in part],
                target="report records/s",
                note=f"{carried} records + {history} history rows in {seconds:.1f} s: "
                f"{carried / seconds:.0f} records/s; {costs[-1] * 1e6:.0f} µs per record",
            )
        )
        start = end
    ratio = costs[-1] / costs[0]
    total = sum(s for s, _n, _h in per_package)
    rows.append(
        result_row(
            f"coordinator: all {count} packages (per package)",
            [s for s, _n, _h in per_package],
            target=f"linear: cost per record at {steps[-1]} ≤ {LINEAR_TARGET}× at {steps[0]}",
            met=ratio <= LINEAR_TARGET,
            note=f"{records} records in {total:.1f} s: {records / total:.0f} records/s; "
            f"cost per record, last step / first step: {ratio:.2f}",
        )
    )
    rows[-1]["ratio"] = round(ratio, 2)
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    with tempfile.TemporaryDirectory(prefix="bench-coordinator-") as tmp:
        return measure(Path(tmp), QUICK_STEPS if quick else FULL_STEPS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 packages (CI: it still runs)")
    parser.add_argument(
        "--one-by-one",
        action="store_true",
        help="import_ each package (a backup before each) instead of import_many",
    )
    parser.add_argument(
        "--packages", type=Path, help="a folder to keep the packages in and reuse them from"
    )
    parser.add_argument(
        "--steps", type=lambda text: tuple(int(n) for n in text.split(",")), help="e.g. 50,100"
    )
    args = parser.parse_args(argv)
    steps = args.steps or (QUICK_STEPS if args.quick else FULL_STEPS)
    with tempfile.TemporaryDirectory(prefix="bench-coordinator-") as tmp:
        rows = measure(Path(tmp), steps, one_by_one=args.one_by_one, packages_dir=args.packages)
    print()
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
