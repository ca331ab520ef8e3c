"""The attachment panel: real photos and scans on disk, thumbnails, drops, captions, removal."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from curator_desktop.domain.visits.records import AttachmentRecord
from curator_desktop.i18n import format_datetime
from curator_desktop.ui.visits.editor import attachment_panel
from curator_desktop.ui.visits.editor.attachment_panel import AttachmentPanel
from curator_desktop.ui.visits.editor.thumbnails import (
    RECORD_ROLE,
    THUMBNAIL_ROLE,
    ThumbnailLoader,
    format_file_size,
)

DECORATION = Qt.ItemDataRole.DecorationRole
ADDED = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


class Store:
    """Stored originals named by their SHA-256, as the visit service keeps them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.records: list[AttachmentRecord] = []

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256

    def add(self, name: str, data: bytes, *, caption: str = "", mime: str = "") -> AttachmentRecord:
        sha = hashlib.sha256(data).hexdigest()
        self.path_for(sha).write_bytes(data)
        record = AttachmentRecord(
            id=f"att-{len(self.records) + 1}",
            sha256=sha,
            file_name=name,
            mime_type=mime,
            size_bytes=len(data),
            owner_type="visit",
            owner_id="visit-1",
            caption=caption,
            created_at=ADDED,
        )
        self.records.append(record)
        return record


def jpeg(width: int, height: int, *, orientation: int | None = None, colour: str = "red") -> bytes:
    image = Image.new("RGB", (width, height), colour)
    buffer = io.BytesIO()
    if orientation is None:
        image.save(buffer, "JPEG")
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "blue").save(buffer, "PNG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "attachments")


@pytest.fixture
def make_panel(qtbot, store: Store):
    def factory(*, compact: bool = False, show: bool = True, **kwargs) -> AttachmentPanel:
        panel = AttachmentPanel(store.path_for, compact=compact, **kwargs)
        qtbot.addWidget(panel)
        if show:
            panel.resize(700, 400)
            panel.show()
            qtbot.waitExposed(panel)
        return panel

    return factory


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


def thumbnail_of(panel: AttachmentPanel, row: int, qtbot):
    index = panel.model.index(row)
    qtbot.waitUntil(lambda: panel.model.data(index, THUMBNAIL_ROLE) is not None, timeout=10_000)
    return panel.model.data(index, THUMBNAIL_ROLE)


def select(panel: AttachmentPanel, row: int) -> None:
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row))


def activate(panel: AttachmentPanel, qtbot) -> None:
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)


@pytest.mark.parametrize(("size", "fits"), [((40, 20), False), ((400, 200), True)])
def test_exif_orientation_turns_the_photo_upright(make_panel, store, qtbot, size, fits) -> None:
    store.add("IMG_0001.jpg", jpeg(*size, orientation=6), mime="image/jpeg")
    panel = make_panel()
    panel.set_attachments(store.records)
    image = thumbnail_of(panel, 0, qtbot)
    assert image.height() > image.width()  # stored landscape, shot portrait
    box = panel.model.box
    if fits:
        assert (image.width(), image.height()) == (box // 2, box)
    else:
        assert (image.width(), image.height()) == (size[1], size[0])  # never upscaled


def test_big_photos_are_downscaled_and_decoded_off_the_gui_thread(make_panel, store, qtbot) -> None:
    for n in range(12):
        store.add(f"photo_{n}.png", png(1000 + n, 500))
    panel = make_panel(show=False)
    panel.set_attachments(store.records)
    for row in range(12):
        assert panel.model.data(panel.model.index(row), DECORATION) is not None
    # Nothing is decoded while the GUI thread is busy: results only arrive through the event loop.
    assert all(panel.model.data(panel.model.index(r), THUMBNAIL_ROLE) is None for r in range(12))
    assert panel.thumbnails.pending() == 12
    qtbot.waitUntil(lambda: panel.thumbnails.pending() == 0, timeout=20_000)
    image = thumbnail_of(panel, 0, qtbot)
    assert image.width() == panel.model.box
    assert image.height() == round(panel.model.box * 500 / 1000)


def test_thumbnails_are_cached_by_sha256_and_shared(make_panel, store, qtbot) -> None:
    store.add("stand.jpg", jpeg(300, 200))
    first = make_panel()
    first.set_attachments(store.records)
    thumbnail_of(first, 0, qtbot)
    first.set_attachments(store.records)
    second = make_panel(thumbnails=first.thumbnails)
    second.set_attachments(store.records)
    for panel in (first, second):
        panel.model.data(panel.model.index(0), DECORATION)
        assert panel.model.data(panel.model.index(0), THUMBNAIL_ROLE) is not None
    assert first.thumbnails.pending() == 0  # nothing decoded again


def test_pdf_and_documents_get_a_file_icon(make_panel, store, qtbot) -> None:
    store.add("Справка по итогам посещения.pdf", PDF, mime="application/pdf")
    store.add("protocol.docx", b"PK\x03\x04 not really a docx")
    panel = make_panel()
    panel.set_attachments(store.records)
    for row in range(2):
        icon = panel.model.data(panel.model.index(row), DECORATION)
        assert not icon.isNull()
        assert panel.model.data(panel.model.index(row), THUMBNAIL_ROLE) is None
    assert panel.thumbnails.pending() == 0  # never sent to the image decoder


def test_a_photo_that_cannot_be_decoded_keeps_its_file_icon(make_panel, store, qtbot) -> None:
    record = store.add("broken.jpg", b"\xff\xd8\xff not a jpeg at all")
    panel = make_panel()
    panel.set_attachments(store.records)
    box = panel.model.box
    qtbot.waitUntil(lambda: panel.thumbnails.failed(record.sha256, box), timeout=10_000)
    assert not panel.model.data(panel.model.index(0), DECORATION).isNull()


def test_tooltip_has_name_caption_size_and_date(make_panel, store) -> None:
    store.add("IMG_0001.jpg", jpeg(60, 40), caption="Стенд «Точка роста»")
    panel = make_panel(show=False)
    panel.set_attachments(store.records)
    record = store.records[0]
    index = panel.model.index(0)
    tip = panel.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "IMG_0001.jpg" in tip
    assert "Стенд «Точка роста»" in tip
    assert format_file_size(record.size_bytes) in tip
    assert format_datetime(ADDED) in tip
    assert panel.model.data(index, Qt.ItemDataRole.DisplayRole) == "Стенд «Точка роста»"


def test_file_sizes_read_naturally() -> None:
    assert format_file_size(1) == "1 byte"
    assert format_file_size(830) == "830 bytes"
    assert format_file_size(24 * 1024) == "24 kB"
    assert format_file_size(2_500_000) == "2.4 MB"
    assert format_file_size(1_500_000_000) == "1,430.5 MB"


def test_missing_original_is_flagged_and_not_opened(
    make_panel, store, qtbot, monkeypatch, opened_urls
) -> None:
    record = store.add("gone.jpg", jpeg(50, 50))
    store.path_for(record.sha256).unlink()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    panel = make_panel()
    panel.set_attachments(store.records)
    assert "missing" in panel.model.data(panel.model.index(0), Qt.ItemDataRole.ToolTipRole)
    select(panel, 0)
    panel.open_action.trigger()
    assert warnings and "gone.jpg" in warnings[0]
    assert opened_urls == []


def test_enter_and_double_click_open_the_original(make_panel, store, qtbot, opened_urls) -> None:
    store.add("a.jpg", jpeg(50, 50))
    store.add("b.pdf", PDF)
    panel = make_panel()
    panel.set_attachments(store.records)
    select(panel, 1)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert [url.toLocalFile() for url in opened_urls] == [
        str(store.path_for(store.records[1].sha256))
    ]
    centre = panel.view.visualRect(panel.model.index(0)).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened_urls[-1].toLocalFile() == str(store.path_for(store.records[0].sha256))


def test_show_in_folder_opens_the_stored_files_folder(
    make_panel, store, monkeypatch, opened_urls
) -> None:
    monkeypatch.setattr(attachment_panel.sys, "platform", "linux")
    store.add("a.jpg", jpeg(50, 50))
    panel = make_panel()
    panel.set_attachments(store.records)
    select(panel, 0)
    menu = panel.context_menu(on_item=True)
    reveal = next(a for a in menu.actions() if a.text() == "Show in folder")
    reveal.trigger()
    assert [url.toLocalFile() for url in opened_urls] == [str(store.root)]


def test_dropped_local_files_are_added_and_folders_ignored(
    make_panel, store, qtbot, tmp_path
) -> None:
    photo = tmp_path / "incoming" / "IMG_0002.jpg"
    photo.parent.mkdir()
    photo.write_bytes(jpeg(30, 30))
    scan = tmp_path / "incoming" / "scan.pdf"
    scan.write_bytes(PDF)
    mime = QMimeData()
    mime.setUrls(
        [
            QUrl.fromLocalFile(str(photo)),
            QUrl.fromLocalFile(str(photo.parent)),  # a folder
            QUrl("https://example.org/photo.jpg"),
            QUrl.fromLocalFile(str(scan)),
        ]
    )
    panel = make_panel()
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(panel.files_added, timeout=1000) as blocker:
        QApplication.sendEvent(panel, drop)
    assert blocker.args == [[photo, scan]]


def test_a_drag_of_only_folders_or_web_links_is_refused(make_panel, qtbot, tmp_path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path)), QUrl("https://example.org/a.jpg")])
    panel = make_panel()
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()


def test_add_button_offers_photos_and_pdf_then_emits_paths(
    make_panel, qtbot, monkeypatch, tmp_path
) -> None:
    monkeypatch.setattr(AttachmentPanel, "_last_directory", "")
    chosen = [tmp_path / "a.jpg", tmp_path / "Акт проверки.pdf"]
    asked: list[str] = []

    def fake_dialog(parent, caption, directory, filters):
        asked.append(filters)
        return [str(p) for p in chosen], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake_dialog)
    panel = make_panel()
    with qtbot.waitSignal(panel.files_added, timeout=1000) as blocker:
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [chosen]
    assert "*.jpg" in asked[0] and "*.pdf" in asked[0] and "(*)" in asked[0]
    assert AttachmentPanel._last_directory == str(tmp_path)


def test_f2_edits_the_caption(make_panel, store, qtbot, monkeypatch) -> None:
    store.add("a.jpg", jpeg(50, 50), caption="old")
    store.add("b.jpg", jpeg(50, 60))
    answers = iter([("  Стенд «Точка роста»  ", True), ("ignored", False), ("old", True)])
    asked: list[str] = []

    def fake_get_text(parent, title, label, mode, text):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", fake_get_text)
    panel = make_panel()
    panel.set_attachments(store.records)
    activate(panel, qtbot)
    select(panel, 1)
    with qtbot.waitSignal(panel.caption_changed, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    assert blocker.args == ["att-2", "Стенд «Точка роста»"]
    select(panel, 0)
    with qtbot.assertNotEmitted(panel.caption_changed):
        qtbot.keyClick(panel.view, Qt.Key.Key_F2)  # cancelled
        qtbot.keyClick(panel.view, Qt.Key.Key_F2)  # unchanged
    assert asked == ["", "old", "old"]


def test_remove_asks_first(make_panel, store, qtbot, monkeypatch) -> None:
    store.add("a.jpg", jpeg(50, 50), caption="Кабинет информатики")
    replies = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    questions: list[str] = []

    def fake_question(parent, title, text, buttons, default):
        questions.append(text)
        return next(replies)

    monkeypatch.setattr(QMessageBox, "question", fake_question)
    panel = make_panel()
    panel.set_attachments(store.records)
    activate(panel, qtbot)
    select(panel, 0)
    with qtbot.assertNotEmitted(panel.remove_requested):
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert len(questions) == 1 and "Кабинет информатики" in questions[0]
    menu = panel.context_menu(on_item=True)
    remove = next(a for a in menu.actions() if a.text() == "Remove")
    with qtbot.waitSignal(panel.remove_requested, timeout=1000) as blocker:
        remove.trigger()
    assert blocker.args == ["att-1"]
    assert len(questions) == 2


def test_read_only_hides_adding_captioning_removing_and_refuses_drops(
    make_panel, store, qtbot, monkeypatch, tmp_path
) -> None:
    store.add("a.jpg", jpeg(50, 50))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: pytest.fail("caption edited"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("remove asked"))
    panel = make_panel()
    panel.set_attachments(store.records)
    assert panel.add_button.isVisible()
    panel.set_read_only(True)
    assert not panel.add_button.isVisible()
    assert not panel.acceptDrops()
    visible = [a.text() for a in panel.context_menu(on_item=True).actions() if a.isVisible()]
    assert visible == ["Open", "Show in folder"]
    assert panel.context_menu(on_item=False).isEmpty()
    activate(panel, qtbot)
    select(panel, 0)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)

    dropped = tmp_path / "new.jpg"
    dropped.write_bytes(jpeg(20, 20))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.assertNotEmitted(panel.files_added):
        panel.dropEvent(drop)

    panel.set_read_only(False)
    assert panel.add_button.isVisible()
    assert panel.acceptDrops()
    assert panel.caption_action.isEnabled()


def test_compact_strip_is_just_a_button_when_empty(make_panel, store, qtbot) -> None:
    panel = make_panel(compact=True)
    assert panel.count() == 0
    assert panel.add_button.isVisible()
    assert panel.add_button.text() == "Attach…"
    assert not panel.view.isVisible()
    assert panel.sizeHint().height() < 48
    assert panel.sizeHint().width() < 150

    for n in range(6):
        store.add(f"IMG_{n}.jpg", jpeg(80 + n, 60))
    panel.set_attachments(store.records)
    assert panel.count() == 6
    assert panel.view.isVisible()
    assert 56 <= panel.view.height() <= 90
    tops = {panel.view.visualRect(panel.model.index(r)).top() for r in range(6)}
    assert len(tops) == 1  # one row, scrolled sideways

    panel.set_attachments([])
    panel.set_read_only(True)
    assert not panel.add_button.isVisible()
    assert not panel.view.isVisible()


def test_set_attachments_keeps_the_current_attachment(make_panel, store) -> None:
    store.add("a.jpg", jpeg(50, 50))
    store.add("b.jpg", jpeg(50, 51))
    panel = make_panel()
    panel.set_attachments(store.records)
    select(panel, 1)
    panel.set_attachments([store.records[1], store.records[0]])
    assert panel.view.currentIndex().data(RECORD_ROLE).id == "att-2"
    assert panel.view.currentIndex().row() == 0


def test_model_passes_the_model_tester(make_panel, store, qtmodeltester) -> None:
    store.add("a.jpg", jpeg(50, 50))
    store.add("b.pdf", PDF)
    panel = make_panel(show=False)
    panel.set_attachments(store.records)
    qtmodeltester.check(panel.model)


def test_a_shared_loader_outlives_its_panels(qtbot, store) -> None:
    loader = ThumbnailLoader()
    store.add("a.jpg", jpeg(200, 100))
    panel = AttachmentPanel(store.path_for, thumbnails=loader)
    panel.set_attachments(store.records)
    panel.model.data(panel.model.index(0), DECORATION)
    box = panel.model.box
    panel.deleteLater()
    qtbot.waitUntil(lambda: loader.pending() == 0, timeout=10_000)
    assert loader.cached(store.records[0].sha256, box) is not None
