"""What an import would do, before anything changes: who sent the package (name, organisation,
region, date), its signature (the key's fingerprint, or «unsigned») and what to watch for (a
key seen for the first time, a name that conflicts), then per kind of record how many are new,
changed, unchanged, deleted or in conflict. A school of the package without ИНН whose name
and municipality are those of a local school is proposed as a checkbox, unchecked: it is
mapped onto the local school only when the user checks it (``confirmed()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _, format_date, format_datetime, format_number, ngettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.exchange.conflict_dialog import ConflictDialog

if TYPE_CHECKING:
    from curator_desktop.services.exchange.merge.identity import NameMatch
    from curator_desktop.services.exchange.package.format import Scope
    from curator_desktop.services.exchange.results import ImportPreview

COUNT_KINDS = ("new", "changed", "unchanged", "deleted", "conflicts")


def scope_text(scope: Scope) -> str:
    """What a package carries, in words."""
    if scope.kind == "since" and scope.since is not None:
        return _("changes since {when}").format(when=format_datetime(scope.since))
    if scope.kind == "selection":
        text = ngettext("{n} selected school", "{n} selected schools", len(scope.school_ids))
        text = text.format(n=format_number(len(scope.school_ids)))
        if scope.date_from or scope.date_to:
            start = format_date(scope.date_from) if scope.date_from else "…"
            end = format_date(scope.date_to) if scope.date_to else "…"
            period = f"{start} – {end}"
            text += ", " + _("visits of {period}").format(period=period)
        return text
    if scope.kind == "setup":  # a coordinator's set-up package (#24)
        count = len(scope.school_ids)
        return ngettext(
            "the region set-up for {curator}: {n} school",
            "the region set-up for {curator}: {n} schools",
            count,
        ).format(curator=scope.curator_name, n=format_number(count))
    return _("the whole store")


class ImportPreviewDialog(QDialog):
    """Shows an :class:`ImportPreview`; «Import» stays disabled while conflicts are unresolved.

    Accepting means the user confirmed; ``resolutions`` holds the conflicts' choices and
    :meth:`confirmed` the schools proposed by name that the user checked.
    """

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import a package"))
        self.preview = preview
        self.resolutions: dict[tuple[str, str], Any] = {}
        manifest = preview.manifest
        self.sender_label, self.signature_label, self.warning_label = self._sender_labels()
        info = QFormLayout()
        info.addRow(_("File:"), QLabel(preview.path.name))
        info.addRow(_("Signature:"), self.signature_label)
        info.addRow(_("Computer:"), QLabel(manifest.device_id))
        info.addRow(_("Created:"), QLabel(format_datetime(manifest.created_at)))
        info.addRow(_("Contents:"), QLabel(scope_text(manifest.scope)))
        self.table = self._counts_table()
        from curator_desktop.services.exchange.results import name_match_text

        identity = preview.reconciliation.identity
        self.proposals: tuple[NameMatch, ...] = identity.proposals if identity else ()
        self.match_checks = [QCheckBox(name_match_text(m)) for m in self.proposals]
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.resolve_button = QPushButton(_("Resolve conflicts…"))
        self.resolve_button.clicked.connect(self.resolve_conflicts)
        self.resolve_button.setVisible(bool(preview.conflicts))
        self.import_button = QPushButton(_("Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.resolve_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sender_label)
        layout.addLayout(info)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.table, 1)
        if self.match_checks:
            hint = QLabel(
                _("These schools have no INN; check those that are the same school here:")
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
            for check in self.match_checks:
                layout.addWidget(check)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self._update_state()
        fit_to_screen(self, (760, 560), anchor=parent)

    def _sender_labels(self) -> tuple[QLabel, QLabel, QLabel]:
        """The sender's line (bold), the signature, and the warnings (hidden when none)."""
        from curator_desktop.services.exchange.senders import text
        from curator_desktop.services.exchange.senders.check import SenderCheck

        sender = self.preview.sender or SenderCheck.of(
            self.preview.manifest, same_store=self.preview.same_store
        )
        line = QLabel(text.sender_line(sender))
        line.setWordWrap(True)
        font = line.font()
        font.setBold(True)
        line.setFont(font)
        line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        signature = QLabel(text.signature_text(sender))
        signature.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lines = text.warnings(sender)
        warning = QLabel("\n".join(lines))
        warning.setWordWrap(True)
        warning.setStyleSheet(
            colours.ERROR_STYLE if sender.conflict else f"color: {colours.WARNING_TEXT};"
        )
        warning.setVisible(bool(lines))
        return line, signature, warning

    def sender_shown(self) -> dict[str, str]:
        """What the dialog says of the sender: ``sender``, ``signature``, ``warning``."""
        return {
            "sender": self.sender_label.text(),
            "signature": self.signature_label.text(),
            "warning": self.warning_label.text() if self.warning_label.isVisibleTo(self) else "",
        }

    def _counts_table(self) -> QTableWidget:
        from curator_desktop.services.exchange.results import table_label

        headers = [
            _("Records"),
            _("New"),
            _("Changed"),
            _("Unchanged"),
            _("Deleted"),
            _("Conflicts"),
        ]
        rows = [(t, c) for t, c in self.preview.counts.items() if c.total]
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, (name, counts) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(table_label(name)))
            for column, kind in enumerate(COUNT_KINDS, start=1):
                value = getattr(counts, kind)
                item = QTableWidgetItem(format_number(value) if value else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def counts_shown(self) -> dict[str, dict[str, str]]:
        """The table as text: kind of record → column → cell (what the user reads)."""
        result: dict[str, dict[str, str]] = {}
        for row in range(self.table.rowCount()):
            cells = {
                kind: self.table.item(row, column).text()
                for column, kind in enumerate(COUNT_KINDS, start=1)
            }
            result[self.table.item(row, 0).text()] = cells
        return result

    def confirmed(self) -> list[tuple[str, str]]:
        """(incoming school id, local school id) of the proposals the user checked."""
        return [
            (match.incoming_id, match.local_id)
            for match, check in zip(self.proposals, self.match_checks, strict=True)
            if check.isChecked()
        ]

    def unresolved(self) -> int:
        return sum(1 for c in self.preview.conflicts if c.key not in self.resolutions)

    def _update_state(self) -> None:
        unresolved = self.unresolved()
        conflicts = len(self.preview.conflicts)
        if not self.preview.has_changes:
            text = _("Everything in this package is already here: there is nothing to import.")
        elif unresolved:
            text = ngettext(
                "{n} record was changed both here and in the package: resolve the conflict "
                "to import.",
                "{n} records were changed both here and in the package: resolve the conflicts "
                "to import.",
                unresolved,
            ).format(n=format_number(unresolved))
        elif conflicts:
            text = _("Conflicts resolved. A backup is taken before the import.")
        else:
            text = _("Nothing changes until you press «Import»; a backup is taken first.")
        self.status_label.setText(text)
        self.import_button.setEnabled(self.preview.has_changes and not unresolved)

    def resolve_conflicts(self) -> None:
        """Open the conflict dialog; its choices are kept when it is accepted."""
        dialog = ConflictDialog(self.preview.conflicts, self.resolutions or None, self)
        if dialog.exec():
            self.resolutions = dialog.resolutions()
        dialog.deleteLater()
        self._update_state()
