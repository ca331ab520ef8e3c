"""A checklist form generated from a template snapshot: sections on the left, items on the right.

Section pages are built the first time they are shown (not before the form itself is: the editor
opens on another tab), so a long checklist opens at once.
Ctrl+PgDown / Ctrl+PgUp (or the button at the end of a section) move between sections; items
hidden by a condition disappear as soon as the answer they depend on changes, and the numbers
follow: sections and items are numbered as the справка prints them
(:mod:`~curator_desktop.domain.checklists.numbering`). Each section in the list says how much of
it is filled and how many required answers it still owes; points are shown only for a template
that defines a scored scale (:func:`~curator_desktop.domain.checklists.scoring_rules.
template_score`, the curator's own actions never scored).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.checklists.answers import localized
from curator_desktop.domain.checklists.items import is_answered
from curator_desktop.domain.checklists.numbering import (
    NumberedSection,
    numbered_sections,
    numbered_title,
)
from curator_desktop.domain.checklists.progress import section_progress
from curator_desktop.domain.checklists.scoring import required_progress
from curator_desktop.domain.checklists.scoring_rules import template_score
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.widgets.side_splitter import SideSplitter
from curator_desktop.ui.visits.editor.checklist_status import score_text, section_text
from curator_desktop.ui.visits.editor.item_row import ItemRow

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import AnswerRecord, AttachmentRecord
    from curator_desktop.ui.visits.editor.thumbnails import ThumbnailLoader

NEXT_SECTION = QKeySequence("Ctrl+PgDown")
PREVIOUS_SECTION = QKeySequence("Ctrl+PgUp")


class ChecklistForm(QWidget):
    """Edits the answers of one checklist; emits every edit for the editor to save.

    ``answer_edited(key, value, debounced)``, ``comment_edited(key, text)``, ``focus_left(key)``,
    ``files_added(key, paths)``, ``caption_changed(attachment_id, text)``,
    ``remove_requested(attachment_id)``. The section list's width is remembered in
    ``side_widths`` under ``side_key`` (see :class:`SideSplitter`).
    """

    answer_edited = Signal(str, object, bool)
    comment_edited = Signal(str, str)
    focus_left = Signal(str)
    files_added = Signal(str, list)
    caption_changed = Signal(str, str)
    remove_requested = Signal(str)

    def __init__(
        self,
        content: Mapping[str, Any],
        path_for: Callable[[str], Path],
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailLoader | None = None,
        side_widths: MutableMapping[str, int] | None = None,
        side_key: str = "checklist",
    ) -> None:
        super().__init__(parent)
        self.content = content
        self._thumbnails = thumbnails
        self._path_for = path_for
        self._sections: list[Mapping[str, Any]] = list(content.get("sections", []))
        self._values: dict[str, Any] = {}
        self._comments: dict[str, str] = {}
        self._attachments: dict[str, list[AttachmentRecord]] = {}
        self._rows: dict[str, ItemRow] = {}
        self._section_of: dict[str, int] = {}
        self._numbered: dict[str, NumberedSection] = {}
        self._missing: set[str] = set()
        self._read_only = False
        for s_index, section in enumerate(self._sections):
            for item in section.get("items", []):
                self._section_of[item["key"]] = s_index

        self.section_list = QListWidget()
        self.section_list.setWordWrap(True)
        self.section_list.setMinimumWidth(160)
        self.section_list.setSpacing(2)
        for _section in self._sections:
            self.section_list.addItem(QListWidgetItem())
        self.pages = QStackedWidget()
        self._page_widgets: dict[int, QScrollArea] = {}
        self._page_titles: dict[int, QLabel] = {}
        for _index in self._sections:
            self.pages.addWidget(QWidget())
        self.section_list.currentRowChanged.connect(self.show_section)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.score_label = QLabel()
        self.keys_hint = QLabel(
            _(
                "Keys: 1 yes · 2 no · 3 partly · 4 n/a · Delete clears · "
                "Ctrl+PgDown / Ctrl+PgUp next / previous section"
            )
        )
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setStyleSheet(colours.HINT_STYLE)

        self.splitter = SideSplitter(
            self.section_list, self.pages, key=side_key, widths=side_widths
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress_label)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.score_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.keys_hint)

        for sequence, step in ((NEXT_SECTION, 1), (PREVIOUS_SECTION, -1)):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_section(step))
        self._apply_conditions()
        if self._sections:
            self.section_list.setCurrentRow(0)
        self._refresh_progress()

    # --- showing stored answers -----------------------------------------------------------

    def set_answers(self, answers: Mapping[str, AnswerRecord]) -> None:
        """Show stored answers (replaces what is shown; emits nothing)."""
        self._values = {key: record.value for key, record in answers.items()}
        self._comments = {key: record.comment for key, record in answers.items()}
        for key, row in self._rows.items():
            row.show_answer(self._values.get(key), self._comments.get(key, ""))
        self._apply_conditions()
        self._refresh_progress()

    def set_attachments(self, by_item: Mapping[str, Sequence[AttachmentRecord]]) -> None:
        self._attachments = {key: list(records) for key, records in by_item.items()}
        for key, row in self._rows.items():
            row.show_attachments(self._attachments.get(key, []))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.keys_hint.setVisible(not read_only)
        for row in self._rows.values():
            row.set_read_only(read_only)

    def mark_missing(self, keys: Sequence[str]) -> None:
        """Outline the rows of required items still missing (after a completion attempt)."""
        self._missing = set(keys)
        for key, row in self._rows.items():
            row.mark_missing(key in self._missing)

    def values(self) -> dict[str, Any]:
        return dict(self._values)

    # --- navigation -----------------------------------------------------------------------

    def current_section(self) -> int:
        return self.section_list.currentRow()

    def step_section(self, step: int) -> None:
        """Move to the next (or previous) section that has items shown."""
        target = self.current_section() + step
        while 0 <= target < len(self._sections) and self.section_list.isRowHidden(target):
            target += step
        if 0 <= target < len(self._sections):
            self.section_list.setCurrentRow(target)
            self.focus_first_item()

    def show_section(self, index: int) -> None:
        if not 0 <= index < len(self._sections):
            return
        if self.isVisible():  # a hidden form (another tab on top) builds it when shown
            self._build_page(index)
        self.pages.setCurrentIndex(index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.show_section(self.current_section())

    def focus_first_item(self) -> None:
        index = self.current_section()
        if index >= 0:
            self._build_page(index)
        for item in self._sections[index].get("items", []) if index >= 0 else []:
            row = self._rows.get(item["key"])
            if row is not None and not row.isHidden():
                row.focus_input()
                return

    def focus_item(self, key: str) -> bool:
        """Show the item's section, scroll to it and put the cursor in its answer."""
        index = self._section_of.get(key)
        if index is None:
            return False
        self.section_list.setCurrentRow(index)
        row = self.row(key)
        assert row is not None
        area = self._page_widgets[index]
        QTimer.singleShot(0, lambda: area.ensureWidgetVisible(row, 0, 40))
        row.focus_input()
        return True

    def row(self, key: str) -> ItemRow | None:
        """The row of an item, building its section page if needed."""
        index = self._section_of.get(key)
        if index is None:
            return None
        self._build_page(index)
        return self._rows.get(key)

    # --- building -------------------------------------------------------------------------

    def _build_page(self, index: int) -> None:
        if index in self._page_widgets:
            return
        section = self._sections[index]
        body = QWidget()
        column = QVBoxLayout(body)
        title = QLabel()
        title.setWordWrap(True)
        self._page_titles[index] = title
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        column.addWidget(title)
        for item in section.get("items", []):
            row = ItemRow(item, "", self._path_for, thumbnails=self._thumbnails)
            row.show_answer(self._values.get(item["key"]), self._comments.get(item["key"], ""))
            row.show_attachments(self._attachments.get(item["key"], []))
            row.set_read_only(self._read_only)
            row.mark_missing(item["key"] in self._missing)
            row.answer_edited.connect(self._on_answer_edited)
            row.comment_edited.connect(self._on_comment_edited)
            row.focus_left.connect(self.focus_left)
            row.files_added.connect(self.files_added)
            row.caption_changed.connect(self.caption_changed)
            row.remove_requested.connect(self.remove_requested)
            self._rows[item["key"]] = row
            column.addWidget(row)
        if index + 1 < len(self._sections):
            following = QPushButton(_("Next section ›"))
            following.setToolTip(NEXT_SECTION.toString(QKeySequence.SequenceFormat.NativeText))
            following.clicked.connect(lambda: self.step_section(1))
            never_default(following)  # Enter in a comment stays in the section
            column.addWidget(following, 0, Qt.AlignmentFlag.AlignRight)
        column.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(body)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        self._page_widgets[index] = area
        old = self.pages.widget(index)
        self.pages.insertWidget(index, area)
        self.pages.removeWidget(old)
        old.deleteLater()
        self._apply_conditions()

    # --- edits ----------------------------------------------------------------------------

    def _on_answer_edited(self, key: str, value: Any, debounced: bool) -> None:
        self._values[key] = value
        if key in self._missing and is_answered(value):
            self._missing.discard(key)
            self._rows[key].mark_missing(False)
        self._apply_conditions()
        self._refresh_progress()
        self.answer_edited.emit(key, value, debounced)

    def _on_comment_edited(self, key: str, text: str) -> None:
        self._comments[key] = text
        self.comment_edited.emit(key, text)

    def _apply_conditions(self) -> None:
        """Hide the items whose condition does not hold, and sections with nothing shown;
        number what is shown."""
        self._numbered = {s.key: s for s in numbered_sections(self.content, self._values)}
        numbers = {item["key"]: number for s in self._numbered.values() for number, item in s.items}
        for key, row in self._rows.items():
            row.setHidden(key not in numbers)
            row.set_number(numbers.get(key, ""))
        for index, section in enumerate(self._sections):
            self.section_list.setRowHidden(index, section["key"] not in self._numbered)
            if index in self._page_titles:
                self._page_titles[index].setText(self._section_title(index))

    def _section_title(self, index: int) -> str:
        """«2. Title» as numbered for the answers shown now."""
        section = self._sections[index]
        numbered = self._numbered.get(section["key"])
        return numbered_title(numbered.number if numbered else "", localized(section["title"]))

    def _refresh_progress(self) -> None:
        done, total = required_progress(self.content, self._values)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)
        self.progress.setFormat(
            _("{done} of {total} required answered").format(done=done, total=total)
        )
        self.progress_label.setText(_("Progress:"))
        scores = template_score(self.content, self._values)
        self.score_label.setVisible(scores is not None)
        self.score_label.setText(score_text(scores.total) if scores else "")
        progress = section_progress(self.content, self._values)
        for index, section in enumerate(self._sections):
            key = section["key"]
            part = scores.sections.get(key) if scores else None
            score = part if part is not None and part.percent is not None else None
            self.section_list.item(index).setText(
                section_text(self._section_title(index), progress[key], score)
            )
