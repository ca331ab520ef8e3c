"""On a 1366×768 laptop at 100 % and 150 % (911×512 logical px) every page of the window fits
the screen: no page asks for more width or height than the screen has, in Russian and English.
Run by test_pages_laptop.py in a child process whose offscreen screen is that laptop's (the file
is not collected on its own)."""

from __future__ import annotations

import os

import pytest

from tests.ui.laptop_screen import LAPTOP_ENV, only_on_laptop

pytestmark = only_on_laptop


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_fits_the_screen(open_window, qtbot, lang: str) -> None:
    window = open_window(demo=True, lang=lang, size=None)
    available = window.screen().availableGeometry()
    misfits = {}
    for key, page in window.pages.items():
        window.show_page(key)
        qtbot.wait(30)
        needed = window.minimumSizeHint()
        frame = window.frameGeometry()
        if needed.width() > available.width() or not available.contains(frame):
            misfits[key] = (page.minimumSizeHint().width(), needed.width(), frame.getRect())
    scale = os.environ.get(LAPTOP_ENV)
    assert not misfits, f"pages past {available.getRect()} at scale {scale}: {misfits}"
