"""``packages list`` and ``packages review``: a coordinator's packages received (imported,
already received, refused with the reason) and the curators' reports reviewed several at once,
as text and JSON; an unknown report is refused (exit 2) and nothing is set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main


@pytest.fixture(autouse=True)
def own_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each data folder keeps its settings (so each computer has its own device id)."""
    monkeypatch.delenv("CURATOR_CONFIG_DIR", raising=False)


def run(*args: str | Path) -> int:
    return main([*map(str, args), "--lang", "en"])


def test_packages_are_listed_and_reports_reviewed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curator, coordinator = tmp_path / "curator", tmp_path / "coordinator"
    package, broken = tmp_path / "curator.curator", tmp_path / "broken.curator"
    assert run("demo", "create", "--data-dir", curator) == 0
    period = ["--from", "2026-09-01", "--to", "2026-11-30"]
    for kind in ("interim", "final"):
        pdf = tmp_path / f"{kind}.pdf"
        made = run("report", "period", *period, "--kind", kind, "-o", pdf, "--data-dir", curator)
        assert made == 0
    assert run("export", "-o", package, "--data-dir", curator) == 0
    broken.write_bytes(package.read_bytes()[:1000])
    assert run("init", "--data-dir", coordinator, "--name", "Координатор Петрова",
               "--organisation", "ИРО", "--region", "Смоленская область") == 0  # fmt: skip
    assert run("import", package, "--data-dir", coordinator) == 0
    assert run("import", broken, "--data-dir", coordinator) != 0
    capsys.readouterr()

    assert run("packages", "list", "--json", "--data-dir", coordinator) == 0
    listed = json.loads(capsys.readouterr().out)
    refused, imported = listed["packages"]
    assert (refused["outcome"], refused["file"]) == ("refused", "broken.curator")
    assert refused["reason"]
    assert imported["outcome"] == "imported" and imported["counts"]["school"]["new"] > 0
    assert imported["sender"]["name"]
    ids = [report["id"] for report in listed["reports"]]
    assert len(ids) == 2 and all(report["state"] is None for report in listed["reports"])

    assert run("packages", "review", *ids, "--state", "revise", "--comment", "Нет выводов",
               "--data-dir", coordinator) == 0  # fmt: skip
    assert "Needs revision: 2 reports." in capsys.readouterr().out
    assert run("packages", "review", ids[0], "no-such", "--state", "accepted",
               "--data-dir", coordinator) == 2  # fmt: skip
    assert run("packages", "list", "--json", "--data-dir", coordinator) == 0
    reports = json.loads(capsys.readouterr().out)["reports"]
    assert {(r["state"], r["comment"]) for r in reports} == {("revise", "Нет выводов")}
    assert run("packages", "list", "--data-dir", coordinator) == 0
    text = capsys.readouterr().out
    assert "Refused" in text and "Needs revision" in text and ids[0] in text
