"""A school's card opened from the region: the curators' card as it is, made read-only, with a
«Who wrote what» tab.

The least invasive read-only mode: the usual :class:`SchoolCardDialog` is built, then every
input in it is made read-only (or disabled, when it has no read-only state), every action button
is hidden, the save shortcut is off and «Cancel» becomes «Close». Widgets a tab builds later
(a factor's editor) are made read-only when they appear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from curator_desktop.i18n import N_, _, format_date
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel
from curator_desktop.ui.common.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.ui.schools.card import SchoolCardDialog

KIND_LABELS = {
    "visit": N_("Visit"),
    "verification": N_("Risk verification"),
    "recommendation": N_("Recommendation"),
    "document": N_("Document"),
    "review": N_("Document review"),
    "report": N_("Report"),
}


class AuthorshipModel(RowTableModel[Any]):
    """Records of one school with the curator who made each."""

    columns = (
        Column(lambda: _("Record"), lambda r: _(KIND_LABELS.get(r.kind, r.kind))),
        Column(
            lambda: _("Date"),
            lambda r: format_date(r.day, "short"),
            sort_key=lambda r: r.day.toordinal() if r.day else 0,
        ),
        Column(lambda: _("What"), lambda r: r.what or "—", tooltip=lambda r: r.what, max_width=320),
        Column(
            lambda: _("Written by"),
            lambda r: r.author or _("not known"),
            tooltip=lambda r: "" if r.author else _("Made before authorship was kept"),
        ),
    )


_MOUSE = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)


class _NoChecking(QObject):
    """A list's tick boxes (a factor activated as a direction) stay as they are: clicks on a
    checkable cell and the space bar are swallowed; rows are still selected and scrolled."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space:
            return True
        if event.type() in _MOUSE and isinstance(event, QMouseEvent):
            view = watched.parent()
            if isinstance(view, QAbstractItemView):
                index = view.indexAt(event.position().toPoint())
                if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    view.setCurrentIndex(index)
                    return True
        return False


class _ReadOnlyKeeper(QObject):
    """Makes the widgets added to the card later read-only too (a factor's editor)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished and isinstance(watched, QWidget):
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                _freeze(child)
        return False


def _freeze_one(widget: QWidget) -> None:
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        widget.setReadOnly(True)
    elif isinstance(widget, QComboBox):
        widget.setEnabled(False)
    elif isinstance(widget, QAbstractButton) and not isinstance(
        widget.parent(), QDialogButtonBox | QTabBar
    ):
        if widget.isCheckable():
            widget.setEnabled(False)
        elif widget.metaObject().className() in ("QPushButton", "QToolButton"):
            widget.setVisible(False)
            widget.setProperty("readOnlyHidden", True)
    elif isinstance(widget, QAbstractItemView) and not widget.property("readOnlyView"):
        widget.setProperty("readOnlyView", True)
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        guard = _NoChecking(widget)
        widget.installEventFilter(guard)
        widget.viewport().installEventFilter(guard)


def _freeze(root: QWidget) -> None:
    _freeze_one(root)
    for widget in root.findChildren(QWidget):
        _freeze_one(widget)


def make_read_only(dialog: SchoolCardDialog) -> None:
    """Turn an open card into a read-only one (see the module's note)."""
    for tab in range(dialog.tabs.count()):
        _freeze(dialog.tabs.widget(tab))
    keeper = _ReadOnlyKeeper(dialog)
    for tab in range(dialog.tabs.count()):
        page = dialog.tabs.widget(tab)
        page.installEventFilter(keeper)
        for child in page.findChildren(QWidget):
            child.installEventFilter(keeper)
    dialog.save_button.hide()
    dialog.archive_button.hide()
    dialog.save_shortcut.setEnabled(False)
    dialog.cancel_button.setText(_("Close"))
    dialog.cancel_button.setDefault(True)
    banner = QLabel(
        _(
            "Read only: the card as the curators' packages brought it. Changes are made by "
            "the school's curator."
        )
    )
    banner.setWordWrap(True)
    banner.setStyleSheet(colours.NOTICE_STYLE)
    layout = dialog.layout()
    layout.insertWidget(0, banner)  # type: ignore[attr-defined]
    dialog.read_only_banner = banner  # type: ignore[attr-defined]


def authorship_tab(context: AppContext, school_id: str) -> RecordTable:
    """The «Who wrote what» table of a school."""
    from curator_desktop.services.profile.school_authors import school_authorship

    table = RecordTable(AuthorshipModel())
    table.set_empty_text(_("Nothing written about this school yet"), "")
    table.set_rows(school_authorship(context.database, school_id))
    table.view.setAccessibleName(_("Who wrote what"))
    return table


def open_read_only_card(
    context: AppContext, school_id: str, parent: QWidget | None = None
) -> SchoolCardDialog:
    """A school's card, read-only, with its «Who wrote what» tab (not shown yet)."""
    from curator_desktop.ui.schools.card import SchoolCardDialog

    dialog = SchoolCardDialog(context, school_id, parent)
    make_read_only(dialog)
    dialog.authorship_widget = authorship_tab(context, school_id)  # type: ignore[attr-defined]
    dialog.add_tab(dialog.authorship_widget, _("Who wrote what"))  # type: ignore[attr-defined]
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    return dialog
