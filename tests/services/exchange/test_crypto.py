"""Password-protected packages: round trips, wrong passwords, every kind of damage, atomic
output and bounded memory."""

from __future__ import annotations

import hashlib
import os
import struct
import tracemalloc
from pathlib import Path

import pytest

from curator_desktop.domain.errors import CuratorError, ValidationError
from curator_desktop.services.exchange.crypto import (
    CHUNK_SIZE,
    HEADER_SIZE,
    MAGIC,
    EncryptionCancelledError,
    NotEncryptedError,
    TamperedPackageError,
    UnsupportedEncryptionError,
    WrongPasswordError,
    decrypt_file,
    encrypt_file,
    is_encrypted,
)

PASSWORD = "Пароль куратора 2026"
CHUNK_RECORD = 4 + CHUNK_SIZE + 16
"""Bytes of one full chunk in the encrypted file."""
SALT_AT = len(MAGIC) + 13
PREFIX_AT = SALT_AT + 16
CHECK_AT = PREFIX_AT + 7


def _encrypted(tmp_path: Path, data: bytes) -> Path:
    plain = tmp_path / "plain.curator"
    plain.write_bytes(data)
    sealed = tmp_path / "sealed.curator"
    encrypt_file(plain, sealed, PASSWORD)
    return sealed


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _assert_rejected(sealed: Path, error: type[CuratorError], password: str = PASSWORD) -> None:
    out = sealed.parent / "out.curator"
    with pytest.raises(error) as caught:
        decrypt_file(sealed, out, password)
    assert caught.value.user_message
    assert not out.exists()
    assert sorted(p.name for p in sealed.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3_670_016])
def test_round_trip(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    sealed = _encrypted(tmp_path, data)
    assert is_encrypted(sealed)
    if size >= 64:
        assert data[:64] not in sealed.read_bytes()
    full, rest = divmod(size, CHUNK_SIZE)
    chunks = full + (1 if rest or not size else 0)
    assert sealed.stat().st_size == HEADER_SIZE + chunks * 20 + size
    out = tmp_path / "out.curator"
    seen: list[tuple[int, int]] = []
    decrypt_file(sealed, out, PASSWORD, progress=lambda done, total: seen.append((done, total)))
    assert out.read_bytes() == data
    assert len(seen) == chunks
    assert seen[-1] == (sealed.stat().st_size, sealed.stat().st_size)


def test_same_input_encrypts_differently_each_time(tmp_path: Path) -> None:
    plain = _write(tmp_path / "plain", b"one school")
    encrypt_file(plain, tmp_path / "a", PASSWORD)
    encrypt_file(plain, tmp_path / "b", PASSWORD)
    a, b = (tmp_path / "a").read_bytes(), (tmp_path / "b").read_bytes()
    assert a[SALT_AT:CHECK_AT] != b[SALT_AT:CHECK_AT]
    assert a[HEADER_SIZE:] != b[HEADER_SIZE:]


def test_encrypt_in_place_and_progress(tmp_path: Path) -> None:
    data = os.urandom(2 * CHUNK_SIZE + 5)
    package = _write(tmp_path / "package.curator", data)
    seen: list[tuple[int, int]] = []
    encrypt_file(package, package, PASSWORD, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(CHUNK_SIZE, len(data)), (2 * CHUNK_SIZE, len(data)), (len(data), len(data))]
    assert is_encrypted(package)
    decrypt_file(package, tmp_path / "out", PASSWORD)
    assert (tmp_path / "out").read_bytes() == data


def test_unicode_password_is_normalized(tmp_path: Path) -> None:
    composed, decomposed = "ёлка", "е\u0308лка"
    plain = _write(tmp_path / "plain", b"data")
    encrypt_file(plain, tmp_path / "sealed", composed)
    decrypt_file(tmp_path / "sealed", tmp_path / "out", decomposed)
    assert (tmp_path / "out").read_bytes() == b"data"


def test_wrong_password(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, os.urandom(CHUNK_SIZE + 10))
    _assert_rejected(sealed, WrongPasswordError, password="пароль куратора 2026")
    with pytest.raises(WrongPasswordError, match=r"^The password is wrong\.$"):
        decrypt_file(sealed, tmp_path / "out", "wrong")


def test_existing_destination_kept_on_failure(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, b"secret")
    previous = _write(tmp_path / "previous.curator", b"previous")
    with pytest.raises(WrongPasswordError):
        decrypt_file(sealed, previous, "wrong")
    assert previous.read_bytes() == b"previous"


def test_empty_password_refused(tmp_path: Path) -> None:
    plain = _write(tmp_path / "plain", b"data")
    with pytest.raises(ValidationError) as caught:
        encrypt_file(plain, tmp_path / "sealed", "")
    assert caught.value.field == "password"
    assert not (tmp_path / "sealed").exists()
    sealed = _encrypted(tmp_path, b"data")
    with pytest.raises(ValidationError):
        decrypt_file(sealed, tmp_path / "out", "")


@pytest.mark.parametrize(
    ("offset", "mask", "error"),
    [
        (0, 0x80, NotEncryptedError),
        (len(MAGIC) - 1, 0x01, NotEncryptedError),
        (len(MAGIC), 0x80, UnsupportedEncryptionError),  # version 1 → 129
        (len(MAGIC), 0x01, TamperedPackageError),  # version 1 → 0
        (len(MAGIC) + 1, 0x80, TamperedPackageError),  # n → 2**31 + 2**15: absurd
        (len(MAGIC) + 4, 0x80, TamperedPackageError),  # n not a power of two
        (len(MAGIC) + 8, 0x01, WrongPasswordError),  # r 8 → 9: sane, but another key
        (len(MAGIC) + 8, 0x80, TamperedPackageError),  # r 8 → 136: absurd
        (len(MAGIC) + 12, 0x02, WrongPasswordError),  # p 1 → 3: sane, but another key
        (SALT_AT, 0x80, WrongPasswordError),  # another salt is another key
        (PREFIX_AT + 3, 0x01, TamperedPackageError),
        (CHECK_AT + 5, 0x01, WrongPasswordError),
    ],
)
def test_flipped_byte_in_header(
    tmp_path: Path, offset: int, mask: int, error: type[CuratorError]
) -> None:
    sealed = _encrypted(tmp_path, os.urandom(1000))
    raw = bytearray(sealed.read_bytes())
    raw[offset] ^= mask
    _write(sealed, bytes(raw))
    out = tmp_path / "out"
    with pytest.raises(CuratorError) as caught:
        decrypt_file(sealed, out, PASSWORD)
    assert type(caught.value) is error
    assert not out.exists()


def test_every_header_byte_is_protected(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, b"x" * 100)
    original = sealed.read_bytes()
    # Every byte but the middle of the salt and of the key check (each costs a key derivation).
    offsets = [*range(SALT_AT + 1), *range(CHECK_AT - 8, CHECK_AT + 1), HEADER_SIZE - 1]
    for offset in offsets:
        raw = bytearray(original)
        raw[offset] ^= 0x01
        _write(sealed, bytes(raw))
        with pytest.raises(CuratorError):
            decrypt_file(sealed, tmp_path / "out", PASSWORD)
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "offset",
    [
        HEADER_SIZE,  # the first chunk's length
        HEADER_SIZE + 4 + 7,  # inside the first chunk: tampering, not a wrong password
        HEADER_SIZE + CHUNK_RECORD + 500_000,  # a middle chunk
        HEADER_SIZE + CHUNK_RECORD + 1,  # a middle chunk's length
        -1,  # the last chunk's tag
        -100,  # the last chunk's ciphertext
    ],
)
def test_flipped_byte_in_chunks(tmp_path: Path, offset: int) -> None:
    sealed = _encrypted(tmp_path, os.urandom(3 * CHUNK_SIZE + CHUNK_SIZE // 2))
    raw = bytearray(sealed.read_bytes())
    raw[offset] ^= 0x01
    _write(sealed, bytes(raw))
    _assert_rejected(sealed, TamperedPackageError)


def test_truncated_at_various_points(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, os.urandom(2 * CHUNK_SIZE + 300))
    original = sealed.read_bytes()
    cuts = {
        HEADER_SIZE - 1: TamperedPackageError,
        HEADER_SIZE: TamperedPackageError,  # header only, no chunk
        HEADER_SIZE + 2: TamperedPackageError,
        HEADER_SIZE + CHUNK_RECORD: TamperedPackageError,  # on a chunk boundary
        HEADER_SIZE + 2 * CHUNK_RECORD: TamperedPackageError,  # the last chunk dropped
        HEADER_SIZE + CHUNK_RECORD + 1000: TamperedPackageError,
        len(original) - 1: TamperedPackageError,
        len(MAGIC) + 1: TamperedPackageError,
        5: NotEncryptedError,
        0: NotEncryptedError,
    }
    for cut, error in cuts.items():
        _write(sealed, original[:cut])
        _assert_rejected(sealed, error)


def test_swapped_chunks(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, os.urandom(3 * CHUNK_SIZE + 10))
    raw = sealed.read_bytes()
    header, body = raw[:HEADER_SIZE], raw[HEADER_SIZE:]
    first, second = body[:CHUNK_RECORD], body[CHUNK_RECORD : 2 * CHUNK_RECORD]
    _write(sealed, header + second + first + body[2 * CHUNK_RECORD :])
    _assert_rejected(sealed, TamperedPackageError)
    _write(sealed, header + first + first + second + body[3 * CHUNK_RECORD :])
    _assert_rejected(sealed, TamperedPackageError)


def test_chunk_from_another_file_rejected(tmp_path: Path) -> None:
    """Same password, other salt and nonce prefix: the header binds every chunk to its file."""
    data = os.urandom(2 * CHUNK_SIZE + 1)
    one = _encrypted(tmp_path, data).read_bytes()
    other = _encrypted(tmp_path, data).read_bytes()
    body = HEADER_SIZE + CHUNK_RECORD
    _write(tmp_path / "mixed", one[:body] + other[body:])
    _assert_rejected(tmp_path / "mixed", TamperedPackageError)


@pytest.mark.parametrize("garbage", [b"\x00", b"abc", b"\x00\x00\x00\x10" + bytes(16), b"z" * 999])
def test_appended_garbage(tmp_path: Path, garbage: bytes) -> None:
    sealed = _encrypted(tmp_path, os.urandom(CHUNK_SIZE + 7))
    _write(sealed, sealed.read_bytes() + garbage)
    _assert_rejected(sealed, TamperedPackageError)


def test_absurd_chunk_length_rejected_without_reading_it(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, b"data")
    raw = sealed.read_bytes()
    _write(sealed, raw[:HEADER_SIZE] + struct.pack(">I", 2**31) + raw[HEADER_SIZE + 4 :])
    _assert_rejected(sealed, TamperedPackageError)


def test_not_encrypted_input(tmp_path: Path) -> None:
    zip_like = _write(tmp_path / "package.curator", b"PK\x03\x04" + os.urandom(500))
    assert not is_encrypted(zip_like)
    assert not is_encrypted(tmp_path / "missing.curator")
    _assert_rejected(zip_like, NotEncryptedError)
    with pytest.raises(CuratorError) as caught:
        decrypt_file(tmp_path / "missing.curator", tmp_path / "out", PASSWORD)
    assert "missing.curator" in caught.value.user_message


def test_newer_version_rejected(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, b"data")
    raw = bytearray(sealed.read_bytes())
    raw[len(MAGIC)] = 2
    _write(sealed, bytes(raw))
    _assert_rejected(sealed, UnsupportedEncryptionError)


def test_memory_hungry_scrypt_settings_rejected(tmp_path: Path) -> None:
    sealed = _encrypted(tmp_path, b"data")
    raw = sealed.read_bytes()
    for n, r, p in [(2**30, 8, 1), (2**20, 32, 1), (3 * 2**14, 8, 1), (2**15, 8, 0), (2, 1, 1)]:
        params = struct.pack(">BIII", 1, n, r, p)
        _write(sealed, MAGIC + params + raw[len(MAGIC) + len(params) :])
        _assert_rejected(sealed, TamperedPackageError)


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    plain = _write(folder / "plain", os.urandom(3 * CHUNK_SIZE))
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(EncryptionCancelledError):
        encrypt_file(plain, folder / "sealed", PASSWORD, cancelled=cancelled)
    assert sorted(p.name for p in folder.iterdir()) == ["plain"]

    encrypt_file(plain, folder / "sealed", PASSWORD)
    calls.clear()
    with pytest.raises(EncryptionCancelledError):
        decrypt_file(folder / "sealed", folder / "out", PASSWORD, cancelled=cancelled)
    assert sorted(p.name for p in folder.iterdir()) == ["plain", "sealed"]


def test_memory_stays_bounded_for_a_large_file(tmp_path: Path) -> None:
    size = 200 * CHUNK_SIZE + 12_345
    plain = tmp_path / "big.curator"
    digest = hashlib.sha256()
    block = os.urandom(CHUNK_SIZE)
    with plain.open("wb") as fh:
        for i in range(200):
            piece = block if i % 10 == 0 else bytes(CHUNK_SIZE)
            fh.write(piece)
            digest.update(piece)
        fh.write(block[:12_345])
        digest.update(block[:12_345])
    sealed, out = tmp_path / "big.sealed", tmp_path / "big.out"

    tracemalloc.start()
    try:
        encrypt_file(plain, sealed, PASSWORD)
        plain.unlink()
        decrypt_file(sealed, out, PASSWORD)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 20 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    assert out.stat().st_size == size
    check = hashlib.sha256()
    with out.open("rb") as fh:
        for piece in iter(lambda: fh.read(CHUNK_SIZE), b""):
            check.update(piece)
    assert check.hexdigest() == digest.hexdigest()
