"""User settings: typed, versioned, kept as JSON outside the database and written atomically.

Loading never fails: a missing, empty or damaged file gives defaults (a damaged one is kept as
``settings.json.bad``), each wrong field falls back on its own, unknown keys are ignored and a file
from a newer version is read as far as it is understood.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, _

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
_DEVICE_ID_RE = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


def new_device_id() -> str:
    """A fresh device id (UUID4 as 32 hex digits)."""
    return uuid.uuid4().hex


@dataclass
class Settings:
    """Everything the application remembers between runs, apart from the store itself."""

    version: int = SETTINGS_VERSION
    language: str = DEFAULT_LANGUAGE
    device_id: str = field(default_factory=new_device_id)
    first_run_done: bool = False
    window_geometry: str = ""
    last_page: str = "schools"
    recent_export_dir: str = ""
    side_panel_widths: dict[str, int] = field(default_factory=dict)
    """The width the user gave a list beside its panel (the checklist's sections), by place."""


def _is_base64(value: str) -> bool:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


_VALIDATORS: dict[str, Callable[[Any], bool]] = {
    "version": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
    "language": lambda v: isinstance(v, str) and v in SUPPORTED_LANGUAGES,
    "device_id": lambda v: isinstance(v, str) and bool(_DEVICE_ID_RE.match(v)),
    "first_run_done": lambda v: isinstance(v, bool),
    "window_geometry": lambda v: isinstance(v, str) and _is_base64(v),
    "last_page": lambda v: isinstance(v, str) and bool(v.strip()),
    "recent_export_dir": lambda v: isinstance(v, str),
    "side_panel_widths": lambda v: (
        isinstance(v, dict)
        and all(
            isinstance(w, int) and not isinstance(w, bool) and 0 < w < 10_000 for w in v.values()
        )
    ),
}


def _read_raw(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None when missing, empty or damaged (damaged is kept)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("Settings file %s could not be read (%s); using defaults", path, exc)
        _keep_bad_copy(path)
        return None
    if not text.strip():
        log.warning("Settings file %s is empty; using defaults", path)
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        log.warning("Settings file %s is damaged (%s); using defaults", path, exc)
        _keep_bad_copy(path)
        return None
    if not isinstance(data, dict):
        log.warning("Settings file %s does not hold an object; using defaults", path)
        _keep_bad_copy(path)
        return None
    return data


def _keep_bad_copy(path: Path) -> None:
    bad = path.with_name(path.name + ".bad")
    try:
        shutil.copyfile(path, bad)
        log.warning("Kept a copy of the damaged settings as %s", bad)
    except OSError:
        log.warning("Could not keep a copy of %s", path, exc_info=True)


def load_settings(path: Path) -> Settings:
    """Read the settings at ``path``, repairing whatever is missing or wrong.

    When the device id had to be generated (first run, or it was lost) the repaired settings
    are saved at once, so the id stays the same from then on.
    """
    raw = _read_raw(path) or {}
    values: dict[str, Any] = {}
    for spec in fields(Settings):
        if spec.name not in raw:
            continue
        value = raw[spec.name]
        if _VALIDATORS[spec.name](value):
            values[spec.name] = value
        else:
            log.warning(
                "Settings field %r has an invalid value %r; using default", spec.name, value
            )
    unknown = sorted(set(raw) - {spec.name for spec in fields(Settings)})
    if unknown:
        log.info("Ignoring unknown settings keys: %s", ", ".join(unknown))
    if values.get("version", SETTINGS_VERSION) > SETTINGS_VERSION:
        log.warning(
            "Settings version %s is newer than %s; reading what is understood",
            values["version"],
            SETTINGS_VERSION,
        )
    values["version"] = SETTINGS_VERSION
    settings = Settings(**values)
    if "device_id" not in values:
        try:
            save_settings(settings, path)
        except CuratorError:
            log.warning("The new device id could not be saved yet", exc_info=True)
    return settings


def save_settings(settings: Settings, path: Path) -> None:
    """Write ``settings`` atomically: a synced temporary file renamed over ``path``."""
    payload = json.dumps(asdict(settings), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(tmp_name)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.exception("Saving settings to %s failed", path)
        raise CuratorError(
            _("The settings could not be saved to {path}.").format(path=path), details=str(exc)
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    if os.name == "posix":
        try:
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            log.debug("Could not sync the directory %s", path.parent, exc_info=True)
