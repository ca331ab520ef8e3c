"""The analysis, per school, of the measures each school held, told at a working meeting: the
schools on the left, the selected school's text on the right (Tab moves between them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.events import SchoolAnalysis
from curator_desktop.i18n import _

WRITTEN_MARK = " ✎"
"""Appended to a school that has an analysis."""


class AnalysesEditor(QWidget):
    """Edits one text per school of ``schools`` ((id, name) pairs); ``analyses()`` gives the
    non-empty ones."""

    def __init__(self, schools: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = dict(schools)
        self._texts: dict[str, str] = {}
        self._current: str | None = None
        self.school_list = QListWidget()
        self.school_list.setAccessibleName(_("Schools"))
        for school_id, name in schools:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, school_id)
            self.school_list.addItem(item)
        self.school_list.currentItemChanged.connect(self._on_school_list_current_item_changed)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setAccessibleName(_("Analysis of the school's measures"))
        self.text_edit.setPlaceholderText(
            _("What the school held since the last meeting, and how it went")
        )
        self.text_edit.textChanged.connect(self._on_text_edit_text_changed)
        self.empty_label = QLabel(_("No schools yet: add your schools to analyse their measures."))
        self.empty_label.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.school_list, 1)
        row.addWidget(self.text_edit, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.empty_label)
        has_schools = bool(schools)
        self.school_list.setVisible(has_schools)
        self.text_edit.setVisible(has_schools)
        self.empty_label.setVisible(not has_schools)
        if has_schools:
            self.school_list.setCurrentRow(0)

    def set_analyses(self, analyses: tuple[SchoolAnalysis, ...]) -> None:
        """Show the stored analyses (a school no longer listed is added to the list)."""
        for analysis in analyses:
            if analysis.school_id not in self._names:
                self._names[analysis.school_id] = analysis.school_name or analysis.school_id
                item = QListWidgetItem(self._names[analysis.school_id])
                item.setData(Qt.ItemDataRole.UserRole, analysis.school_id)
                self.school_list.addItem(item)
                self.school_list.show()
                self.text_edit.show()
                self.empty_label.hide()
            self._texts[analysis.school_id] = analysis.text
        self._show_current()
        self._mark_written()

    def analyses(self) -> tuple[SchoolAnalysis, ...]:
        """The schools with a text, in the list's order."""
        result = []
        for row in range(self.school_list.count()):
            school_id = self.school_list.item(row).data(Qt.ItemDataRole.UserRole)
            text = self._texts.get(school_id, "").strip()
            if text:
                result.append(SchoolAnalysis(school_id, text, self._names.get(school_id, "")))
        return tuple(result)

    def select_school(self, school_id: str) -> None:
        for row in range(self.school_list.count()):
            if self.school_list.item(row).data(Qt.ItemDataRole.UserRole) == school_id:
                self.school_list.setCurrentRow(row)
                return

    def _show_current(self) -> None:
        item = self.school_list.currentItem()
        self._current = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.text_edit.blockSignals(True)
        self.text_edit.setPlainText(self._texts.get(self._current or "", ""))
        self.text_edit.blockSignals(False)
        self.text_edit.setEnabled(self._current is not None)

    def _mark_written(self) -> None:
        for row in range(self.school_list.count()):
            item = self.school_list.item(row)
            school_id = item.data(Qt.ItemDataRole.UserRole)
            written = bool(self._texts.get(school_id, "").strip())
            item.setText(self._names.get(school_id, "") + (WRITTEN_MARK if written else ""))

    def _on_school_list_current_item_changed(self, *_args: object) -> None:
        self._show_current()

    def _on_text_edit_text_changed(self) -> None:
        if self._current is not None:
            self._texts[self._current] = self.text_edit.toPlainText()
            self._mark_written()
