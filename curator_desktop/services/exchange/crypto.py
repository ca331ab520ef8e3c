"""Password protection of a whole package file: a chunked AES-256-GCM stream keyed by scrypt.

The encrypted file is a header, then chunks (the STREAM construction, as in Tink's streaming
AEAD), so a package of any size is encrypted and decrypted with a few MiB of memory::

    header  = b"CURATOR-ENC\\0" | version (1 byte) | scrypt n, r, p (3 × uint32 BE)
              | salt (16) | nonce prefix (7) | key check (16)                    = 64 bytes
    chunk i = ciphertext length (uint32 BE) | AESGCM(key).encrypt(nonce_i, plaintext_i, header)
    nonce_i = nonce prefix | i (uint32 BE) | 1 if the chunk is the last one else 0

Plaintext chunks are 1 MiB; only the last may be shorter (an empty file is one empty last
chunk). scrypt derives 48 bytes: the AES-256 key, then the key check, which tells a wrong
password apart from a damaged file. The whole header is associated data of every chunk, and
the counter and the last-chunk flag in each nonce reveal reordered, duplicated, dropped,
truncated or appended chunks. A changed salt or scrypt setting cannot be told apart from a
wrong password: it is reported as one.
"""

from __future__ import annotations

import hmac
import os
import struct
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from curator_desktop.domain.errors import CuratorError, ValidationError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.durable import fsync_dir
from curator_desktop.i18n import _

MAGIC = b"CURATOR-ENC\x00"
VERSION = 1
CHUNK_SIZE = 1 << 20
"""Plaintext bytes per chunk."""
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
"""About 32 MiB and well under a second on a curator's laptop."""

_SALT_SIZE, _PREFIX_SIZE, _CHECK_SIZE, _TAG_SIZE = 16, 7, 16, 16
_PARAMS = struct.Struct(">BIII")
_LENGTH = struct.Struct(">I")
HEADER_SIZE = len(MAGIC) + _PARAMS.size + _SALT_SIZE + _PREFIX_SIZE + _CHECK_SIZE
_MAX_CHUNKS = 2**32
# Bounds on scrypt settings read from a file, so a crafted header cannot ask for gigabytes of
# memory or minutes of work: at most 256 MiB and 64 times the work of the defaults.
_MIN_N, _MAX_N, _MAX_R, _MAX_P = 2**10, 2**20, 32, 16
_MAX_MEMORY = 256 << 20
_MAX_WORK = 64 * SCRYPT_N * SCRYPT_R * SCRYPT_P

Progress = Callable[[int, int], None]
"""``progress(done_bytes, total_bytes)`` of the source file, called after each chunk."""


class WrongPasswordError(CuratorError):
    """The password does not open the package."""

    def __init__(self) -> None:
        super().__init__(_("The password is wrong."))


class TamperedPackageError(CuratorError):
    """The encrypted file fails authentication: modified, truncated or extended."""

    def __init__(self) -> None:
        super().__init__(_("The package was modified or damaged after it was encrypted."))


class NotEncryptedError(CuratorError):
    """The file does not start with the encrypted-package header."""

    def __init__(self) -> None:
        super().__init__(_("The file is not a password-protected package."))


class UnsupportedEncryptionError(CuratorError):
    """The file was encrypted by a newer version of the application."""

    def __init__(self) -> None:
        super().__init__(
            _("The package was encrypted by a newer version of Curator Desktop. Update it.")
        )


class EncryptionCancelledError(CuratorError):
    """The user cancelled; no output file was written."""

    def __init__(self) -> None:
        super().__init__(_("Cancelled: no file was written."))


@dataclass(frozen=True)
class _Header:
    n: int
    r: int
    p: int
    salt: bytes
    prefix: bytes
    check: bytes

    def to_bytes(self) -> bytes:
        params = _PARAMS.pack(VERSION, self.n, self.r, self.p)
        return MAGIC + params + self.salt + self.prefix + self.check


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` starts with the encrypted-package magic (False if it cannot be read)."""
    try:
        with Path(path).open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def encrypt_file(
    src: Path,
    dst: Path,
    password: str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Encrypt ``src`` into ``dst`` under ``password``; ``dst`` appears whole or not at all
    (``src`` and ``dst`` may be the same file). Raises EncryptionCancelledError once
    ``cancelled()`` is true."""
    _check_password(password)
    salt, prefix = os.urandom(_SALT_SIZE), os.urandom(_PREFIX_SIZE)
    key, check = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    header = _Header(SCRYPT_N, SCRYPT_R, SCRYPT_P, salt, prefix, check).to_bytes()
    aead = AESGCM(key)
    with _io_errors(), _atomic_output(Path(dst)) as out, Path(src).open("rb") as fh:
        total = os.fstat(fh.fileno()).st_size
        out.write(header)
        done, counter = 0, 0
        chunk = _read_full(fh, CHUNK_SIZE)
        while True:
            if cancelled is not None and cancelled():
                raise EncryptionCancelledError()
            following = _read_full(fh, CHUNK_SIZE) if len(chunk) == CHUNK_SIZE else b""
            last = not following
            sealed = aead.encrypt(_nonce(prefix, counter, last), chunk, header)
            out.write(_LENGTH.pack(len(sealed)))
            out.write(sealed)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
            if last:
                return
            chunk, counter = following, _next(counter)


def decrypt_file(
    src: Path,
    dst: Path,
    password: str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Decrypt ``src`` into ``dst``; ``dst`` appears only once every chunk authenticated.
    Raises WrongPasswordError, TamperedPackageError, NotEncryptedError or
    UnsupportedEncryptionError, leaving no output behind."""
    _check_password(password)
    with _io_errors(), Path(src).open("rb") as fh:
        total = os.fstat(fh.fileno()).st_size
        header = _read_header(fh)
        key, check = _derive(password, header.salt, header.n, header.r, header.p)
        if not hmac.compare_digest(check, header.check):
            raise WrongPasswordError()
        associated, aead = header.to_bytes(), AESGCM(key)
        with _atomic_output(Path(dst)) as out:
            done, counter = HEADER_SIZE, 0
            length = fh.read(_LENGTH.size)
            while True:
                if cancelled is not None and cancelled():
                    raise EncryptionCancelledError()
                sealed = _read_chunk(fh, length)
                length = fh.read(_LENGTH.size)
                last = not length
                try:
                    plain = aead.decrypt(_nonce(header.prefix, counter, last), sealed, associated)
                except InvalidTag:
                    raise TamperedPackageError() from None
                out.write(plain)
                done += _LENGTH.size + len(sealed)
                if progress is not None:
                    progress(done, total)
                if last:
                    return
                counter = _next(counter)


def _check_password(password: str) -> None:
    if not password:
        raise ValidationError(_("Enter a password."), field="password")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    material = Scrypt(salt=salt, length=32 + _CHECK_SIZE, n=n, r=r, p=p).derive(secret)
    return material[:32], material[32:]


def _read_header(fh: BinaryIO) -> _Header:
    raw = fh.read(HEADER_SIZE)
    if raw[: len(MAGIC)] != MAGIC:
        raise NotEncryptedError()
    if len(raw) > len(MAGIC) and raw[len(MAGIC)] > VERSION:
        raise UnsupportedEncryptionError()
    if len(raw) < HEADER_SIZE or raw[len(MAGIC)] != VERSION:
        raise TamperedPackageError()
    _version, n, r, p = _PARAMS.unpack_from(raw, len(MAGIC))
    if not _sane_scrypt(n, r, p):
        raise TamperedPackageError()
    offset = len(MAGIC) + _PARAMS.size
    salt = raw[offset : offset + _SALT_SIZE]
    prefix = raw[offset + _SALT_SIZE : offset + _SALT_SIZE + _PREFIX_SIZE]
    return _Header(n, r, p, salt, prefix, raw[HEADER_SIZE - _CHECK_SIZE :])


def _sane_scrypt(n: int, r: int, p: int) -> bool:
    return (
        _MIN_N <= n <= _MAX_N
        and n & (n - 1) == 0
        and 1 <= r <= _MAX_R
        and 1 <= p <= _MAX_P
        and 128 * n * r <= _MAX_MEMORY
        and n * r * p <= _MAX_WORK
    )


def _read_chunk(fh: BinaryIO, length: bytes) -> bytes:
    if len(length) != _LENGTH.size:
        raise TamperedPackageError()
    (size,) = _LENGTH.unpack(length)
    if not _TAG_SIZE <= size <= CHUNK_SIZE + _TAG_SIZE:
        raise TamperedPackageError()
    sealed = _read_full(fh, size)
    if len(sealed) != size:
        raise TamperedPackageError()
    return sealed


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _next(counter: int) -> int:
    if counter + 1 >= _MAX_CHUNKS:
        raise TamperedPackageError()
    return counter + 1


def _read_full(fh: BinaryIO, size: int) -> bytes:
    data = fh.read(size)
    if len(data) == size or not data:
        return data
    parts = [data]
    received = len(data)
    while received < size:
        more = fh.read(size - received)
        if not more:
            break
        parts.append(more)
        received += len(more)
    return b"".join(parts)


@contextmanager
def _atomic_output(target: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``target``, flushed to disk and moved into place on success,
    removed on any failure."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


@contextmanager
def _io_errors() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        name = exc.filename or ""
        raise CuratorError(
            _("Cannot read or write the file {name}: {error}").format(
                name=name, error=os_reason(exc)
            ),
            details=str(exc),
        ) from exc
