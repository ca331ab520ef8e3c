"""The coordinator's analytical справки on the region (#24): data, then the PDF."""
