"""The Reports page, report preview and printing, batch and period reports."""
