"""A package received in words, the same on the «Packages» page and on the command line:
«12 new, 3 updated, 40 unchanged, 1 conflict» and the counts per kind of record."""

from __future__ import annotations

from curator_desktop.i18n import format_number, ngettext
from curator_desktop.services.exchange.results import table_label
from curator_desktop.services.intake.rows import LEGACY_KIND, PackageRow

_PARTS = (
    ("new", lambda n: ngettext("{n} new", "{n} new", n)),
    ("changed", lambda n: ngettext("{n} updated", "{n} updated", n)),
    ("deleted", lambda n: ngettext("{n} deleted", "{n} deleted", n)),
    ("unchanged", lambda n: ngettext("{n} unchanged", "{n} unchanged", n)),
    ("conflicts", lambda n: ngettext("{n} conflict", "{n} conflicts", n)),
)


def counts_text(counts: dict[str, int] | object) -> str:
    """«12 new, 3 updated, 40 unchanged, 1 conflict» of one kind's counts ("" when none)."""
    found = counts if isinstance(counts, dict) else {}
    parts = []
    for name, text in _PARTS:
        n = int(found.get(name, 0))
        if n:
            parts.append(text(n).format(n=format_number(n)))
    return ", ".join(parts)


def summary_text(row: PackageRow) -> str:
    """The counts over every kind of record of a package."""
    return counts_text({name: row.total(name) for name, _text in _PARTS})


def details_lines(row: PackageRow) -> list[str]:
    """One item per kind of record: «Schools: 3 new, 1 updated»."""
    lines = []
    for kind, counts in sorted(row.counts.items(), key=lambda item: table_label(item[0])):
        text = counts_text(dict(counts))
        if text and kind != LEGACY_KIND:
            lines.append(f"{table_label(kind)}: {text}")
        elif text:
            lines.append(text)
    return lines
