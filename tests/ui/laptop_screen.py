"""GUI checks on a 1366×768 laptop screen at 100 % or 150 %: a child pytest whose offscreen
platform has that screen (the suite's own offscreen screen is 800×800 at scale 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LAPTOP_ENV = "CURATOR_TEST_LAPTOP_SCALE"
"""Set (to the scale) in the child process that runs on the laptop's screen."""
LAPTOP = (1366, 768)
ROOT = Path(__file__).resolve().parents[2]

only_on_laptop = pytest.mark.skipif(
    not os.environ.get(LAPTOP_ENV), reason="run on a 1366×768 screen by tests/ui/common"
)
"""Marks the checks that mean something only on the laptop's screen."""


def run_on_laptop(target: str, tmp_path: Path, *, scale: str) -> None:
    """Run the pytest ``target`` (a file of the checks, relative to the project) on a 1366×768
    screen at ``scale`` (``QT_SCALE_FACTOR``); fail with the child's report if a check fails."""
    screen = {"name": "laptop", "x": 0, "y": 0, "width": LAPTOP[0], "height": LAPTOP[1]}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        LAPTOP_ENV: scale,
    }
    command = [sys.executable, "-m", "pytest", target, "-q", "-p", "no:cacheprovider"]
    command += ["--basetemp", str(tmp_path / "child")]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    report = "\n".join(
        line for line in result.stdout.splitlines() if not line.startswith(("INFO", "DEBUG"))
    )
    assert result.returncode == 0, f"at scale {scale}:\n{report[-6000:]}"
