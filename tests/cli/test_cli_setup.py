"""``setup export --curator NAME -o FILE`` in a coordinator's store and the curator's one-step
``import FILE`` (#24): real data folders made by ``init``, the real list import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main
from tests.services.exchange.test_assignments import PETROV, SOKOLOVA, list_with_curators

REGION = ["--organisation", "ЛОИРО", "--region", "Ленинградская область"]


@pytest.fixture(autouse=True)
def own_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CURATOR_CONFIG_DIR", raising=False)


def run(*args: str | Path) -> int:
    return main([*map(str, args), "--lang", "en"])


def schools(data: Path) -> int:
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        return int(connection.execute("SELECT count(*) FROM school").fetchone()[0])


def test_the_coordinator_writes_a_curators_package_and_she_imports_it_in_one_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coordinator, sokolova, petrov = (tmp_path / n for n in ("coordinator", "sokolova", "petrov"))
    assert run("init", "--data-dir", coordinator, "--name", "Козлова Анна Петровна", *REGION,
               "--role", "coordinator") == 0  # fmt: skip
    csv = list_with_curators(tmp_path / "list.csv", ("Соколова М. В.", PETROV, "Соколова М. В."))
    assert run("schools", "import", csv, "--data-dir", coordinator) == 0
    package = tmp_path / "sokolova-setup.curator"
    capsys.readouterr()

    assert run("setup", "export", "--curator", "Соколова М. В.", "-o", package,
               "--data-dir", coordinator) == 0  # fmt: skip
    assert "2 schools assigned" in capsys.readouterr().out

    for data, name in ((sokolova, SOKOLOVA), (petrov, PETROV)):
        assert run("init", "--data-dir", data, "--name", name, *REGION) == 0
    capsys.readouterr()
    assert run("import", package, "--data-dir", sokolova) == 0
    assert "Region set-up package for Соколова М. В.: 2 schools." in capsys.readouterr().out
    assert run("import", package, "--data-dir", sokolova) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert schools(sokolova) == 2

    assert run("import", package, "--data-dir", petrov) == 2
    err = capsys.readouterr().err
    assert "Соколова М. В." in err and PETROV in err and "Traceback" not in err
    assert schools(petrov) == 0
