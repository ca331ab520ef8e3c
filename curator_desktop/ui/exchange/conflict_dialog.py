"""Resolving import conflicts: records changed on both sides, field by field, mine or theirs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import N_, _
from curator_desktop.services.exchange.field_labels import field_label
from curator_desktop.ui.common.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from curator_desktop.services.exchange.merge.reconcile import Conflict

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class ConflictWords:
    """What the dialog calls things: its title, hint, the two sides and their choices."""

    title: str = N_("Resolve conflicts")
    hint: str = N_(
        "These records were changed both here and on the other computer. For each "
        "differing field choose which value to keep."
    )
    mine: str = N_("Mine")
    theirs: str = N_("Theirs")
    keep_mine: str = N_("mine")
    keep_theirs: str = N_("theirs")
    all_mine: str = N_("Keep mine for all")
    all_theirs: str = N_("Take theirs for all")


LABEL_FIELDS = ("short_name", "full_name", "name", "title", "item_key", "text", "purpose")
"""The fields that name a record in the list of conflicts, best first."""
MAX_VALUE_CHARS = 200


def record_label(conflict: Conflict) -> str:
    """A short name of the conflicting record: the school's name, the item key, a title…"""
    for record in (conflict.local, conflict.incoming):
        for name in LABEL_FIELDS:
            value = record.get(name)
            if value:
                text = " ".join(str(value).split())
                return text if len(text) <= 60 else text[:59] + "…"
    return conflict.record_id[:8]


def value_text(value: Any) -> str:
    """A stored value as the user reads it («—» for nothing)."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


class ConflictDialog(QDialog):
    """Lists the conflicts; for the selected one, its differing fields side by side, each with
    a choice of mine or theirs. ``resolutions()`` gives what ``ExchangeService.import_`` takes."""

    def __init__(
        self,
        conflicts: Sequence[Conflict],
        resolutions: Mapping[tuple[str, str], Any] | None = None,
        parent: QWidget | None = None,
        words: ConflictWords | None = None,
    ) -> None:
        super().__init__(parent)
        from curator_desktop.services.exchange.results import table_label

        self.words = words or ConflictWords()
        self.setWindowTitle(_(self.words.title))
        self.conflicts = list(conflicts)
        self._choices: dict[tuple[str, str], dict[str, str]] = {}
        for conflict in self.conflicts:
            given = (resolutions or {}).get(conflict.key, MINE)
            self._choices[conflict.key] = {
                name: (given if isinstance(given, str) else given.get(name, MINE))
                for name in conflict.fields
            }
        self.list = QListWidget()
        for conflict in self.conflicts:
            item = QListWidgetItem(f"{table_label(conflict.table)}: {record_label(conflict)}")
            item.setData(Qt.ItemDataRole.UserRole, conflict.key)
            self.list.addItem(item)
        self.fields = QTableWidget(0, 4)
        self.fields.setHorizontalHeaderLabels(
            [_("Field"), _(self.words.mine), _(self.words.theirs), _("Keep")]
        )
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().setVisible(False)
        self.fields.setWordWrap(True)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.all_mine_button = QPushButton(_(self.words.all_mine))
        self.all_theirs_button = QPushButton(_(self.words.all_theirs))
        self.all_mine_button.clicked.connect(lambda: self.choose_all(MINE))
        self.all_theirs_button.clicked.connect(lambda: self.choose_all(THEIRS))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._build_layout(buttons)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        if self.conflicts:
            self.list.setCurrentRow(0)
        fit_to_screen(self, (900, 520), anchor=parent)

    def _build_layout(self, buttons: QDialogButtonBox) -> None:
        hint = QLabel(_(self.words.hint))
        hint.setWordWrap(True)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.fields)
        splitter.setStretchFactor(1, 3)
        row = QHBoxLayout()
        row.addWidget(self.all_mine_button)
        row.addWidget(self.all_theirs_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)

    def current_conflict(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show(self.current_conflict())

    def _show(self, conflict: Conflict | None) -> None:
        self.fields.setRowCount(0)
        if conflict is None:
            return
        choices = self._choices[conflict.key]
        self.fields.setRowCount(len(conflict.fields))
        for row, name in enumerate(conflict.fields):
            cells = (
                field_label(name),
                value_text(conflict.local.get(name)),
                value_text(conflict.incoming.get(name)),
            )
            for column, text in enumerate(cells):
                self.fields.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(_(self.words.keep_mine), MINE)
            combo.addItem(_(self.words.keep_theirs), THEIRS)
            combo.setCurrentIndex(0 if choices[name] == MINE else 1)
            combo.currentIndexChanged.connect(
                lambda _i, key=conflict.key, field=name, box=combo: self._choose(
                    key, field, box.currentData()
                )
            )
            self.fields.setCellWidget(row, 3, combo)
        self.fields.resizeRowsToContents()

    def _choose(self, key: tuple[str, str], field: str, choice: str) -> None:
        self._choices[key][field] = choice

    def choose_field(self, field: str, choice: str) -> None:
        """Choose ``mine`` or ``theirs`` for one field of the selected conflict (as its combo)."""
        conflict = self.current_conflict()
        if conflict is None:
            return
        combo = self.fields.cellWidget(conflict.fields.index(field), 3)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(choice))

    def choose_all(self, choice: str) -> None:
        """Mine (or theirs) for every field of every conflict."""
        for choices in self._choices.values():
            for name in choices:
                choices[name] = choice
        self._show(self.current_conflict())

    def resolutions(self) -> dict[tuple[str, str], Any]:
        """``{(table, id): "mine" | "theirs" | {field: "mine" | "theirs"}}`` for every conflict."""
        result: dict[tuple[str, str], Any] = {}
        for key, choices in self._choices.items():
            kinds = set(choices.values())
            result[key] = kinds.pop() if len(kinds) == 1 else dict(choices)
        return result
