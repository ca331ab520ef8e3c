"""The main window's status bar: which store is open, the last backup and the last export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStatusBar

from curator_desktop.i18n import _, format_datetime

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext


class StatusLine:
    """Three labels in ``bar``: the store (stretching), the last backup, the last export."""

    def __init__(self, bar: QStatusBar) -> None:
        self.store_label = QLabel(_("Opening the store…"))
        self.backup_label = QLabel()
        self.export_label = QLabel()
        bar.addWidget(self.store_label, 1)
        bar.addPermanentWidget(self.backup_label)
        bar.addPermanentWidget(self.export_label)

    def make_selectable(self) -> None:
        """Let the user select and copy the texts (set after the first paint)."""
        from PySide6.QtCore import Qt

        for label in (self.store_label, self.backup_label, self.export_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_failed(self) -> None:
        self.store_label.setText(_("The store could not be opened."))

    def update(self, context: AppContext) -> None:
        """Show the open store's file, its last backup and its last export."""
        from curator_desktop.store import backups

        if context.store is None:
            return
        paths = context.paths
        self.store_label.setText(_("Store: {path}").format(path=paths.store_file))
        last_backup = backups.last_backup_time(paths.backup_dir)
        self.backup_label.setText(
            _("Last backup: {when}").format(
                when=format_datetime(last_backup) if last_backup else _("none")
            )
        )
        last_export = context.history.last_export()
        self.export_label.setText(
            _("Last export: {when}").format(
                when=format_datetime(last_export.at) if last_export else _("never")
            )
        )
