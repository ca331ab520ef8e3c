"""Thumbnails of attached files (photos decoded off the GUI thread, file-type icons for the rest)
and the list model that shows attachments with them.

Decoding uses ``QImageReader`` with EXIF orientation applied and the JPEG decoder's fast
downscale (``setScaledSize``), in the global thread pool with at most a few files in flight, so
a visit with a hundred photos opens at once and fills in. Results are cached in memory by
SHA-256 and size, so the same photo shown in several panels is decoded once per size.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QFileInfo,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QFileIconProvider, QStyle

from curator_desktop.domain.visits.records import AttachmentRecord
from curator_desktop.i18n import _, format_datetime, format_number, ngettext

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset(
    {"jpg", "jpeg", "jfif", "png", "gif", "bmp", "tif", "tiff", "webp", "heic", "heif"}
)
"""Files shown as pictures; a PDF or an office document gets its file-type icon instead."""


def is_image(file_name: str, mime_type: str = "") -> bool:
    """Whether a file should get a picture thumbnail (PDF scans get an icon)."""
    suffix = Path(file_name).suffix.lower().lstrip(".")
    return suffix in IMAGE_SUFFIXES or mime_type.startswith("image/")


def decode_thumbnail(path: Path, box: int) -> QImage | None:
    """Read ``path`` turned upright by its EXIF orientation and fitting ``box``×``box`` pixels.

    Never upscales; returns None for a file that is missing or cannot be decoded. Safe to call
    off the GUI thread (it touches no widget and no pixmap).
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box or size.height() > box):
        reader.setScaledSize(size.scaled(QSize(box, box), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        log.info("No thumbnail for %s: %s", path, reader.errorString())
        return None
    return image


class ThumbnailLoader(QObject):
    """Decodes thumbnails in the background and keeps them; share one between panels.

    ``thumbnail(sha256, path, box)`` returns a cached image at once or queues the file and
    returns None; ``thumbnail_ready(sha256)`` follows when the image (or the failure to make
    one) is known. File-type icons come from ``file_icon`` on the GUI thread.
    """

    thumbnail_ready = Signal(str)

    def __init__(self, parent: QObject | None = None, *, max_parallel: int = 2) -> None:
        super().__init__(parent)
        self._max_parallel = max(1, max_parallel)
        self._images: dict[tuple[str, int], QImage | None] = {}
        self._queue: deque[tuple[str, Path, int]] = deque()
        self._queued: set[tuple[str, int]] = set()
        self._in_flight = 0
        self._icons: dict[str, QIcon] = {}
        self._icon_provider: QFileIconProvider | None = None

    def thumbnail(self, sha256: str, path: Path, box: int) -> QImage | None:
        """The cached thumbnail, or None while it is being made (or when there is none)."""
        key = (sha256, box)
        if key in self._images:
            return self._images[key]
        if key not in self._queued:
            self._queued.add(key)
            self._queue.append((sha256, path, box))
            self._start_next()
        return None

    def cached(self, sha256: str, box: int) -> QImage | None:
        """The thumbnail if it has been made, without queueing anything."""
        return self._images.get((sha256, box))

    def failed(self, sha256: str, box: int) -> bool:
        """Whether decoding was tried and gave nothing (show the file-type icon)."""
        key = (sha256, box)
        return key in self._images and self._images[key] is None

    def pending(self) -> int:
        """Files queued or being decoded."""
        return len(self._queued)

    def file_icon(self, path: Path) -> QIcon:
        """The system's icon for the file's type (cached by suffix), or the style's file icon."""
        suffix = path.suffix.lower()
        icon = self._icons.get(suffix)
        if icon is None:
            if self._icon_provider is None:
                self._icon_provider = QFileIconProvider()
            icon = self._icon_provider.icon(QFileInfo(str(path)))
            if icon.isNull():
                icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            self._icons[suffix] = icon
        return icon

    def _start_next(self) -> None:
        from curator_desktop.ui.common.tasks import run_in_background

        while self._queue and self._in_flight < self._max_parallel:
            sha256, path, box = self._queue.popleft()
            self._in_flight += 1
            run_in_background(
                lambda path=path, box=box: decode_thumbnail(path, box),
                on_done=lambda image, key=(sha256, box): self._on_task_done(key, image),
                on_error=lambda exc, key=(sha256, box): self._on_task_done(key, None),
            )

    def _on_task_done(self, key: tuple[str, int], image: object) -> None:
        from shiboken6 import isValid

        if not isValid(self):  # the panel went away while the file was decoding
            return
        self._in_flight -= 1
        self._queued.discard(key)
        self._images[key] = image if isinstance(image, QImage) else None
        self.thumbnail_ready.emit(key[0])
        self._start_next()


RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The :class:`AttachmentRecord` of a row."""
THUMBNAIL_ROLE = Qt.ItemDataRole.UserRole + 2
"""The decoded thumbnail (a QImage) of a picture, None until decoded and for other files."""


class AttachmentListModel(QAbstractListModel):
    """Attachments as list items: caption (or file name), thumbnail or file icon, and a tooltip."""

    def __init__(
        self,
        loader: ThumbnailLoader,
        path_for: Callable[[str], Path],
        side: int,
        *,
        show_text: bool = True,
    ) -> None:
        super().__init__()
        self._loader = loader
        self._path_for = path_for
        self._side = side
        self._show_text = show_text
        self._ratio = 1.0
        self._records: list[AttachmentRecord] = []
        self._paths: list[Path] = []
        self._missing: list[bool] = []
        self._icons: dict[tuple[str, int], QIcon] = {}
        loader.thumbnail_ready.connect(self._on_loader_thumbnail_ready)

    @property
    def box(self) -> int:
        """The thumbnail's side in device pixels."""
        return math.ceil(self._side * self._ratio)

    def set_records(self, records: Sequence[AttachmentRecord], ratio: float = 1.0) -> None:
        """Replace the rows; ``ratio`` is the screen's device pixel ratio."""
        self.beginResetModel()
        self._ratio = max(1.0, ratio)
        self._records = list(records)
        self._paths = [self._path_for(record.sha256) for record in self._records]
        self._missing = [not path.is_file() for path in self._paths]
        self.endResetModel()

    def row_of(self, attachment_id: str) -> int | None:
        for row, record in enumerate(self._records):
            if record.id == attachment_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        row = index.row()
        record = self._records[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return (record.caption or record.file_name) if self._show_text else None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(record, missing=self._missing[row])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return record.caption or record.file_name
        if role == RECORD_ROLE:
            return record
        if role == THUMBNAIL_ROLE:
            return self._loader.cached(record.sha256, self.box)
        return None

    def _icon(self, row: int) -> QIcon:
        record, path = self._records[row], self._paths[row]
        if self._missing[row]:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if not is_image(record.file_name, record.mime_type):
            return self._loader.file_icon(path)
        key = (record.sha256, self.box)
        icon = self._icons.get(key)
        if icon is not None:
            return icon
        image = self._loader.thumbnail(record.sha256, path, self.box)
        if image is None:  # still decoding, or not decodable
            return self._loader.file_icon(path)
        icon = self._icons[key] = QIcon(_centred(image, self.box, self._ratio))
        return icon

    def _on_loader_thumbnail_ready(self, sha256: str) -> None:
        for row, record in enumerate(self._records):
            if record.sha256 == sha256:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


def _centred(image: QImage, box: int, ratio: float) -> QPixmap:
    """``image`` in the middle of a transparent square, so every caption starts at one height."""
    canvas = QPixmap(box, box)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.drawImage((box - image.width()) // 2, (box - image.height()) // 2, image)
    painter.end()
    canvas.setDevicePixelRatio(ratio)
    return canvas


def format_file_size(size: int) -> str:
    """``830 bytes``, ``24 kB``, ``2.4 MB`` in the user's number format."""
    if size < 1024:
        return ngettext("{n} byte", "{n} bytes", size).format(n=format_number(size))
    if size < 1024 * 1024:
        kb = max(1, round(size / 1024))
        return ngettext("{n} kB", "{n} kB", kb).format(n=format_number(kb))
    mb = round(size / (1024 * 1024), 1)
    return ngettext("{n} MB", "{n} MB", math.floor(mb)).format(n=format_number(mb))


def describe(record: AttachmentRecord, *, missing: bool = False) -> str:
    """The tooltip: file name, caption, size and when it was added."""
    added = record.created_at
    if added.tzinfo is None:  # stored in UTC
        added = added.replace(tzinfo=dt.UTC)
    lines = [record.file_name]
    if record.caption:
        lines.append(record.caption)
    lines.append(
        _("{size}, added {date}").format(
            size=format_file_size(record.size_bytes), date=format_datetime(added)
        )
    )
    if missing:
        lines.append(_("The stored copy of this file is missing."))
    return "\n".join(lines)
