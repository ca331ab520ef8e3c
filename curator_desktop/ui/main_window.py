"""The main window: navigation between the pages, status bar, menus, opening the store."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from curator_desktop import APP_NAME
from curator_desktop.i18n import _, format_datetime
from curator_desktop.services.context import AppContext
from curator_desktop.store.lock import StoreLock
from curator_desktop.ui.errors import show_error
from curator_desktop.ui.pages.exchange_page import ExchangePage
from curator_desktop.ui.pages.page import Page
from curator_desktop.ui.pages.plan_page import PlanPage
from curator_desktop.ui.pages.reports_page import ReportsPage
from curator_desktop.ui.pages.schools_page import SchoolsPage
from curator_desktop.ui.pages.settings_page import SettingsPage
from curator_desktop.ui.pages.visits_page import NEW_VISIT_SHORTCUT, VisitsPage
from curator_desktop.ui.workers import run_in_background

if TYPE_CHECKING:
    from curator_desktop.ui.dialogs.school_card import SchoolCardDialog

log = logging.getLogger(__name__)

ALL_KINDS = frozenset(
    {
        "schools",
        "visits",
        "recommendations",
        "risks",
        "reports",
        "exchange",
        "profile",
        "backups",
        "roadmaps",
    }
)


NAVIGATION_WIDTH = 160


class MainWindow(QMainWindow):
    """Hosts the pages; opens the store off the GUI thread and hands it to every page."""

    store_opened = Signal()
    store_failed = Signal(object)
    data_changed = Signal(frozenset)

    def __init__(
        self,
        context: AppContext,
        *,
        quit_after_show: bool = False,
        store_lock: StoreLock | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self._quit_after_show = quit_after_show
        self._store_lock = store_lock
        title = APP_NAME + (" — " + _("demo store") if context.demo else "")
        self.setWindowTitle(title)
        self.pages: dict[str, Page] = {
            "schools": SchoolsPage(),
            "visits": VisitsPage(),
            "plan": PlanPage(),
            "reports": ReportsPage(),
            "exchange": ExchangePage(),
            "settings": SettingsPage(),
        }
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for key, page in self.pages.items():
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(NAVIGATION_WIDTH - 10, 36))
            self.navigation.addItem(item)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.currentRowChanged.connect(self._on_navigation_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.store_label = QLabel(_("Opening the store…"))
        self.backup_label = QLabel()
        self.export_label = QLabel()
        for label in (self.store_label, self.backup_label, self.export_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.statusBar().addPermanentWidget(self.export_label)

        self._build_menus()
        settings_page = self.pages["settings"]
        assert isinstance(settings_page, SettingsPage)
        settings_page.backup_taken.connect(self._update_status)
        settings_page.store_restored.connect(self._on_settings_store_restored)
        settings_page.catalog_panel.catalog_changed.connect(self._on_catalog_changed)
        schools_page = self.pages["schools"]
        assert isinstance(schools_page, SchoolsPage)
        schools_page.school_activated.connect(self.open_school)
        schools_page.add_requested.connect(self.new_school)
        schools_page.import_requested.connect(self.import_schools)
        from curator_desktop.ui.visit_editor.launcher import VisitWindows

        self.visit_windows = VisitWindows(context, self)
        self.visit_windows.data_changed.connect(self.data_changed)
        visits_page = self.pages["visits"]
        assert isinstance(visits_page, VisitsPage)
        visits_page.visit_activated.connect(self.visit_windows.open)
        visits_page.new_visit_requested.connect(self.visit_windows.new_visit)
        visits_page.recommendation_activated.connect(self._open_recommendation)
        plan_page = self.pages["plan"]
        assert isinstance(plan_page, PlanPage)
        plan_page.data_changed.connect(self.data_changed)
        plan_page.visit_activated.connect(self.visit_windows.open)
        reports_page = self.pages["reports"]
        assert isinstance(reports_page, ReportsPage)
        reports_page.data_changed.connect(self.data_changed)
        exchange_page = self.pages["exchange"]
        assert isinstance(exchange_page, ExchangePage)
        exchange_page.data_changed.connect(self.data_changed)
        self.data_changed.connect(self._on_data_changed)
        self._restore_geometry()
        self.show_page(
            context.settings.last_page if context.settings.last_page in self.pages else "schools"
        )

    # -- pages -------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        """Switch to the page named ``key`` (schools, visits, plan, reports, exchange,
        settings)."""
        self.navigation.setCurrentRow(list(self.pages).index(key))

    def current_page_key(self) -> str:
        return list(self.pages)[self.stack.currentIndex()]

    def _on_navigation_changed(self, row: int) -> None:
        if row >= 0:
            self.context.settings.last_page = list(self.pages)[row]

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        backup = QAction(_("&Back up now"), self)
        backup.triggered.connect(self._on_backup_action_triggered)
        open_folder = QAction(_("Open &data folder"), self)
        open_folder.triggered.connect(self._on_open_folder_triggered)
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        new_school = QAction(_("&New school…"), self)
        new_school.setShortcut(QKeySequence.StandardKey.New)
        new_school.triggered.connect(self.new_school)
        import_schools = QAction(_("&Import list of schools…"), self)
        import_schools.triggered.connect(self.import_schools)
        export_action = QAction(_("&Export a package…"), self)
        export_action.triggered.connect(lambda: self._exchange_page().export())
        import_action = QAction(_("Im&port a package…"), self)
        import_action.triggered.connect(lambda: self._exchange_page().import_package())
        new_visit = QAction(_("New &visit…"), self)
        new_visit.setShortcut(QKeySequence(NEW_VISIT_SHORTCUT))
        new_visit.triggered.connect(self._on_new_visit_triggered)
        import_roadmap = QAction(_("Import &roadmap…"), self)
        import_roadmap.triggered.connect(self.import_roadmap)
        self.store_actions = [
            new_school,
            import_schools,
            new_visit,
            import_roadmap,
            export_action,
            import_action,
        ]
        for action in self.store_actions:
            action.setEnabled(False)
        file_menu.addActions([new_school, new_visit, import_schools, import_roadmap])
        file_menu.addSeparator()
        file_menu.addActions([export_action, import_action])
        file_menu.addSeparator()
        file_menu.addActions([backup, open_folder])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(_("&Go"))
        for number, (key, page) in enumerate(self.pages.items(), start=1):
            action = QAction(page.title(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda checked=False, k=key: self.show_page(k))
            go_menu.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About Curator Desktop"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    # -- the store ---------------------------------------------------------------------------

    def open_store(self) -> None:
        """Open the store in the background; the pages fill in when it is ready.

        Even the import of the store layer (SQLModel, ≈0.5 s) happens off the GUI thread.
        """
        log.info("Window shown %.0f ms after start-up began", self.context.elapsed_ms())
        context, lock = self.context, self._store_lock

        def _open() -> object:
            from curator_desktop.services.store_service import open_store

            return open_store(
                context.paths, device_id=context.settings.device_id, demo=context.demo, lock=lock
            )

        run_in_background(
            _open,
            on_done=self._on_store_ready,
            on_error=self._on_store_error,
        )

    def _on_store_ready(self, opened: object) -> None:
        self.context.store = opened  # type: ignore[assignment]
        for page in self.pages.values():
            page.attach(self.context)
        for action in self.store_actions:
            action.setEnabled(True)
        self._update_status()
        log.info("Data shown %.0f ms after start-up began", self.context.elapsed_ms())
        self.store_opened.emit()
        if self._quit_after_show:
            QTimer.singleShot(0, QApplication.quit)
            return
        if not self.context.demo:
            QTimer.singleShot(0, self._ask_profile_if_missing)

    def _on_store_error(self, exc: BaseException) -> None:
        self.store_label.setText(_("The store could not be opened."))
        self.store_failed.emit(exc)
        if self._quit_after_show:
            log.error("Opening the store failed", exc_info=(type(exc), exc, exc.__traceback__))
            QTimer.singleShot(0, lambda: QApplication.exit(1))
            return
        show_error(self, exc, title=_("The store could not be opened"))
        QTimer.singleShot(0, lambda: QApplication.exit(1))

    def _ask_profile_if_missing(self) -> None:
        from curator_desktop.ui.dialogs.first_run_dialog import FirstRunDialog

        profiles = self.context.profiles
        if profiles.get() is not None:
            return
        if FirstRunDialog(profiles, self).exec():
            self.data_changed.emit(frozenset({"profile"}))

    def _update_status(self) -> None:
        from curator_desktop.store import backups

        if self.context.store is None:
            return
        paths = self.context.paths
        self.store_label.setText(_("Store: {path}").format(path=paths.store_file))
        last_backup = backups.last_backup_time(paths.backup_dir)
        self.backup_label.setText(
            _("Last backup: {when}").format(
                when=format_datetime(last_backup) if last_backup else _("none")
            )
        )
        last_export = self.context.history.last_export()
        self.export_label.setText(
            _("Last export: {when}").format(
                when=format_datetime(last_export.at) if last_export else _("never")
            )
        )

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if self.context.store is None:
            return
        for page in self.pages.values():
            if page.concerns(kinds):
                page.refresh()
        self._update_status()

    def _on_settings_store_restored(self) -> None:
        self.data_changed.emit(ALL_KINDS)

    def bring_to_front(self) -> None:
        """Show, restore and activate the window (another start asked for it)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- schools -----------------------------------------------------------------------------

    def open_school(self, school_id: str | None) -> None:
        """Open the card of a school (``None``: a new school); the lists follow its changes."""
        if self.context.store is None:
            return
        from curator_desktop.ui.dialogs.school_card import SchoolCardDialog

        dialog = SchoolCardDialog(self.context, school_id, self)
        dialog.school_saved.connect(lambda _id: self.data_changed.emit(frozenset({"schools"})))
        dialog.school_archived_changed.connect(
            lambda _id: self.data_changed.emit(frozenset({"schools"}))
        )
        dialog.profile_changed.connect(lambda _id: self.data_changed.emit(frozenset({"risks"})))
        dialog.visit_open_requested.connect(lambda vid: self._open_visit_over(dialog, vid))
        dialog.new_visit_requested.connect(lambda sid: self._new_visit_over(dialog, sid))
        dialog.exec()
        dialog.deleteLater()

    def _open_visit_over(self, card: SchoolCardDialog, visit_id: str) -> None:
        self.visit_windows.open(visit_id, card)
        card.refresh_visits()

    def _new_visit_over(self, card: SchoolCardDialog, school_id: str) -> None:
        self.visit_windows.new_visit(school_id, card)
        card.refresh_visits()

    # -- visits ------------------------------------------------------------------------------

    def _exchange_page(self) -> ExchangePage:
        page = self.pages["exchange"]
        assert isinstance(page, ExchangePage)
        return page

    def _on_new_visit_triggered(self) -> None:
        page = self.pages["visits"]
        assert isinstance(page, VisitsPage)
        page.request_new_visit()

    def _open_recommendation(self, visit_id: str, school_id: str) -> None:
        if visit_id:
            self.visit_windows.open(visit_id)
        else:
            self.open_school(school_id)

    def new_school(self) -> None:
        self.open_school(None)

    def import_schools(self) -> None:
        """Preview and import the coordinator's list of assigned schools."""
        if self.context.store is None:
            return
        from curator_desktop.ui.dialogs.school_import_dialog import SchoolImportDialog

        dialog = SchoolImportDialog(self.context, self)
        dialog.schools_imported.connect(
            lambda _n: self.data_changed.emit(frozenset({"schools", "backups"}))
        )
        dialog.exec()
        dialog.deleteLater()

    def import_roadmap(self) -> None:
        """Show the plan and preview and import a regional roadmap."""
        if self.context.store is None:
            return
        self.show_page("plan")
        page = self.pages["plan"]
        assert isinstance(page, PlanPage)
        page.import_roadmap()

    def _on_catalog_changed(self) -> None:
        self.data_changed.emit(frozenset({"risks", "backups"}))

    # -- actions -----------------------------------------------------------------------------

    def _on_backup_action_triggered(self) -> None:
        settings_page = self.pages["settings"]
        assert isinstance(settings_page, SettingsPage)
        settings_page.take_backup()

    def _on_open_folder_triggered(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.paths.data_dir)))

    def _on_about_triggered(self) -> None:
        from curator_desktop.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.context, self).exec()

    # -- geometry and shutdown ----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.context.settings.window_geometry
        if geometry and self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii"))):
            return
        screen = QApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        if available is None:
            self.resize(1200, 760)
            return
        self.resize(min(1280, available.width() - 40), min(800, available.height() - 60))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.visit_windows.close_all():
            event.ignore()
            return
        self.context.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode(
            "ascii"
        )
        try:
            self.context.save_settings()
        except OSError:
            log.warning("Settings could not be saved", exc_info=True)
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Close the store and release its lock."""
        if self.context.store is not None:
            self.context.store.close()
            self.context.store = None
