"""Without a display the window is not attempted: a clear message and exit 1, never Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator_desktop.ui.shell.qt_setup import display_missing

ROOT = Path(__file__).resolve().parents[3]
NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.parametrize(
    ("environ", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb:nograb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({}, "freebsd14", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_a_missing_display_is_seen(
    qtbot, environ: dict[str, str], platform: str, missing: bool
) -> None:
    assert display_missing(environ, platform) is missing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_window_without_a_display_says_so(qtbot, tmp_path: Path, lang: str) -> None:
    """Before, Qt aborted the process (SIGABRT, a core dump) on «could not connect to display»."""
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    data = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "curator_desktop", "--data-dir", data, "--lang", lang],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "curator-desktop --help" in result.stderr
    assert ("No display" if lang == "en" else "Нет экрана") in result.stderr
    assert "Traceback" not in result.stderr
