"""Fixtures of the hostile-input suite: the stores it attacks, the package it starts from, and
the table of figures (time and peak memory of each refusal) written when the session ends."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .cli_run import run_cli
from .package_files import Sender

FIGURES = Path(os.environ.get("HOSTILE_FIGURES", "/tmp/hostile_figures.md"))


def _ok(*args: str | Path) -> None:
    ran = run_cli(*args)
    assert ran.code == 0, f"{args[:2]}: exit {ran.code}\n{ran.stderr}"


@pytest.fixture(scope="session")
def receiver_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A curator's store made with ``init`` (closed; each test works on a copy)."""
    folder = tmp_path_factory.mktemp("hostile-receiver") / "data"
    _ok(
        "init", "--name", "Петрова Анна Ивановна", "--organisation", "ИРО Н-ской области",
        "--region", "Н-ская область", "--data-dir", folder,
    )  # fmt: skip
    return folder


@pytest.fixture
def receiver(receiver_template: Path, tmp_path: Path) -> Path:
    """This test's copy of the receiving data folder."""
    return Path(shutil.copytree(receiver_template, tmp_path / "receiver"))


@pytest.fixture(scope="session")
def sender(tmp_path_factory: pytest.TempPathFactory) -> Sender:
    """The members of a real full package of the demo store (schools, visits, photos)."""
    root = tmp_path_factory.mktemp("hostile-sender")
    _ok("demo", "create", "--data-dir", root / "demo")
    _ok("export", "-o", root / "demo.curator", "--data-dir", root / "demo")
    return Sender.read(root / "demo.curator")


@pytest.fixture(scope="session")
def figures() -> Iterator[list[dict[str, Any]]]:
    """Each case's row; written to :data:`FIGURES` (Markdown) at the end of the session."""
    rows: list[dict[str, Any]] = []
    yield rows
    if rows:
        FIGURES.write_text(figures_text(rows), encoding="utf-8")


def figures_text(rows: list[dict[str, Any]]) -> str:
    lines = [
        "# Hostile inputs: what each reader did (tests/hostile)",
        "",
        "Each file was given to the real CLI in a child process (`--lang ru`); time is the "
        "child's wall time, peak memory its own maximum RSS (`os.wait4`).",
        "",
        "| case | expected | exit | time, s | peak RSS, MB | verdict | what it said, or why it "
        "failed |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for row in sorted(rows, key=lambda r: r["case"]):
        said = row["problems"] or row["message"]
        lines.append(
            f"| {row['case']} | {row['expected']} | {row['exit']} | {row['seconds']:.1f} | "
            f"{row['peak_mb']:.0f} | {'ok' if not row['problems'] else '**FAIL**'} | "
            f"{said.replace('|', '/')} |"
        )
    failed = sum(1 for row in rows if row["problems"])
    lines += ["", f"{len(rows)} cases, {failed} failed."]
    return "\n".join(lines) + "\n"
