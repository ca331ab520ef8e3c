"""Importing a regional roadmap file: reading DOCX/XLSX/CSV/TXT and writing it after a preview."""
