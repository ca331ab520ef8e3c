"""Merging schools held twice, as the window proposes it: what will happen, the differing fields
in the conflict dialog, a backup first, then one transaction and what was done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from curator_desktop.domain.changes import ALL_CHANGES, Changes
from curator_desktop.i18n import N_, _, format_number, ngettext
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.exchange.conflict_dialog import ConflictDialog, ConflictWords

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.schools.twins import TwinGroup

MAX_LISTED = 8
"""Groups named in the question; the rest are counted."""

TWIN_WORDS = ConflictWords(
    title=N_("Merge schools held twice"),
    hint=N_(
        "These records are one school (the same INN) with different values. For each field "
        "choose the value the merged school keeps."
    ),
    mine=N_("Kept record"),
    theirs=N_("Its twin"),
    keep_mine=N_("kept record"),
    keep_theirs=N_("twin"),
    all_mine=N_("Keep the kept record's values"),
    all_theirs=N_("Take the twins' values"),
)


def _question(groups: list[TwinGroup]) -> str:
    lines = [
        ngettext(
            "{count} school is held twice in this store (the same INN):",
            "{count} schools are held twice in this store (the same INN):",
            len(groups),
        ).format(count=format_number(len(groups)))
    ]
    for group in groups[:MAX_LISTED]:
        copies = len(group.twins) + 1
        lines.append(
            ngettext(
                "• {name}, INN {inn}: {n} record", "• {name}, INN {inn}: {n} records", copies
            ).format(name=group.survivor.name, inn=group.inn, n=copies)
        )
    if len(groups) > MAX_LISTED:
        lines.append(_("…and {count} more.").format(count=len(groups) - MAX_LISTED))
    lines.append("")
    lines.append(
        _(
            "Each becomes one record: visits, verifications, recommendations and reports of "
            "every copy move onto it, nothing is deleted. A backup of the store is taken first."
        )
    )
    return "\n".join(lines)


def repair_twins(context: AppContext, parent: QWidget | None) -> Changes:
    """Propose the repair of every school held twice; returns what changed (nothing when the
    user cancels or there is nothing to merge)."""
    from curator_desktop.services.schools.twin_choices import (
        choose_from,
        proposed_choices,
        twin_conflicts,
    )

    service = context.school_service
    groups = service.twins()
    if not groups:
        QMessageBox.information(
            parent, _(TWIN_WORDS.title), _("No school is held twice in this store.")
        )
        return frozenset()
    box = QMessageBox(QMessageBox.Icon.Question, _(TWIN_WORDS.title), _question(groups))
    box.setParent(parent, box.windowFlags())
    merge = box.addButton(_("Merge…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    if box.clickedButton() is not merge:
        return frozenset()
    conflicts = twin_conflicts(groups)
    resolutions = proposed_choices(groups)
    if conflicts:
        dialog = ConflictDialog(conflicts, resolutions, parent, words=TWIN_WORDS)
        if not dialog.exec():
            return frozenset()
        resolutions = dialog.resolutions()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        repair = service.merge_twins(choose_from(resolutions))
    except Exception as exc:  # shown to the user; the store is unchanged (one transaction)
        QApplication.restoreOverrideCursor()
        show_error(parent, exc, title=_(TWIN_WORDS.title))
        return frozenset()
    QApplication.restoreOverrideCursor()
    moved = sum(repair.moved.values())
    text = ngettext(
        "{twins} twin record was merged; {moved} records now point at the kept schools.",
        "{twins} twin records were merged; {moved} records now point at the kept schools.",
        repair.twins,
    ).format(twins=format_number(repair.twins), moved=format_number(moved))
    if repair.backup is not None:
        text += "\n" + _("Backup taken first: {file}").format(file=repair.backup.name)
    QMessageBox.information(parent, _(TWIN_WORDS.title), text)
    return ALL_CHANGES
