"""How fast a curator-year is exported and how much memory it takes, next to ``zip -0``.

    python benchmarks/bench_export.py              # 10 schools, 120 visits, 500 photos of 2 MB
    python benchmarks/bench_export.py --photos 2048 --photo-mb 2   # memory must not grow
    python benchmarks/bench_export.py --quick      # 2 schools, 12 visits, 4 photos (CI)

Builds a curator's year in a temporary data folder (:mod:`benchmarks.exchange_fixtures`:
records written through the tracked session with their history; photos are generated,
incompressible files like JPEGs). Then, interleaved so the ratio holds on a noisy machine, it
times ``write_package`` with the full scope and ``zip -0`` of the same attachment files (Python's
``zipfile`` with ZIP_STORED when there is no ``zip`` program). Memory: the peak of Python's
allocations during one export (tracemalloc), and the peak RSS of a separate process that
imports the program and exports the store once (what a curator's computer needs).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.exchange_fixtures import (  # noqa: E402
    MIB,
    curator_year,
    export_full,
    print_rows,
    result_row,
    timed,
)

FULL = {"schools": 10, "visits": 120, "photos": 500, "photo_mb": 2.0, "rounds": 3}
QUICK = {"schools": 2, "visits": 12, "photos": 4, "photo_mb": 2.0, "rounds": 1}
RATIO_TARGET = 1.5
MEMORY_TARGET_MB = 200


def peak_rss_mb() -> float | None:
    """This process's peak resident memory so far, in MB (None where it cannot be read).

    Linux's ``VmHWM`` first: ``getrusage`` keeps the peak of the parent's image across
    fork + exec, so a child started from a big process would report the parent's size.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def reference_zip(data_dir: Path, target: Path) -> str:
    """Store the attachment folder uncompressed; returns what did it."""
    target.unlink(missing_ok=True)
    if shutil.which("zip"):
        subprocess.run(
            ["zip", "-0", "-q", "-r", str(target), "attachments"], cwd=data_dir, check=True
        )
        return "zip -0 (same files)"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for path in sorted((data_dir / "attachments").rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(data_dir).as_posix())
    return "zipfile ZIP_STORED (same files)"


def child_export(data_dir: Path, target: Path) -> dict[str, Any]:
    """Run one export in a fresh process; its seconds and peak RSS (MB, imports included)."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir), str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _child(data_dir: Path, target: Path) -> int:

    before = peak_rss_mb()
    seconds, _summary = timed(lambda: export_full(data_dir, target))
    print(json.dumps({"seconds": seconds, "rss_before": before, "rss_peak": peak_rss_mb()}))
    return 0


def measure(
    work: Path,
    *,
    schools: int,
    visits: int,
    photos: int,
    photo_mb: float,
    rounds: int,
    say: Any = print,
) -> list[dict[str, Any]]:
    """Build the curator-year under ``work`` and time its export against ``zip -0``."""
    from curator_desktop.i18n import set_language

    set_language("en")
    data_dir = work / "curator"
    built, year = timed(
        lambda: curator_year(
            data_dir,
            schools=schools,
            visits=visits,
            photos=photos,
            photo_bytes=int(photo_mb * MIB),
        )
    )
    say(
        f"Curator-year: {schools} schools, {visits} visits, {year.records} records, "
        f"{year.history} history rows, {photos} photos ({year.photo_bytes // MIB} MB); "
        f"built in {built:.1f} s"
    )
    package, reference_file = work / "full.curator", work / "reference.zip"
    exports: list[float] = []
    zips: list[float] = []
    reference = ""
    for _ in range(rounds):  # interleaved: A, B, A, B…
        seconds, summary = timed(lambda: export_full(data_dir, package))
        exports.append(seconds)
        seconds, reference = timed(lambda: reference_zip(data_dir, reference_file))
        zips.append(seconds)
    size, reference_size = summary.size_bytes, reference_file.stat().st_size
    tracemalloc.start()
    export_full(data_dir, package)
    _current, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    child = child_export(data_dir, package)
    rows = [
        result_row(
            "export of a curator-year (write_package, full)",
            exports,
            target=f"≤ {RATIO_TARGET}× zip -0",
            reference=reference,
            reference_seconds=zips,
            limit=RATIO_TARGET,
            note=f"package {size / MIB:.0f} MB, zip {reference_size / MIB:.0f} MB, "
            f"{summary.record_count} records, {summary.counts.get('change_log', 0)} history rows",
        ),
        result_row(
            f"export peak memory: {child['rss_peak'] or 0:.0f} MB RSS (separate process; ms = "
            "the whole export)",
            [child["seconds"]],
            target=f"≤ {MEMORY_TARGET_MB} MB",
            met=child["rss_peak"] is None or child["rss_peak"] <= MEMORY_TARGET_MB,
            note=f"peak RSS {child['rss_peak']:.0f} MB (after imports {child['rss_before']:.0f}"
            f" MB); tracemalloc peak during an export {traced / MIB:.1f} MB",
        ),
    ]
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    sizes = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        return measure(Path(tmp), **sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small year (CI: it still runs)")
    parser.add_argument("--photos", type=int, help="photos (default 500)")
    parser.add_argument("--photo-mb", type=float, help="MB per photo (default 2)")
    parser.add_argument("--rounds", type=int, help="timed exports (default 3)")
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(Path(args.child[0]), Path(args.child[1]))
    sizes = dict(QUICK if args.quick else FULL)
    for key in ("photos", "photo_mb", "rounds"):
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        rows = measure(Path(tmp), **sizes)
    print()
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
