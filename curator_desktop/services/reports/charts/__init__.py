"""Charts drawn for the window and for reports (reportlab graphics)."""
