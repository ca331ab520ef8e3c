"""Running the real CLI on a hostile file: its exit, its words, its time and its peak memory.

The child runs in its own process group, in Russian (``--lang ru``), with no inherited data or
config folder. Its peak resident memory is the kernel's figure for that child alone
(``os.wait4``: the same ``ru_maxrss`` that ``getrusage(RUSAGE_CHILDREN)`` reports, but per
child). It is killed after :data:`HANG_LIMIT` seconds and limited to :data:`ADDRESS_SPACE` of
address space, so that a reader that inflates a bomb cannot take the machine down with it (it
fails its test either way).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HANG_LIMIT = 120.0
"""Seconds after which the child is killed (the tests allow :data:`TIME_CEILING`)."""
TIME_CEILING = 60.0
MEMORY_CEILING_MB = 600.0
ADDRESS_SPACE = 4 * 1024**3

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_PYTHON_WORDS = re.compile(
    r"Traceback|\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b|BadZipFile|"
    r'File "[^"]+\.py", line'
)


@dataclass
class Ran:
    """How the child ended."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    hung: bool

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def message(self) -> str:
        """The first line of what it said on stderr (else stdout), for a report."""
        for line in (self.stderr or self.stdout).splitlines():
            if line.strip():
                return line.strip()[:140]
        return ""


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CURATOR_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LANG"] = env["LC_ALL"] = "ru_RU.UTF-8"
    return env


def _limit() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_cli(*args: str | Path, lang: str = "ru") -> Ran:
    """``python -m curator_desktop ARGS --lang ru`` in a child; see the module."""
    argv = [sys.executable, "-m", "curator_desktop", *map(str, args), "--lang", lang]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=out, stderr=err, cwd=ROOT, env=child_env(),
            start_new_session=True, preexec_fn=_limit,
        )  # fmt: skip
        hung = threading.Event()

        def kill() -> None:
            hung.set()
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(HANG_LIMIT, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Ran(
            code=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
            hung=hung.is_set(),
        )


def speaks_russian(text: str) -> bool:
    """Some line says something in Russian (ten Cyrillic letters at least)."""
    return any(len(_CYRILLIC.findall(line)) >= 10 for line in text.splitlines())


def python_words(text: str) -> list[str]:
    """Tracebacks and exception class names: what a user must never read."""
    return sorted({match.group(0) for match in _PYTHON_WORDS.finditer(text)})


_ENGLISH = re.compile(r"\b[a-z]{2,}(?:[ ,:]+[a-z]{2,}){2,}\b")
_QUOTED = re.compile(r"«[^»]*»")


def english_phrases(text: str) -> list[str]:
    """Three or more English words in a row outside «quotes» (a library's own message passed
    on untranslated, e.g. «field larger than field limit»)."""
    return sorted({match.group(0) for match in _ENGLISH.finditer(_QUOTED.sub("", text))})


LOGGED = "package_intake"
"""The log of packages received: a refused package is written there (#24), and only there."""


def store_state(data_dir: Path) -> str:
    """A digest of every row of every table but the log of packages received (a refusal adds
    its line there), in a stable order: what a refusal must leave as it was."""
    import sqlite3
    from contextlib import closing

    store = data_dir / "curator.sqlite3"
    if not store.is_file():
        return "no store"
    digest = hashlib.sha256()
    with closing(sqlite3.connect(store)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        for name in names:
            if name == LOGGED:
                continue
            rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{name}"'))
            digest.update(f"{name}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode())
    return digest.hexdigest()


def table_counts(data_dir: Path) -> dict[str, int]:
    """Rows per table (to say what changed when the bytes did)."""
    import sqlite3
    from contextlib import closing

    store = data_dir / "curator.sqlite3"
    with closing(sqlite3.connect(store)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }
