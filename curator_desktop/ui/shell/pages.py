"""The window's pages registry: each page's key, title and where its class lives.

Page modules are imported only when a page is first built, so the first paint pays for the page
on screen alone.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curator_desktop.i18n import N_

if TYPE_CHECKING:
    from curator_desktop.ui.common.page import Page


@dataclass(frozen=True)
class PageSpec:
    """A page of the window: its key, its title (``N_``) and where its class lives (module)."""

    key: str
    title: str
    module: str
    class_name: str

    def build(self) -> Page:
        """A new instance of the page (its module imported on first use)."""
        page: Page = getattr(importlib.import_module(self.module), self.class_name)()
        return page


PAGES = (
    PageSpec("today", N_("Today"), "curator_desktop.ui.today.page", "TodayPage"),
    PageSpec("schools", N_("Schools"), "curator_desktop.ui.schools.page", "SchoolsPage"),
    PageSpec("visits", N_("Visits"), "curator_desktop.ui.visits.page", "VisitsPage"),
    PageSpec(
        "documents", N_("Documents"), "curator_desktop.ui.documents.worklist_page", "DocumentsPage"
    ),
    PageSpec("plan", N_("Plan"), "curator_desktop.ui.plan.page", "PlanPage"),
    PageSpec("events", N_("Events"), "curator_desktop.ui.events.page", "EventsPage"),
    PageSpec("reports", N_("Reports"), "curator_desktop.ui.reports.page", "ReportsPage"),
    PageSpec("exchange", N_("Exchange"), "curator_desktop.ui.exchange.page", "ExchangePage"),
    PageSpec("settings", N_("Settings"), "curator_desktop.ui.settings.page", "SettingsPage"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
