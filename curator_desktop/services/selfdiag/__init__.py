"""«Школа Минпросвещения России» over the store: the catalog in force, rounds of the
self-diagnosis with their deficits, management decisions, the programme per school and year,
results files, and the consultation schedule.

The face other features use (the UI, reports, the CLI, the demo)::

    service = SelfdiagService(database)
    service.catalog()                          # SelfdiagCatalog in force
    service.rounds(school_id)                  # [SelfdiagRound], oldest first
    service.comparison(school_id)              # RoundComparison of the last two rounds, or None
    service.decisions(school_id)               # [Decision]
    service.programme_for(school_id, year)     # "500plus" | "minpros_school"
    consultation_schedule(database, date_from=…, date_to=…)  # [ConsultationEntry]
"""

from curator_desktop.services.selfdiag.catalog import (
    CatalogInstalled,
    builtin_catalog,
    catalog_in_force,
    install_catalog,
    read_catalog_file,
)
from curator_desktop.services.selfdiag.programme import (
    ProgrammeYear,
    programme_for,
    programme_year,
    programme_years,
    set_programme,
)
from curator_desktop.services.selfdiag.results_file import ResultsFile, read_results_file
from curator_desktop.services.selfdiag.schedule import (
    CONSULTATION,
    INTERVIEW,
    ConsultationEntry,
    consultation_schedule,
)
from curator_desktop.services.selfdiag.service import ImportedRound, SelfdiagService

__all__ = [
    "CONSULTATION",
    "INTERVIEW",
    "CatalogInstalled",
    "ConsultationEntry",
    "ImportedRound",
    "ProgrammeYear",
    "ResultsFile",
    "SelfdiagService",
    "builtin_catalog",
    "catalog_in_force",
    "consultation_schedule",
    "install_catalog",
    "programme_for",
    "programme_year",
    "programme_years",
    "read_catalog_file",
    "read_results_file",
    "set_programme",
]
