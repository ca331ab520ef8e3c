"""Writing zips by hand, so that a test can make any of them in a second and a few kilobytes:
members streamed from a generator (a 600 MB JSON array of history rows), highly compressible
members (bombs), and *stored* members of hundreds of megabytes written as a hole in a sparse
file (:class:`Zeros`: the bytes are zeros the file system does not store). Data descriptors
carry the sizes of streamed members, as Python's zipfile writes them; ZIP64 only for the number
of members (each member and the whole file stay under 4 GB).
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
STORED, DEFLATED = 0, 8
_DOS_TIME, _DOS_DATE = 0, (2026 - 1980) << 9 | 1 << 5 | 1


@dataclass(frozen=True)
class Zeros:
    """``size`` zero bytes, stored as a hole (never written)."""

    size: int


Content = bytes | Callable[[], Iterable[bytes]] | Zeros


def pieces(content: Content) -> Iterator[bytes]:
    """The content's bytes, a piece at a time."""
    if isinstance(content, bytes):
        yield content
    elif isinstance(content, Zeros):
        block = bytes(MB)
        left = content.size
        while left > 0:
            yield block[: min(MB, left)]
            left -= MB
    else:
        yield from content()


def sha256_of(content: Content) -> str:
    digest = hashlib.sha256()
    for piece in pieces(content):
        digest.update(piece)
    return digest.hexdigest()


def repeated(
    unit: bytes, size: int, *, head: bytes = b"", tail: bytes = b""
) -> Callable[[], Iterator[bytes]]:
    """A content of ``head``, ``unit`` repeated to about ``size`` bytes, then ``tail``."""

    def generate() -> Iterator[bytes]:
        yield head
        block = unit * max(1, MB // len(unit))
        written = 0
        while written < size:
            yield block
            written += len(block)
        yield tail

    return generate


def write_zip(
    target: Path,
    members: Iterable[tuple[str, Content, int]],
    *,
    last: tuple[str, Callable[[dict[str, str]], bytes]] | None = None,
) -> dict[str, str]:
    """A zip of ``(name, content, method)`` members, in that order; then ``last``, a member
    made (deflated) from the SHA-256 of the others (a manifest). Returns those checksums."""
    directory = []
    hashes: dict[str, str] = {}
    with target.open("wb") as out:

        def add(name: str, content: Content, method: int) -> None:
            raw = name.encode("utf-8")
            offset = out.tell()
            digest = hashlib.sha256()
            if isinstance(content, Zeros):  # sizes known: no descriptor, the data is a hole
                crc = 0
                for piece in pieces(content):
                    crc = zlib.crc32(piece, crc)
                    digest.update(piece)
                size = content.size
                out.write(_local(raw, 0, STORED, crc, size, size))
                out.seek(size, 1)
                out.truncate()
                directory.append((raw, 0, STORED, crc, size, size, offset))
                hashes[name] = digest.hexdigest()
                return
            out.write(_local(raw, 0x08, method, 0, 0, 0))
            crc, size, written = 0, 0, 0
            packer = zlib.compressobj(1, zlib.DEFLATED, -15) if method == DEFLATED else None
            for piece in pieces(content):
                crc = zlib.crc32(piece, crc)
                digest.update(piece)
                size += len(piece)
                data = packer.compress(piece) if packer else piece
                out.write(data)
                written += len(data)
            if packer:
                tail = packer.flush()
                out.write(tail)
                written += len(tail)
            out.write(struct.pack("<IIII", 0x08074B50, crc, written, size))
            directory.append((raw, 0x08, method, crc, written, size, offset))
            hashes[name] = digest.hexdigest()

        for name, content, method in members:
            add(name, content, method)
        if last is not None:
            add(last[0], last[1](dict(hashes)), DEFLATED)
        start = out.tell()
        for raw, flags, method, crc, written, size, offset in directory:
            fields = (20, 20, flags | 0x800, method, _DOS_TIME, _DOS_DATE, crc, written, size)
            out.write(struct.pack("<IHHHHHHIII", 0x02014B50, *fields))
            out.write(struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0, offset) + raw)
        end = out.tell()
        count = len(directory)
        if count > 0xFFFF:  # ZIP64 end record and locator; the classic end record says «see it»
            out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                                  end - start, start))  # fmt: skip
            out.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
            count = 0xFFFF
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, end - start, start, 0))
    return hashes


def _local(raw: bytes, flags: int, method: int, crc: int, written: int, size: int) -> bytes:
    fields = (20, flags | 0x800, method, _DOS_TIME, _DOS_DATE, crc, written, size, len(raw), 0)
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + raw
