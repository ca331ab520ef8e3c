"""On a 1366×768 laptop at 100 % and 150 % every page of the window fits the screen:
pages_laptop_checks.py run in a child process whose offscreen screen is that laptop's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.laptop_screen import run_on_laptop


@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_every_page_fits_a_1366x768_laptop(tmp_path: Path, scale: str) -> None:
    run_on_laptop("tests/ui/common/pages_laptop_checks.py", tmp_path, scale=scale)
