"""The store lock, exercised with real second processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import curator_desktop
from curator_desktop.domain.errors import StoreLockedError
from curator_desktop.store.lock import StoreLock

PROJECT_ROOT = Path(curator_desktop.__file__).resolve().parent.parent

# Tries the lock once: exit 0 when acquired, StoreLockedError.exit_code when refused.
# With "hold" it reports "acquired" and keeps the lock until its stdin closes.
CHILD = """
import sys
from pathlib import Path
from curator_desktop.domain.errors import StoreLockedError
from curator_desktop.store.lock import StoreLock

lock = StoreLock(Path(sys.argv[1]))
try:
    lock.acquire()
except StoreLockedError as exc:
    sys.stderr.write(exc.user_message)
    sys.exit(exc.exit_code)
if len(sys.argv) > 2 and sys.argv[2] == "hold":
    print("acquired", flush=True)
    sys.stdin.read()
lock.release()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    return env


def try_in_child(lock_file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(lock_file)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
        check=False,
    )


def hold_in_child(lock_file: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(lock_file), "hold"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "acquired", child.stderr.read() if child.stderr else line
    return child


def test_second_process_is_refused_while_held(tmp_path: Path) -> None:
    lock_file = tmp_path / "data" / "curator.lock"
    with StoreLock(lock_file) as lock:
        assert lock.held
        assert lock.holder().startswith(f"{os.getpid()}@")
        result = try_in_child(lock_file)
    assert result.returncode == StoreLockedError.exit_code, result.stderr
    assert "already running" in result.stderr
    assert str(lock_file.parent) in result.stderr


def test_after_release_another_process_can_acquire(tmp_path: Path) -> None:
    lock_file = tmp_path / "curator.lock"
    lock = StoreLock(lock_file)
    lock.acquire()
    lock.acquire()  # idempotent
    lock.release()
    lock.release()  # idempotent
    assert not lock.held
    result = try_in_child(lock_file)
    assert result.returncode == 0, result.stderr


def test_lock_held_by_another_process_refuses_us(tmp_path: Path) -> None:
    lock_file = tmp_path / "curator.lock"
    child = hold_in_child(lock_file)
    try:
        with pytest.raises(StoreLockedError) as refused:
            StoreLock(lock_file).acquire()
        assert refused.value.details.startswith(f"{child.pid}@")
    finally:
        child.communicate("", timeout=60)
    assert child.returncode == 0
    with StoreLock(lock_file) as lock:
        assert lock.held


def test_a_crashed_holder_does_not_block(tmp_path: Path) -> None:
    lock_file = tmp_path / "curator.lock"
    child = hold_in_child(lock_file)
    child.kill()
    child.communicate(timeout=60)
    assert lock_file.read_text().startswith(f"{child.pid}@")  # the crash left the file behind
    with StoreLock(lock_file) as lock:
        assert lock.holder().startswith(f"{os.getpid()}@")


def test_stale_lock_file_does_not_block(tmp_path: Path) -> None:
    lock_file = tmp_path / "curator.lock"
    lock_file.write_text("999999@some-other-host\n")
    with StoreLock(lock_file) as lock:
        assert lock.holder().startswith(f"{os.getpid()}@")
        assert try_in_child(lock_file).returncode == StoreLockedError.exit_code
