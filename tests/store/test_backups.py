"""Backups on real store files: take, list, rotate, validate and restore."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from curator_desktop.domain.errors import BackupError, StoreTooNewError
from curator_desktop.store.backups import (
    BackupInfo,
    backup_due,
    last_backup_time,
    list_backups,
    restore_backup,
    rotate,
    select_to_keep,
    take_backup,
)
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 20, 12, 0, 0, tzinfo=UTC)


def add_schools(path: Path, *names: str) -> None:
    db = Database(path, device_id="t")
    try:
        with db.session() as session:
            for name in names:
                session.add(School(full_name=name))
    finally:
        db.close()


def school_names(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT full_name FROM school ORDER BY 1")]
    finally:
        connection.close()


def test_restore_brings_back_the_data_as_at_backup_time(store_file: Path, backup_dir: Path) -> None:
    add_schools(store_file, "Alpha")
    backup = take_backup(store_file, backup_dir, reason="manual")
    add_schools(store_file, "Beta")
    assert school_names(store_file) == ["Alpha", "Beta"]

    pre_restore = restore_backup(backup, store_file, backup_dir)

    assert school_names(store_file) == ["Alpha"]
    assert pre_restore is not None and pre_restore.exists()
    assert "-pre-restore" in pre_restore.name
    assert school_names(pre_restore) == ["Alpha", "Beta"]
    assert backup.exists()
    db = Database(store_file, device_id="t")
    try:
        assert db.pragma("integrity_check") == "ok"
    finally:
        db.close()


def test_backup_and_restore_while_the_store_is_open(store_file: Path, backup_dir: Path) -> None:
    db = Database(store_file, device_id="t")
    try:
        with db.session() as session:
            session.add(School(full_name="In WAL only"))
        wal = store_file.with_name(store_file.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the row is not checkpointed yet

        backup = take_backup(store_file, backup_dir, reason="daily")

        assert school_names(backup) == ["In WAL only"]
        assert not backup.with_name(backup.name + "-wal").exists()
        with db.session() as session:
            session.add(School(full_name="Later"))

        restore_backup(backup, store_file, backup_dir)

        with db.session() as session:  # the open connection sees the restored content
            names = sorted(school.full_name for school in session.exec(select(School)))
        assert names == ["In WAL only"]
    finally:
        db.close()


def test_restore_into_a_missing_store_creates_it(store_file: Path, backup_dir: Path) -> None:
    add_schools(store_file, "Alpha")
    backup = take_backup(store_file, backup_dir, reason="manual")
    target = store_file.with_name("fresh.sqlite3")

    assert restore_backup(backup, target, backup_dir) is None
    assert school_names(target) == ["Alpha"]


def test_backup_names_order_and_collisions(store_file: Path, backup_dir: Path) -> None:
    at = dt.datetime(2026, 3, 20, 9, 30, 15, 123456, tzinfo=UTC)
    first = take_backup(store_file, backup_dir, reason="pre-migration", now=at)
    second = take_backup(store_file, backup_dir, reason="manual", now=at)
    third = take_backup(store_file, backup_dir, reason="manual", now=at)
    (backup_dir / "notes.txt").write_text("not a backup")
    (backup_dir / "curator-2026-bad-manual.sqlite3").write_text("not a backup either")

    assert first.name == "curator-20260320-093015-pre-migration.sqlite3"
    assert second.name == "curator-20260320-093015-manual-2.sqlite3"
    assert third.name == "curator-20260320-093015-manual-3.sqlite3"
    infos = list_backups(backup_dir)
    assert [info.path for info in infos] == [third, second, first]
    assert infos[2].reason == "pre-migration"
    assert infos[0].taken_at == at.replace(microsecond=0)
    assert infos[0].size_bytes == third.stat().st_size > 0
    assert last_backup_time(backup_dir) == at.replace(microsecond=0)


def test_backup_due_at_most_daily(store_file: Path, backup_dir: Path) -> None:
    assert backup_due(backup_dir, now=NOW)
    take_backup(store_file, backup_dir, reason="daily", now=NOW)
    assert not backup_due(backup_dir, now=NOW + dt.timedelta(hours=23, minutes=59))
    assert backup_due(backup_dir, now=NOW + dt.timedelta(hours=24))
    assert backup_due(backup_dir / "missing", now=NOW)


def test_backup_of_a_missing_or_foreign_store_fails_cleanly(
    tmp_path: Path, backup_dir: Path
) -> None:
    with pytest.raises(BackupError) as missing:
        take_backup(tmp_path / "nope.sqlite3", backup_dir, reason="manual")
    assert "does not exist" in missing.value.user_message
    assert not (tmp_path / "nope.sqlite3").exists()

    text = tmp_path / "text.sqlite3"
    text.write_text("just some text, long enough to look like something " * 50)
    with pytest.raises(BackupError):
        take_backup(text, backup_dir, reason="manual")
    assert list(backup_dir.iterdir()) == []


def _make_copy(store_file: Path, name: str) -> Path:
    copy = store_file.with_name(name)
    shutil.copyfile(store_file, copy)
    return copy


def _corrupt_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + 3 * page] = bytes(range(256)) * (3 * page // 256)
    path.write_bytes(bytes(data))


def _set_revision(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()
    finally:
        connection.close()


@pytest.mark.parametrize("kind", ["text", "truncated", "corrupted", "no-schema", "future"])
def test_bad_backups_are_refused_and_the_store_is_untouched(
    store_file: Path, backup_dir: Path, tmp_path: Path, kind: str
) -> None:
    add_schools(store_file, *(f"School {i:03}" for i in range(300)))
    candidate = _make_copy(store_file, f"candidate-{kind}.sqlite3")
    if kind == "text":
        candidate.write_text("name;inn\nSchool;1234567890\n", encoding="utf-8")
    elif kind == "truncated":
        candidate.write_bytes(candidate.read_bytes()[: candidate.stat().st_size // 3])
    elif kind == "corrupted":
        _corrupt_middle(candidate)
    elif kind == "no-schema":
        connection = sqlite3.connect(candidate)
        connection.execute("DROP TABLE alembic_version")
        connection.commit()
        connection.close()
    else:
        _set_revision(candidate, "9999_future")
    add_schools(store_file, "After")
    before = store_file.read_bytes()

    expected = StoreTooNewError if kind == "future" else BackupError
    with pytest.raises(expected) as refused:
        restore_backup(candidate, store_file, backup_dir)

    assert refused.value.user_message
    if kind == "future":
        assert "newer version" in refused.value.user_message
    assert store_file.read_bytes() == before
    assert list_backups(backup_dir) == []  # refused before the pre-restore backup
    assert len(school_names(store_file)) == 301


HOSTILE: dict[str, tuple[list[str], str]] = {
    "trigger": (
        ["CREATE TRIGGER t AFTER INSERT ON change_log BEGIN DELETE FROM visit_finding; END"],
        "trigger t",
    ),
    "view hiding school": (
        [
            "ALTER TABLE school RENAME TO school_real",
            "CREATE VIEW school AS SELECT * FROM school_real WHERE 0",
        ],
        "school",
    ),
    "dropped table": (["DROP TABLE visit_finding"], "visit_finding"),
    "orphan rows": (
        [
            "INSERT INTO risk_assessment (id, created_at, updated_at, revision, device_id,"
            " deleted, school_id, year, factor_code, questionnaire_level, justification,"
            " activated, medk_entered) VALUES ('r1', '2026-01-01', '2026-01-01', 'x', 't', 0,"
            " 'no-such-school', 2026, 'F1', 'none', '', 0, 0)"
        ],
        "risk_assessment",
    ),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_backup_with_a_hostile_schema_is_refused_and_the_store_untouched(
    store_file: Path, backup_dir: Path, kind: str
) -> None:
    from tests.store.tampering import tamper

    add_schools(store_file, "Alpha")
    candidate = _make_copy(store_file, f"candidate-{kind}.sqlite3")
    statements, named = HOSTILE[kind]
    tamper(candidate, statements)
    add_schools(store_file, "After")
    before = store_file.read_bytes()

    with pytest.raises(BackupError) as refused:
        restore_backup(candidate, store_file, backup_dir)

    assert named in refused.value.user_message
    assert "not restored" in refused.value.user_message
    assert store_file.read_bytes() == before
    assert list_backups(backup_dir) == []
    assert school_names(store_file) == ["After", "Alpha"]
    leftovers = [
        p for p in (*store_file.parent.iterdir(), *backup_dir.iterdir()) if "tmp" in p.name
    ]
    assert leftovers == []


def test_a_backup_with_another_page_size_restores(
    store_file: Path, backup_dir: Path, tmp_path: Path
) -> None:
    add_schools(store_file, "Alpha")
    small = tmp_path / "small-pages.sqlite3"
    shutil.copyfile(take_backup(store_file, backup_dir, reason="manual"), small)
    connection = sqlite3.connect(small)
    connection.execute("PRAGMA page_size=1024")
    connection.execute("VACUUM")
    assert connection.execute("PRAGMA page_size").fetchone()[0] == 1024
    connection.close()
    add_schools(store_file, "Beta")

    assert restore_backup(small, store_file, backup_dir) is not None

    assert school_names(store_file) == ["Alpha"]
    db = Database(store_file, device_id="t")
    try:
        assert db.pragma("integrity_check") == "ok"
        assert db.pragma("page_size") == 4096
        assert db.pragma("journal_mode") == "wal"
    finally:
        db.close()


def test_a_backup_at_an_older_revision_is_proven_against_that_revision(
    tmp_path: Path, store_file: Path, backup_dir: Path
) -> None:
    from curator_desktop.store.schema import upgrade
    from tests.conftest import insert_raw
    from tests.store.tampering import tamper

    old = tmp_path / "old.sqlite3"
    upgrade(old, target="0005_roadmap_deadlines")
    insert_raw(old, "school", id="s1", full_name="Old school")
    hostile = _make_copy(old, "old-hostile.sqlite3")
    tamper(hostile, ["CREATE TRIGGER t AFTER DELETE ON school BEGIN DELETE FROM visit; END"])

    with pytest.raises(BackupError) as refused:
        restore_backup(hostile, store_file, backup_dir)
    assert "trigger t" in refused.value.user_message

    restore_backup(old, store_file, backup_dir)
    assert school_names(store_file) == ["Old school"]


# --- rotation ---------------------------------------------------------------------------------


def _info(name: str, when: dt.datetime) -> BackupInfo:
    return BackupInfo(path=Path(name), taken_at=when, reason="daily", size_bytes=1)


HAND_MADE = {
    "a": dt.datetime(2026, 1, 5, 10, tzinfo=UTC),  # ISO week 2, January
    "b": dt.datetime(2026, 1, 20, 10, tzinfo=UTC),  # week 4
    "c": dt.datetime(2026, 1, 31, 10, tzinfo=UTC),  # week 5: newest of January
    "d": dt.datetime(2026, 2, 10, 9, tzinfo=UTC),  # week 7
    "e": dt.datetime(2026, 2, 10, 18, tzinfo=UTC),  # week 7
    "f": dt.datetime(2026, 2, 27, 10, tzinfo=UTC),  # week 9: newest of February
    "g": dt.datetime(2026, 3, 2, 8, tzinfo=UTC),  # week 10
    "h": dt.datetime(2026, 3, 9, 8, tzinfo=UTC),  # week 11: newest of it
    "i": dt.datetime(2026, 3, 16, 8, tzinfo=UTC),  # week 12
    "j": dt.datetime(2026, 3, 18, 8, tzinfo=UTC),  # week 12
    "k": dt.datetime(2026, 3, 18, 20, tzinfo=UTC),  # newest of 18 March
    "m": dt.datetime(2026, 3, 19, 11, tzinfo=UTC),  # 25 h old: not recent, not newest of its day
    "l": dt.datetime(2026, 3, 19, 13, tzinfo=UTC),  # 23 h old: recent
    "n": dt.datetime(2026, 3, 20, 9, tzinfo=UTC),  # recent
    "o": dt.datetime(2026, 3, 20, 11, 59, 59, tzinfo=UTC),  # the newest
}


def test_select_to_keep_hand_made_three_months() -> None:
    infos = [_info(name, when) for name, when in HAND_MADE.items()]
    kept = select_to_keep(infos, keep_daily=3, keep_weekly=2, keep_monthly=3, now=NOW)
    # days: o (20th), l (19th), k (18th); weeks: o (12), h (11); months: o, f, c; recent: l, n, o
    assert {p.name for p in kept} == {"o", "n", "l", "k", "h", "f", "c"}


def test_select_to_keep_with_defaults_keeps_more() -> None:
    infos = [_info(name, when) for name, when in HAND_MADE.items()]
    kept = select_to_keep(infos, now=NOW)
    # 7 days: o l k i h g f; 4 weeks: o h g f; 6 months: o f c; recent: l n o
    assert {p.name for p in kept} == {"o", "n", "l", "k", "i", "h", "g", "f", "c"}


def test_rotate_deletes_exactly_the_rest_on_disk(backup_dir: Path) -> None:
    paths: dict[str, Path] = {}
    for name, when in HAND_MADE.items():
        path = backup_dir / f"curator-{when:%Y%m%d-%H%M%S}-daily.sqlite3"
        path.write_bytes(b"x")
        paths[name] = path
    stranger = backup_dir / "keep-me.txt"
    stranger.write_text("not a backup")

    deleted = rotate(
        backup_dir, keep_daily=3, keep_weekly=2, keep_monthly=3, now=NOW, protect=paths["a"]
    )

    expected_deleted = {paths[name] for name in "bdegijm"}
    assert set(deleted) == expected_deleted
    remaining = {info.path for info in list_backups(backup_dir)}
    assert remaining == set(paths.values()) - expected_deleted
    assert paths["a"].exists() and stranger.exists()


_moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


@settings(max_examples=200, deadline=None)
@given(
    moments=st.lists(_moments, min_size=1, max_size=60, unique=True),
    keep_daily=st.integers(1, 10),
    keep_weekly=st.integers(0, 6),
    keep_monthly=st.integers(0, 8),
    since_newest=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=90)),
    protect_index=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_select_to_keep_properties(
    moments: list[dt.datetime],
    keep_daily: int,
    keep_weekly: int,
    keep_monthly: int,
    since_newest: dt.timedelta,
    protect_index: int | None,
) -> None:
    infos = [_info(f"b{i}", moment) for i, moment in enumerate(moments)]
    now = max(moments) + since_newest
    protect = set() if protect_index is None else {infos[protect_index % len(infos)].path}

    kept = select_to_keep(
        infos,
        keep_daily=keep_daily,
        keep_weekly=keep_weekly,
        keep_monthly=keep_monthly,
        now=now,
        protect=protect,
    )

    newest = max(infos, key=lambda info: info.taken_at)
    recent = {info.path for info in infos if now - info.taken_at < dt.timedelta(hours=24)}
    assert newest.path in kept
    assert protect <= kept
    assert recent <= kept
    assert kept <= {info.path for info in infos}
    assert len(kept - protect - recent) <= keep_daily + keep_weekly + keep_monthly
    assert len(kept) <= keep_daily + keep_weekly + keep_monthly + len(recent) + len(protect)
    days = sorted({info.taken_at.date() for info in infos}, reverse=True)[:keep_daily]
    for day in days:
        newest_of_day = max(
            (i for i in infos if i.taken_at.date() == day), key=lambda i: i.taken_at
        )
        assert newest_of_day.path in kept
