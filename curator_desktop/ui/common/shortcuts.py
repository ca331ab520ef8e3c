"""Keyboard shortcuts named in more than one place (a light module: no page is imported)."""

NEW_VISIT_SHORTCUT = "Ctrl+Shift+N"
"""File ▸ New visit, and the hint on the Visits page's button."""
