"""What the application hands to its windows: paths, settings and, once opened, the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.paths import AppPaths
from curator_desktop.settings import Settings, save_settings

if TYPE_CHECKING:
    from curator_desktop.services.store_service import OpenedStore
    from curator_desktop.store.database import Database


@dataclass
class AppContext:
    """Everything a window needs, built once by the composition root."""

    paths: AppPaths
    settings: Settings
    log_file: Path
    demo: bool = False
    store: OpenedStore | None = field(default=None)

    @property
    def database(self) -> Database:
        """The open store's database (only after the store was opened)."""
        if self.store is None:
            raise RuntimeError("the store is not open yet")
        return self.store.database

    def save_settings(self) -> None:
        """Persist the settings atomically."""
        save_settings(self.settings, self.paths.settings_file)
