"""What the fields of records in conflict are called, in the user's language (the conflict
dialog and the command line name them alike)."""

from __future__ import annotations

from curator_desktop.domain.schools.rules import FIELD_LABELS as SCHOOL_LABELS
from curator_desktop.i18n import N_, _

FIELD_LABELS = {
    "full_name": N_("Full name"),
    "short_name": N_("Short name"),
    "municipality": N_("Municipality"),
    "address": N_("Address"),
    "director_name": N_("Director"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "notes": N_("Notes"),
    "value": N_("Answer"),
    "comment": N_("Comment"),
    "text": N_("Text"),
    "status": N_("Status"),
    "purpose": N_("Purpose"),
    "planned_date": N_("Planned date"),
    "deleted": N_("Deleted"),
}
"""Names of the fields most often in conflict (the school's fields are named as in its card);
others are shown by their column name."""


def field_label(name: str) -> str:
    """The translated name of a field, else its column name in words."""
    label = FIELD_LABELS.get(name) or SCHOOL_LABELS.get(name)
    return _(label) if label else name.replace("_", " ").capitalize()
