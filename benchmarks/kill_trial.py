"""One kill of an operation and everything checked after it (see :mod:`benchmarks.torture`).

:func:`learn` runs the operation cleanly twice (the kill window; the columns that differ from run
to run; the result a retry must give); :func:`trial` copies the starting folder, starts the
operation as a child in its own process group, SIGKILLs the group after the trial's delay, and
checks the folder: integrity, all or nothing, acknowledged edits, ``db check``, attachment files,
that the app starts on a copy, and that a retry gives the clean result.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import torture_checks as checks
from benchmarks.torture_cases import ROOT, Prepared, child_env, cli, copy_folder

STORE = checks.STORE_NAME
TIMEOUT = 600.0
COUNTERS = (
    "integrity_failures", "db_check_failures", "lost_acknowledged_writes", "half_applied",
    "missing_files", "app_start_failures", "retry_mismatches", "leftovers_after_retry",
    "operation_failures",
)  # fmt: skip
"""What must stay 0; each trial adds at most 1 to each (lost writes: the number lost)."""


@dataclass
class Ended:
    """How a child ended."""

    killed: bool
    code: int | None
    seconds: float
    stdout: str
    stderr: str
    hung: bool = False


def run_child(argv: list[str], *, delay: float | None, out: Path, limit: float = TIMEOUT) -> Ended:
    """Run ``argv`` in its own process group; SIGKILL the group after ``delay`` seconds (None:
    let it finish, but not beyond ``limit``: then it is killed as hung). Its output goes to
    files, so what it printed before the kill is kept."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stdout_file, stderr_file = out.with_suffix(".out"), out.with_suffix(".err")
    start = time.perf_counter()
    with stdout_file.open("wb") as stdout, stderr_file.open("wb") as stderr:
        process = subprocess.Popen(
            argv, stdout=stdout, stderr=stderr, cwd=ROOT, env=child_env(), start_new_session=True
        )
        try:
            process.wait(timeout=limit if delay is None else delay)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    seconds = time.perf_counter() - start
    signalled = process.returncode == -signal.SIGKILL
    return Ended(
        hung=signalled and delay is None,
        killed=signalled and delay is not None,
        code=process.returncode,
        seconds=seconds,
        stdout=stdout_file.read_text(encoding="utf-8", errors="replace"),
        stderr=stderr_file.read_text(encoding="utf-8", errors="replace"),
    )


@dataclass
class Expectation:
    """What a clean run of a case gives, learnt before the trials."""

    prepared: Prepared
    window: float
    clean_seconds: list[float]
    volatile: dict[str, frozenset[str]]
    before: Any
    after: Any
    after_retry: Any
    unlogged: int
    head: str
    answers: dict[str, tuple[object, str]] = field(default_factory=dict)


def fresh(prepared: Prepared, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    if prepared.base is None:
        folder.mkdir(parents=True)
    else:
        copy_folder(prepared.base, folder)
    return folder


def learn(prepared: Prepared, work: Path, log: Any) -> Expectation:
    """Run the operation cleanly twice: the kill window, the clean result, the volatile columns."""
    runs, shots = [], []
    for number in (1, 2):
        folder = fresh(prepared, work / f"clean-{number}")
        ended = run_child(prepared.command(folder), delay=None, out=work / f"clean-{number}")
        if ended.code != 0:
            raise RuntimeError(
                f"{prepared.name}: the clean run failed ({ended.code}): {ended.stderr}"
            )
        runs.append(ended.seconds)
        shots.append(checks.picture(folder / STORE))
    volatile = checks.volatile_columns(shots[0], shots[1])
    base_store = prepared.base / STORE if prepared.base else None
    before = checks.digest(checks.picture(base_store), volatile) if base_store else None
    expectation = Expectation(
        prepared=prepared,
        window=max(runs),
        clean_seconds=runs,
        volatile=volatile,
        before=before,
        after=checks.digest(shots[0], volatile),
        after_retry=checks.digest(shots[0], volatile, skip=prepared.skip_on_retry),
        head=checks.revision(work / "clean-1" / STORE) or "",
        unlogged=max(
            checks.unlogged_rows(base_store) if base_store else 0,
            checks.unlogged_rows(work / "clean-1" / STORE),
        ),
    )
    if prepared.plan is not None:
        clean = work / "clean-1" / STORE
        expectation.answers = checks.answers_of(clean, prepared.plan["visit_id"])
        lost, extra = autosave_losses(prepared.plan, clean, len(prepared.plan["steps"]))
        if lost or extra:
            raise RuntimeError(f"autosave: the checker disagrees with a clean run: {lost}, {extra}")
    log(
        f"{prepared.name}: clean runs {', '.join(f'{s:.2f}' for s in runs)} s; "
        f"volatile columns: {sum(map(len, volatile.values()))}"
    )
    return expectation


def autosave_losses(plan: dict[str, Any], store: Path, acknowledged: int) -> tuple[int, int]:
    """(acknowledged edits missing, items holding something never acknowledged nor in flight)."""
    steps = plan["steps"]
    stored = checks.answers_of(store, plan["visit_id"])
    in_flight = steps[acknowledged] if acknowledged < len(steps) else None
    last: dict[tuple[str, str], Any] = {}
    for kind, key, value in steps[:acknowledged]:
        last[(kind, key)] = value
    lost = 0
    for (kind, key), value in last.items():
        slot = 0 if kind == "answer" else 1
        got = stored.get(key, (None, ""))[slot]
        flying = in_flight is not None and in_flight[0] == kind and in_flight[1] == key
        if got != value and not (flying and got == in_flight[2]):
            lost += 1
    allowed = {key for _kind, key, _value in steps[: acknowledged + 1]}
    extra = len(set(stored) - allowed)
    return lost, extra


APP_LIMIT = 180.0
"""Seconds the app may take to start on a copy before it counts as hung."""


def app_starts(folder: Path, mode: str, out: Path, *, head: str) -> str:
    """'' when the app starts on a copy of ``folder``, else what went wrong. The ``cli`` check
    (``list schools --json``) expects the CLI's own refusal for a folder without a store (exit
    5) and for a store at an older revision than ``head`` (exit 3: «run db upgrade»), which
    the window would upgrade."""
    copy = folder.with_name(folder.name + "-app")
    if copy.exists():
        shutil.rmtree(copy)
    copy_folder(folder, copy)
    try:
        if mode == "window":
            argv = cli("--quit-after-show", "--data-dir", copy)
        else:
            argv = cli("list", "schools", "--json", "--data-dir", copy)
        ended = run_child(argv, delay=None, out=out, limit=APP_LIMIT)
        text = ended.stdout + ended.stderr
        if ended.hung:
            return f"did not start within {APP_LIMIT:.0f} s"
        if "Traceback" in text:
            return "traceback: " + text.strip().splitlines()[-1][:160]
        if mode == "cli":
            revision = checks.revision(folder / STORE)
            expected = 5 if revision is None else 0 if revision == head else 3
            if ended.code != expected:
                return f"exit {ended.code} (expected {expected}): {_last_line(ended.stderr)}"
            if expected == 0:
                json.loads(ended.stdout)
            return ""
        if ended.code != 0:
            return f"exit {ended.code}: {_last_line(ended.stderr)}"
        return ""
    except ValueError as exc:
        return f"no JSON listing: {exc}"
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def trial(expect: Expectation, work: Path, index: int, delay: float, app_check: str) -> dict:
    """One kill and everything checked after it; returns the trial's record."""
    prepared = expect.prepared
    folder = fresh(prepared, work / f"trial-{index:04d}")
    logs = work / "logs" / f"trial-{index:04d}"
    store = folder / STORE
    ended = run_child(prepared.command(folder), delay=delay, out=logs.with_name(logs.name + "-op"))
    record: dict[str, Any] = {"trial": index, "delay": round(delay, 3), "killed": ended.killed}
    record["exit"] = ended.code
    problems: list[str] = []
    counts = dict.fromkeys(COUNTERS, 0)

    def fail(counter: str, text: str, amount: int = 1) -> None:
        counts[counter] += amount
        problems.append(f"{counter}: {text}")

    if not ended.killed and ended.code != 0:
        fail("operation_failures", f"exit {ended.code} before the kill: {_last_line(ended.stderr)}")
    if store.exists() and (found := checks.integrity(store)) != "ok":
        fail("integrity_failures", found[:200])
    state = checks.digest(checks.picture(store), expect.volatile)
    if prepared.plan is not None:
        whole_lines = ended.stdout.split("\n")[:-1]  # a line cut by the kill is no ack
        acks = [line for line in whole_lines if line.startswith("ack ")]
        acknowledged = len(acks)
        record["acknowledged"] = acknowledged
        lost, extra = autosave_losses(prepared.plan, store, acknowledged)
        if lost:
            fail("lost_acknowledged_writes", f"{lost} of {acknowledged} acknowledged edits", lost)
        if extra:
            fail("half_applied", f"{extra} items never written by an acknowledged edit")
        stored = checks.answers_of(store, prepared.plan["visit_id"])
        status = checks.visit_status(store, prepared.plan["visit_id"])
        if stored and status != "in_progress":
            fail("half_applied", f"answers stored but the visit is {status!r}")
        record["outcome"] = "after" if acknowledged == len(prepared.plan["steps"]) else "partial"
    else:
        outcome = (
            "before" if state == expect.before else "after" if state == expect.after else "neither"
        )
        record["outcome"] = outcome
        if outcome == "neither":
            detail = checks.differences(state, expect.after)[:4]
            fail("half_applied", "neither before nor after: " + "; ".join(detail))
        if not ended.killed and ended.code == 0 and outcome != "after":
            fail("lost_acknowledged_writes", "the operation said done but its result is not there")
    unlogged = checks.unlogged_rows(store)
    if unlogged > expect.unlogged or unlogged < 0:
        fail("half_applied", f"{unlogged} records without their history row")
    if missing := checks.missing_attachments(folder):
        fail("missing_files", f"{len(missing)} attachment files missing or damaged after the kill")
    if store.exists():
        check = run_child(
            cli("db", "check", "--data-dir", folder),
            delay=None,
            out=logs.with_name(logs.name + "-check"),
        )
        if check.code != 0 or "Traceback" in check.stderr:
            fail("db_check_failures", f"exit {check.code}: {_last_line(check.stderr)}")
    elif prepared.base is not None:
        fail("integrity_failures", "the store file is gone")
    record["leftovers"] = len(checks.leftovers(folder))
    record["began"] = began_writing(prepared, folder, record, state != expect.before)
    app_log = logs.with_name(logs.name + "-app")
    if problem := app_starts(folder, app_check, app_log, head=expect.head):
        fail("app_start_failures", problem)
    retry = run_child(
        prepared.command(folder), delay=None, out=logs.with_name(logs.name + "-retry")
    )
    again = checks.digest(checks.picture(store), expect.volatile, skip=prepared.skip_on_retry)
    if retry.code != 0 or "Traceback" in retry.stderr:
        fail("retry_mismatches", f"retry exit {retry.code}: {_last_line(retry.stderr)}")
    elif again != expect.after_retry:
        detail = checks.differences(again, expect.after_retry)[:4]
        fail("retry_mismatches", "retry differs from a clean run: " + "; ".join(detail))
    elif (
        prepared.plan is not None
        and checks.answers_of(store, prepared.plan["visit_id"]) != expect.answers
    ):
        fail("retry_mismatches", "retry's answers differ from a clean run")
    elif missing := checks.missing_attachments(folder):
        fail("retry_mismatches", f"{len(missing)} attachment files still missing after the retry")
    elif store.exists() and (found := checks.integrity(store)) != "ok":
        fail("retry_mismatches", f"integrity after the retry: {found[:120]}")
    if leftover := checks.leftovers(folder):
        fail("leftovers_after_retry", ", ".join(leftover[:3]))
    record.update(counts)
    record["problems"] = problems
    return record


def began_writing(prepared: Prepared, folder: Path, record: dict[str, Any], changed: bool) -> bool:
    """Whether the kill came after the operation had begun to write (not during start-up): an
    edit acknowledged, the store changed, a temporary file made, its backup taken (autosave aside:
    opening the store takes the day's backup)."""
    if record.get("acknowledged") or changed or record["leftovers"]:
        return True
    if prepared.plan is not None:
        return False
    backups = folder / "backups"
    had = len(list((prepared.base / "backups").glob("*"))) if prepared.base else 0
    return backups.is_dir() and len(list(backups.glob("*"))) > had


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""
