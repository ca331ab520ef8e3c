"""A visit's photos and scans as thumbnails: add, open, caption and remove them.

The panel never writes to the store: it emits ``files_added``, ``caption_changed`` and
``remove_requested``; the visit editor calls the visit service and then ``set_attachments``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPoint, QProcess, QSize, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.visits.records import AttachmentRecord
from curator_desktop.i18n import _
from curator_desktop.ui.visits.editor.thumbnails import (
    RECORD_ROLE,
    AttachmentListModel,
    ThumbnailLoader,
)

THUMBNAIL_SIZE = 128
COMPACT_SIZE = 48
"""Logical pixels at 100 % scaling; decoded at the screen's device pixel ratio."""


class _FixedSizeDelegate(QStyledItemDelegate):
    """Every item gets room for the thumbnail and two lines of caption (wrapped, then elided)."""

    def __init__(self, size: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(self._size)


class _AttachmentView(QListView):
    """Thumbnails in a grid (or a one-row strip) that says what to do when it is empty."""

    def __init__(self, compact: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # no internal moves; drops go to the panel
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAccessibleName(_("Photos and scans"))
        side = COMPACT_SIZE if compact else THUMBNAIL_SIZE
        self.setIconSize(QSize(side, side))
        if compact:
            self.setFlow(QListView.Flow.LeftToRight)
            self.setWrapping(False)
            self.setSpacing(2)
            self.setGridSize(QSize(side + 8, side + 8))
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            self.setFixedHeight(side + 8 + 2 * self.frameWidth() + scroll)
        else:
            self.setWordWrap(True)
            self.setTextElideMode(Qt.TextElideMode.ElideRight)
            lines = self.fontMetrics().lineSpacing() * 2
            self.setItemDelegate(_FixedSizeDelegate(QSize(side + 24, side + lines + 8), self))
            self.setGridSize(QSize(side + 32, side + lines + 16))
            self.setMinimumHeight(side + lines + 24 + 2 * self.frameWidth())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            rect = self.viewport().rect().adjusted(12, 12, -12, -12)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(rect, int(flags), self.placeholder)
            painter.end()


class AttachmentPanel(QWidget):
    """Shows the attachments it is given and emits what the user asks to do with them.

    ``compact=True`` makes a one-row strip for a checklist item: just an «Attach…» button while
    empty. Double-click or Enter opens a file; F2 edits its caption; Delete removes it (after
    asking); the context menu also shows it in its folder. Local files dropped on the panel are
    added.
    """

    files_added = Signal(list)
    caption_changed = Signal(str, str)
    remove_requested = Signal(str)

    _last_directory: ClassVar[str] = ""
    """Where the last files were picked: the next panel's dialog starts there."""

    def __init__(
        self,
        path_for: Callable[[str], Path],
        parent: QWidget | None = None,
        *,
        compact: bool = False,
        thumbnails: ThumbnailLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self._path_for = path_for
        self._compact = compact
        self._read_only = False
        self.thumbnails = thumbnails or ThumbnailLoader(self)
        side = COMPACT_SIZE if compact else THUMBNAIL_SIZE
        self.model = AttachmentListModel(self.thumbnails, path_for, side, show_text=not compact)
        self.model.setParent(self)
        self.view = _AttachmentView(compact, self)
        self.view.setModel(self.model)
        self.view.activated.connect(self._on_view_activated)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.selectionModel().currentChanged.connect(self._update_actions)

        self.add_button: QAbstractButton
        if compact:
            self.add_button = QToolButton()
            self.add_button.setText(_("Attach…"))
            self.add_button.setAutoRaise(True)
        else:
            self.add_button = QPushButton(_("Add photos or files…"))
        self.add_button.setToolTip(_("Add photos or scans (you can also drag files here)"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self._build_actions()

        if compact:
            layout = QHBoxLayout(self)
            layout.addWidget(self.view, 1)
            layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        else:
            layout = QVBoxLayout(self)
            buttons = QHBoxLayout()
            buttons.addWidget(self.add_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
            layout.addWidget(self.view, 1)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.setAcceptDrops(True)
        self._refresh_chrome()

    # --- public API ---------------------------------------------------------------------

    def set_attachments(self, records: Sequence[AttachmentRecord]) -> None:
        """Show ``records`` (thumbnails fill in as they are decoded); keeps the current one."""
        current = self._current_record()
        self.model.set_records(records, self.devicePixelRatioF())
        if current is not None:
            row = self.model.row_of(current.id)
            if row is not None:
                self.view.setCurrentIndex(self.model.index(row))
        self._refresh_chrome()

    def set_read_only(self, read_only: bool) -> None:
        """Read-only: no adding, captioning, removing or dropping; opening still works."""
        self._read_only = read_only
        self.setAcceptDrops(not read_only)
        self._refresh_chrome()

    def count(self) -> int:
        """How many attachments are shown."""
        return self.model.rowCount()

    # --- building -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.open_action = self._action(_("Open"), self._open_current)
        self.caption_action = self._action(
            _("Edit caption…"), self._edit_current_caption, QKeySequence(Qt.Key.Key_F2)
        )
        self.reveal_action = self._action(_("Show in folder"), self._reveal_current)
        self.remove_action = self._action(
            _("Remove"), self._remove_current, QKeySequence(QKeySequence.StandardKey.Delete)
        )

    def _action(
        self, text: str, slot: Callable[[], None], shortcut: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self.view)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def _refresh_chrome(self) -> None:
        """Show what fits the mode: buttons, the hint, a compact strip only when needed."""
        editable = not self._read_only
        empty = self.model.rowCount() == 0
        self.add_button.setVisible(editable)
        if editable:
            self.view.placeholder = _("Drag photos and scans here or press “Add photos or files…”")
        else:
            self.view.placeholder = _("No photos or scans.")
        if self._compact:
            self.view.setVisible(not empty)
            policy = QSizePolicy.Policy.Maximum if empty else QSizePolicy.Policy.Expanding
            self.setSizePolicy(policy, QSizePolicy.Policy.Maximum)
        self.view.viewport().update()
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        has_current = self._current_record() is not None
        editable = not self._read_only
        for action in (self.open_action, self.reveal_action):
            action.setEnabled(has_current)
        for action in (self.caption_action, self.remove_action):
            action.setVisible(editable)
            action.setEnabled(editable and has_current)

    # --- what the user does ---------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        start = AttachmentPanel._last_directory or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        filters = ";;".join(
            [
                _("Photos and PDF scans")
                + " (*.jpg *.jpeg *.png *.heic *.heif *.tif *.tiff *.bmp *.gif *.webp *.pdf)",
                _("All files") + " (*)",
            ]
        )
        names, _selected = QFileDialog.getOpenFileNames(
            self, _("Add photos or files"), start, filters
        )
        paths = [Path(name) for name in names if name]
        if paths:
            AttachmentPanel._last_directory = str(paths[0].parent)
            self.files_added.emit(paths)

    def _on_view_activated(self, index: QModelIndex) -> None:
        self.view.setCurrentIndex(index)
        self._open_current()

    def _on_view_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = self.context_menu(index.isValid())
        if not menu.isEmpty():
            menu.exec(self.view.viewport().mapToGlobal(pos))

    def context_menu(self, on_item: bool) -> QMenu:
        """The menu for the current attachment (``on_item``) or for the empty space around."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_item:
            menu.addAction(self.open_action)
            if not self._read_only:
                menu.addAction(self.caption_action)
            menu.addAction(self.reveal_action)
            if not self._read_only:
                menu.addSeparator()
                menu.addAction(self.remove_action)
        elif not self._read_only:
            menu.addAction(self.add_button.text(), self._on_add_clicked)
        return menu

    def _open_current(self) -> None:
        record = self._current_record()
        if record is None:
            return
        path = self._path_for(record.sha256)
        if not path.exists():
            self._warn_missing(record)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _reveal_current(self) -> None:
        record = self._current_record()
        if record is None:
            return
        path = self._path_for(record.sha256)
        if not path.exists():
            self._warn_missing(record)
            return
        show_in_folder(path)

    def _edit_current_caption(self) -> None:
        record = self._current_record()
        if record is None or self._read_only:
            return
        text, ok = QInputDialog.getText(
            self,
            _("Caption"),
            _("Caption for {name}:").format(name=record.file_name),
            QLineEdit.EchoMode.Normal,
            record.caption,
        )
        caption = text.strip()
        if ok and caption != record.caption:
            self.caption_changed.emit(record.id, caption)

    def _remove_current(self) -> None:
        record = self._current_record()
        if record is None or self._read_only:
            return
        answer = QMessageBox.question(
            self,
            _("Remove attachment"),
            _("Remove “{name}” from this visit?").format(name=record.caption or record.file_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_requested.emit(record.id)

    def _warn_missing(self, record: AttachmentRecord) -> None:
        QMessageBox.warning(
            self,
            _("File not found"),
            _("The stored copy of “{name}” is missing.").format(name=record.file_name),
        )

    def _current_record(self) -> AttachmentRecord | None:
        index = self.view.currentIndex()
        return self.model.data(index, RECORD_ROLE) if index.isValid() else None

    # --- drag and drop --------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._read_only and _local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        files = [] if self._read_only else _local_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_added.emit(files)


def _local_files(event: QDropEvent) -> list[Path]:
    """The local files (not folders) a drag carries."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]


def show_in_folder(path: Path) -> None:
    """Open the file manager at ``path``'s folder, selecting the file where the system can."""
    if sys.platform == "win32":
        QProcess.startDetached("explorer.exe", ["/select,", str(path).replace("/", "\\")])
    elif sys.platform == "darwin":
        QProcess.startDetached("open", ["-R", str(path)])
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
