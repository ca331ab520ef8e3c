"""``init`` and ``profile show`` on the command line, and who the listed records belong to:
real stores in real folders, the real command in a child process, exit codes and messages in
the user's language, nothing written when the input is refused."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curator_desktop.cli import is_headless_invocation

ROOT = Path(__file__).resolve().parents[2]
SOKOLOVA = ("--name", "Соколова Мария Викторовна", "--organisation", "ЛОИРО")
REGION = ("--region", "Ленинградская область")


def run(*args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as a coordinator's script runs it."""
    return subprocess.run(
        [sys.executable, "-m", "curator_desktop", *map(str, args), "--lang", lang],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def show(data: Path) -> dict[str, str]:
    result = run("profile", "show", "--json", "--data-dir", data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def rows(data: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture(autouse=True)
def own_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each data folder keeps its settings (so each computer has its own device id)."""
    monkeypatch.delenv("CURATOR_CONFIG_DIR", raising=False)


def test_init_and_profile_are_headless_commands(tmp_path: Path) -> None:
    assert is_headless_invocation(["init", "--data-dir", "x", "--name", "Иванова"])
    assert is_headless_invocation(["--lang", "ru", "profile", "show"])
    code = (
        "import sys\n"
        "from curator_desktop.__main__ import main\n"
        "data = sys.argv[1]\n"
        "assert main(['init', '--data-dir', data, '--name', 'Иванова Анна', '--organisation',\n"
        "             'ИМЦ', '--region', 'Тверская область', '--lang', 'en']) == 0\n"
        "assert main(['profile', 'show', '--data-dir', data, '--lang', 'en']) == 0\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "store")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Иванова Анна" in result.stdout


def test_init_creates_the_store_with_its_profile(tmp_path: Path) -> None:
    data = tmp_path / "sokolova"
    result = run("init", "--data-dir", data, *SOKOLOVA, *REGION, "--position", "методист")
    assert result.returncode == 0, result.stderr
    assert "created" in result.stdout and "Соколова Мария Викторовна" in result.stdout
    profile = show(data)
    store_id = rows(data, "SELECT value FROM store_meta WHERE key = 'store_id'")[0][0]
    fingerprint = profile.pop("signing_key")
    assert len(fingerprint) >= 16  # the store signs its packages from its creation
    assert profile == {
        "full_name": "Соколова Мария Викторовна",
        "position": "методист",
        "organisation": "ЛОИРО",
        "region": "Ленинградская область",
        "email": "",
        "phone": "",
        "role": "curator",
        "store_id": store_id,
    }
    # created as the app creates a store: migrated to head, the built-in catalogs seeded
    assert rows(data, "SELECT count(*) FROM risk_factor")[0][0] > 0
    assert rows(data, "SELECT count(*) FROM checklist_template")[0][0] > 0
    assert run("db", "check", "--data-dir", data).returncode == 0

    text = run("profile", "show", "--data-dir", data, lang="ru")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert any(line.startswith("ФИО:") and "Соколова Мария Викторовна" in line for line in lines)
    assert any(line.startswith("Роль:") and line.endswith("Куратор") for line in lines)
    assert any(store_id in line for line in lines)
    assert any(line.startswith("Ключ подписи:") and fingerprint in line for line in lines)


def test_init_again_with_the_same_profile_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "sokolova"
    assert run("init", "--data-dir", data, *SOKOLOVA, *REGION).returncode == 0
    before = rows(data, "SELECT id, revision, updated_at FROM curator_profile")
    history = rows(data, "SELECT count(*) FROM change_log")

    again = run("init", "--data-dir", data, *REGION, *SOKOLOVA, "--role", "curator")
    assert again.returncode == 0, again.stderr
    assert "nothing changed" in again.stdout
    assert rows(data, "SELECT id, revision, updated_at FROM curator_profile") == before
    assert rows(data, "SELECT count(*) FROM change_log") == history
    assert not any((data / "backups").glob("*"))


def test_init_refuses_a_store_with_another_profile(tmp_path: Path) -> None:
    data = tmp_path / "sokolova"
    assert run("init", "--data-dir", data, *SOKOLOVA, *REGION).returncode == 0
    before = show(data)

    other = run(
        "init",
        "--data-dir",
        data,
        "--name",
        "Петров Иван Сергеевич",
        "--organisation",
        "ЛОИРО",
        *REGION,
        "--role",
        "coordinator",
        lang="ru",
    )
    assert other.returncode == 2
    assert "Traceback" not in other.stderr
    assert "уже принадлежит" in other.stderr and "Соколова Мария Викторовна" in other.stderr
    assert "Петров Иван Сергеевич" in other.stderr and "Координатор" in other.stderr
    assert show(data) == before


def test_init_gives_a_store_without_a_profile_its_profile(tmp_path: Path) -> None:
    from curator_desktop.paths import AppPaths
    from curator_desktop.services.store_opening import open_store

    data = tmp_path / "empty"
    paths = AppPaths(data_dir=data, config_dir=tmp_path / "config", log_dir=tmp_path / "logs")
    open_store(paths, device_id="gui", daily_backup=False).close()  # «Later» in the window
    assert run("profile", "show", "--data-dir", data).returncode == 5

    result = run("init", "--data-dir", data, *SOKOLOVA, *REGION, "--role", "coordinator")
    assert result.returncode == 0, result.stderr
    assert "saved" in result.stdout
    assert show(data)["role"] == "coordinator"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            ("--name", "   ", "--organisation", "ЛОИРО", *REGION), "фамилию", id="empty-name"
        ),
        pytest.param(
            ("--name", "Я" * 10_000, "--organisation", "ЛОИРО", *REGION),
            "не больше 200 символов, указано 10000",
            id="10000-characters",
        ),
        pytest.param((*SOKOLOVA, *REGION, "--role", "начальник"), "начальник", id="unknown-role"),
        pytest.param((*SOKOLOVA, *REGION, "--email", "sokolova.mail.ru"), "«@»", id="email"),
        pytest.param(
            ("--name", "Соколова\nМария", "--organisation", "ЛОИРО", *REGION),
            "одной строкой",
            id="two-lines",
        ),
        pytest.param(SOKOLOVA, "--region", id="missing-region"),
    ],
)
def test_bad_input_is_explained_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    data = tmp_path / "store"
    result = run("init", "--data-dir", data, *args, lang="ru")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("Ошибка:") and expected in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not data.exists()  # nor its settings (kept in it)


def test_an_unknown_role_is_refused_in_english_too(tmp_path: Path) -> None:
    result = run("init", "--data-dir", tmp_path / "s", *SOKOLOVA, *REGION, "--role", "boss")
    assert result.returncode == 2
    assert "Unknown role «boss»" in result.stderr and "coordinator" in result.stderr


def test_the_role_may_be_given_by_its_russian_name(tmp_path: Path) -> None:
    data = tmp_path / "store"
    result = run("init", "--data-dir", data, *SOKOLOVA, *REGION, "--role", "координатор", lang="ru")
    assert result.returncode == 0, result.stderr
    assert show(data)["role"] == "coordinator"


# --- who the listed records belong to ---------------------------------------------------------


def test_lists_name_the_curator_of_visits_and_schools(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    assert run("demo", "create", "--data-dir", data).returncode == 0
    name = show(data)["full_name"]
    assert name
    archived_id = rows(data, "SELECT id FROM school ORDER BY full_name LIMIT 1")[0][0]
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        connection.execute(
            "UPDATE school SET archived_at = '2026-12-01 00:00:00.000000' WHERE id = ?",
            (archived_id,),
        )

    visits = json.loads(run("list", "visits", "--json", "--data-dir", data).stdout)
    assert visits and all(visit["curator"] == name for visit in visits)
    listing = run("list", "schools", "--json", "--include-archived", "--data-dir", data)
    schools = {school["id"]: school for school in json.loads(listing.stdout)}
    inns = dict(rows(data, "SELECT id, inn FROM school"))
    assert {school_id: school["inn"] for school_id, school in schools.items()} == inns
    assert schools[archived_id]["curators"] == []
    others = [school for school_id, school in schools.items() if school_id != archived_id]
    assert others and all(school["curators"] == [name] for school in others)


def test_a_coordinators_store_names_the_curator_of_her_records(tmp_path: Path) -> None:
    curator, coordinator = tmp_path / "curator", tmp_path / "coordinator"
    assert run("demo", "create", "--data-dir", curator).returncode == 0
    package = tmp_path / "usb" / "sokolova.curator"
    package.parent.mkdir()
    assert run("export", "-o", package, "--data-dir", curator).returncode == 0
    made = run(
        "init", "--data-dir", coordinator, "--name", "Петров Иван Сергеевич",
        "--organisation", "ЛОИРО", *REGION, "--role", "coordinator",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    imported = run("import", package, "--data-dir", coordinator)
    assert imported.returncode == 0, imported.stderr

    sokolova = show(curator)["full_name"]
    visits = json.loads(run("list", "visits", "--json", "--data-dir", coordinator).stdout)
    assert visits and all(visit["curator"] == sokolova for visit in visits)
    schools = json.loads(run("list", "schools", "--json", "--data-dir", coordinator).stdout)
    visited = {visit["school_id"] for visit in visits}
    assert schools and all(school["curators"] in ([], [sokolova]) for school in schools)
    assert all(school["curators"] == [sokolova] for school in schools if school["id"] in visited)
    assert all(school["inn"] for school in schools)
    assert show(coordinator)["full_name"] == "Петров Иван Сергеевич"  # not the curator's
