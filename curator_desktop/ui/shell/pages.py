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
    PageSpec("region", N_("Region"), "curator_desktop.ui.region.overview_page", "RegionPage"),
    PageSpec("curators", N_("Curators"), "curator_desktop.ui.region.curators_page", "CuratorsPage"),
    PageSpec("schools", N_("Schools"), "curator_desktop.ui.schools.page", "SchoolsPage"),
    PageSpec("visits", N_("Visits"), "curator_desktop.ui.visits.page", "VisitsPage"),
    PageSpec(
        "documents", N_("Documents"), "curator_desktop.ui.documents.worklist_page", "DocumentsPage"
    ),
    PageSpec("plan", N_("Plan"), "curator_desktop.ui.plan.page", "PlanPage"),
    PageSpec("events", N_("Events"), "curator_desktop.ui.events.page", "EventsPage"),
    PageSpec("reports", N_("Reports"), "curator_desktop.ui.reports.page", "ReportsPage"),
    PageSpec("exchange", N_("Exchange"), "curator_desktop.ui.exchange.page", "ExchangePage"),
    PageSpec("packages", N_("Packages"), "curator_desktop.ui.intake.page", "PackagesPage"),
    PageSpec("settings", N_("Settings"), "curator_desktop.ui.settings.page", "SettingsPage"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)

COORDINATOR_ONLY = frozenset({"region", "curators", "packages"})
"""Pages of a coordinator's store alone: the region gathered from the curators' packages."""
CURATOR_ONLY = frozenset({"today"})
"""Pages of a curator's store alone: «Сегодня» is one person's day of visits and deadlines."""


def page_keys_for(coordinator: bool) -> tuple[str, ...]:
    """The pages shown in a coordinator's (or a curator's) window, in navigation order."""
    hidden = CURATOR_ONLY if coordinator else COORDINATOR_ONLY
    return tuple(key for key in PAGE_KEYS if key not in hidden)


def first_page(coordinator: bool) -> str:
    """Where the window opens: the region for a coordinator, «Сегодня» for a curator."""
    return "region" if coordinator else "today"
