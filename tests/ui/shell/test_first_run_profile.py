"""The first-run profile dialog: who the curator is and the store's role (curator or
coordinator), checked by the same rules as ``curator-desktop init``; it fits a small screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QRadioButton

from curator_desktop.domain.profile import MAX_LENGTH, ProfileFields, Role
from curator_desktop.i18n import set_language
from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog
from tests.ui.conftest import set_text


@pytest.fixture
def new_store(open_window, monkeypatch: pytest.MonkeyPatch):
    """A window on a new store (its own profile dialog answered «Later»)."""
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    return open_window(demo=False)


def dialog_for(qtbot, window) -> FirstRunDialog:
    dialog = FirstRunDialog(window.context.profile_service, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot, radio: QRadioButton) -> None:
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def save_button(dialog: FirstRunDialog):
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Save)


def test_the_dialog_asks_the_role_and_stores_it(new_store, qtbot) -> None:
    dialog = dialog_for(qtbot, new_store)
    form = dialog.form
    assert form.role_buttons[Role.CURATOR].isChecked()  # the default
    assert [b.text() for b in form.role_buttons.values()] == ["Curator", "Coordinator"]
    set_text(form.edits["full_name"], "  Петров Иван Сергеевич ")
    set_text(form.edits["organisation"], "ЛОИРО")
    click(qtbot, form.role_buttons[Role.COORDINATOR])
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = new_store.context.profile_service.current()
    assert stored == ProfileFields(
        full_name="Петров Иван Сергеевич", organisation="ЛОИРО", role="coordinator"
    )


def test_the_role_is_chosen_with_the_keyboard_alone(new_store, qtbot) -> None:
    """Tab from the last field reaches the role; an arrow key picks the coordinator; Enter
    saves."""
    dialog = dialog_for(qtbot, new_store)
    form = dialog.form
    set_text(form.edits["full_name"], "Петров Иван Сергеевич")
    dialog.raise_()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    form.edits["phone"].setFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is form.role_buttons[Role.CURATOR]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Right)
    assert dialog.focusWidget() is form.role_buttons[Role.COORDINATOR]
    assert form.role() is Role.COORDINATOR
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert new_store.context.profile_service.role() is Role.COORDINATOR


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"full_name": "   "}, "full_name", "full name"),
        ({"full_name": "Петров", "email": "petrov.mail.ru"}, "email", "«@»"),
    ],
)
def test_bad_input_is_shown_and_nothing_is_stored(
    new_store, qtbot, values: dict[str, str], field: str, message: str
) -> None:
    dialog = dialog_for(qtbot, new_store)
    for name, text in values.items():
        set_text(dialog.form.edits[name], text)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.form.error_label.isVisibleTo(dialog) and message in dialog.form.error_label.text()
    assert dialog.focusWidget() is dialog.form.edits[field]
    assert dialog.height() >= dialog.heightForWidth(dialog.width())  # the message is not cut
    assert new_store.context.profile_service.current() is None


def test_a_pasted_ten_thousand_characters_stop_at_the_limit(new_store, qtbot) -> None:
    dialog = dialog_for(qtbot, new_store)
    set_text(dialog.form.edits["full_name"], "Я" * 10_000)
    assert len(dialog.form.edits["full_name"].text()) == MAX_LENGTH
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert new_store.context.profile_service.current().full_name == "Я" * MAX_LENGTH


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_fits_a_small_screen_at_150_percent(new_store, qtbot, lang: str) -> None:
    set_language(lang)
    dialog = dialog_for(qtbot, new_store)
    # 1366×768 at 150 % leaves 910×512 logical pixels, minus a taskbar and the title bar.
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 900 and hint.height() <= 460, hint
    assert dialog.minimumWidth() <= 900 and dialog.minimumHeight() <= 460
    set_text(dialog.form.edits["email"], "petrov.mail.ru")  # two messages, the name's too
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.heightForWidth(dialog.width()) <= 460 and dialog.height() <= 460
    if lang == "ru":
        labels = [b.text() for b in dialog.form.role_buttons.values()]
        assert labels == ["Куратор", "Координатор"]
