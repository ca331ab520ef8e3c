"""Photos for the demo store: a few drawn «snapshots» (a stand, an order, a lesson board)
attached to the demo's visits, so the photo tab and the visit reports show what they look like.

Drawn with Pillow (no image files ship with the app) from the ``photos`` of
``resources/demo/visits.json``; the same demo always gets the same files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlmodel import col, select

from curator_desktop.i18n import _
from curator_desktop.services.demo.loading import load_demo_seeds
from curator_desktop.services.visits.attachments import attach_in
from curator_desktop.store.database import Database
from curator_desktop.store.tables import Visit

SIZE = (1600, 1200)


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


def add_demo_photos(db: Database, attachments_dir: Path) -> int:
    """Attach the drawn photos to the two earliest visits that have a checklist; returns how
    many were attached."""
    count = 0
    with tempfile.TemporaryDirectory() as folder, db.session() as session:
        visits = session.exec(
            select(Visit)
            .where(col(Visit.deleted).is_(False), col(Visit.template_snapshot).is_not(None))
            .order_by(col(Visit.planned_date), col(Visit.id))
        ).all()[:2]
        for photo in load_demo_seeds().visits.photos:
            path = Path(folder) / photo.file
            _draw(path, photo.background, photo.headline)
            for visit in visits:
                keys = {
                    item["key"]
                    for section in (visit.template_snapshot or {}).get("sections", [])
                    for item in section.get("items", [])
                }
                key = photo.item_key if photo.item_key in keys else None
                attach_in(
                    session, visit, path, attachments_dir, item_key=key, lesson_id=None,
                    caption=photo.headline,
                )  # fmt: skip
                count += 1
    return count
