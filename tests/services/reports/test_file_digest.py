"""The SHA-256 taken while a file is written equals the finished file's, and a file shorter than
its writer claims is an error."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from curator_desktop.services.reports.pdf.file_digest import FollowingDigest


def test_the_hash_follows_the_writer_piece_by_piece(tmp_path: Path) -> None:
    target = tmp_path / "growing.bin"
    pieces = [os.urandom(n) for n in (10, 3_000_000, 1, 70_000, 0, 5)]
    with target.open("wb", buffering=0) as file, FollowingDigest(target) as digest:
        written = 0
        for piece in pieces[:-1]:
            file.write(piece)
            written += len(piece)
            digest.written_to(written)
        file.write(pieces[-1])
        result = digest.hexdigest(written + len(pieces[-1]))
    assert result == hashlib.sha256(target.read_bytes()).hexdigest()
    assert result == hashlib.sha256(b"".join(pieces)).hexdigest()


def test_a_file_shorter_than_written_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "short.bin"
    target.write_bytes(b"12345")
    with FollowingDigest(target) as digest, pytest.raises(OSError, match="shorter"):
        digest.hexdigest(10)
