"""«Экспертное заключение»: the curator's conclusion on one version of a school's document.

``ReportService.generate_review`` makes it and keeps it in the reports register (number «ЭЗ-…»,
versions per review); :func:`build_review_report` does that and writes a copy to a file
(``report review REVIEW_ID -o FILE``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.reports.service import ReportService

__all__ = ["build_review_report"]


def build_review_report(
    service: ReportService, review_id: str, target: Path, *, language: str | None = None
) -> ReportRecord:
    """Make the «Экспертное заключение» of ``review_id`` in ``language`` (default: the current
    one), keep it in the register, and copy it to ``target``; return the register's record. A
    review without a conclusion gives a draft; ``NotFoundError`` when there is no such review."""
    from curator_desktop.durable import file_sha256
    from curator_desktop.services.reports.form.meta import Written
    from curator_desktop.services.reports.storage import write_atomically

    record = service.generate_review(review_id, language=language)
    source = service.path_of(record)

    def copy(path: Path) -> Written:
        shutil.copyfile(source, path)
        return Written(service.pages_of(record) or 0, file_sha256(path))

    write_atomically(Path(target), copy)
    return record
