"""``export`` and ``import`` on the command line: real stores and packages, exit codes
(0 done, 3 conflicts pending, 2 rejected) and messages, never a traceback."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from curator_desktop.cli.parser import is_headless_invocation, main


@pytest.fixture(autouse=True)
def own_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each data folder keeps its settings (so each computer has its own device id)."""
    monkeypatch.delenv("CURATOR_CONFIG_DIR", raising=False)


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    data = tmp_path / "laptop"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    return data


def run(*args: str | Path) -> int:
    return main([*map(str, args), "--lang", "en"])


def query(data: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        return connection.execute(sql).fetchall()


def dump(data: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
        }


def set_notes(data: Path, school_id: str, notes: str, device: str) -> None:
    from curator_desktop.store.database import Database
    from curator_desktop.store.tables import School

    db = Database(data / "curator.sqlite3", device_id=device)
    try:
        with db.session() as session:
            school = session.get(School, school_id)
            school.notes = notes
            session.add(school)
    finally:
        db.close()


def manifest(package: Path) -> dict:  # type: ignore[type-arg]
    with zipfile.ZipFile(package) as archive:
        return json.loads(archive.read("manifest.json"))


def test_export_and_import_are_headless_commands() -> None:
    assert is_headless_invocation(["export", "-o", "x.curator"])
    assert is_headless_invocation(["import", "x.curator", "--dry-run"])


def test_moving_to_a_new_computer_then_exchanging_back_and_forth(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "usb" / "move.curator"
    package.parent.mkdir()
    assert run("export", "-o", package, "--data-dir", laptop) == 0
    assert "Package written to" in capsys.readouterr().out
    office = tmp_path / "office"
    assert run("import", package, "--data-dir", office) == 0
    out = capsys.readouterr().out
    assert "The store was created" in out and "Schools: 8 new" in out
    assert query(office, "SELECT count(*) FROM checklist_answer") == query(
        laptop, "SELECT count(*) FROM checklist_answer"
    )
    assert run("import", package, "--data-dir", office) == 0
    assert "Nothing to import" in capsys.readouterr().out

    [(school_id,)] = query(laptop, "SELECT id FROM school ORDER BY name_key LIMIT 1")
    set_notes(laptop, school_id, "Правка на ноутбуке", "laptop-device")
    since = tmp_path / "usb" / "since.curator"
    assert run("export", "-o", since, "--since-last", "--data-dir", laptop) == 0
    assert manifest(since)["scope"]["kind"] == "since"
    assert run("import", since, "--dry-run", "--data-dir", office) == 0
    out = capsys.readouterr().out
    assert "Schools: 1 changed" in out and "Dry run: nothing was written." in out
    assert query(office, f"SELECT notes FROM school WHERE id = '{school_id}'") == [("",)]
    assert run("import", since, "--data-dir", office) == 0
    assert "A backup was taken first" in capsys.readouterr().out
    assert query(office, f"SELECT notes FROM school WHERE id = '{school_id}'") == [
        ("Правка на ноутбуке",)
    ]


def test_conflicts_are_listed_and_nothing_is_imported(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "usb").mkdir()
    assert run("export", "-o", tmp_path / "usb" / "move.curator", "--data-dir", laptop) == 0
    office = tmp_path / "office"
    assert run("import", tmp_path / "usb" / "move.curator", "--data-dir", office) == 0
    [(school_id,)] = query(laptop, "SELECT id FROM school ORDER BY name_key LIMIT 1")
    set_notes(laptop, school_id, "ноутбук", "laptop-device")
    set_notes(office, school_id, "офис", "office-device")
    package = tmp_path / "usb" / "edits.curator"
    assert run("export", "-o", package, "--data-dir", laptop) == 0
    capsys.readouterr()
    before = dump(office)
    assert run("import", package, "--dry-run", "--data-dir", office) == 3
    out = capsys.readouterr().out
    assert f"Conflict: Schools {school_id}" in out
    assert "Notes: here «офис», in the package «ноутбук»" in out
    assert run("import", package, "--data-dir", office) == 3
    captured = capsys.readouterr()
    assert f"Conflict: Schools {school_id}" in captured.out
    assert "Nothing was imported" in captured.err
    after = dump(office)
    (refused,) = after.pop("package_intake")  # the attempt is logged (#24), nothing else
    assert "refused" in refused and "Nothing was imported" in refused[5]
    before.pop("package_intake")
    assert after == before


def test_a_rejected_file_exits_2_with_the_reason(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_package = tmp_path / "notes.curator"
    not_a_package.write_text("привет", encoding="utf-8")
    before = dump(laptop)
    assert run("import", not_a_package, "--data-dir", laptop) == 2
    assert "not an exchange package" in capsys.readouterr().err
    own = tmp_path / "own.curator"
    assert run("export", "-o", own, "--data-dir", laptop) == 0
    assert run("import", own, "--data-dir", laptop) == 2
    assert "exported from this store" in capsys.readouterr().err
    assert run("import", tmp_path / "missing.curator", "--data-dir", laptop) == 2
    assert "does not exist" in capsys.readouterr().err
    after = dump(laptop)
    after.pop("sync_state"), before.pop("sync_state")  # the export above is recorded
    logged = after.pop("package_intake")  # the refused packages, not the missing file (#24)
    before.pop("package_intake")
    assert sorted(row[2] for row in logged) == ["notes.curator", "own.curator"]
    assert after == before


def test_password_protected_export_and_import(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text("Секретный пароль\n", encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("не тот\n", encoding="utf-8")
    package = tmp_path / "locked.curator"
    assert run("export", "-o", package, "--password-file", secret, "--data-dir", laptop) == 0
    assert not zipfile.is_zipfile(package)
    office = tmp_path / "office"
    assert run("import", package, "--data-dir", office) == 2
    assert "protected by a password" in capsys.readouterr().err
    assert run("import", package, "--password-file", wrong, "--data-dir", office) == 2
    assert "password is wrong" in capsys.readouterr().err
    assert not (office / "curator.sqlite3").exists()
    assert run("import", package, "--password-file", secret, "--data-dir", office) == 0
    assert query(office, "SELECT count(*) FROM school") == [(8,)]


def test_export_of_selected_schools_and_a_period(laptop: Path, tmp_path: Path) -> None:
    first, second = (r[0] for r in query(laptop, "SELECT id FROM school ORDER BY id LIMIT 2"))
    package = tmp_path / "two.curator"
    args = ["export", "-o", package, "--school", first, "--school", second]
    assert run(*args, "--from", "2026-01-01", "--to", "31.12.2026", "--data-dir", laptop) == 0
    scope = manifest(package)["scope"]
    assert scope == {
        "kind": "selection",
        "school_ids": [first, second],
        "date_from": "2026-01-01",
        "date_to": "2026-12-31",
    }
    assert manifest(package)["counts"]["school"] == 2


def test_since_last_and_school_exclude_each_other(laptop: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        run("export", "-o", tmp_path / "x.curator", "--since-last", "--school", "1")
    assert caught.value.code == 2


def test_a_coordinator_imports_several_packages_with_one_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each curator sends the schools they follow (half of a demo store's each: the demo stores
    # hold the same schools, and one school's verification is one record everywhere).
    packages = []
    for name, half in (("ivanova", slice(0, 4)), ("petrov", slice(4, 8))):
        data = tmp_path / name
        assert run("demo", "create", "--data-dir", data) == 0
        schools = [row[0] for row in query(data, "SELECT id FROM school ORDER BY inn")][half]
        packages.append(tmp_path / f"{name}.curator")
        chosen = [arg for school in schools for arg in ("--school", school)]
        assert run("export", "-o", packages[-1], *chosen, "--data-dir", data) == 0
    visits = query(data, "SELECT count(*) FROM visit")[0][0]
    broken = tmp_path / "broken.curator"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    coordinator = tmp_path / "coordinator"
    assert run(
        "init", "--data-dir", coordinator, "--name", "Петров Иван Сергеевич",
        "--organisation", "ЛОИРО", "--region", "Ленинградская область", "--role", "coordinator",
    ) == 0  # fmt: skip
    backups_before = len(list((coordinator / "backups").glob("*-pre-import*.sqlite3")))
    capsys.readouterr()

    code = run("import", packages[0], broken, packages[1], "--data-dir", coordinator)

    out, err = capsys.readouterr()
    assert code == 2  # one was rejected; the others went in
    assert "ivanova.curator: imported" in out and "petrov.curator: imported" in out
    assert "broken.curator: rejected" in err and "Traceback" not in err
    assert "2 of 3 packages imported." in out
    assert query(coordinator, "SELECT count(*) FROM school")[0][0] == 8
    assert query(coordinator, "SELECT count(*) FROM visit")[0][0] == visits
    backups = list((coordinator / "backups").glob("*-pre-import*.sqlite3"))
    assert len(backups) == backups_before + 1

    capsys.readouterr()
    assert run("import", *packages, "--data-dir", coordinator) == 0
    assert "2 of 2 packages imported." in capsys.readouterr().out
    assert query(coordinator, "SELECT count(*) FROM school")[0][0] == 8


def test_import_names_the_sender_and_rejects_a_forged_one(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from curator_desktop.paths import AppPaths
    from curator_desktop.services.exchange.package import signature
    from curator_desktop.services.store_opening import open_store
    from tests.services.exchange.sender_helpers import claiming, remake

    coordinator = tmp_path / "coordinator"
    paths = AppPaths(data_dir=coordinator, config_dir=coordinator / "config", log_dir=coordinator)
    open_store(paths, device_id="coordinator-pc", daily_backup=False).close()
    package = tmp_path / "laptop.curator"
    assert run("export", "-o", package, "--data-dir", laptop) == 0
    [(name,)] = query(laptop, "SELECT full_name FROM curator_profile WHERE deleted = 0")
    [(store_id,)] = query(laptop, "SELECT value FROM store_meta WHERE key = 'store_id'")
    fingerprint = signature.Signature(**manifest(package)["signature"]).fingerprint
    capsys.readouterr()

    assert run("import", package, "--dry-run", "--data-dir", coordinator) == 0
    out = capsys.readouterr().out
    assert f"From: {name}" in out and ", package of " in out
    assert f"Signature: key fingerprint {fingerprint}" in out
    assert "Warning: First package from this sender" in out
    assert run("import", package, "--data-dir", coordinator) == 0
    capsys.readouterr()

    before = dump(coordinator)
    forged = remake(
        package,
        tmp_path / "forged.curator",
        claiming(store_id, name=name),
        sign_with=signature.new_private_key(),
    )
    assert run("import", forged, "--data-dir", coordinator) == 2
    captured = capsys.readouterr()
    assert "not signed with the key remembered for this sender" in captured.err
    assert fingerprint in captured.err and "Traceback" not in captured.err
    after = dump(coordinator)
    (refused,) = set(after.pop("package_intake")) - set(before.pop("package_intake"))
    assert refused[2] == "forged.curator" and refused[4] == "refused"  # logged (#24)
    assert after == before


def test_export_for_moving_carries_the_key(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text("пароль\n", encoding="utf-8")
    package = tmp_path / "move.curator"
    assert run("export", "-o", package, "--for-moving", "--data-dir", laptop) == 2
    assert "needs a password" in capsys.readouterr().err
    args = ["export", "-o", package, "--for-moving", "--password-file", secret]
    assert run(*args, "--data-dir", laptop) == 0
    office = tmp_path / "office"
    assert run("import", package, "--password-file", secret, "--data-dir", office) == 0
    key = "SELECT value FROM store_meta WHERE key IN ('store_id', 'signing_key') ORDER BY key"
    assert query(office, key) == query(laptop, key)


def test_a_school_without_inn_is_matched_by_name_only_with_match_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.services.exchange.identity_helpers import NO_INN_NAME, list_csv

    csv = list_csv(tmp_path / "schools.csv")
    folders = {}
    for name in ("curator", "coordinator", "other"):
        data = folders[name] = tmp_path / name
        assert run(
            "init", "--data-dir", data, "--name", f"Иванов {name}", "--organisation", "ЛОИРО",
            "--region", "Ленинградская область", "--role", "curator",
        ) == 0  # fmt: skip
        assert run("schools", "import", csv, "--data-dir", data) == 0
    package = tmp_path / "curator.curator"
    assert run("export", "-o", package, "--data-dir", folders["curator"]) == 0
    no_inn = f"SELECT id FROM school WHERE full_name = '{NO_INN_NAME}' AND deleted = 0"
    (theirs,), (mine,) = (query(folders[n], no_inn)[0] for n in ("curator", "coordinator"))
    capsys.readouterr()

    assert run("import", package, "--data-dir", folders["other"]) == 0
    out = capsys.readouterr().out
    assert "Not matched (use --match-by-name): Same school:" in out
    assert len(query(folders["other"], no_inn)) == 2  # never matched silently

    assert run("import", package, "--match-by-name", "--data-dir", folders["coordinator"]) == 0
    out = capsys.readouterr().out
    assert (
        f"Matched by name: Same school: «{NO_INN_NAME}» (Дубовский район) in the package = "
        f"«{NO_INN_NAME}» here"
    ) in out
    assert "Not matched" not in out
    assert query(folders["coordinator"], no_inn) == [(mine,)]
    assert theirs != mine
