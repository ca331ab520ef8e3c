"""The selected plan item in full: its texts, the curator's relation to it and why, its marks
and links. The relation is corrected with a combo (ведёт / участвует / посещает / не моё).

The panel only shows and asks: every change is a ``*_requested`` signal that the page carries
out through the service, then shows the item again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _, format_date
from curator_desktop.services.plan.relations import relation_choices, relation_text
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.plan.table_model import (
    STATUS_COLOURS,
    due_text,
    legend_lines,
    link_text,
    status_text,
    status_tip,
    understood_text,
)

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import PlanEntry

SOURCE_CHARS = 90
"""The roadmap's title and section are cut to this length (the tooltip has them whole)."""


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class PlanItemPanel(QScrollArea):
    """Shows one :class:`PlanEntry` (or a hint when none is selected)."""

    relation_requested = Signal(str, str)  # item id, a Relation value
    done_requested = Signal(str, bool, object)  # item id, done, the day (dt.date)
    link_requested = Signal(str)
    unlink_requested = Signal(str)  # link id
    open_requested = Signal(str)  # visit id
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry: PlanEntry | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.stack = QStackedWidget()
        self.hint = QLabel(_("Select an item to see it in full, mark it or link it."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet(colours.HINT_STYLE)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self._build_details())
        self.setWidget(self.stack)
        self.show_entry(None)

    def _build_details(self) -> QWidget:
        self.title_label = _value_label()
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.source_label = _value_label()
        self.source_label.setStyleSheet(colours.HINT_STYLE)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        labels = {
            "deadline": _("Deadline:"),
            "understood": _("Understood:"),
            "due": _("Due:"),
            "status": _("Status:"),
            "relation": _("Curator:"),
            "responsible": _("Responsible:"),
            "description": _("Description:"),
            "indicator": _("Indicator:"),
            "control": _("Control:"),
        }
        for key, text in labels.items():
            self.fields[key] = _value_label()
            form.addRow(text, self.fields[key])
        for key in ("due", "status"):  # one short line each
            self.fields[key].setWordWrap(False)

        self.relation_combo = QComboBox()
        for relation, label in relation_choices():
            self.relation_combo.addItem(label, relation.value)
        self.relation_combo.setToolTip(
            _("Correct how the item concerns you; a new edition of the roadmap keeps it")
        )
        self.relation_combo.setAccessibleName(_("My relation to the item"))
        self.relation_combo.activated.connect(self._on_relation_combo_activated)
        relation_label = QLabel(_("Co&rrect:"))
        relation_label.setBuddy(self.relation_combo)
        self.done_check = QCheckBox(_("Done"))
        self.done_check.toggled.connect(self._on_done_check_toggled)
        self.done_date = DateField(tip=_("The day it was done"))
        self.done_date.changed.connect(self._on_done_date_changed)
        # the relation and the done mark on rows of their own: one row is too wide at 150 %
        relation_row = QHBoxLayout()
        relation_row.addWidget(relation_label)
        relation_row.addWidget(self.relation_combo)
        relation_row.addStretch(1)
        marks = QHBoxLayout()
        marks.addWidget(self.done_check)
        marks.addWidget(self.done_date)
        marks.addStretch(1)

        self.links = QListWidget()
        rows = self.fontMetrics().lineSpacing() + 6
        self.links.setMinimumHeight(rows * 2)
        self.links.setMaximumHeight(rows * 5)
        self.links.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.links.currentRowChanged.connect(self._update_link_buttons)
        self.links.itemActivated.connect(self._on_links_item_activated)
        self.link_button = QPushButton(_("Link visit / verification / report…"))
        self.link_button.clicked.connect(self._on_link_button_clicked)
        self.unlink_button = QPushButton(_("Remove link"))
        self.unlink_button.clicked.connect(self._on_unlink_button_clicked)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Open the linked visit"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.delete_button = QPushButton(_("Delete item"))
        self.delete_button.setToolTip(_("Only items you added by hand can be deleted"))
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        # two short rows: one long row would crowd the item's text at 150 % scaling
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addStretch(1)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(self.unlink_button)
        link_buttons.addWidget(self.open_button)
        link_buttons.addStretch(1)
        link_buttons.addWidget(self.delete_button)

        texts = QVBoxLayout()
        texts.addWidget(self.title_label)
        texts.addWidget(self.source_label)
        texts.addLayout(form)
        texts.addStretch(1)
        actions = QVBoxLayout()
        actions.addLayout(relation_row)
        actions.addLayout(marks)
        links_title = QLabel(_("Linked visits, verifications and reports:"))
        links_title.setWordWrap(True)
        actions.addWidget(links_title)
        actions.addWidget(self.links)
        actions.addLayout(link_row)
        actions.addLayout(link_buttons)
        actions.addStretch(1)
        details = QWidget()
        layout = QHBoxLayout(details)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(texts, 3)
        layout.addSpacing(8)
        layout.addLayout(actions, 2)
        return details

    # -- showing -------------------------------------------------------------------------------

    def show_entry(self, entry: PlanEntry | None, today: dt.date | None = None) -> None:
        """Show ``entry`` (None: the hint)."""
        self.entry = entry
        if entry is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        number = _("№ {number}").format(number=entry.number) + " · " if entry.number else ""
        self.title_label.setText(number + entry.title)
        source = entry.document_title or _("Added by hand")
        if entry.section:
            source += " · " + entry.section
        self.source_label.setToolTip(source)
        if len(source) > SOURCE_CHARS:
            source = source[: SOURCE_CHARS - 1].rstrip() + "…"
        self.source_label.setText(source)
        fields = self.fields
        deadline = entry.deadline.text or "—"
        fields["deadline"].setText(deadline)
        fields["understood"].setText(understood_text(entry, today))
        fields["due"].setText(due_text(entry) or "—")
        status = status_text(entry)
        if entry.marked_done and entry.done_on is not None:
            status = _("{status} on {date}").format(
                status=status, date=format_date(entry.done_on, "short")
            )
        fields["status"].setText(status)
        fields["status"].setToolTip(status_tip(entry))
        colour = STATUS_COLOURS[entry.standing.status].name()
        fields["status"].setStyleSheet(f"color: {colour}; font-weight: bold;")
        responsible = "\n".join([entry.responsible, *legend_lines(entry.responsible, entry.legend)])
        fields["responsible"].setText(responsible.strip() or "—")
        for key in ("description", "indicator", "control"):
            fields[key].setText(getattr(entry, key) or "—")
        relation = relation_text(entry.relation, entry.relation_reason)
        fields["relation"].setText(relation)
        for widget in (self.relation_combo, self.done_check, self.done_date):
            widget.blockSignals(True)
        self.relation_combo.setCurrentIndex(self.relation_combo.findData(entry.relation.value))
        self.done_check.setChecked(entry.marked_done)
        day = entry.done_on or today or dt.date.today()
        self.done_date.set_value(day)
        self.done_date.setEnabled(entry.marked_done)
        for widget in (self.relation_combo, self.done_check, self.done_date):
            widget.blockSignals(False)
        self.links.clear()
        for link in entry.links:
            item = QListWidgetItem(link_text(link))
            item.setData(Qt.ItemDataRole.UserRole, link)
            item.setToolTip(item.text())
            self.links.addItem(item)
        self.delete_button.setVisible(entry.manual)
        self._update_link_buttons()

    def selected_link(self) -> object:
        item = self.links.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_link_buttons(self) -> None:
        link = self.selected_link()
        target = getattr(link, "target", None)
        self.unlink_button.setEnabled(link is not None)
        self.open_button.setEnabled(target is not None and target.target_type == "visit")

    def _done_day(self) -> dt.date:
        return self.done_date.value() or dt.date.today()

    # -- slots ---------------------------------------------------------------------------------

    def _on_relation_combo_activated(self, index: int) -> None:
        value = self.relation_combo.itemData(index)
        if self.entry is not None and value != self.entry.relation.value:
            self.relation_requested.emit(self.entry.item_id, value)

    def _on_done_check_toggled(self, checked: bool) -> None:
        if self.entry is not None:
            self.done_requested.emit(self.entry.item_id, checked, self._done_day())

    def _on_done_date_changed(self, *_args: object) -> None:
        entry = self.entry
        if entry is not None and self.done_check.isChecked() and entry.done_on != self._done_day():
            self.done_requested.emit(entry.item_id, True, self._done_day())

    def _on_link_button_clicked(self) -> None:
        if self.entry is not None:
            self.link_requested.emit(self.entry.item_id)

    def _on_unlink_button_clicked(self) -> None:
        link = self.selected_link()
        if link is not None:
            self.unlink_requested.emit(link.link_id)  # type: ignore[attr-defined]

    def _on_open_button_clicked(self) -> None:
        target = getattr(self.selected_link(), "target", None)
        if target is not None and target.target_type == "visit":
            self.open_requested.emit(target.target_id)

    def _on_links_item_activated(self, _item: QListWidgetItem) -> None:
        self._on_open_button_clicked()

    def _on_delete_button_clicked(self) -> None:
        if self.entry is not None and self.entry.manual:
            self.delete_requested.emit(self.entry.item_id)
