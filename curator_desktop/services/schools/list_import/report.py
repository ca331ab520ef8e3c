"""An import's preview and outcome as lines (the dialog, the command line) or JSON (scripts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from curator_desktop.domain.schools.rules import field_label
from curator_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from curator_desktop.services.schools.list_import import ImportOutcome
    from curator_desktop.services.schools.list_import.apply import ImportResult
    from curator_desktop.services.schools.list_import.diff import (
        ImportDiff,
        RowError,
        RowToUpdate,
    )
    from curator_desktop.services.schools.list_import.reading import SourceTable


@dataclass(frozen=True)
class PreviewLine:
    """One line of the updates or errors tab: a changed field, or one problem of a row."""

    row: int
    name: str
    field: str
    first: str
    second: str = ""
    source: Any = None


def update_lines(updates: list[RowToUpdate]) -> list[PreviewLine]:
    """One line per changed field of each update (the school by its short name when it has one)."""
    return [
        PreviewLine(u.row, u.fields.short_name or u.name, c.label, c.old or "—", c.new or "—", u)
        for u in updates
        for c in u.changes
    ]


def error_lines(errors: list[RowError]) -> list[PreviewLine]:
    """One line per problem of each error row."""
    return [
        PreviewLine(e.row, e.name, field_label(key) if key else "", text, "", e)
        for e in errors
        for key, text in e.messages.items()
    ]


def preview_summary(table: SourceTable, diff: ImportDiff) -> str:
    """Under the file name: rows read and how, unchanged schools, what to do next."""
    rows, unchanged = len(table.rows), len(diff.unchanged)
    parts = [
        ngettext("{n} row read ({how}).", "{n} rows read ({how}).", rows).format(
            n=rows, how=table.describe()
        ),
        ngettext("{n} school unchanged.", "{n} schools unchanged.", unchanged).format(n=unchanged),
    ]
    if diff.mapping.column_for("full_name") is None and diff.mapping.column_for("inn") is None:
        parts.append(_("Choose the column with the schools' full names or INN."))
    elif diff.errors:
        parts.append(_("Rows with errors are skipped; correct them in the file to import them."))
    if not diff.has_changes:
        parts.append(_("There is nothing to import."))
    return " ".join(parts)


def confirmation_text(diff: ImportDiff) -> str:
    """The question asked before anything is written."""
    text = _("Add {added} and update {updated} schools?").format(
        added=len(diff.to_add), updated=len(diff.to_update)
    )
    text += "\n\n" + _("A backup of your data is taken first.")
    if diff.errors:
        n = len(diff.errors)
        text += " " + ngettext(
            "{n} row with errors will be skipped.", "{n} rows with errors will be skipped.", n
        ).format(n=n)
    return text


def result_text(result: ImportResult) -> str:
    """What was written, said once the import is done."""
    text = _("Imported: {added} added, {updated} updated.").format(
        added=result.added, updated=result.updated
    )
    if result.errors:
        n = result.errors
        text += " " + ngettext(
            "{n} row with errors was skipped.", "{n} rows with errors were skipped.", n
        ).format(n=n)
    return text


def outcome_lines(outcome: ImportOutcome) -> list[str]:
    """The summary: how the file was read, the counts, each update's changes, each error row."""
    table, diff, result = outcome.table, outcome.diff, outcome.result
    lines = [
        _("File: {path} ({how}; header in row {row})").format(
            path=table.path, how=table.describe(), row=table.header_row
        ),
        _("Columns: {columns}").format(
            columns="; ".join(
                f"{field_label(key)} ← «{header}»"
                for key, header in diff.mapping.describe(table.headers).items()
            )
            or "—"
        ),
    ]
    counts = diff.counts()
    lines.append(_("To add: {n}").format(n=counts["add"]))
    for added in diff.to_add:
        lines.append(_("  row {row}: {name}").format(row=added.row, name=added.name))
    lines.append(_("To update: {n}").format(n=counts["update"]))
    for update in diff.to_update:
        changes = "; ".join(change.describe() for change in update.changes)
        lines.append(
            _("  row {row}: {name} — {changes}").format(
                row=update.row, name=update.name, changes=changes
            )
        )
    lines.append(_("Unchanged: {n}").format(n=counts["unchanged"]))
    lines.append(_("Errors: {n}").format(n=counts["errors"]))
    for error in diff.errors:
        if error.name:
            line = _("  row {row}: {name} — {reason}").format(
                row=error.row, name=error.name, reason=error.reason
            )
        else:
            line = _("  row {row}: {reason}").format(row=error.row, reason=error.reason)
        lines.append(line)
    if result is None:
        lines.append(_("Dry run: nothing was written."))
    elif result.written:
        lines.append(result_text(result))
        lines.append(_("Backup taken before the import: {path}").format(path=result.backup))
    else:
        lines.append(_("Nothing to import: the store already has these schools as in the file."))
    return lines


def outcome_json(outcome: ImportOutcome) -> dict[str, Any]:
    """Everything :func:`outcome_lines` says, as one JSON-ready object."""
    table, diff, result = outcome.table, outcome.diff, outcome.result
    return {
        "file": str(table.path),
        "format": table.kind,
        "encoding": table.encoding,
        "delimiter": table.delimiter,
        "sheet": table.sheet,
        "header_row": table.header_row,
        "mapping": diff.mapping.describe(table.headers),
        "dry_run": result is None,
        "counts": diff.counts(),
        "to_add": [{"row": a.row, "name": a.name, "inn": a.fields.inn} for a in diff.to_add],
        "to_update": [
            {
                "row": u.row,
                "name": u.name,
                "school_id": u.school_id,
                "matched_by": u.matched_by,
                "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in u.changes],
            }
            for u in diff.to_update
        ],
        "unchanged": [{"row": u.row, "name": u.name} for u in diff.unchanged],
        "errors": [
            {"row": e.row, "name": e.name, "reason": e.reason, "fields": e.messages}
            for e in diff.errors
        ],
        "written": None
        if result is None
        else {
            "added": result.added,
            "updated": result.updated,
            "backup": str(result.backup) if result.backup else None,
        },
    }
