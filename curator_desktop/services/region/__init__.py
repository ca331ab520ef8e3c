"""The coordinator's region: one row per school and per curator as of a day (#24), and its
spreadsheet export. Reads only."""

from curator_desktop.services.region.service import RegionService

__all__ = ["RegionService"]
