"""A second start on the same data folder brings the first window forward and changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from curator_desktop.store.lock import StoreLock
from curator_desktop.ui.shell.single_instance import (
    InstanceServer,
    ask_running_instance_to_activate,
    server_name,
)

ROOT = Path(__file__).resolve().parents[3]


def _start_app(data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "curator_desktop",
            "--data-dir",
            str(data_dir),
            "--lang",
            "en",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_activation_message_reaches_the_server(qtbot, tmp_path: Path) -> None:
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    try:
        with qtbot.waitSignal(server.activation_requested, timeout=5000):
            assert ask_running_instance_to_activate(server.name)
    finally:
        server.close()


def test_nobody_listening_means_no_activation(qtbot, tmp_path: Path) -> None:
    assert ask_running_instance_to_activate(server_name(tmp_path / "nobody")) is False


def test_second_start_defers_to_the_running_window(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = _start_app(data)
    try:
        deadline = time.monotonic() + 60
        while not (data / "curator.sqlite3").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert StoreLock(data / "curator.lock").holder()
        second = _start_app(data, "--quit-after-show")
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        assert "Traceback" not in err
        assert first.poll() is None, "the first window must keep running"
    finally:
        first.kill()
        first.communicate(timeout=30)


def test_store_held_by_another_program_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with StoreLock(data / "curator.lock"):
        app = _start_app(data, "--quit-after-show")
        _out, err = app.communicate(timeout=60)
    assert app.returncode == 4
    assert "already running" in err
    assert not (data / "curator.sqlite3").exists()
