"""Recording visits: autosaved edits, checks before completion, attachments, templates."""
