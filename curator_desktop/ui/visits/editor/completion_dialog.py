"""The list of required answers still missing when a visit is completed, with a jump to each."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.visits.records import MissingItem
from curator_desktop.i18n import _, ngettext
from curator_desktop.ui.common.screen_fit import fit_to_screen

ITEM_ROLE = Qt.ItemDataRole.UserRole


def _entry_text(item: MissingItem) -> str:
    if item.reason == "comment":
        return _("{item} — a comment is required").format(item=item.item_text)
    if item.reason == "attachment":
        return _("{item} — a photo or file is required").format(item=item.item_text)
    return item.item_text


class MissingItemsDialog(QDialog):
    """Groups the missing items by section (and lesson); Enter or double-click jumps to one."""

    jump_requested = Signal(object)

    def __init__(self, missing: Sequence[MissingItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("The visit cannot be completed yet"))
        self.missing = list(missing)
        self.chosen: MissingItem | None = None
        """The entry «Go to item» was pressed on (None: closed without one)."""
        intro = QLabel(
            ngettext(
                "{n} required entry is missing. Choose it and press «Go to item».",
                "{n} required entries are missing. Choose one and press «Go to item».",
                len(self.missing),
            ).format(n=len(self.missing))
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        groups: dict[tuple[str, str], QTreeWidgetItem] = {}
        for item in self.missing:
            group_title = (
                f"{item.lesson_label} — {item.section_title}"
                if item.lesson_id
                else item.section_title
            )
            group = groups.get((item.lesson_id or "", group_title))
            if group is None:
                group = QTreeWidgetItem([group_title])
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(group)
                groups[(item.lesson_id or "", group_title)] = group
            entry = QTreeWidgetItem([_entry_text(item)])
            entry.setData(0, ITEM_ROLE, item)
            entry.setToolTip(0, item.item_text)
            group.addChild(entry)
        self.tree.expandAll()
        first = next(iter(groups.values()), None)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))
        self.tree.itemActivated.connect(lambda *_args: self._jump())
        buttons = QDialogButtonBox()
        self.go_button = buttons.addButton(_("Go to item"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self._jump)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, (560, 420), anchor=parent)

    def _jump(self) -> None:
        current = self.tree.currentItem()
        item = current.data(0, ITEM_ROLE) if current is not None else None
        if isinstance(item, MissingItem):
            self.chosen = item
            self.accept()
            self.jump_requested.emit(item)
