"""Where things live: the store, settings, logs, backups, caches and bundled resources.

One module decides, so a checkout, an editable install, an installed wheel and a PyInstaller
bundle all find the same files. The data directory can be overridden with ``--data-dir`` or
``CURATOR_DATA_DIR``; when it is, settings and logs live inside it too, so a data folder (for
example on a USB stick) carries everything.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from curator_desktop import APP_ID

DATA_DIR_ENV = "CURATOR_DATA_DIR"
CONFIG_DIR_ENV = "CURATOR_CONFIG_DIR"
CACHE_DIR_ENV = "CURATOR_CACHE_DIR"
STORE_FILE_NAME = "curator.sqlite3"
DEMO_SUBDIR = "demo"

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class AppPaths:
    """The directories of one store (the user's own or the demo store)."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def store_file(self) -> Path:
        return self.data_dir / STORE_FILE_NAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "curator.lock"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    def ensure(self) -> AppPaths:
        """Create the directories (idempotent) and return self."""
        for directory in (self.data_dir, self.config_dir, self.log_dir, self.backup_dir):
            directory.mkdir(parents=True, exist_ok=True)
        return self

    @classmethod
    def resolve(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        demo: bool = False,
        environ: dict[str, str] | None = None,
    ) -> AppPaths:
        """Decide the directories from the argument, the environment and the platform."""
        env = os.environ if environ is None else environ
        explicit = data_dir or env.get(DATA_DIR_ENV) or _portable_data_dir()
        if explicit:
            base = Path(explicit).expanduser().resolve()
            config = Path(env[CONFIG_DIR_ENV]) if env.get(CONFIG_DIR_ENV) else base / "config"
            logs = base / "logs"
        else:
            import platformdirs

            base = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
            config = Path(
                env.get(CONFIG_DIR_ENV) or platformdirs.user_config_dir(APP_ID, appauthor=False)
            )
            logs = Path(platformdirs.user_log_dir(APP_ID, appauthor=False))
        if demo:
            base = base / DEMO_SUBDIR
            logs = logs / DEMO_SUBDIR
        return cls(data_dir=base, config_dir=config, log_dir=logs)


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def _portable_data_dir() -> Path | None:
    """A ``data/`` folder next to the bundled executable makes the installation portable."""
    if not is_frozen():
        return None
    candidate = Path(sys.executable).resolve().parent / "data"
    return candidate if candidate.is_dir() else None


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resource_dir() -> Path:
    """The bundled ``resources/`` directory (catalogs, checklists, icons)."""
    bundle = Path(getattr(sys, "_MEIPASS", _PACKAGE_DIR))
    return _first_existing(
        bundle / "resources",
        _PACKAGE_DIR / "_data" / "resources",
        _PACKAGE_DIR.parent / "resources",
    )


def translations_dir() -> Path:
    """The ``translations/`` directory holding ``<lang>/LC_MESSAGES/curator.po`` (and ``.mo``)."""
    bundle = Path(getattr(sys, "_MEIPASS", _PACKAGE_DIR))
    return _first_existing(
        bundle / "translations",
        _PACKAGE_DIR / "_data" / "translations",
        _PACKAGE_DIR.parent / "translations",
    )


def resource(*parts: str) -> Path:
    """A file inside the resources directory."""
    return resource_dir().joinpath(*parts)


def cache_root() -> Path:
    """A writable cache for compiled catalogs and thumbnails."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))
