"""Findings of the visit per risk factor of the school: one paragraph per factor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from curator_desktop.domain.enums import RiskLevel
from curator_desktop.i18n import _

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import SchoolFactor


class FindingsTab(QWidget):
    """Emits ``finding_edited(code, text)`` while typing and ``focus_left(code)``."""

    finding_edited = Signal(str, str)
    focus_left = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QPlainTextEdit] = {}
        self._loading = False
        self._read_only = False
        self._body = QWidget()
        self._column = QVBoxLayout(self._body)
        area = self._area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(self._body)
        intro = QLabel(
            _(
                "What the visit showed about each risk factor of the school: facts, documents "
                "seen, lessons observed. These paragraphs go into the visit report."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(area, 1)

    def show_findings(self, factors: Sequence[SchoolFactor], findings: Mapping[str, str]) -> None:
        """Rebuild the list for the school's factors (emits nothing)."""
        self._loading = True
        while self._column.count():
            widget = self._column.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.edits.clear()
        if not factors:
            empty = QLabel(
                _(
                    "The school has no risk profile for this year yet. Fill it in on the school "
                    "card («Risk profile» tab), then record the findings here."
                )
            )
            empty.setWordWrap(True)
            self._column.addWidget(empty)
        for factor in factors:
            level = f" — {RiskLevel.label_for(factor.level)}" if factor.level else ""
            label = QLabel(f"<b>{factor.code}</b> {factor.name}{level}")
            label.setWordWrap(True)
            edit = QPlainTextEdit(findings.get(factor.code, ""))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            edit.setReadOnly(self._read_only)
            edit.setObjectName(factor.code)
            edit.textChanged.connect(lambda code=factor.code, e=edit: self._on_changed(code, e))
            edit.installEventFilter(self)
            label.setBuddy(edit)
            self._column.addWidget(label)
            self._column.addWidget(edit)
            self.edits[factor.code] = edit
        self._column.addStretch(1)
        self._loading = False

    def focus_first(self) -> None:
        """Put the cursor in the first factor's finding (a completion found none)."""
        edit = next(iter(self.edits.values()), None)
        if edit is not None:
            edit.setFocus()
            self._area.ensureWidgetVisible(edit)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for edit in self.edits.values():
            edit.setReadOnly(read_only)

    def _on_changed(self, code: str, edit: QPlainTextEdit) -> None:
        if not self._loading:
            self.finding_edited.emit(code, edit.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.focus_left.emit(watched.objectName())
        return False
