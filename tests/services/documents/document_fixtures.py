"""Shared makings of the documents tests: a school with activated directions, small files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from curator_desktop.services.documents import DocumentService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskAssessment, School

YEAR = 2026
DIRECTIONS = ("R01", "R04")


def add_school(
    db: Database, *, programme: str = "500plus", name: str = "МБОУ «Озерецкая СОШ»"
) -> str:
    """A school with the directions :data:`DIRECTIONS` activated in :data:`YEAR`."""
    with db.session() as session:
        school = School(full_name=name, short_name=name, programme=programme)
        session.add(school)
        session.flush()
        for code in DIRECTIONS:
            session.add(
                RiskAssessment(
                    school_id=school.id,
                    year=YEAR,
                    factor_code=code,
                    questionnaire_level="high",
                    verdict="confirmed",
                    activated=True,
                    verified_on=dt.date(YEAR, 3, 2),
                )
            )
        session.flush()
        return school.id


def pdf_file(folder: Path, name: str = "concept.pdf", text: str = "v1") -> Path:
    path = folder / name
    path.write_bytes(b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n")
    return path


def docx_file(folder: Path, name: str = "programme.docx", text: str = "v1") -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document>{text}</w:document>")
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def service(db: Database, tmp_path: Path) -> DocumentService:
    return DocumentService(db, attachments_dir=tmp_path / "attachments", device_id="test-device")
