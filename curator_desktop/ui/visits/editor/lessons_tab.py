"""Lessons observed in the visit: a list, and the selected lesson's header and observation map."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.side_splitter import SideSplitter
from curator_desktop.ui.visits.editor.checklist_form import ChecklistForm

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import AnswerRecord, AttachmentRecord, LessonRecord
    from curator_desktop.ui.visits.editor.thumbnails import ThumbnailLoader

HEADER_FIELDS = ("teacher", "subject", "class_name", "topic", "purpose", "lesson_type")
ID_ROLE = Qt.ItemDataRole.UserRole
HEADER_GRID = {
    # field: (row, column, span in grid columns) — two fields per row, long ones across
    "teacher": (0, 0, 1),
    "subject": (0, 1, 1),
    "class_name": (1, 0, 1),
    "lesson_type": (1, 1, 1),
    "topic": (2, 0, 3),
    "purpose": (3, 0, 3),
}


def lesson_label(lesson: LessonRecord) -> str:
    """«Математика, 7 А — Иванова И. И.», or a placeholder for a lesson not described yet."""
    what = ", ".join(part for part in (lesson.subject, lesson.class_name) if part)
    if lesson.teacher:
        what = f"{what} — {lesson.teacher}" if what else lesson.teacher
    return what or _("New lesson")


def lesson_types() -> list[str]:
    return [
        _("Learning new material"),
        _("Consolidation and practice"),
        _("Review and systematisation"),
        _("Assessment"),
        _("Combined"),
    ]


class LessonsTab(QWidget):
    """Emits ``lesson_added()``, ``lesson_removed(id)``, ``header_edited(id, field, text)``,
    ``header_focus_left(id, field)`` and, for the observation map,
    ``answer_edited(lesson_id, key, value, debounced)``, ``comment_edited(lesson_id, key, text)``,
    ``focus_left(lesson_id, key)``, ``files_added(lesson_id, key, paths)``."""

    lesson_added = Signal()
    lesson_removed = Signal(str)
    header_edited = Signal(str, str, str)
    header_focus_left = Signal(str, str)
    answer_edited = Signal(str, str, object, bool)
    comment_edited = Signal(str, str, str)
    focus_left = Signal(str, str)
    files_added = Signal(str, str, list)
    caption_changed = Signal(str, str)
    remove_requested = Signal(str)

    def __init__(
        self,
        path_for: Callable[[str], Path],
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailLoader | None = None,
        side_widths: MutableMapping[str, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._path_for = path_for
        self._thumbnails = thumbnails
        self._side_widths: MutableMapping[str, int] = side_widths if side_widths is not None else {}
        self._lessons: list[LessonRecord] = []
        self._answers: dict[str, dict[str, AnswerRecord]] = {}
        self._attachments: Mapping[str, Mapping[str, Sequence[AttachmentRecord]]] = {}
        self._read_only = False
        self._loading = False
        self.form: ChecklistForm | None = None

        self.list = QListWidget()
        self.list.setAccessibleName(_("Observed lessons"))
        self.list.setMinimumWidth(170)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show_current)
        self.add_button = QPushButton(_("Add &lesson"))
        self.add_button.clicked.connect(self.lesson_added)
        self.remove_button = QPushButton(_("Remove lesson"))
        self.remove_button.clicked.connect(self._on_remove)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.add_button)
        left_layout.addWidget(self.remove_button)

        self.header: dict[str, QLineEdit] = {}
        header_grid = QGridLayout()
        header_grid.setColumnStretch(1, 1)
        header_grid.setColumnStretch(3, 1)
        labels = {
            "teacher": _("Teacher:"),
            "subject": _("Subject:"),
            "class_name": _("Class:"),
            "topic": _("Topic:"),
            "purpose": _("Purpose of the lesson:"),
            "lesson_type": _("Lesson type:"),
        }
        for name in HEADER_FIELDS:
            if name == "lesson_type":
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(["", *lesson_types()])
                edit = combo.lineEdit()
                combo.currentTextChanged.connect(
                    lambda text, name=name: self._on_header_edited(name, text)
                )
                field: QWidget = combo
                self.lesson_type_combo = combo
            else:
                edit = QLineEdit()
                edit.textEdited.connect(lambda text, name=name: self._on_header_edited(name, text))
                field = edit
            edit.setObjectName(name)
            edit.installEventFilter(self)
            self.header[name] = edit
            row, column, span = HEADER_GRID[name]
            label = QLabel(labels[name])
            label.setBuddy(field)
            header_grid.addWidget(label, row, column * 2)
            header_grid.addWidget(field, row, column * 2 + 1, 1, span)
        self.detail = QWidget()
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_layout.addLayout(header_grid)
        self.empty = QLabel(
            _(
                "No lessons observed in this visit yet. Press «Add lesson» to fill in the lesson "
                "observation map for a lesson you attend."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.empty)
        right_layout.addWidget(self.detail, 1)
        self.splitter = SideSplitter(
            left, right, key="lessons", widths=self._side_widths, share=0.2, bounds=(170, 300)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def current_lesson(self) -> LessonRecord | None:
        row = self.list.currentRow()
        return self._lessons[row] if 0 <= row < len(self._lessons) else None

    def show_lessons(
        self,
        lessons: Sequence[LessonRecord],
        answers: Mapping[str, Mapping[str, AnswerRecord]],
        attachments: Mapping[str, Mapping[str, Sequence[AttachmentRecord]]],
        *,
        select_id: str | None = None,
    ) -> None:
        """Show the lessons; keeps the selected one (or selects ``select_id``)."""
        current = select_id or (self.current_lesson().id if self.current_lesson() else None)
        self._lessons, self._attachments = list(lessons), attachments
        self._answers = {lesson_id: dict(items) for lesson_id, items in answers.items()}
        self.list.blockSignals(True)
        self.list.clear()
        for lesson in self._lessons:
            item = QListWidgetItem(lesson_label(lesson))
            item.setData(ID_ROLE, lesson.id)
            self.list.addItem(item)
        index = next((i for i, lesson in enumerate(self._lessons) if lesson.id == current), 0)
        self.list.setCurrentRow(index if self._lessons else -1)
        self.list.blockSignals(False)
        lesson = self.current_lesson()
        self._show_current(
            self.list.currentRow(), rebuild=lesson is None or lesson.id != self._form_lesson_id()
        )

    def focus_item(self, lesson_id: str, key: str) -> None:
        index = next((i for i, lesson in enumerate(self._lessons) if lesson.id == lesson_id), -1)
        if index >= 0:
            self.list.setCurrentRow(index)
            if self.form is not None:
                self.form.focus_item(key)

    def mark_missing(self, lesson_id: str, keys: Sequence[str]) -> None:
        if self.form is not None and self._form_lesson_id() == lesson_id:
            self.form.mark_missing(keys)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        for edit in self.header.values():
            edit.setReadOnly(read_only)
        self.lesson_type_combo.setEnabled(not read_only)
        if self.form is not None:
            self.form.set_read_only(read_only)

    def _form_lesson_id(self) -> str | None:
        return self.form.property("lesson_id") if self.form is not None else None

    def _show_current(self, row: int, rebuild: bool = True) -> None:
        lesson = self.current_lesson()
        self.empty.setVisible(lesson is None)
        self.detail.setVisible(lesson is not None)
        if lesson is None:
            if self.form is not None:
                self.detail_layout.removeWidget(self.form)
                self.form.deleteLater()
                self.form = None
            return
        self._loading = True
        for name in HEADER_FIELDS:
            if self.header[name].text() != getattr(lesson, name):
                self.header[name].setText(getattr(lesson, name))
        self._loading = False
        if rebuild or self.form is None:
            self._build_form(lesson)
        elif self.form is not None:
            self.form.set_attachments(self._attachments.get(lesson.id, {}))

    def _build_form(self, lesson: LessonRecord) -> None:
        if self.form is not None:
            self.detail_layout.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        if not lesson.template:
            return
        form = ChecklistForm(
            lesson.template,
            self._path_for,
            thumbnails=self._thumbnails,
            side_widths=self._side_widths,
            side_key="lesson_map",
        )
        form.section_list.setAccessibleName(_("Sections of the lesson observation map"))
        form.setProperty("lesson_id", lesson.id)
        form.set_answers(self._answers.get(lesson.id, {}))
        form.set_attachments(self._attachments.get(lesson.id, {}))
        form.set_read_only(self._read_only)
        lesson_id = lesson.id
        form.answer_edited.connect(lambda k, v, d: self._on_answer(lesson_id, k, v, d))
        form.comment_edited.connect(lambda k, t: self._on_comment(lesson_id, k, t))
        form.focus_left.connect(lambda k: self.focus_left.emit(lesson_id, k))
        form.files_added.connect(lambda k, p: self.files_added.emit(lesson_id, k, p))
        form.caption_changed.connect(self.caption_changed)
        form.remove_requested.connect(self.remove_requested)
        self.detail_layout.addWidget(form, 1)
        self.form = form

    def _remember(self, lesson_id: str, key: str, **changes: Any) -> None:
        from dataclasses import replace

        from curator_desktop.domain.visits.records import AnswerRecord

        answers = self._answers.setdefault(lesson_id, {})
        old = answers.get(key) or AnswerRecord("", key, None, "", lesson_id)
        answers[key] = replace(old, **changes)

    def _on_answer(self, lesson_id: str, key: str, value: Any, debounced: bool) -> None:
        self._remember(lesson_id, key, value=value)
        self.answer_edited.emit(lesson_id, key, value, debounced)

    def _on_comment(self, lesson_id: str, key: str, text: str) -> None:
        self._remember(lesson_id, key, comment=text)
        self.comment_edited.emit(lesson_id, key, text)

    def _on_header_edited(self, name: str, text: str) -> None:
        from dataclasses import replace

        lesson = self.current_lesson()
        if lesson is None or self._loading:
            return
        lesson = replace(lesson, **{name: text.strip()})
        self._lessons[self.list.currentRow()] = lesson
        self.header_edited.emit(lesson.id, name, text.strip())
        item = self.list.currentItem()
        if item is not None:
            item.setText(lesson_label(lesson))

    def _on_remove(self) -> None:
        lesson = self.current_lesson()
        if lesson is not None:
            self.lesson_removed.emit(lesson.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        lesson = self.current_lesson()
        if event.type() == QEvent.Type.FocusOut and lesson is not None:
            self.header_focus_left.emit(lesson.id, watched.objectName())
        return False
