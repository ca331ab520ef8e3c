"""How fast an exchange package is written and how much memory it takes, next to ``zip -0``.

    python benchmarks/bench_export.py              # 1 GB of attachments (16 files of 64 MB)
    python benchmarks/bench_export.py --mb 4096    # any size: memory must not grow with it
    python benchmarks/bench_export.py --quick      # 8 MB (CI: it still runs)

Builds the demo store in a temporary directory and gives it N MB of attachments: generated,
incompressible files (like JPEG photos and PDF scans) written in 1 MiB pieces straight into the
store's attachment folder under their SHA-256 and attached to a planned visit. Then it times
``write_package`` with the full scope and, for reference, ``zip -0`` of the same files (Python's
``zipfile`` with ZIP_STORED when there is no ``zip`` program), and prints the memory: the peak
of Python's allocations during the export (tracemalloc) and the process's peak RSS before and
after it (getrusage; it only grows, so «after» equal to «before» means the export never went
above what building the store took).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

MIB = 1024 * 1024


def peak_rss_mb() -> float | None:
    """The process's peak resident memory so far, in MB (None where getrusage is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def add_attachments(db: Any, attachments_dir: Path, total_mb: int, file_mb: int) -> int:
    """Generate ``total_mb`` of incompressible files in the store; returns how many."""
    from sqlmodel import select

    from curator_desktop.services.visit_files import stored_path
    from curator_desktop.store.tables import Attachment, Visit

    rng = random.Random(2026)
    with db.session() as session:
        visit = session.exec(select(Visit).where(Visit.status == "planned")).first()
    count = max(1, -(-total_mb // file_mb))
    attachments_dir.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        size = min(file_mb, total_mb - n * file_mb) * MIB
        temporary = attachments_dir / f".bench-{n}.part"
        digest = hashlib.sha256()
        with temporary.open("wb") as out:
            for _ in range(size // MIB):
                chunk = rng.randbytes(MIB)
                digest.update(chunk)
                out.write(chunk)
        sha = digest.hexdigest()
        final = stored_path(attachments_dir, sha)
        final.parent.mkdir(exist_ok=True)
        os.replace(temporary, final)
        with db.session() as session:
            session.add(
                Attachment(
                    sha256=sha,
                    file_name=f"Фото {n + 1}.jpg",
                    mime_type="image/jpeg",
                    size_bytes=size,
                    owner_type="visit",
                    owner_id=visit.id,
                )
            )
    return count


def reference_zip(data_dir: Path, target: Path) -> str:
    """Store the attachment folder uncompressed; returns what did it."""
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


def _timed(function: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1024, help="MB of attachments (default 1024)")
    parser.add_argument("--file-mb", type=int, default=64, help="size of each file (default 64)")
    parser.add_argument("--quick", action="store_true", help="8 MB in files of 2 MB (for CI)")
    args = parser.parse_args(argv)
    total_mb, file_mb = (8, 2) if args.quick else (args.mb, args.file_mb)

    from curator_desktop.i18n import set_language
    from curator_desktop.services.demo import create_demo_store
    from curator_desktop.services.exchange.package_format import Scope
    from curator_desktop.services.exchange.package_writer import write_package
    from curator_desktop.store import schema
    from curator_desktop.store.database import Database

    set_language("en")
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        store = data_dir / "curator.sqlite3"
        schema.upgrade(store)
        db = Database(store, device_id="bench")
        create_demo_store(db)
        built, count = _timed(
            lambda: add_attachments(db, data_dir / "attachments", total_mb, file_mb)
        )
        print(f"Demo store with {total_mb} MB of attachments in {count} files ({built:.1f} s)")
        rss_before = peak_rss_mb()
        tracemalloc.start()
        seconds, summary = _timed(
            lambda: write_package(
                db,
                Path(tmp) / "full.curator",
                attachments_dir=data_dir / "attachments",
                reports_dir=data_dir / "reports",
                scope=Scope.full(),
            )
        )
        _current, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = peak_rss_mb()
        reference, name = _timed(lambda: reference_zip(data_dir, Path(tmp) / "reference.zip"))
        reference_size = (Path(tmp) / "reference.zip").stat().st_size
        db.close()
    print()
    print(f"{'operation':<34} {'seconds':>8} {'MB/s':>8} {'size MB':>9}")
    for label, took, size in (
        ("write_package (full)", seconds, summary.size_bytes),
        (name, reference, reference_size),
    ):
        print(f"{label:<34} {took:>8.2f} {size / MIB / max(took, 1e-9):>8.0f} {size / MIB:>9.1f}")
    print(f"ratio write_package / reference: {seconds / max(reference, 1e-9):.2f}")
    print()
    print(f"tracemalloc peak during export: {traced_peak / MIB:.1f} MB")
    if rss_before is None or rss_after is None:
        print("peak RSS: n/a on this system")
    else:
        print(f"peak RSS before export: {rss_before:.0f} MB; after: {rss_after:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
