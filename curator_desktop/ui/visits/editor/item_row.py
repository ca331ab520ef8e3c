"""One checklist item in the form: its question, answer input, comment and attachments."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from curator_desktop.domain.checklists.answers import localized
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.visits.editor.answer_inputs import AnswerInput, make_input

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import AttachmentRecord
    from curator_desktop.ui.visits.editor.attachment_panel import AttachmentPanel
    from curator_desktop.ui.visits.editor.thumbnails import ThumbnailLoader

MISSING_STYLE = (
    f"ItemRow {{ border-left: 3px solid {colours.ATTENTION}; "
    f"background: {colours.MISSING_BACKGROUND}; }}"
)
NORMAL_STYLE = "ItemRow { border-left: 3px solid transparent; }"


class ItemRow(QFrame):
    """Shows one item; emits its key with every edit, never writes by itself.

    ``answer_edited(key, value, debounced)``, ``comment_edited(key, text)``, ``focus_left(key)``
    (an input lost focus: pending typed text should be saved now), and the attachment panel's
    signals with the item key.
    """

    answer_edited = Signal(str, object, bool)
    comment_edited = Signal(str, str)
    focus_left = Signal(str)
    files_added = Signal(str, list)
    caption_changed = Signal(str, str)
    remove_requested = Signal(str)

    def __init__(
        self,
        item: Mapping[str, Any],
        number: str,
        path_for: Callable[[str], Path],
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(NORMAL_STYLE)
        self.item = item
        self.key: str = item["key"]
        self.number = number
        self.question = QLabel(self._question_html(item, number))
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        help_text = localized(item.get("help"))
        if help_text:
            self.question.setToolTip(help_text)
        self.input: AnswerInput = make_input(item)
        self.input.edited.connect(self._on_answer_edited)
        (self.input.focusProxy() or self.input).installEventFilter(self)
        self.question.setBuddy(self.input)
        self.comment: QLineEdit | None = None
        self.attachments: AttachmentPanel | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 6)
        layout.setSpacing(4)
        layout.addWidget(self.question)
        if help_text:
            hint = QLabel(help_text)
            hint.setWordWrap(True)
            hint.setStyleSheet(colours.HINT_STYLE)
            layout.addWidget(hint)
        layout.addWidget(self.input)
        extras = QHBoxLayout()
        extras.setSpacing(6)
        if item.get("comment", "none") != "none":
            self.comment = QLineEdit()
            self.comment.setPlaceholderText(
                _("Comment (required)") if item["comment"] == "required" else _("Comment")
            )
            self.comment.textEdited.connect(lambda text: self.comment_edited.emit(self.key, text))
            self.comment.installEventFilter(self)
            extras.addWidget(self.comment, 1)
        if item.get("attachments", "none") != "none":
            from curator_desktop.ui.visits.editor.attachment_panel import AttachmentPanel

            self.attachments = AttachmentPanel(path_for, compact=True, thumbnails=thumbnails)
            self.attachments.files_added.connect(
                lambda paths: self.files_added.emit(self.key, paths)
            )
            self.attachments.caption_changed.connect(self.caption_changed)
            self.attachments.remove_requested.connect(self.remove_requested)
            if item["attachments"] == "required":
                self.attachments.setToolTip(_("A photo or scan is required for this item"))
            extras.addWidget(self.attachments, 1)
        if extras.count():
            layout.addLayout(extras)
        self._name_extras()

    @staticmethod
    def _question_html(item: Mapping[str, Any], number: str) -> str:
        from html import escape

        text = escape(localized(item["text"]))
        star = f' <span style="color:{colours.ATTENTION};">*</span>'
        marker = star if item.get("required") else ""
        prefix = f"<b>{escape(number)}</b> " if number else ""
        factors = item.get("risk_factors") or []
        chips = (
            f' <span style="color:{colours.MUTED_TEXT};">('
            + ", ".join(escape(f) for f in factors)
            + ")</span>"
            if factors
            else ""
        )
        return f"{prefix}{text}{marker}{chips}"

    def set_number(self, number: str) -> None:
        """Show the item under ``number`` («2.3»; none for an unnumbered item)."""
        if number != self.number:
            self.number = number
            self.question.setText(self._question_html(self.item, number))
            self._name_extras()

    def _name_extras(self) -> None:
        """Name the options, the comment and the attachments after the item («Comment on 1.4»):
        a screen reader tells every row's apart. An unnumbered item is named by its text."""
        subject = self.number or f"«{localized(self.item['text'])}»"
        self.input.name_options(subject)
        if self.comment is not None:
            self.comment.setAccessibleName(_("Comment on {item}").format(item=subject))
        if self.attachments is not None:
            self.attachments.add_button.setAccessibleName(
                _("Attach a file to {item}").format(item=subject)
            )
            self.attachments.view.setAccessibleName(
                _("Photos and scans for {item}").format(item=subject)
            )

    def show_answer(self, value: Any, comment: str) -> None:
        """Display a stored answer without emitting edits."""
        self.input.set_value(value)
        if self.comment is not None and self.comment.text() != comment:
            self.comment.setText(comment)

    def show_attachments(self, records: Sequence[AttachmentRecord]) -> None:
        if self.attachments is not None:
            self.attachments.set_attachments(records)

    def set_read_only(self, read_only: bool) -> None:
        self.input.set_read_only(read_only)
        if self.comment is not None:
            self.comment.setReadOnly(read_only)
        if self.attachments is not None:
            self.attachments.set_read_only(read_only)

    def mark_missing(self, missing: bool) -> None:
        self.setStyleSheet(MISSING_STYLE if missing else NORMAL_STYLE)

    def focus_input(self) -> None:
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_answer_edited(self, value: Any) -> None:
        self.answer_edited.emit(self.key, value, self.input.debounced)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.focus_left.emit(self.key)
        return False
