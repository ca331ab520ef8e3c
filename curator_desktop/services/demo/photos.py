"""Photos for the demo store: a few drawn «snapshots» (a stand, an order, a lesson's board)
attached where the visit saw the thing photographed — the answer of the item it shows, where it
was answered «yes» or «partly», or an observed lesson — so the photo tab and the visit reports
show what they look like.

Drawn with Pillow (no image files ship with the app) from the ``photos`` of
``resources/demo/visits.json``; the same demo always gets the same files, each dated on the day
of its visit.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy import update
from sqlmodel import Session, col, select

from curator_desktop.i18n import _
from curator_desktop.services.demo.history import story_moment
from curator_desktop.services.demo.loading import load_demo_seeds
from curator_desktop.services.demo.seeds import PhotoSeed
from curator_desktop.services.visits.attachments import attach_in
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    Attachment,
    ChangeLog,
    ChecklistAnswer,
    LessonObservation,
    Visit,
)

SIZE = (1600, 1200)
SEEN = ("yes",)
"""Answers that say the thing photographed is there."""


def _draw(path: Path, background: str, headline: str) -> None:
    import fontpkg
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    dark = background.startswith("#f")
    ink = "#202020" if dark else "#f8f8f8"
    font = ImageFont.truetype(str(fontpkg.path("PT Sans", weight=700)), 72)
    small = ImageFont.truetype(str(fontpkg.path("PT Sans", weight=400)), 40)
    draw.rectangle((60, 60, SIZE[0] - 60, SIZE[1] - 60), outline=ink, width=8)
    draw.text((120, 140), headline, fill=ink, font=font)
    for line in range(6):
        y = 320 + line * 110
        draw.line((120, y, SIZE[0] - 120 - line * 90, y), fill=ink, width=6)
    draw.text((120, SIZE[1] - 180), _("Demo photo"), fill=ink, font=small)
    image.save(path, "JPEG", quality=85)


def _owners(session: Session, photo: PhotoSeed) -> list[tuple[Visit, str | None, str | None]]:
    """(visit, item key, lesson id) of the first ``photo.count`` places it shows, earliest
    visit first: held visits only."""
    held = (
        select(Visit)
        .where(col(Visit.deleted).is_(False), col(Visit.actual_date).is_not(None))
        .order_by(col(Visit.actual_date), col(Visit.id))
    )
    places: list[tuple[Visit, str | None, str | None]] = []
    for visit in session.exec(held):
        if photo.lesson:
            lessons = session.exec(
                select(LessonObservation.id)
                .where(col(LessonObservation.visit_id) == visit.id)
                .where(col(LessonObservation.deleted).is_(False))
                .order_by(col(LessonObservation.sort_order))
            ).all()
            places += [(visit, None, lesson_id) for lesson_id in lessons[:1]]
        elif photo.item_key:
            answer = session.exec(
                select(ChecklistAnswer.value)
                .where(col(ChecklistAnswer.visit_id) == visit.id)
                .where(col(ChecklistAnswer.lesson_id).is_(None))
                .where(col(ChecklistAnswer.item_key) == photo.item_key)
                .where(col(ChecklistAnswer.deleted).is_(False))
            ).first()
            if answer in SEEN:
                places.append((visit, photo.item_key, None))
        if len(places) >= photo.count:
            break
    return places[: photo.count]


def add_demo_photos(db: Database, attachments_dir: Path) -> int:
    """Attach the drawn photos where their visits saw them; returns how many were attached."""
    count = 0
    with tempfile.TemporaryDirectory() as folder, db.session() as session:
        for photo in load_demo_seeds().visits.photos:
            path = Path(folder) / photo.file
            _draw(path, photo.background, photo.headline)
            for visit, item_key, lesson_id in _owners(session, photo):
                record = attach_in(
                    session, visit, path, attachments_dir, item_key=item_key,
                    lesson_id=lesson_id, caption=photo.headline,
                )  # fmt: skip
                _date(session, record.id, visit.actual_date or dt.date.today())
                count += 1
    return count


def _date(session: Session, attachment_id: str, day: dt.date) -> None:
    """The photo was attached on its visit's day (the record and its change log say so)."""
    session.flush()
    moment = story_moment(day)
    session.execute(
        update(Attachment)
        .where(col(Attachment.id) == attachment_id)
        .values(created_at=moment, updated_at=moment)
    )
    session.execute(
        update(ChangeLog).where(col(ChangeLog.entity_id) == attachment_id).values(at=moment)
    )
