"""The curator's texts of a period report, kept beside its PDF: ``<report id>.texts.json``.

What the curator writes into an interim or final report — the conclusions (with the proposals
for the next year), the best practices, the coordinator of the «Согласовано» line — is printed
in the PDF and kept with that version in a small JSON file next to it, so the next version of
the same report starts from them. A file beside the PDF needs no change of the store's schema;
it lives and goes as the PDF does in the reports folder (a report package carries the PDF, which
prints the texts, but not this file: on another computer the dialog then starts empty).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from curator_desktop.durable import fsync_dir

log = logging.getLogger(__name__)

SUFFIX = ".texts.json"
FORMAT = 1
MAX_BYTES = 1024**2
"""A texts file larger than this is not read (the curator's texts take a few KB)."""


@dataclass(frozen=True)
class CuratorTexts:
    """What the curator adds to the report when making it (nothing: lines to write by hand)."""

    conclusions: str = ""
    """Conclusions (and, in the final report, proposals for the next year)."""
    best_practices: str = ""
    approved_by: str | None = None
    """Who approves the report («Согласовано»): None leaves the line out, "" prints it blank."""


def texts_path(reports_dir: Path, report_id: str) -> Path:
    """Where the texts of the report ``report_id`` are kept."""
    return Path(reports_dir) / f"{report_id}{SUFFIX}"


def save_texts(reports_dir: Path, report_id: str, texts: CuratorTexts) -> Path:
    """Write ``texts`` for the report atomically (a temporary file moved into place)."""
    target = texts_path(reports_dir, report_id)
    payload = {
        "format": FORMAT,
        "conclusions": texts.conclusions,
        "best_practices": texts.best_practices,
        "approved_by": texts.approved_by,
    }
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(payload, file, ensure_ascii=False, indent=1)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return target


def load_texts(reports_dir: Path, report_id: str) -> CuratorTexts | None:
    """The texts kept for the report; None when there is no readable file of them."""
    path = texts_path(reports_dir, report_id)
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("The texts of report %s cannot be read: %s", report_id, exc)
        return None
    if not isinstance(data, dict):
        return None
    approved = data.get("approved_by")

    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    return CuratorTexts(
        conclusions=text("conclusions"),
        best_practices=text("best_practices"),
        approved_by=approved if isinstance(approved, str) else None,
    )
