"""Qt's own dialogs speak the chosen language: the file dialog the app opens (Qt's own, as on a
Linux desktop without a platform theme) has no English label in Russian, and English again
after switching back."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel

from curator_desktop.i18n import set_language
from curator_desktop.ui.shell.qt_setup import install_qt_translations


def _texts(qtbot) -> list[str]:
    dialog = QFileDialog(None, "title", "", "Roadmaps (*.docx *.txt)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() or button.toolTip() for button in dialog.findChildren(QAbstractButton)]
    dialog.close()
    return [text.replace("&", "") for text in texts if text]


def test_the_file_dialog_speaks_russian(qtbot) -> None:
    app = QApplication.instance()
    set_language("ru")
    try:
        install_qt_translations(app)
        texts = _texts(qtbot)
        assert "Перейти к:" in texts
        assert "Типы файлов:" in texts
        english = [text for text in texts if text.isascii() and any(c.isalpha() for c in text)]
        assert english == [], english
    finally:
        set_language("en")
        install_qt_translations(app)
    assert "Look in:" in _texts(qtbot)  # the Russian translator is gone again
