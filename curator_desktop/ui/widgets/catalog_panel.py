"""The risk-factor catalog in force, and replacing or extending it from a coordinator's file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext


class RiskCatalogPanel(QGroupBox):
    """Shows the catalog version in force; installs a coordinator's catalog after a backup."""

    catalog_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Risk-factor catalog"), parent)
        self.context: AppContext | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.replace_button = QPushButton(_("Replace with a coordinator's catalog…"))
        self.replace_button.clicked.connect(lambda: self._choose_and_import("replace"))
        self.extend_button = QPushButton(_("Add factors from a file…"))
        self.extend_button.clicked.connect(lambda: self._choose_and_import("extend"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.extend_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

    def attach(self, context: AppContext) -> None:
        self.context = context
        self.refresh()

    def refresh(self) -> None:
        """Describe the catalog in force: title, version, source, factors, recommended maximum."""
        if self.context is None:
            return
        from curator_desktop.services.catalogs import active_risk_factors, current_risk_catalog

        catalog = current_risk_catalog(self.context.database)
        if catalog is None:
            self.summary.setText(_("No risk-factor catalog is installed."))
            return
        factors = len(active_risk_factors(self.context.database, dt.date.today().year))
        source = _("from the coordinator") if catalog.source == "coordinator" else _("built in")
        title = catalog.title_ru if current_language() == "ru" else catalog.title_en
        self.summary.setText(
            _("{title}, version {version} ({source}).").format(
                title=title, version=catalog.version, source=source
            )
            + " "
            + ngettext("{n} factor this year; ", "{n} factors this year; ", factors).format(
                n=factors
            )
            + ngettext(
                "at most {m} activated direction is recommended.",
                "at most {m} activated directions are recommended.",
                catalog.max_active_directions,
            ).format(m=catalog.max_active_directions)
        )

    def import_file(self, path: Path, mode: str) -> bool:
        """Install the catalog in ``path`` (``replace`` or ``extend``) and say how it went."""
        from curator_desktop.services.risk_catalog_import import import_risk_catalog
        from curator_desktop.ui.errors import show_error

        assert self.context is not None
        try:
            result = import_risk_catalog(
                path, self.context.database, mode=mode, backup_dir=self.context.paths.backup_dir
            )
        except Exception as exc:  # shown to the user; the store is unchanged
            show_error(self, exc, title=_("The catalog was not installed"))
            return False
        QMessageBox.information(
            self,
            self.title(),
            ngettext(
                "Catalog version {version} is now in force: {count} factor.",
                "Catalog version {version} is now in force: {count} factors.",
                result.factor_count,
            ).format(version=result.version, count=result.factor_count),
        )
        self.refresh()
        self.catalog_changed.emit()
        return True

    def _choose_and_import(self, mode: str) -> None:
        if self.context is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the catalog file"), "", _("Catalog files (*.json)")
        )
        if path:
            self.import_file(Path(path), mode)
