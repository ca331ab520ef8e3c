"""``events add`` and ``events list``: an event recorded from the command line under the same
rules as the dialog (a future event cannot be attended: exit 2, nothing written), listed as text
and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator_desktop.cli import main

REGION = ["--organisation", "ИРО", "--region", "Смоленская область"]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    assert main(["init", "--data-dir", str(folder), "--name", "Куратор Иванова", *REGION]) == 0
    return folder


def test_an_event_is_added_and_listed(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--data-dir", str(data), "--lang", "en"]
    added = main(
        ["events", "add", *store, "--date", "11.11.2026", "--topic", "Рабочее совещание",
         "--kind", "meeting", "--attendance", "attended", "--time", "10:00", "--json"]
    )  # fmt: skip
    assert added == 0
    stored = json.loads(capsys.readouterr().out)
    assert (stored["day"], stored["start_time"], stored["kind"]) == (
        "2026-11-11",
        "10:00",
        "meeting",
    )
    refused = main(
        ["events", "add", *store, "--date", "2099-01-01", "--topic", "Семинар",
         "--attendance", "attended"]
    )  # fmt: skip
    assert refused == 2
    assert "has not taken place yet" in capsys.readouterr().err
    assert main(["events", "list", *store, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["topic"] for e in listed] == ["Рабочее совещание"]
    assert main(["events", "list", *store, "--from", "2026-12-01"]) == 0
    assert "No events are recorded." in capsys.readouterr().out
