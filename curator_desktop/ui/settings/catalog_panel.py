"""Settings → catalogs: the risk-factor catalog in force and the installed checklist templates.

A coordinator's catalog file replaces or extends the catalog; a coordinator's checklist template
file adds a template or a new version of one. Files are checked before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext


class RiskCatalogPanel(QGroupBox):
    """The catalog in force and the checklist templates; installs a coordinator's files.

    ``data_changed(changes)`` says what an import changed (``Changes``, from the service).
    """

    data_changed = Signal(frozenset)
    templates_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Risk-factor catalog and checklist templates"), parent)
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
        self.templates = QTableWidget(0, 4)
        self.templates.setHorizontalHeaderLabels(
            [_("Checklist template"), _("Version"), _("Source"), _("Used for")]
        )
        self.templates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.templates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.templates.verticalHeader().setVisible(False)
        header = self.templates.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.templates.setMinimumHeight(180)
        self.import_template_button = QPushButton(_("Import checklist template…"))
        self.import_template_button.clicked.connect(self._choose_and_import_template)
        template_buttons = QHBoxLayout()
        template_buttons.addWidget(self.import_template_button)
        template_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(
            QLabel(_("Checklist templates (visits keep the version they were filled with):"))
        )
        layout.addWidget(self.templates)
        layout.addLayout(template_buttons)
        from curator_desktop.ui.documents.criteria_panel import CriteriaPanel

        self.criteria_panel = CriteriaPanel()  # the document review criteria (#21)
        self.criteria_panel.data_changed.connect(self.data_changed)
        layout.addWidget(self.criteria_panel)

    def attach(self, context: AppContext) -> None:
        self.context = context
        self.criteria_panel.attach(context)
        self.refresh()

    def refresh(self) -> None:
        """Describe the catalog in force and list the installed checklist templates."""
        if self.context is None:
            return
        self.refresh_templates()
        service = self.context.catalog_service
        catalog = service.risk_catalog()
        if catalog is None:
            self.summary.setText(_("No risk-factor catalog is installed."))
            return
        factors = service.factor_count()
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
        from curator_desktop.ui.common.errors import show_error

        assert self.context is not None
        try:
            result = self.context.catalog_service.import_risk_catalog(path, mode=mode)
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
        self.data_changed.emit(result.changes)
        return True

    def _choose_and_import(self, mode: str) -> None:
        if self.context is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the catalog file"), "", _("Catalog files (*.json)")
        )
        if path:
            self.import_file(Path(path), mode)

    def refresh_templates(self) -> None:
        """List every installed template version: title, version, source, what it is used for."""
        if self.context is None:
            return
        from curator_desktop.services.catalogs.template_import import source_label

        rows = self.context.catalog_service.templates()
        self.templates.setRowCount(len(rows))
        for number, row in enumerate(rows):
            use = _("new visits") if row.newest else _("past visits only")
            cells = (row.title, str(row.version), source_label(row.source), use)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(f"{row.template_key} {row.version}")
                self.templates.setItem(number, column, cell)

    def import_template_file(self, path: Path) -> bool:
        """Install the checklist template in ``path`` and say how it went."""
        from curator_desktop.ui.common.errors import show_error

        assert self.context is not None
        try:
            result = self.context.catalog_service.import_template(path)
        except Exception as exc:  # shown to the user; the store is unchanged
            show_error(self, exc, title=_("The checklist template was not installed"))
            return False
        QMessageBox.information(self, _("Checklist templates"), result.message())
        self.refresh_templates()
        if result.changes:
            self.data_changed.emit(result.changes)
        self.templates_changed.emit()
        return True

    def _choose_and_import_template(self) -> None:
        if self.context is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the checklist template file"), "", _("Checklist templates (*.json)")
        )
        if path:
            self.import_template_file(Path(path))
