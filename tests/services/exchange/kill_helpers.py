"""Killing an import with SIGKILL at a chosen step, in a child process.

The child (a fork of the test process: the modules are loaded once, so a run costs only its own
work) counts *steps*: right after every commit of a session (``sqlalchemy.orm.Session``) and
right before and after every ``os.replace`` (a file put in place, the store renamed). With
``kill_at`` = n it kills itself (SIGKILL: no cleanup, no ``finally``, no exit handlers) at step
n; with 0 it runs to the end, so a test first counts the steps and then kills at each one.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import folder_paths

from curator_desktop.paths import AppPaths

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked child (POSIX)")


@dataclass(frozen=True)
class Run:
    """How a child ended: killed at a step, or done; the steps it went through."""

    killed: bool
    steps: list[str]


def _install_steps(kill_at: int, log: Path) -> None:
    """In the child: count the steps into ``log``; SIGKILL at step ``kill_at``."""
    from sqlalchemy.orm import Session

    steps = 0
    out = log.open("a", encoding="utf-8")

    def step(name: str) -> None:
        nonlocal steps
        steps += 1
        out.write(f"step {steps}: {name}\n")
        out.flush()
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    commit, replace = Session.commit, os.replace

    def counted_commit(self: Session) -> None:
        commit(self)
        step("after commit")

    def counted_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        step(f"before replace {Path(dst).name}")
        replace(src, dst, *args, **kwargs)
        step(f"after replace {Path(dst).name}")

    Session.commit = counted_commit  # type: ignore[method-assign]
    os.replace = counted_replace


def run_killed(work: Callable[[], Any], log: Path, *, kill_at: int) -> Run:
    """Run ``work`` in a forked child killed at step ``kill_at`` (0: never)."""
    log.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            _install_steps(kill_at, log)
            work()
        except BaseException:
            traceback.print_exc(file=sys.stderr)
            code = 1
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    steps = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    if not killed:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "the child failed"
    return Run(killed, steps)


def fresh_copy(source: Path | None, root: Path) -> AppPaths:
    """A copy of the (closed) data folder ``source``, or an empty folder ``root``."""
    if source is not None:
        shutil.copytree(source, root)
    return folder_paths(root)


def leftovers(folder: Path) -> list[Path]:
    """Temporary files a killed writer leaves: ``*.part``, ``*.part-*`` (and their WAL)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and ".part" in p.name)
