"""What the Plan page says when there is nothing to show: no roadmap yet, or an empty list."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.empty_state import EmptyState


def list_empty_text(bucket: str | None) -> tuple[str, str]:
    """Title and hint of an empty plan list (``bucket``: a PlanBucket value; None: all items)."""
    match bucket:
        case "overdue":
            return _("Nothing is overdue"), _("Items whose day has passed before they were done.")
        case "this_month":
            return _("Nothing more due this month"), _("Items due from today to the month's end.")
        case "upcoming":
            return _("Nothing upcoming"), _("Items due after this month are listed here.")
        case "no_date":
            return _("Every item has a date"), _(
                "Items whose deadline has no date («по мере необходимости») or was not "
                "understood are listed here, with their deadline as written."
            )
        case "done":
            return _("Nothing done yet"), _(
                "Mark an item done, or link it to the visits, verifications and reports that "
                "fulfil it."
            )
        case _:
            return _("No items"), _("Choose «All» to see the whole roadmap.")


class NoRoadmapState(QWidget):
    """Before any roadmap is imported: where roadmaps come from and a big «Import roadmap…»."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = EmptyState()
        self.message.set_text(
            _("No roadmap imported yet"),
            _(
                "The roadmap (план-график, дорожная карта) of «500+» comes from your region's "
                "education authority or the district's methodological centre, usually as an "
                "appendix to an order in DOCX or PDF: ask your coordinator for the file."
            ),
        )
        self.import_button = QPushButton(_("Import roadmap…"))
        font = self.import_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.import_button.setFont(font)
        self.import_button.setMinimumHeight(self.import_button.sizeHint().height() * 3 // 2)
        self.add_button = QPushButton(_("Add an item by hand…"))
        self.add_button.setFlat(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message, 2)
        for button in (self.import_button, self.add_button):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(2)
