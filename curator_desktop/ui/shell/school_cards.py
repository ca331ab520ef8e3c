"""A school's card opened over the main window: editable for the curator, read-only with who
wrote what for the coordinator; visits opened from the card open over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curator_desktop.ui.schools.card import SchoolCardDialog
    from curator_desktop.ui.shell.main_window import MainWindow


def open_school_card(window: MainWindow, school_id: str | None, *, tab: str | None = None) -> None:
    """The card of a school (``None``: a new school), on its ``tab`` («documents») if given."""
    from curator_desktop.ui.schools.card import SchoolCardDialog

    dialog = SchoolCardDialog(window.context, school_id, window)
    dialog.data_changed.connect(window.data_changed)
    dialog.visit_open_requested.connect(lambda vid: _open_visit_over(window, dialog, vid))
    dialog.new_visit_requested.connect(lambda sid: _new_visit_over(window, dialog, sid))
    if tab == "documents" and dialog.documents_widget is not None:
        dialog.tabs.setCurrentWidget(dialog.documents_widget)
    dialog.exec()
    dialog.deleteLater()


def open_read_only(window: MainWindow, school_id: str) -> None:
    """A school's card read-only, with who wrote what."""
    from curator_desktop.ui.region.read_only_card import open_read_only_card

    dialog = open_read_only_card(window.context, school_id, window)
    dialog.exec()
    dialog.deleteLater()


def _open_visit_over(window: MainWindow, card: SchoolCardDialog, visit_id: str) -> None:
    window.visit_windows.open(visit_id, card)
    card.refresh_visits()


def _new_visit_over(window: MainWindow, card: SchoolCardDialog, school_id: str) -> None:
    window.visit_windows.new_visit(school_id, card)
    card.refresh_visits()
