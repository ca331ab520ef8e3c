"""``smoke DIR``: start a built bundle headless and prove it works, as a curator's PC would.

1. ``curator-desktop --version`` (the bundle starts at all; its start-up time);
2. ``curator-desktop selfcheck`` (store, migrations, demo data, a PDF report read back, export
   and import: see ``curator_desktop/selfcheck/checks.py``);
3. the desktop window on the offscreen platform, twice (``--quit-after-show --demo``): first on a
   new demo store, then on the existing one; the log must have no error and Qt's own Russian
   translation must have been found.

Prints the bundle's size and each time; returns non-zero when anything failed. Everything is
written in a temporary folder, and ``CURATOR_DATA_DIR`` points there too, so the machine's own
Curator Desktop data is never touched.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from installer.bundle import folder_size, megabytes
from installer.names import executable_in

TIMEOUT = 600
LOG_PROBLEMS = re.compile(r" (ERROR|CRITICAL) | Qt translations for \w+ not found")
DATA_SHOWN = re.compile(r"Data shown (\d+) ms after start-up began")


@dataclass(frozen=True)
class Timing:
    """One run of the bundle's program."""

    label: str
    seconds: float
    ok: bool
    output: str


def run_program(
    program: Path, args: list[str], env: dict[str, str], label: str, *, cwd: Path
) -> Timing:
    """Run the bundle's program, echoing its output; never raises for a failure of the program."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [str(program), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=cwd,
            timeout=TIMEOUT,
            check=False,
        )
        ok, output = done.returncode == 0, done.stdout + done.stderr
        if not ok:
            output += f"\n(exit code {done.returncode})"
    except (OSError, subprocess.TimeoutExpired) as exc:
        ok, output = False, str(exc)
    seconds = time.perf_counter() - started
    print(f"$ {program.name} {' '.join(args)}", flush=True)
    if output.strip():
        print("  " + output.strip().replace("\n", "\n  "), flush=True)
    return Timing(label, seconds, ok, output)


def smoke(bundle: Path) -> int:
    """Check the bundle folder (or a macOS ``.app``); 0 when everything passed."""
    bundle = Path(bundle).resolve()
    program = executable_in(bundle)
    if not program.is_file():
        print(f"No program in {bundle} (looked for {program.name}).", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="curator-smoke-") as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "CURATOR_DATA_DIR": str(work / "data"),
            "CURATOR_CONFIG_DIR": str(work / "config"),
            "CURATOR_CACHE_DIR": str(work / "cache"),
            "PYTHONIOENCODING": "utf-8",
        }
        selfcheck = ["selfcheck", "--lang", "en", "--work-dir", folder]
        gui = ["--quit-after-show", "--demo", "--data-dir", str(work / "gui"), "--lang", "ru"]
        timings = [
            run_program(program, ["--version"], env, "--version", cwd=work),
            run_program(program, selfcheck, env, "selfcheck", cwd=work),
            run_program(program, gui, env, "window, new demo store", cwd=work),
            run_program(program, gui, env, "window, existing store", cwd=work),
        ]
        log = "\n".join(p.read_text("utf-8") for p in (work / "gui").rglob("*.log"))
    problems = [line for line in log.splitlines() if LOG_PROBLEMS.search(line)]
    shown = DATA_SHOWN.findall(log)
    print()
    print(f"Bundle: {bundle}")
    print(f"  size: {megabytes(folder_size(bundle))}")
    for timing in timings:
        print(f"  {timing.label}: {timing.seconds:.2f} s {'ok' if timing.ok else 'FAILED'}")
    if shown:
        print(f"  data shown (from the app's log): {', '.join(f'{ms} ms' for ms in shown)}")
    for line in problems:
        print(f"  log: {line}")
    failed = [t.label for t in timings if not t.ok] + (["log"] if problems or not shown else [])
    if failed:
        print(f"SMOKE FAILED: {', '.join(failed)}")
        return 1
    print("Smoke test passed.")
    return 0
