"""How fast the Schools page's store queries are on a large store.

    python benchmarks/bench_school_search.py            # 5,000 schools, 30 runs each
    python benchmarks/bench_school_search.py --quick    # 500 schools, 3 runs (CI: it still runs)

Builds a generated store in a temporary directory (or uses ``--store``), then times what the page
asks while the user types, filters, sorts and scrolls: ``search`` plus the two counts of a query,
and ``summaries_for`` of one page. Prints median, 95th percentile and maximum in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

TYPED = ("б", "бе", "бер", "берё", "Ё", "ёл", "ЁЛК", "Фёдо", "с", "со", "сош", "сош ", "5", "57")
"""What a user types, one to four characters (Cyrillic, capitals, «ё», INN digits)."""
PAGE_SIZE = 200


def _timed(function: Callable[[], Any], repeat: int) -> tuple[int, list[float]]:
    result = function()  # warm-up: caches, compiled statements
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return (len(result) if isinstance(result, Sequence) else 1), times


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(store: Path, repeat: int) -> list[tuple[str, int, float, float, float]]:
    """Time every operation; rows of (operation, result rows, median, p95, max)."""
    from curator_desktop.store.database import Database
    from curator_desktop.store.repositories.schools import (
        SchoolQuery,
        SchoolRepository,
        SchoolSort,
    )

    database = Database(store)
    repository = SchoolRepository(database)
    today = dt.date.today()

    def query(**fields: Any) -> Callable[[], list[str]]:
        wanted = SchoolQuery(**fields)

        def execute() -> list[str]:  # what the page runs per query
            ids = repository.search(wanted, today=today)
            repository.count(include_archived=wanted.include_archived)
            return ids

        return execute

    municipality = repository.municipalities()[0]
    operations: list[tuple[str, Callable[[], Any]]] = [
        ("all schools (by name)", query()),
        *((f"search «{text}»", query(text=text)) for text in TYPED),
        (f"filter municipality «{municipality[:24]}»", query(municipality=municipality)),
        ("filter programme «500+»", query(programme="500plus")),
        ("filter status completed", query(status="completed")),
        ("show archived", query(include_archived=True)),
        ("«сош» + programme + status", query(text="сош", programme="500plus", status="active")),
    ]
    for sort in SchoolSort:
        operations.append((f"sort {sort.value} ↑", query(sort=sort)))
        operations.append((f"sort {sort.value} ↓", query(sort=sort, descending=True)))
    ids = repository.search(SchoolQuery(), today=today)

    def page(start: int) -> Callable[[], list[Any]]:
        return lambda: repository.summaries_for(ids[start : start + PAGE_SIZE], today=today)

    operations += [
        (f"first page ({PAGE_SIZE} rows)", page(0)),
        (f"middle page ({PAGE_SIZE} rows)", page(len(ids) // 2)),
        ("municipalities", repository.municipalities),
    ]
    rows = []
    try:
        for label, function in operations:
            count, times = _timed(function, repeat)
            median, p95 = statistics.median(times), _percentile(times, 0.95)
            rows.append((label, count, median, p95, max(times)))
    finally:
        database.close()
    return rows


def print_table(rows: list[tuple[str, int, float, float, float]]) -> None:
    width = max(len(row[0]) for row in rows)
    print(f"{'operation':<{width}}  {'rows':>6}  {'median':>8}  {'p95':>8}  {'max':>8}  (ms)")
    for label, count, median, p95, largest in rows:
        print(f"{label:<{width}}  {count:>6}  {median:>8.2f}  {p95:>8.2f}  {largest:>8.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 schools, 3 runs (for CI)")
    parser.add_argument("--schools", type=int, help="schools in the generated store (5000)")
    parser.add_argument("--visits", type=int, help="visits in the generated store (3 per school)")
    parser.add_argument("--repeat", type=int, help="timed runs per operation (30)")
    parser.add_argument("--store", type=Path, help="time this store instead of generating one")
    args = parser.parse_args(argv)
    schools = args.schools or (500 if args.quick else 5000)
    repeat = args.repeat or (3 if args.quick else 30)

    from benchmarks.store_generator import generate_store
    from curator_desktop.store import schema

    with tempfile.TemporaryDirectory(prefix="curator-bench-") as folder:
        store = args.store
        if store is None:
            store = Path(folder) / "curator.sqlite3"
            made = generate_store(store, schools=schools, visits=args.visits)
            print(
                f"Generated {made.schools} schools in {made.municipalities} municipalities, "
                f"{made.assessments} risk assessments, {made.visits} visits, "
                f"{made.recommendations} recommendations in {made.seconds:.1f} s"
            )
        else:
            schema.upgrade(store)
        print(f"{repeat} timed runs per operation, store {store}")
        print_table(run(store, repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
