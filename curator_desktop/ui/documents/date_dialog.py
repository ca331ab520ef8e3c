"""Asking one date: the day something was uploaded to ИС МЭДК (empty: it was not)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.documents.store_dialog import StoreDialog


class UploadDateDialog(StoreDialog):
    """A question and a date field (typed, or picked with Alt+↓)."""

    def __init__(
        self, title: str, question: str, value: dt.date | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.date = DateField(tip=title)
        self.date.set_value(value)
        hint = QLabel(_("Clear the date if it was not uploaded after all."))
        hint.setWordWrap(True)
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.question)
        form.addRow(_("Date:"), self.date)
        form.addRow(hint)
        self.finish_layout(body)
        self.resize(420, self.sizeHint().height())

    def value(self) -> dt.date | None:
        return self.date.value()
