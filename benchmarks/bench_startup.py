"""Start-up of the whole app process on a coordinator-size store, next to a bare PySide6 window.

    python benchmarks/bench_startup.py            # 5,000 schools / 50,000 visits, 10 rounds
    python benchmarks/bench_startup.py --quick    # 200 schools, 2 rounds (CI: it still runs)
    python benchmarks/bench_startup.py --platform xcb   # a real X server (own Xvfb if no DISPLAY)

The generated store is cached between runs (``CURATOR_BENCH_CACHE``, else ``curator-bench-cache``
in the temporary folder), keyed by its size, the day and a hash of the generator and of the
schema, and copied into a fresh data folder. One start first takes the day's backup (reported
apart); then, interleaved (bare, app, bare, app…) so the ratio holds on a noisy machine:

* ``curator-desktop --quit-after-show --data-dir DIR`` started as a process: when its window was
  first painted and when the schools were painted, read from its log (it counts from this
  script's clock reading, passed in ``CURATOR_LAUNCHED_AT``), and the whole process until exit;
* ``benchmarks/bare_window.py``: a bare ``QMainWindow`` shown and painted, then exit.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.result_rows import print_rows, result_row  # noqa: E402 (after the path is set)

__all__ = ["print_rows", "result_row"]  # imported from here by the other start-up benchmarks

FULL = {"schools": 5000, "visits": 50_000, "rounds": 10}
QUICK = {"schools": 200, "visits": 600, "rounds": 2}
RATIO_TARGET = 1.5
DATA_TARGET_MS = 1000
CACHE_ENV = "CURATOR_BENCH_CACHE"
LAUNCHED_AT_ENV = "CURATOR_LAUNCHED_AT"  # curator_desktop.app.LAUNCHED_AT_ENV (not imported)
SHOWN = re.compile(r"(Window|Data) shown (\d+) ms after start-up began")
TIMEOUT_S = 120


# -- the generated store, cached ----------------------------------------------------------------


def cache_dir() -> Path:
    """Where generated stores are kept between runs."""
    return Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "curator-bench-cache")


def generator_version() -> str:
    """A hash of what decides a generated store's content: the generator and the schema."""
    from curator_desktop.store import schema

    digest = hashlib.sha1()
    for name in ("store_generator.py", "store_names.py"):
        digest.update((HERE / name).read_bytes())
    digest.update(schema.shipped_revisions().head.encode())
    return digest.hexdigest()[:12]


def cached_store(schools: int, visits: int, *, say: Any = print) -> Path:
    """A closed store of ``schools`` schools and ``visits`` visits with a curator's profile,
    generated once per day and generator version; never open it in place (copy it)."""
    today = dt.date.today()
    shape = f"store-{schools}s-{visits}v-"
    path = cache_dir() / f"{shape}{today:%Y%m%d}-{generator_version()}.sqlite3"
    if path.is_file():
        return path
    from benchmarks.store_generator import generate_store
    from curator_desktop.store.database import Database
    from curator_desktop.store.repositories.profile import ProfileRepository

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
    made = generate_store(partial, schools=schools, visits=visits, today=today)
    database = Database(partial, device_id="generator")
    try:  # a profile, so the app asks nothing at start
        ProfileRepository(database).save(
            full_name="Иванова Мария Петровна",
            organisation="ГАУ ДПО «Институт развития образования»",
            region="Волгоградская область",
        )
    finally:
        database.close()
    with contextlib.closing(sqlite3.connect(partial)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for old in path.parent.glob(f"{shape}*.sqlite3"):
        old.unlink(missing_ok=True)
    os.replace(partial, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    say(
        f"Generated {made.schools} schools, {made.visits} visits, {made.recommendations} "
        f"recommendations in {made.seconds:.1f} s (cached as {path})"
    )
    return path


def prepare_data_dir(store: Path, folder: Path) -> Path:
    """A fresh data folder holding a copy of ``store``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(store, folder / "curator.sqlite3")
    return folder


# -- processes ------------------------------------------------------------------------------------


def app_command(data_dir: Path, *extra: str) -> list[str]:
    """The desktop app on ``data_dir`` (English), as ``curator-desktop`` would run it."""
    return [
        *(sys.executable, "-m", "curator_desktop"),
        *("--data-dir", str(data_dir), "--lang", "en", *extra),
    ]


def child_env(platform: str, display: str | None) -> dict[str, str]:
    """The environment of a started app: the Qt platform, the display, this checkout, and
    compiled bytecode kept (in the cache folder) as an installed app has it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CURATOR_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    env["QT_QPA_PLATFORM"] = platform
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if display:
        env["DISPLAY"] = display
    return env


@contextlib.contextmanager
def virtual_display(platform: str) -> Iterator[str | None]:
    """The X display for ``xcb``: $DISPLAY, else an Xvfb of our own (stopped afterwards)."""
    if platform != "xcb" or os.environ.get("DISPLAY"):
        yield os.environ.get("DISPLAY") if platform == "xcb" else None
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise RuntimeError("the xcb platform needs an X server: install Xvfb or set DISPLAY")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def log_file(data_dir: Path) -> Path:
    return data_dir / "logs" / "curator-desktop.log"


def shown_times(text: str) -> dict[str, float]:
    """``{"Window": ms, "Data": ms}`` from the log lines of one start."""
    return {match[1]: float(match[2]) for match in SHOWN.finditer(text)}


@dataclass(frozen=True)
class Start:
    """One start of the app: first paint, data painted and exit, in ms from the launch."""

    window_ms: float
    data_ms: float
    total_ms: float


def start_app(data_dir: Path, env: dict[str, str]) -> Start:
    """Run ``--quit-after-show`` once; the times come from its log."""
    log = log_file(data_dir)
    offset = log.stat().st_size if log.is_file() else 0
    command = app_command(data_dir, "--quit-after-show")
    started = time.perf_counter()
    result = subprocess.run(
        command,
        env={**env, LAUNCHED_AT_ENV: f"{started:.6f}"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    total = (time.perf_counter() - started) * 1000
    with log.open(encoding="utf-8") as lines:
        lines.seek(offset)
        times = shown_times(lines.read())
    if result.returncode != 0 or set(times) != {"Window", "Data"}:
        raise RuntimeError(f"the app failed (exit {result.returncode}): {result.stderr[-2000:]}")
    return Start(times["Window"], times["Data"], total)


def start_bare(env: dict[str, str]) -> Start:
    """Run ``bare_window.py`` once: painted and exit, in ms from the launch."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(HERE / "bare_window.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    total = (time.perf_counter() - started) * 1000
    words = result.stdout.split()
    if result.returncode != 0 or words[:1] != ["painted"]:
        raise RuntimeError(f"the bare window failed: {result.stderr[-2000:]}")
    painted = (float(words[1]) - started) * 1000
    return Start(painted, painted, total)


def measure(
    work: Path, platform: str, *, schools: int, visits: int, rounds: int, say: Any = print
) -> list[dict[str, Any]]:
    """Start the app ``rounds`` times, interleaved with the bare window; the rows."""
    store = cached_store(schools, visits, say=say)
    data_dir = prepare_data_dir(store, work / f"data-{platform}")
    with virtual_display(platform) as display:
        env = child_env(platform, display)
        first = start_app(data_dir, env)  # takes the day's backup; fills the disk cache
        start_bare(env)
        apps: list[Start] = []
        bares: list[Start] = []
        for _ in range(rounds):  # interleaved: A, B, A, B…
            bares.append(start_bare(env))
            apps.append(start_app(data_dir, env))
    size = f"{schools:,} schools, {visits:,} visits"
    bare = "bare PySide6 QMainWindow painted (own process)"
    return [
        result_row(
            f"start-up: main window painted ({platform})",
            [s.window_ms for s in apps],
            target=f"≤ {RATIO_TARGET}× bare window",
            reference=bare,
            reference_ms=[s.window_ms for s in bares],
            limit=RATIO_TARGET,
            note=f"{size}; from the launch of the process to the first paint",
        ),
        result_row(
            f"start-up: schools painted ({platform})",
            [s.data_ms for s in apps],
            target=f"data visible ≤ {DATA_TARGET_MS} ms",
            met=statistics.median(s.data_ms for s in apps) <= DATA_TARGET_MS,
            note=f"{size}; first start of the day (daily backup of the store): "
            f"{first.data_ms:.0f} ms",
        ),
        result_row(
            f"start-up: whole process --quit-after-show ({platform})",
            [s.total_ms for s in apps],
            target="(for information: the data path, whose target is the row above)",
            reference="bare window, launch to exit",
            reference_ms=[s.total_ms for s in bares],
            note="launch to exit 0 after the data was painted (importing SQLModel and the "
            "tables alone takes ≈0.5 s)",
        ),
    ]


def platforms(quick: bool) -> list[str]:
    """offscreen always; a real X server too in a full run when one can be had."""
    xcb = not quick and bool(os.environ.get("DISPLAY") or shutil.which("Xvfb"))
    return ["offscreen", "xcb"] if xcb and sys.platform.startswith("linux") else ["offscreen"]


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    sizes = QUICK if quick else FULL
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        for platform in platforms(quick):
            rows += measure(Path(tmp), platform, **sizes)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 schools, 2 rounds (for CI)")
    parser.add_argument("--rounds", type=int, help="timed starts of each (10)")
    parser.add_argument("--schools", type=int, help="schools in the generated store (5000)")
    parser.add_argument("--visits", type=int, help="visits in the generated store (50000)")
    parser.add_argument("--platform", choices=("offscreen", "xcb"), action="append")
    args = parser.parse_args(argv)
    sizes = dict(QUICK if args.quick else FULL)
    for key in ("rounds", "schools", "visits"):
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        for platform in args.platform or platforms(args.quick):
            print(f"{sizes['rounds']} starts of each on the {platform} platform")
            rows += measure(Path(tmp), platform, **sizes)
    print()
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
