"""Tables written for people to open in Excel or LibreOffice (CSV, XLSX).

Every such file goes through this package: :func:`neutralise` keeps a cell from being run as a
formula (OWASP's CSV-injection rule), :func:`write_csv` and :func:`write_xlsx` apply it to every
cell and write the file whole or not at all. Nothing else in the app writes CSV or XLSX (a test
checks the sources).
"""

from __future__ import annotations

from curator_desktop.services.spreadsheets.cells import FORMULA_TRIGGERS, neutralise
from curator_desktop.services.spreadsheets.writers import write_csv, write_xlsx, write_xlsx_sheets

__all__ = ["FORMULA_TRIGGERS", "neutralise", "write_csv", "write_xlsx", "write_xlsx_sheets"]
