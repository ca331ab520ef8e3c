"""The catalogs of one open store, as the window uses them: what is in force, what is installed,
and installing a coordinator's catalog or checklist template (a backup first).

A facade over :mod:`~curator_desktop.services.catalogs.builtin`,
:mod:`~curator_desktop.services.catalogs.risk_catalog_import` and
:mod:`~curator_desktop.services.catalogs.template_import`; each import's result says what it
changed (``result.changes``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from curator_desktop.services.catalogs.builtin import active_risk_factors, current_risk_catalog
from curator_desktop.services.catalogs.risk_catalog_import import (
    MODES,
    CatalogImportResult,
    import_risk_catalog,
)
from curator_desktop.services.catalogs.template_import import (
    TemplateImportResult,
    TemplateSummary,
    import_template,
    installed_templates,
)
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskCatalog


class CatalogService:
    """The risk-factor catalog in force and the checklist templates of one store.

    ``backup_dir``: where the «pre-import» backup goes (None: no backup).
    """

    def __init__(self, database: Database, *, backup_dir: Path | None = None) -> None:
        self.database = database
        self.backup_dir = backup_dir

    def risk_catalog(self) -> RiskCatalog | None:
        """The risk-factor catalog in force (None when none is installed)."""
        return current_risk_catalog(self.database)

    def factor_count(self, year: int | None = None) -> int:
        """How many factors of the catalog in force apply in ``year`` (default: this year)."""
        return len(active_risk_factors(self.database, year or dt.date.today().year))

    def templates(self) -> list[TemplateSummary]:
        """Every installed checklist template version, by title then newest first."""
        return installed_templates(self.database)

    def import_risk_catalog(self, path: Path, *, mode: str = "replace") -> CatalogImportResult:
        """Install a coordinator's risk-factor catalog as the new version in force (``mode``:
        ``replace`` or ``extend``, see :data:`risk_catalog_import.MODES`)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        chosen: Literal["replace", "extend"] = "extend" if mode == "extend" else "replace"
        return import_risk_catalog(path, self.database, mode=chosen, backup_dir=self.backup_dir)

    def import_template(self, path: Path) -> TemplateImportResult:
        """Install a coordinator's checklist template (or say it is installed already)."""
        return import_template(self.database, path, backup_dir=self.backup_dir)
