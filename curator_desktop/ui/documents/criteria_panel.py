"""Settings → catalogs: the review criteria of school documents in force, and installing a
coordinator's criteria file (a newer version; a backup first)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from curator_desktop.domain.changes import Change
from curator_desktop.i18n import _, current_language
from curator_desktop.ui.common.default_button import never_default

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext


class CriteriaPanel(QWidget):
    """One line saying which criteria are in force, and «Replace review criteria…»."""

    data_changed = Signal(frozenset)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context: AppContext | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.replace_button = QPushButton(_("Replace review criteria…"))
        self.replace_button.setToolTip(
            _("Install a coordinator's file of document review criteria (a newer version)")
        )
        never_default(self.replace_button)
        self.replace_button.clicked.connect(self._on_replace_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.replace_button)

    def attach(self, context: AppContext) -> None:
        self.context = context
        self.refresh()

    def refresh(self) -> None:
        from curator_desktop.services.documents.criteria_catalog import criteria_in_force

        if self.context is None or self.context.store is None:
            return
        catalog = criteria_in_force(self.context.database)
        source = _("from the coordinator") if catalog.source == "coordinator" else _("built in")
        title = catalog.title.get(current_language()) or catalog.title["ru"]
        self.summary.setText(
            _("Document review criteria: {title}, version {version} ({source}).").format(
                title=title, version=catalog.version, source=source
            )
        )

    def install(self, path: Path) -> bool:
        """Install the criteria file in ``path`` and say how it went."""
        from curator_desktop.services.documents.criteria_catalog import install_criteria_file
        from curator_desktop.ui.common.errors import show_error

        assert self.context is not None
        try:
            catalog = install_criteria_file(
                self.context.database, path, backup_dir=self.context.paths.backup_dir
            )
        except Exception as exc:  # shown to the user; the store is unchanged
            show_error(self, exc, title=_("The review criteria were not installed"))
            return False
        QMessageBox.information(
            self,
            _("Review criteria"),
            _("Review criteria version {version} are now in force.").format(
                version=catalog.version
            ),
        )
        self.refresh()
        self.data_changed.emit(frozenset({Change.CATALOGS, Change.DOCUMENTS}))
        return True

    def _on_replace_clicked(self) -> None:
        if self.context is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the review criteria file"), "", _("Catalog files (*.json)")
        )
        if path:
            self.install(Path(path))
