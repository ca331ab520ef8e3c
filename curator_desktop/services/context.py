"""What the application hands to its windows: paths, settings and, once opened, the store."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.paths import AppPaths
from curator_desktop.settings import Settings, save_settings

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import PlanService
    from curator_desktop.services.reports.service import ReportService
    from curator_desktop.services.store_opening import OpenedStore
    from curator_desktop.services.visits.service import VisitService
    from curator_desktop.store.database import Database
    from curator_desktop.store.repositories.history import HistoryRepository
    from curator_desktop.store.repositories.profile import ProfileRepository
    from curator_desktop.store.repositories.recommendations import RecommendationRepository
    from curator_desktop.store.repositories.schools import SchoolRepository
    from curator_desktop.store.repositories.visits import VisitRepository


@dataclass
class AppContext:
    """Everything a window needs, built once by the composition root."""

    paths: AppPaths
    settings: Settings
    log_file: Path
    demo: bool = False
    store: OpenedStore | None = field(default=None)
    started_at: float = field(default_factory=time.perf_counter)
    _visit_service: VisitService | None = field(default=None, init=False, repr=False)
    _report_service: ReportService | None = field(default=None, init=False, repr=False)
    _roadmap_service: PlanService | None = field(default=None, init=False, repr=False)

    def elapsed_ms(self) -> float:
        """Milliseconds since the context was created (start-up timing in the log)."""
        return (time.perf_counter() - self.started_at) * 1000

    @property
    def database(self) -> Database:
        """The open store's database (only after the store was opened)."""
        if self.store is None:
            raise RuntimeError("the store is not open yet")
        return self.store.database

    # Repositories are imported on first use: SQLModel costs ~0.5 s, and the first window must
    # appear before the store is even open.

    @property
    def schools(self) -> SchoolRepository:
        from curator_desktop.store.repositories.schools import SchoolRepository

        return SchoolRepository(self.database)

    @property
    def visits(self) -> VisitRepository:
        from curator_desktop.store.repositories.visits import VisitRepository

        return VisitRepository(self.database)

    @property
    def profiles(self) -> ProfileRepository:
        from curator_desktop.store.repositories.profile import ProfileRepository

        return ProfileRepository(self.database)

    @property
    def history(self) -> HistoryRepository:
        from curator_desktop.store.repositories.history import HistoryRepository

        return HistoryRepository(self.database)

    @property
    def recommendations(self) -> RecommendationRepository:
        from curator_desktop.store.repositories.recommendations import RecommendationRepository

        return RecommendationRepository(self.database)

    @property
    def visit_service(self) -> VisitService:
        """The visit editor's service, built on first use (again when another store is open)."""
        database = self.database
        service = self._visit_service
        if service is None or service.database is not database:
            from curator_desktop.services.visits.service import VisitService

            service = VisitService(
                database,
                attachments_dir=self.paths.attachments_dir,
                device_id=self.settings.device_id,
            )
            self._visit_service = service
        return service

    @property
    def report_service(self) -> ReportService:
        """The reports' service, built on first use (again when another store is open)."""
        database = self.database
        service = self._report_service
        if service is None or service.database is not database:
            from curator_desktop.paths import cache_root
            from curator_desktop.services.reports.service import ReportService

            service = ReportService(
                database,
                reports_dir=self.paths.reports_dir,
                cache_dir=cache_root() / "report-images",
                device_id=self.settings.device_id,
                attachments_dir=self.paths.attachments_dir,
            )
            self._report_service = service
        return service

    @property
    def roadmap_service(self) -> PlanService:
        """Roadmaps and the curator's plan, built on first use (again when another store is
        open); imports take a backup first."""
        database = self.database
        service = self._roadmap_service
        if service is None or service.database is not database:
            from curator_desktop.services.plan.service import PlanService

            service = PlanService(database, backup_dir=self.paths.backup_dir)
            self._roadmap_service = service
        return service

    def save_settings(self) -> None:
        """Persist the settings atomically."""
        save_settings(self.settings, self.paths.settings_file)
