"""Settings → profile: the profile and the store's role are shown and can be changed, with the
rules of the first-run dialog and ``curator-desktop init``."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from curator_desktop.domain.profile import ProfileFields, Role
from tests.ui.conftest import set_text


def test_settings_show_and_change_the_role(open_window, qtbot) -> None:
    window = open_window(demo=True)
    window.show_page("settings")
    page = window.pages["settings"]
    form = page.profile_form
    service = window.context.profile_service
    name = service.current().full_name
    assert form.edits["full_name"].text() == name and form.role() is Role.CURATOR

    coordinator = form.role_buttons[Role.COORDINATOR]
    pos = QPoint(8, coordinator.height() // 2)
    qtbot.mouseClick(coordinator, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseClick(page.save_profile_button, Qt.MouseButton.LeftButton)
    assert service.role() is Role.COORDINATOR and page.profile_status.text() == "Saved."

    page.refresh()
    assert form.role() is Role.COORDINATOR


def test_settings_refuse_a_profile_without_a_name(open_window, qtbot) -> None:
    window = open_window(demo=True)
    page = window.pages["settings"]
    before = window.context.profile_service.current()
    assert isinstance(before, ProfileFields)
    set_text(page.profile_form.edits["full_name"], "")
    qtbot.mouseClick(page.save_profile_button, Qt.MouseButton.LeftButton)
    assert page.profile_form.error_label.text() and page.profile_status.text() == ""
    assert window.context.profile_service.current() == before
