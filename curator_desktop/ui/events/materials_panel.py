"""An event's materials (programme, presentation, certificate): files stored in the store as
visit photos are. For an event not saved yet the chosen files wait and are attached on save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.visits.records import AttachmentRecord
from curator_desktop.i18n import _
from curator_desktop.ui.common.default_button import never_default

if TYPE_CHECKING:
    from curator_desktop.services.events import EventService


class MaterialsPanel(QWidget):
    """Lists the event's files; Add, Open and Remove act on the store once the event exists."""

    def __init__(self, service: EventService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._event_id = ""
        self._pending: list[Path] = []
        self.file_list = QListWidget()
        self.file_list.setAccessibleName(_("Materials"))
        self.file_list.itemActivated.connect(self._on_file_list_item_activated)
        self.add_button = QPushButton(_("Add files…"))
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        never_default(self.add_button, self.open_button, self.remove_button)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_list, 1)
        layout.addLayout(buttons)
        self.file_list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def load(self, event_id: str) -> None:
        """Show the stored files of ``event_id`` (after the pending ones are attached)."""
        self._event_id = event_id
        self.file_list.clear()
        if event_id:
            for record in self._service.attachments(event_id):
                item = QListWidgetItem(record.file_name)
                item.setData(Qt.ItemDataRole.UserRole, record)
                self.file_list.addItem(item)
        for path in self._pending:
            item = QListWidgetItem(_("{name} (attached on save)").format(name=path.name))
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.file_list.addItem(item)
        self._update_buttons()

    def add_files(self, paths: list[Path]) -> None:
        """Attach ``paths`` now (a stored event) or on save (a new one)."""
        if self._event_id:
            for path in paths:
                self._service.attach(self._event_id, path)
        else:
            self._pending += [p for p in paths if p not in self._pending]
        self.load(self._event_id)

    def attach_pending(self, event_id: str) -> None:
        """The event was saved: attach the files that waited."""
        pending, self._pending = self._pending, []
        for path in pending:
            self._service.attach(event_id, path)
        self.load(event_id)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Add materials"))
        if names:
            self.add_files([Path(n) for n in names])

    def selected(self) -> AttachmentRecord | Path | None:
        item = self.file_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_selected(self) -> None:
        chosen = self.selected()
        if isinstance(chosen, AttachmentRecord):
            path = self._service.attachment_path(chosen.sha256)
        elif isinstance(chosen, Path):
            path = chosen
        else:
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_selected(self) -> None:
        chosen = self.selected()
        if isinstance(chosen, AttachmentRecord):
            self._service.remove_attachment(chosen.id)
        elif isinstance(chosen, Path):
            self._pending.remove(chosen)
        self.load(self._event_id)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _on_file_list_item_activated(self, _item: QListWidgetItem) -> None:
        self.open_selected()
