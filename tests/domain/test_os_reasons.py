"""Why a file was refused, said in the user's language instead of the C library's English."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.i18n import set_language


def _refusal(path: Path) -> OSError:
    try:
        path.read_bytes()
    except OSError as exc:
        return exc
    raise AssertionError("the file was read")


def test_common_reasons_are_translated(tmp_path: Path) -> None:
    missing = _refusal(tmp_path / "нет.csv")
    folder = _refusal(tmp_path)
    assert os_reason(missing) == "the file does not exist (it may have been moved or renamed)"
    set_language("ru")
    assert os_reason(missing) == "файл не найден (возможно, его переместили или переименовали)"
    assert os_reason(folder) == "это папка, а не файл"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "на диске нет места"


def test_other_reasons_keep_the_systems_text() -> None:
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"
    assert os_reason(OSError("no errno at all")) == "no errno at all"


@pytest.mark.parametrize("suffix", [".csv", ".docx"])
def test_a_missing_file_is_explained_in_russian(tmp_path: Path, suffix: str) -> None:
    from curator_desktop.services.roadmap.reader import read_roadmap
    from curator_desktop.services.schools.list_import.reading import read_table

    set_language("ru")
    read = read_table if suffix == ".csv" else read_roadmap
    with pytest.raises(CuratorError) as caught:
        read(tmp_path / f"нет{suffix}")
    message = caught.value.user_message
    assert "файл не найден" in message and "No such file" not in message
