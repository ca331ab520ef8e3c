"""Print-size copies of photos for reports: turned upright by their EXIF orientation, scaled down
once to the print size (JPEG, quality 85) and cached under ``image_cache/<sha256>-<px>.jpg``, so
a photo is decoded and scaled once whatever the number of reports that show it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from curator_desktop.durable import file_sha256

log = logging.getLogger(__name__)

PRINT_PX = 1200
"""The long side of a print copy: about 300 dpi for a photo 10 cm wide."""
JPEG_QUALITY = 85


@dataclass(frozen=True)
class PrintImage:
    """A print copy on disk and its size in pixels (upright)."""

    path: Path
    width: int
    height: int
    mode: str = "RGB"
    """PIL's image mode of the JPEG (print copies are RGB)."""

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height / self.width if self.width else 1.0


def cache_path(image_cache: Path, sha256: str, px: int = PRINT_PX) -> Path:
    """Where the print copy of the file with ``sha256`` is kept."""
    return image_cache / f"{sha256}-{px}.jpg"


def print_copy(
    source: Path, image_cache: Path, *, sha256: str | None = None, px: int = PRINT_PX
) -> PrintImage | None:
    """The print copy of ``source`` (made on first use); None when the file is not a readable
    image. ``sha256`` is the source's hash when already known (stored attachments)."""
    from PIL import Image, UnidentifiedImageError

    try:
        target = cache_path(image_cache, sha256 or file_sha256(source), px)
        if target.exists():
            return _cached(target)
        return _make_copy(source, target, px)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as exc:
        log.warning("Cannot make a print copy of %s: %s", source, exc)
        return None


@lru_cache(maxsize=1024)
def _cached(target: Path) -> PrintImage:
    """The size of a print copy already made (read once per process: a print copy's name is
    its source's hash, so its content never changes)."""
    from PIL import Image

    with Image.open(target) as cached:
        return PrintImage(target, *cached.size, cached.mode)


def _make_copy(source: Path, target: Path, px: int) -> PrintImage:
    from PIL import Image, ImageOps

    with Image.open(source) as original:
        original.draft("RGB", (px, px))  # JPEG: decode at a reduced scale, much faster
        image = ImageOps.exif_transpose(original)
        image.thumbnail((px, px), Image.Resampling.LANCZOS)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        elif image.mode != "RGB":
            image = image.convert("RGB")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        image.save(temporary, "JPEG", quality=JPEG_QUALITY, optimize=True)
        os.replace(temporary, target)
        return PrintImage(target, *image.size, image.mode)
