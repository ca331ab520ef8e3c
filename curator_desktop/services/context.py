"""What the application hands to its windows: paths, settings and, once opened, the store with
every service over it (each built once per opened store)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from curator_desktop.paths import AppPaths
from curator_desktop.settings import Settings, save_settings

if TYPE_CHECKING:
    from curator_desktop.services.catalogs.service import CatalogService
    from curator_desktop.services.documents.service import DocumentService
    from curator_desktop.services.events import EventService
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.services.intake.service import IntakeService
    from curator_desktop.services.plan.service import PlanService
    from curator_desktop.services.profile.service import ProfileService
    from curator_desktop.services.region.service import RegionService
    from curator_desktop.services.reports.service import ReportService
    from curator_desktop.services.risk.profiles import RiskProfileService
    from curator_desktop.services.schools.service import SchoolService
    from curator_desktop.services.selfdiag import SelfdiagService
    from curator_desktop.services.store_opening import OpenedStore
    from curator_desktop.services.today.service import TodayService
    from curator_desktop.services.visits.service import VisitService
    from curator_desktop.store.database import Database
    from curator_desktop.store.repositories.history import HistoryRepository
    from curator_desktop.store.repositories.profile import ProfileRepository
    from curator_desktop.store.repositories.recommendations import RecommendationRepository
    from curator_desktop.store.repositories.schools import SchoolRepository
    from curator_desktop.store.repositories.visits import VisitRepository

T = TypeVar("T")


@dataclass
class AppContext:
    """Everything a window needs, built once by the composition root.

    Once the store is open: read-only query objects (``schools``, ``visits``, ``profiles``,
    ``history``, ``recommendations``) and the services every change goes through
    (``exchange_service``, ``school_service``, ``risk_service``, ``visit_service``,
    ``report_service``, ``catalog_service``, ``plan_service``, ``profile_service``). Widgets
    never build a service or open a session themselves.
    """

    paths: AppPaths
    settings: Settings
    log_file: Path
    demo: bool = False
    store: OpenedStore | None = field(default=None)
    started_at: float = field(default_factory=time.perf_counter)
    _services: dict[str, tuple[Database, object]] = field(
        default_factory=dict, init=False, repr=False
    )

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

    # Services: each is built once per opened store, on first use (its module imports the
    # store layer), and built again when another store has been opened since.

    def _service(self, name: str, build: Callable[[Database], T]) -> T:
        database = self.database
        cached = self._services.get(name)
        if cached is None or cached[0] is not database:
            cached = (database, build(database))
            self._services[name] = cached
        return cast("T", cached[1])

    @property
    def exchange_service(self) -> ExchangeService:
        """Exporting, previewing and importing packages (imports take a backup first)."""

        def build(database: Database) -> ExchangeService:
            from curator_desktop.services.exchange.service import ExchangeService

            return ExchangeService.for_paths(database, self.paths)

        return self._service("exchange", build)

    @property
    def school_service(self) -> SchoolService:
        """A school's card writes, and the import of the coordinator's list of schools."""

        def build(database: Database) -> SchoolService:
            from curator_desktop.services.schools.service import SchoolService

            return SchoolService(
                database, backup_dir=self.paths.backup_dir, store_file=self.paths.store_file
            )

        return self._service("schools", build)

    @property
    def risk_service(self) -> RiskProfileService:
        """Schools' risk profiles: verifying, starting a year, evidence, history."""

        def build(database: Database) -> RiskProfileService:
            from curator_desktop.services.risk.profiles import RiskProfileService

            return RiskProfileService(database)

        return self._service("risk", build)

    @property
    def visit_service(self) -> VisitService:
        """The visit editor's service."""

        def build(database: Database) -> VisitService:
            from curator_desktop.services.visits.service import VisitService

            return VisitService(
                database,
                attachments_dir=self.paths.attachments_dir,
                device_id=self.settings.device_id,
            )

        return self._service("visits", build)

    @property
    def report_service(self) -> ReportService:
        """Generating and listing the PDF reports."""

        def build(database: Database) -> ReportService:
            from curator_desktop.paths import cache_root
            from curator_desktop.services.reports.service import ReportService

            return ReportService(
                database,
                reports_dir=self.paths.reports_dir,
                cache_dir=cache_root() / "report-images",
                device_id=self.settings.device_id,
                attachments_dir=self.paths.attachments_dir,
            )

        return self._service("reports", build)

    @property
    def document_service(self) -> DocumentService:
        """A school's documents: versions, reviews, confirmations, the worklist (#21)."""

        def build(database: Database) -> DocumentService:
            from curator_desktop.services.documents.service import DocumentService

            return DocumentService(
                database,
                attachments_dir=self.paths.attachments_dir,
                device_id=self.settings.device_id,
            )

        return self._service("documents", build)

    @property
    def catalog_service(self) -> CatalogService:
        """The risk-factor catalog in force and the checklist templates (imports back up)."""

        def build(database: Database) -> CatalogService:
            from curator_desktop.services.catalogs.service import CatalogService

            return CatalogService(database, backup_dir=self.paths.backup_dir)

        return self._service("catalogs", build)

    @property
    def plan_service(self) -> PlanService:
        """Roadmaps and the curator's plan; roadmap imports take a backup first."""

        def build(database: Database) -> PlanService:
            from curator_desktop.services.plan.service import PlanService

            return PlanService(database, backup_dir=self.paths.backup_dir)

        return self._service("plan", build)

    @property
    def profile_service(self) -> ProfileService:
        """The store owner's profile and role (saves are checked by the domain's rules)."""

        def build(database: Database) -> ProfileService:
            from curator_desktop.services.profile.service import ProfileService

            return ProfileService(database)

        return self._service("profile", build)

    @property
    def selfdiag_service(self) -> SelfdiagService:
        """«Школа Минпросвещения России»: self-diagnosis rounds, decisions, programme per year."""

        def build(database: Database) -> SelfdiagService:
            from curator_desktop.services.selfdiag import SelfdiagService

            return SelfdiagService(
                database, device_id=self.settings.device_id, backup_dir=self.paths.backup_dir
            )

        return self._service("selfdiag", build)

    @property
    def today_service(self) -> TodayService:
        """«Сегодня»: what is due on a day, gathered from the other services (reads only)."""

        def build(database: Database) -> TodayService:
            from curator_desktop.services.today.service import TodayService

            return TodayService(
                database,
                documents=self.document_service,
                plan=self.plan_service,
                events=self.event_service,
            )

        return self._service("today", build)

    @property
    def event_service(self) -> EventService:
        """Events the curator attends: seminars, webinars, meetings, councils (#23)."""

        def build(database: Database) -> EventService:
            from curator_desktop.services.events import EventService

            return EventService(
                database,
                device_id=self.settings.device_id,
                attachments_dir=self.paths.attachments_dir,
            )

        return self._service("events", build)

    @property
    def intake_service(self) -> IntakeService:
        """Packages received and the review of the curators' reports (#24)."""
        from curator_desktop.services.intake.service import IntakeService

        return self._service("intake", IntakeService)

    @property
    def region_service(self) -> RegionService:
        """The region at a glance from the curators' packages (reads only; #24)."""

        def build(database: Database) -> RegionService:
            from curator_desktop.services.region.service import RegionService

            return RegionService(database)

        return self._service("region", build)

    def restore_backup(self, backup_file: Path) -> Path | None:
        """Replace the open store by ``backup_file`` (see :meth:`OpenedStore.restore`); returns
        the copy of the store taken first."""
        if self.store is None:
            raise RuntimeError("the store is not open yet")
        return self.store.restore(backup_file)

    def save_settings(self) -> None:
        """Persist the settings atomically."""
        save_settings(self.settings, self.paths.settings_file)
