"""Adding an item to the plan by hand: what, when (understood as it is typed), who, details."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.roadmap.deadlines import parse_deadline
from curator_desktop.domain.roadmap.document import DeadlineKind
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.common import colours

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import PlanService


def understood_text(text: str, year: int) -> tuple[str, bool]:
    """What a deadline typed as ``text`` is taken to mean, and whether it has dates."""
    if not text.strip():
        return _("No deadline: the item goes to «Without a date»."), False
    deadline = parse_deadline(text.strip(), year=year)
    if deadline.kind == DeadlineKind.UNPARSED:
        return _("Not understood — will be kept as text, without a date."), False
    if deadline.kind == DeadlineKind.UNDATED:
        return _("No date by design — kept as text."), False
    ranges = "; ".join(
        format_date(r.start)
        if r.start == r.end
        else f"{format_date(r.start)} – {format_date(r.end)}"
        for r in deadline.ranges
    )
    if deadline.kind == DeadlineKind.RECURRING:
        return _("Understood: repeats within {ranges}").format(ranges=ranges), True
    return _("Understood: {ranges}").format(ranges=ranges), True


class PlanItemDialog(QDialog):
    """Adds the item on OK (through the service); ``item_id`` holds its id afterwards.

    A deadline without a year takes ``year``.
    """

    def __init__(
        self, service: PlanService, *, year: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a plan item"))
        self.service = service
        self.year = year or dt.date.today().year
        self.item_id = ""
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("What has to be done"))
        self.title_edit.textChanged.connect(self._on_title_edit_changed)
        self.title_problem = QLabel()
        self.title_problem.setStyleSheet(colours.ERROR_STYLE)
        self.title_problem.hide()
        self.deadline_edit = QLineEdit()
        self.deadline_edit.setPlaceholderText(_("«до 25.03», «апрель – май», «2 и 4 среда»"))
        self.deadline_edit.textChanged.connect(self._on_deadline_edit_changed)
        self.understood = QLabel()
        self.understood.setWordWrap(True)
        self.responsible_edit = QLineEdit()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        form.addRow(_("Item:"), self.title_edit)
        form.addRow("", self.title_problem)
        form.addRow(_("Deadline:"), self.deadline_edit)
        form.addRow("", self.understood)
        form.addRow(_("Responsible:"), self.responsible_edit)
        form.addRow(_("Description:"), self.description_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._on_deadline_edit_changed("")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def accept(self) -> None:
        """Add the item, or say what is missing and stay open."""
        try:
            self.item_id = self.service.add_item(
                self.title_edit.text(),
                self.deadline_edit.text(),
                year=self.year,
                responsible=self.responsible_edit.text(),
                description=self.description_edit.toPlainText(),
            )
        except ValidationError as exc:
            self.title_problem.setText(exc.user_message)
            self.title_problem.show()
            if exc.field == "title":
                self.title_edit.setFocus()
            return
        super().accept()

    def _on_title_edit_changed(self, _text: str) -> None:
        self.title_problem.hide()

    def _on_deadline_edit_changed(self, text: str) -> None:
        message, dated = understood_text(text, self.year)
        self.understood.setText(message)
        self.understood.setStyleSheet("" if dated or not text.strip() else "font-style: italic;")
