"""What a killed writer leaves in the data folder is cleaned when the store is next opened."""

from __future__ import annotations

from pathlib import Path

from curator_desktop.paths import AppPaths
from curator_desktop.services.store_opening import open_store

SHA = "ab" + "0" * 62


def test_opening_the_store_removes_what_killed_writers_left(tmp_path: Path) -> None:
    paths = AppPaths(
        data_dir=tmp_path / "data", config_dir=tmp_path / "cfg", log_dir=tmp_path / "l"
    )
    open_store(paths, device_id="dev-a", daily_backup=False).close()
    kept = {
        paths.attachments_dir / "ab" / SHA: b"photo",
        paths.reports_dir / "report-1.pdf": b"%PDF",
        paths.data_dir / "notes.part.txt": b"the user's own file",
        paths.backup_dir / "curator-2026-12-07-daily.sqlite3": b"a backup",
    }
    left = {
        paths.data_dir / "curator.sqlite3.part-0123abcd": b"half a store",
        paths.data_dir / "curator.sqlite3.part-0123abcd-wal": b"its log",
        paths.data_dir / "curator.sqlite3.part-0123abcd-shm": b"",
        paths.attachments_dir / ".incoming-x1y2.part": b"an attachment being copied",
        paths.attachments_dir / "ab" / ".import-q9w8.part": b"an import's copy",
        paths.attachments_dir / "ab" / f".{SHA}.z7.part": b"a copy out of a package",
        paths.reports_dir / ".report-1.k3.tmp": b"a report being written",
        paths.reports_dir / ".import-r5t6.part": b"an import's copy",
        paths.backup_dir / ".curator-backup-a1b2.tmp": b"a backup being taken",
        paths.backup_dir / ".curator-restore-c3d4.tmp": b"a restore's checked copy",
    }
    for path, data in {**kept, **left}.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    opened = open_store(paths, device_id="dev-a", daily_backup=False)
    opened.close()

    assert [p for p in left if p.exists()] == []
    assert all(p.read_bytes() == data for p, data in kept.items())
