"""Rotating log file in the log directory (and warnings on stderr)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "curator-desktop.log"


def configure_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send log records to a rotating file (5 × 1 MB) in ``log_dir``; return the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_curator", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    file_handler._curator = True  # type: ignore[attr-defined]
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console._curator = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    root.addHandler(console)
    root.setLevel(level)
    return log_file
