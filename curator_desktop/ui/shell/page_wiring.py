"""What each page of the main window asks of it: opening a school, a visit or a curator's
schools, and announcing data changes to the other pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from curator_desktop.ui.common.page import Page
    from curator_desktop.ui.documents.worklist_page import DocumentsPage
    from curator_desktop.ui.exchange.page import ExchangePage
    from curator_desktop.ui.plan.page import PlanPage
    from curator_desktop.ui.region.curators_page import CuratorsPage
    from curator_desktop.ui.region.overview_page import RegionPage
    from curator_desktop.ui.reports.page import ReportsPage
    from curator_desktop.ui.schools.page import SchoolsPage
    from curator_desktop.ui.settings.page import SettingsPage
    from curator_desktop.ui.shell.main_window import MainWindow
    from curator_desktop.ui.today.page import TodayPage
    from curator_desktop.ui.visits.page import VisitsPage


def connect_page(window: MainWindow, key: str, page: Page) -> None:
    """Connect the page ``key``'s requests to the window that shows it."""
    if key == "today":
        from curator_desktop.ui.today import navigation

        today = cast("TodayPage", page)
        today.target_activated.connect(lambda target: navigation.open_target(window, target))
        today.command_requested.connect(lambda name: navigation.run_command(window, name))
    elif key == "schools":
        schools = cast("SchoolsPage", page)
        schools.school_activated.connect(window.open_school)
        schools.add_requested.connect(window.new_school)
        schools.import_requested.connect(window.import_schools)
        schools.twins_repair_requested.connect(window.repair_twins)
    elif key == "visits":
        visits = cast("VisitsPage", page)
        visits.visit_activated.connect(window.visit_windows.open)
        visits.new_visit_requested.connect(window.visit_windows.new_visit)
        visits.recommendation_activated.connect(window._open_recommendation)
    elif key == "documents":
        cast("DocumentsPage", page).school_activated.connect(window.open_school_documents)
    elif key == "plan":
        plan = cast("PlanPage", page)
        plan.data_changed.connect(window.data_changed)
        plan.visit_activated.connect(window.visit_windows.open)
    elif key == "region":
        cast("RegionPage", page).school_activated.connect(window.open_school_read_only)
    elif key == "curators":
        cast("CuratorsPage", page).curator_activated.connect(window.show_curator_schools)
    elif key in ("reports", "exchange", "events", "packages"):
        cast("ReportsPage | ExchangePage", page).data_changed.connect(window.data_changed)
    elif key == "settings":
        settings = cast("SettingsPage", page)
        settings.backup_taken.connect(window._update_status)
        settings.store_restored.connect(window._on_settings_store_restored)
        settings.catalog_panel.data_changed.connect(window.data_changed)
