"""The shared zip check: every refusal comes from the end record or the central directory, before
a member is unpacked, and what is not a zip is left to zipfile's own error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from curator_desktop.services.limits import office, text, zips
from curator_desktop.services.limits.zips import ZipLimits, ZipRefused
from tests.services.limits.hostile_files import MB, repeated, write_zip

LIMITS = ZipLimits(
    max_members=10, max_directory_bytes=64 * 1024, max_member_bytes=8 * MB, max_total_bytes=12 * MB
)


@pytest.fixture
def no_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any member opened for reading fails the test: refusals come from the directory."""

    def opened(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipExtFile, "__init__", opened)


def refusal(source: Path | io.BytesIO, limits: ZipLimits = LIMITS) -> ZipRefused:
    with pytest.raises(ZipRefused) as caught:
        zips.open_zip(source, limits)
    return caught.value


def test_a_zip_within_the_limits_opens(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "ok.zip", {"a.xml": b"<a/>" * 1000, "b.bin": bytes(100)})
    with zips.open_zip(path, LIMITS) as archive:
        assert archive.read("a.xml") == b"<a/>" * 1000
    with zips.open_zip(io.BytesIO(path.read_bytes()), LIMITS) as archive:
        assert archive.namelist() == ["a.xml", "b.bin"]


def test_too_many_members_are_refused_from_the_end_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_zip(tmp_path / "many.zip", {f"{n}.txt": b"" for n in range(11)})
    built: list[object] = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: built.append(a))
    error = refusal(path)
    assert error.problem == "it holds 11 files, more than the 10 allowed." and built == []


def test_a_directory_of_long_names_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_zip(tmp_path / "names.zip", {"x" * 60_000 + str(n): b"" for n in range(3)})
    built: list[object] = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: built.append(a))
    assert refusal(path).problem.startswith("its list of files takes 1 MB, more than")
    assert built == []


def test_a_member_too_large_once_unpacked(tmp_path: Path, no_unpacking: None) -> None:
    path = write_zip(tmp_path / "big.zip", {"big.bin": repeated(b"0123456789", 9 * MB)})
    error = refusal(path)
    assert error.member == "big.bin"
    assert error.problem == (
        "big.bin would unpack to 9 MB, more than the 8 MB allowed for one file."
    )


def test_a_bomb_is_judged_by_its_ratio(tmp_path: Path, no_unpacking: None) -> None:
    path = write_zip(tmp_path / "bomb.zip", {"zeros": bytes(5 * MB)})
    error = refusal(path)
    assert "zeros would unpack to" in error.problem and "(a “zip bomb”)" in error.problem


def test_members_together_too_large(tmp_path: Path, no_unpacking: None) -> None:
    members = {f"{n}.bin": repeated(bytes(range(256)), 5 * MB) for n in range(3)}
    path = write_zip(tmp_path / "total.zip", members, method=zipfile.ZIP_STORED)
    assert refusal(path).problem == "it would unpack to 15 MB, more than the 12 MB allowed."


def test_methods_and_encryption_the_readers_do_not_use(tmp_path: Path, no_unpacking: None) -> None:
    path = write_zip(tmp_path / "bz.zip", {"a.xml": b"<a/>"}, method=zipfile.ZIP_BZIP2)
    assert "a.xml is compressed or encrypted in a way" in refusal(path).problem
    encrypted = bytearray(write_zip(tmp_path / "enc.zip", {"a.xml": b"<a/>"}).read_bytes())
    directory = encrypted.rfind(b"PK\x01\x02")
    encrypted[directory + 8] |= 0x1  # the encryption flag in the central directory
    assert "is compressed or encrypted" in refusal(io.BytesIO(bytes(encrypted))).problem


def test_what_is_not_a_zip_is_left_to_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "text.zip"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(zipfile.BadZipFile):
        zips.open_zip(path, LIMITS)


def test_a_checked_office_file_is_the_same_bytes(tmp_path: Path) -> None:
    data = write_zip(tmp_path / "ok.zip", {"a.xml": b"<a/>"}).read_bytes()
    assert office.checked_file(data, LIMITS).read() == data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Имя\tИНН\r\n".encode("utf-16"), ("Имя\tИНН\r\n", "utf-16")),
        ("Name\tINN\r\n".encode("utf-16-le"), ("Name\tINN\r\n", "utf-16-le")),
        ("Name\tINN\r\n".encode("utf-16-be"), ("Name\tINN\r\n", "utf-16-be")),
        ("Имя;ИНН".encode("utf-8-sig"), ("Имя;ИНН", "utf-8-sig")),
        ("Имя;ИНН".encode("cp1251"), ("Имя;ИНН", "cp1251")),
    ],
)
def test_text_is_read_in_its_encoding(data: bytes, expected: tuple[str, str]) -> None:
    assert text.decode_text(data) == expected


def test_zero_bytes_outside_utf16_are_not_text() -> None:
    with pytest.raises(text.NotText) as caught:
        text.decode_text(bytes(range(256)) * 8)
    assert caught.value.binary
