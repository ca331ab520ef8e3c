"""How fast a curator-year package is imported into a store that has half of it, next to its export.

    python benchmarks/bench_import.py              # 10 schools, 120 visits, 500 photos of 2 MB
    python benchmarks/bench_import.py --profile    # and cProfile's top of one import
    python benchmarks/bench_import.py --quick      # 2 schools, 12 visits, 4 photos (CI)

Builds a curator's year (:mod:`benchmarks.exchange_fixtures`), exports it whole, and exports a
selection of half its schools (with their visits, photos and history). Store B — the curator's
other computer — is created from the half package. Then, interleaved so the ratio holds on a
noisy machine, it times the full export (the reference) and ``ExchangeService.import_`` of the
full package into a fresh copy of B: checking the package, reconciling the merge, the pre-import
backup, copying the new photos out and writing the records and history in one transaction.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.exchange_fixtures import (  # noqa: E402
    MIB,
    curator_year,
    export_full,
    export_scope,
    print_rows,
    result_row,
    timed,
)

FULL = {"schools": 10, "visits": 120, "photos": 500, "photo_mb": 2.0, "rounds": 3}
QUICK = {"schools": 2, "visits": 12, "photos": 4, "photo_mb": 2.0, "rounds": 1}
RATIO_TARGET = 2.0


def copy_data_folder(source: Path, target: Path) -> Path:
    """A copy of a closed data folder: the store copied, attachment files hard-linked (an
    import never changes a stored file, it only adds new ones)."""
    source, target = Path(source), Path(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("attachments", "backups"))
    if (source / "attachments").is_dir():
        try:
            shutil.copytree(source / "attachments", target / "attachments", copy_function=os.link)
        except OSError:  # no hard links here
            shutil.rmtree(target / "attachments", ignore_errors=True)
            shutil.copytree(source / "attachments", target / "attachments")
    return target


def _paths(data_dir: Path) -> Any:
    from curator_desktop.paths import AppPaths

    return AppPaths(data_dir=data_dir, config_dir=data_dir / "config", log_dir=data_dir / "logs")


def import_into(data_dir: Path, package: Path, *, profile: cProfile.Profile | None = None) -> Any:
    """Import ``package`` into the store of ``data_dir`` as the app does; the ImportResult."""
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.store.database import Database

    paths = _paths(data_dir)
    database = Database(paths.store_file, device_id="office-pc")
    try:
        service = ExchangeService.for_paths(database, paths)
        if profile is None:
            return service.import_(package)
        return profile.runcall(service.import_, package)
    finally:
        database.close()


def measure(
    work: Path,
    *,
    schools: int,
    visits: int,
    photos: int,
    photo_mb: float,
    rounds: int,
    profile: bool = False,
    say: Any = print,
) -> list[dict[str, Any]]:
    """Build the year and store B under ``work``; time exports and imports, interleaved."""
    from curator_desktop.i18n import set_language
    from curator_desktop.services.exchange.package.format import Scope
    from curator_desktop.services.exchange.store_move import create_store_from_package

    set_language("en")
    data_dir = work / "curator"
    built, year = timed(
        lambda: curator_year(
            data_dir, schools=schools, visits=visits, photos=photos, photo_bytes=int(photo_mb * MIB)
        )
    )
    say(
        f"Curator-year: {schools} schools, {visits} visits, {year.records} records, "
        f"{year.history} history rows, {photos} photos ({year.photo_bytes // MIB} MB); "
        f"built in {built:.1f} s"
    )
    full, half = work / "full.curator", work / "half.curator"
    half_scope = Scope.selection(year.school_ids[: max(1, schools // 2)])
    half_summary = export_scope(data_dir, half, half_scope, device_id="curator-laptop")
    store_b = work / "store-b"
    create_store_from_package(_paths(store_b), half, device_id="office-pc")
    say(
        f"Store B created from a package of {len(half_scope.school_ids)} of {schools} schools: "
        f"{half_summary.record_count} records, {half_summary.attachments} photos"
    )
    exports: list[float] = []
    imports: list[float] = []
    result = None
    for n in range(rounds):  # interleaved: A, B, A, B…
        seconds, summary = timed(lambda: export_full(data_dir, full))
        exports.append(seconds)
        target = copy_data_folder(store_b, work / f"store-b-{n}")
        seconds, result = timed(lambda target=target: import_into(target, full))
        imports.append(seconds)
        shutil.rmtree(target)
    reconciliation = result.reconciliation
    rows = [
        result_row(
            "import + merge of a curator-year into half of it",
            imports,
            target=f"≤ {RATIO_TARGET}× the export",
            reference="export of the same store (write_package, full)",
            reference_seconds=exports,
            limit=RATIO_TARGET,
            note=f"package {summary.size_bytes / MIB:.0f} MB, {summary.record_count} records: "
            f"{reconciliation.total('new')} new, {reconciliation.total('unchanged')} unchanged, "
            f"{result.history_added} history rows added, {result.files_copied} files copied",
        )
    ]
    if profile:
        profiler = cProfile.Profile()
        target = copy_data_folder(store_b, work / "store-b-profiled")
        import_into(target, full, profile=profiler)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        return measure(Path(tmp), **(QUICK if quick else FULL))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small year (CI: it still runs)")
    parser.add_argument("--photos", type=int, help="photos (default 500)")
    parser.add_argument("--rounds", type=int, help="timed exports and imports (default 3)")
    parser.add_argument("--profile", action="store_true", help="print cProfile of one import")
    args = parser.parse_args(argv)
    sizes: dict[str, Any] = dict(QUICK if args.quick else FULL)
    for key in ("photos", "rounds"):
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        rows = measure(Path(tmp), profile=args.profile, **sizes)
    print()
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
