"""The Settings page: language, the curator's profile, backups and the data folder."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, _, current_language
from curator_desktop.store import backups
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.models.history_table_models import BackupTableModel
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.settings.catalog_panel import RiskCatalogPanel
from curator_desktop.ui.settings.profile_form import ProfileForm

log = logging.getLogger(__name__)


class SettingsPage(Page):
    """Language, profile, backups (take, list, restore) and the data folder."""

    kinds = frozenset({Change.PROFILE, Change.BACKUPS, Change.CATALOGS})
    backup_taken = Signal()
    store_restored = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        for code in SUPPORTED_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(SUPPORTED_LANGUAGES.index(current_language()))
        self.language.currentIndexChanged.connect(self._on_language_changed)
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self.language_note.hide()

        self.profile_form = ProfileForm()
        self.profile_form.setMaximumWidth(720)
        self.save_profile_button = QPushButton(_("Save profile"))
        self.save_profile_button.clicked.connect(self._on_save_profile_clicked)
        self.profile_status = QLabel()

        self.backup_table = RecordTable(BackupTableModel(), sort_order=Qt.SortOrder.DescendingOrder)
        self.backup_table.setMinimumHeight(180)
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.clicked.connect(self.take_backup)
        self.restore_button = QPushButton(_("Restore selected backup…"))
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.restore_button.setEnabled(False)
        self.backup_table.view.selectionModel().selectionChanged.connect(
            self._on_backup_selection_changed
        )
        self.open_folder_button = QPushButton(_("Open data folder"))
        self.open_folder_button.clicked.connect(self._on_open_folder_clicked)
        self.catalog_panel = RiskCatalogPanel()
        self.data_dir_label = QLabel()
        self.data_dir_label.setWordWrap(True)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading(self.title()))
        layout.addWidget(self._language_group())
        layout.addWidget(self._profile_group())
        layout.addWidget(self.catalog_panel)
        layout.addWidget(self._backup_group())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def title(self) -> str:
        return _("Settings")

    def _language_group(self) -> QGroupBox:
        group = QGroupBox(_("Language"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(_("Language of the program and reports"), self.language)
        form.addRow(self.language_note)
        return group

    def _profile_group(self) -> QGroupBox:
        group = QGroupBox(_("Profile"))
        layout = QVBoxLayout(group)
        layout.addWidget(self.profile_form)
        row = QHBoxLayout()
        row.addWidget(self.save_profile_button)
        row.addWidget(self.profile_status, 1)
        layout.addLayout(row)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.fingerprint_label)
        return group

    def _backup_group(self) -> QGroupBox:
        group = QGroupBox(_("Backups"))
        layout = QVBoxLayout(group)
        explanation = QLabel(
            _(
                "A copy of the store is taken every day at start-up, before every "
                "upgrade, import and restore; 7 daily, 4 weekly and 6 monthly "
                "copies are kept."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addWidget(self.data_dir_label)
        layout.addWidget(self.backup_table)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.open_folder_button)
        layout.addLayout(row)
        return group

    def refresh(self) -> None:
        if self.context is None:
            return
        self.profile_form.load(self.context.profile_service.current())
        self.fingerprint_label.setText(
            _(
                "Your packages are signed with the key {fingerprint}. The coordinator sees the "
                "same code in the preview of your package and may check it with you by phone."
            ).format(fingerprint=self.context.exchange_service.signing_fingerprint())
        )
        self.catalog_panel.attach(self.context)
        self.data_dir_label.setText(
            _("Data folder: {path}").format(path=self.context.paths.data_dir)
        )
        self.refresh_backups()

    def refresh_backups(self) -> None:
        if self.context is None:
            return
        self.backup_table.set_empty_text(
            _("No backups yet"),
            _("The first copy is taken tomorrow at start-up, or now with «Back up now»."),
        )
        self.backup_table.set_rows(backups.list_backups(self.context.paths.backup_dir))
        self._on_backup_selection_changed()

    def _on_backup_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.backup_table.view.selectionModel().hasSelection())

    def _on_language_changed(self) -> None:
        if self.context is None:
            return
        code = self.language.currentData()
        self.context.settings.language = code
        self.context.save_settings()
        restart_needed = code != current_language()
        self.language_note.setText(
            _("The new language is used after the program is restarted.") if restart_needed else ""
        )
        self.language_note.setVisible(restart_needed)

    def _on_save_profile_clicked(self) -> None:
        if self.context is None or not self.profile_form.validate():
            return
        try:
            self.context.profile_service.save(self.profile_form.profile())
        except Exception as exc:
            show_error(self, exc)
            return
        self.profile_status.setText(_("Saved."))

    def take_backup(self) -> None:
        """Take a backup now and list it (the File menu uses this too)."""
        if self.context is None:
            return
        try:
            path = backups.take_backup(
                self.context.paths.store_file, self.context.paths.backup_dir, reason="manual"
            )
        except Exception as exc:
            show_error(self, exc)
            return
        log.info("Manual backup %s", path)
        self.refresh_backups()
        self.backup_taken.emit()

    def _on_restore_clicked(self) -> None:
        if self.context is None:
            return
        selected = self.backup_table.view.selectionModel().selectedRows()
        if not selected:
            QMessageBox.information(self, self.title(), _("Select a backup in the list first."))
            return
        info = self.backup_table.proxy.index(selected[0].row(), 0).data(ROW_ROLE)
        answer = QMessageBox.question(
            self,
            _("Restore backup"),
            _(
                "Replace the whole store with the backup of {when}? A copy of the current store is "
                "taken first, so this can be undone."
            ).format(when=self.backup_table.model.columns[0].text(info)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._restore(info.path)
        except Exception as exc:
            show_error(self, exc)
            return
        self.refresh_backups()
        self.store_restored.emit()

    def _restore(self, backup_file: Path) -> None:
        assert self.context is not None
        self.context.restore_backup(backup_file)

    def _on_open_folder_clicked(self) -> None:
        if self.context is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.paths.data_dir)))
