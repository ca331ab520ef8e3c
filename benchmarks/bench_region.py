"""The coordinator's region summary over a big region: 300 curators, 3,000 schools, 100,000 visits.

    python benchmarks/bench_region.py            # 3,000 schools, 100,000 visits, 300 curators
    python benchmarks/bench_region.py --quick    # 300 schools, 10,000 visits, 30 curators

The store is :func:`benchmarks.store_generator.generate_store`'s (schools, risk profiles, visits,
recommendations), made a coordinator's: one curator's profile and store per ten schools, each
school assigned to its curator, the curator named as the author of its visits and
recommendations, one imported package per curator and a receipt for every school and visit,
all two days before the day the summary is told as of. The generator writes no documents,
monitoring answers or self-diagnosis rounds: those queries run over empty tables.
:meth:`RegionService.summary` is timed (after one warm-up), and beside it, in the same run, the
reference: the very statements the summary ran (captured from the engine), replayed with their
parameters through plain ``sqlite3`` and fetched whole — what the aggregation costs SQLite alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 11, 20)
RUNS = 5
TARGET_MS = 2000.0
TARGET_RATIO = 2.0


def _surname(n: int) -> str:
    """A distinct surname per number (a person is told by surname and initials)."""
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    suffix = ""
    while True:
        n, digit = divmod(n, len(letters))
        suffix = letters[digit] + suffix
        if n == 0:
            return f"Кураторова-{suffix.capitalize()}"


def build_region(path: Path, *, schools: int, visits: int, curators: int) -> dict[str, int]:
    """The generated store at ``path`` made a coordinator's region (see the module)."""
    from benchmarks.store_generator import generate_store

    generated = generate_store(path, schools=schools, visits=visits, today=TODAY)
    now = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(9)).isoformat(sep=" ")
    connection = sqlite3.connect(path)
    try:
        with connection:
            school_ids = [row[0] for row in connection.execute("SELECT id FROM school ORDER BY id")]
            people = []
            for n in range(curators):
                profile, store = str(uuid.UUID(int=n + 1)), str(uuid.UUID(int=10**6 + n))
                people.append((profile, store, f"{_surname(n)} Анна Ивановна"))
            connection.executemany(
                "INSERT INTO curator_profile (id, created_at, updated_at, revision, device_id, "
                "deleted, store_id, full_name, position, organisation, region, email, phone) "
                "VALUES (?, ?, ?, ?, 'bench', 0, ?, ?, '', '', '', '', '')",
                [(p, now, now, uuid.uuid4().hex, s, name) for p, s, name in people],
            )
            owner = {sid: people[i % curators] for i, sid in enumerate(school_ids)}
            connection.executemany(
                "INSERT INTO school_assignment (id, created_at, updated_at, revision, device_id, "
                "deleted, school_id, curator_name, curator_store_id, assigned_from) "
                "VALUES (?, ?, ?, ?, 'bench', 0, ?, ?, ?, '2026-01-15')",
                [
                    (str(uuid.uuid4()), now, now, uuid.uuid4().hex, sid, name, store)
                    for sid, (_p, store, name) in owner.items()
                ],
            )
            connection.execute("CREATE TEMP TABLE owner (school_id TEXT PRIMARY KEY, author TEXT)")
            connection.executemany(
                "INSERT INTO owner VALUES (?, ?)", [(s, p[0]) for s, p in owner.items()]
            )
            for table in ("visit", "recommendation"):
                connection.execute(
                    f"UPDATE {table} SET author_id = "
                    f"(SELECT author FROM owner WHERE owner.school_id = {table}.school_id)"
                )
            connection.executemany(
                "INSERT INTO sync_state (id, direction, destination, at, peer_store_id, "
                "package_sha256, record_count, scope, watermark) "
                "VALUES (?, 'import', '', ?, ?, '', 0, '{}', ?)",
                [(str(uuid.uuid4()), now, store, now) for _p, store, _n in people],
            )
            connection.execute(
                "INSERT INTO receipt (entity, entity_id, at) "
                "SELECT 'school', id, ? FROM school UNION ALL SELECT 'visit', id, ? FROM visit",
                (now, now),
            )
            for table in ("visit", "recommendation", "risk_assessment"):
                connection.execute(f"UPDATE {table} SET updated_at = ?", (now,))
            connection.execute(
                "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('role', 'coordinator')"
            )
        connection.execute("ANALYZE")
    finally:
        connection.close()
    return {
        "schools": generated.schools,
        "visits": generated.visits,
        "recommendations": generated.recommendations,
        "curators": curators,
    }


def _timed(function: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def measure(path: Path) -> dict[str, Any]:
    """Summary and reference timings (ms), interleaved, over ``RUNS`` runs after a warm-up."""
    from sqlalchemy import event

    from curator_desktop.services.region import RegionService
    from curator_desktop.store.database import Database

    database = Database(path, device_id="bench")
    captured: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        captured.append((statement, params))

    try:
        service = RegionService(database)
        event.listen(database.engine, "before_cursor_execute", capture)
        summary = service.summary(TODAY)  # warm-up, and the statements to replay
        event.remove(database.engine, "before_cursor_execute", capture)
        statements = [(s, p) for s, p in captured if s.lstrip().upper().startswith("SELECT")]
        raw = sqlite3.connect(path)

        def replay() -> int:
            return sum(len(raw.execute(s, p).fetchall()) for s, p in statements)

        replay()
        ours, reference = [], []
        for _ in range(RUNS):
            ours.append(_timed(lambda: service.summary(TODAY))[0])
            reference.append(_timed(replay)[0])
        raw.close()
    finally:
        database.close()
    return {
        "ours": ours,
        "reference": reference,
        "statements": len(statements),
        "schools": len(summary.schools),
        "curators": len(summary.curators),
    }


def run(quick: bool) -> list[dict[str, Any]]:
    sizes = (300, 10_000, 30) if quick else (3000, 100_000, 300)
    with tempfile.TemporaryDirectory(prefix="bench-region-") as folder:
        path = Path(folder) / "curator.sqlite3"
        built = build_region(path, schools=sizes[0], visits=sizes[1], curators=sizes[2])
        figures = measure(path)
    median = statistics.median(figures["ours"])
    reference = statistics.median(figures["reference"])
    ratio = median / reference if reference else float("inf")
    note = (
        f"{built['schools']:,} schools, {built['visits']:,} visits, "
        f"{built['recommendations']:,} recommendations, {built['curators']} curators; "
        f"{figures['statements']} SELECTs; medians of {RUNS} runs after a warm-up; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end"
    )
    return [
        {
            "what": "region summary (RegionService.summary)",
            "median_ms": round(median, 1),
            "min_ms": round(min(figures["ours"]), 1),
            "max_ms": round(max(figures["ours"]), 1),
            "reference": "the same SELECTs replayed in plain sqlite3, fetched whole",
            "reference_median_ms": round(reference, 1),
            "ratio": round(ratio, 2),
            "target": f"≤ {TARGET_MS:.0f} ms; ≤ {TARGET_RATIO:.0f}× plain sqlite3",
            "met": median <= TARGET_MS and ratio <= TARGET_RATIO,
            "note": note,
        }
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    for row in run(args.quick):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
