"""A file chosen for a version or a confirmation document: its path typed or picked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.widgets.import_file_parts import choose_file

FILE_FILTERS = (
    "{documents} (*.pdf *.docx *.doc *.odt *.rtf *.jpg *.jpeg *.png *.tif *.tiff);;{all} (*)"
)


class FileRow(QWidget):
    """A path field and «Choose…» (a file dialog); ``path`` is None while the field is empty."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("Path to the file (DOCX, PDF or a scan)"))
        self.edit.setAccessibleName(_("File"))
        self.choose_button = QPushButton(_("Choose…"))
        never_default(self.choose_button)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.choose_button)
        self.setFocusProxy(self.edit)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path | None) -> None:
        self.edit.setText(str(path) if path else "")

    def _on_choose_clicked(self) -> None:
        filters = FILE_FILTERS.format(documents=_("Documents and scans"), all=_("All files"))
        chosen = choose_file(self, self._title, self.path(), filters)
        if chosen is not None:
            self.set_path(chosen)
