"""The password prompt of an exchange package, asked only when the package has one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.errors import show_error


def ask_package_password(parent: QWidget, path: Path) -> tuple[bool, str | None]:
    """(go on, password): ``None`` for a package without one; go on is False when the file
    cannot be read (the error is shown) or the user cancelled the prompt."""
    from curator_desktop.services.exchange import crypto

    try:
        encrypted = crypto.is_encrypted(path)
    except OSError as exc:
        show_error(parent, exc)
        return False, None
    if not encrypted:
        return True, None
    password, ok = QInputDialog.getText(
        parent,
        _("Password"),
        _("The package is protected by a password. Password:"),
        QLineEdit.EchoMode.Password,
    )
    return ok, password if ok else None
