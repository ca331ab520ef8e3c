"""The main window: navigation between the pages, status bar, menus, opening the store.

Start-up is kept short: only the page on screen is built before the first paint; the others
are built (and filled) one per event-loop turn once the store's data has been painted, or at
once when something asks for them. The log notes when the window and then its data were first
painted ("Window shown …", "Data shown … ms after start-up began").
"""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from curator_desktop import APP_NAME
from curator_desktop.domain.changes import ALL_CHANGES, Change, Changes
from curator_desktop.i18n import _
from curator_desktop.services.context import AppContext
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.tasks import run_in_background
from curator_desktop.ui.shell.menus import WindowMenus
from curator_desktop.ui.shell.pages import PAGE_KEYS, PAGES, first_page, page_keys_for
from curator_desktop.ui.shell.status_line import StatusLine
from curator_desktop.ui.shell.warm_up import WarmUp

if TYPE_CHECKING:
    from curator_desktop.store.lock import StoreLock
    from curator_desktop.ui.common.page import Page
    from curator_desktop.ui.exchange.page import ExchangePage
    from curator_desktop.ui.plan.page import PlanPage
    from curator_desktop.ui.region.overview_page import RegionPage
    from curator_desktop.ui.schools.page import SchoolsPage
    from curator_desktop.ui.settings.page import SettingsPage
    from curator_desktop.ui.visits.page import VisitsPage

log = logging.getLogger(__name__)


NAVIGATION_WIDTH = 160
PAINT_WAIT_MS = 10_000
"""``--quit-after-show`` quits this long after the data arrived even if nothing was painted."""
FIRST_PAGE = first_page(coordinator=False)
"""The page the window opens on: what is due today (a coordinator's store: the region, once the
store has said whose it is)."""


class MainWindow(QMainWindow):
    """Hosts the pages; opens the store off the GUI thread and hands it to every page."""

    store_opened = Signal()
    store_failed = Signal(object)
    data_changed = Signal(frozenset)
    """Something changed in the store: what (``Changes``); the pages showing it refresh."""
    window_shown = Signal()
    """The window has been painted on screen for the first time."""
    data_shown = Signal()
    """The store's data has been painted on screen for the first time."""

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
        self._painted = False
        self._finished = False
        self._data_to_paint = False
        self._pages: dict[str, Page] = {}
        self._coordinator = False
        """Whether the open store is a coordinator's (its pages shown, the curator's hidden)."""
        self._warm_up = WarmUp(self._build_next_page, self)
        title = APP_NAME + (" — " + _("demo store") if context.demo else "")
        self.setWindowTitle(title)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setAccessibleName(_("Sections of the program"))
        self.stack = QStackedWidget()
        for spec in PAGES:
            item = QListWidgetItem(_(spec.title))
            item.setSizeHint(QSize(NAVIGATION_WIDTH - 10, 36))
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget())  # stands in until the page is built
        self.navigation.currentRowChanged.connect(self._on_navigation_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_line = StatusLine(self.statusBar())
        self.store_label = self.status_line.store_label
        self.backup_label = self.status_line.backup_label
        self.menus = WindowMenus(self)
        self._show_role_pages()
        from curator_desktop.ui.visits.editor.launcher import VisitWindows

        self.visit_windows = VisitWindows(context, self)
        self.visit_windows.data_changed.connect(self.data_changed)
        self.data_changed.connect(self._on_data_changed)
        self._maximise = False
        self._restore_geometry()
        # The window opens on «Сегодня», built right after its first paint (_finish_window).
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(PAGE_KEYS.index(FIRST_PAGE))
        self.navigation.blockSignals(False)
        self.stack.setCurrentIndex(self.navigation.currentRow())

    def _finish_window(self) -> None:
        """What waits for the first paint (once): keyboard and screen-reader access, the page on
        screen, and the settings that need the ``Qt`` enum namespace (PySide sets it up on first
        use, ≈15–20 ms, which a first paint without the page needs nowhere else): shortcuts,
        flags."""
        if self._finished:
            return
        self._finished = True
        from PySide6.QtCore import Qt

        from curator_desktop.ui.shell.qt_setup import install_access

        install_access(cast(QApplication, QApplication.instance()))  # before the page is built
        self._focus_page(self.page(self.current_page_key()))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for row, key in enumerate(PAGE_KEYS):
            self.navigation.item(row).setData(Qt.ItemDataRole.UserRole, key)
        self.status_line.make_selectable()
        self.menus.apply_shortcuts()

    # -- pages -------------------------------------------------------------------------------

    @property
    def pages(self) -> dict[str, Page]:
        """Every page of this store's window by key, in navigation order (builds the ones not
        built yet); the other role's pages are left out (see :meth:`page`)."""
        return {key: self.page(key) for key in self.visible_page_keys()}

    def visible_page_keys(self) -> tuple[str, ...]:
        """The pages in the navigation for the open store's role (Ctrl+1… in this order)."""
        return page_keys_for(self._coordinator)

    @property
    def coordinator(self) -> bool:
        """Whether the window is a coordinator's (the open store's role)."""
        return self._coordinator

    def page(self, key: str) -> Page:
        """The page named ``key``, built (and filled, when the store is open) on first use."""
        page = self._pages.get(key)
        return page if page is not None else self._build_page(key)

    def _build_page(self, key: str) -> Page:
        index = PAGE_KEYS.index(key)
        spec = PAGES[index]
        page = spec.build()
        stand_in, current = self.stack.widget(index), self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        self.stack.setCurrentIndex(current)
        stand_in.deleteLater()
        self._pages[key] = page
        self._connect_page(key, page)
        if self.context.store is not None:
            page.attach(self.context)
        return page

    def _connect_page(self, key: str, page: Page) -> None:
        from curator_desktop.ui.shell.page_wiring import connect_page

        connect_page(self, key, page)

    def _build_next_page(self) -> bool:
        """Build one page not built yet (after start-up); False when every page is built."""
        missing = [key for key in self.visible_page_keys() if key not in self._pages]
        if missing:
            self.page(missing[0])
        return bool(missing)

    def show_page(self, key: str) -> None:
        """Switch to the page named ``key`` (a key of :data:`PAGE_KEYS`: today, schools, …)."""
        page = self.page(key)
        self.navigation.setCurrentRow(PAGE_KEYS.index(key))
        self._focus_page(page)

    @staticmethod
    def _focus_page(page: Page) -> None:
        """Give the keyboard to the page's first widget (its search), when it has one."""
        widget = page.start_focus()
        if widget is not None:
            widget.setFocus()

    def current_page_key(self) -> str:
        return PAGE_KEYS[self.stack.currentIndex()]

    def _on_navigation_changed(self, row: int) -> None:
        if row >= 0:
            key = PAGE_KEYS[row]
            self.page(key)
            self.stack.setCurrentIndex(row)
            self.context.settings.last_page = key

    # -- the store ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Qt's event handler; notes when the window was painted (start-up timing)."""
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest:  # painted and flushed to the screen
            self._on_painted()
        return handled

    def _on_painted(self) -> None:
        if not self._painted:
            self._painted = True
            log.info("Window shown %.0f ms after start-up began", self.context.elapsed_ms())
            self.window_shown.emit()  # the store starts opening (in the background) …
            self._finish_window()  # … while the page is built
        if self._data_to_paint:
            self._data_to_paint = False
            log.info("Data shown %.0f ms after start-up began", self.context.elapsed_ms())
            self.data_shown.emit()
            if self._quit_after_show:  # the window has been painted with its data: done
                QTimer.singleShot(0, QApplication.quit)
            else:
                self._warm_up.start()

    def open_store(self) -> None:
        """Open the store in the background; the pages fill in when it is ready.

        Even the import of the store layer (SQLModel, ≈0.5 s) happens off the GUI thread.
        """
        log.info("Store opening %.0f ms after start-up began", self.context.elapsed_ms())
        context, lock = self.context, self._store_lock

        def _open() -> object:
            from curator_desktop.services.store_opening import open_store

            return open_store(
                context.paths, device_id=context.settings.device_id, demo=context.demo, lock=lock
            )

        run_in_background(
            _open,
            on_done=self._on_store_ready,
            on_error=self._on_store_error,
        )

    def _on_store_ready(self, opened: object) -> None:
        """Fill the pages built so far (the one on screen); the others are built and filled
        once this data has been painted (or as soon as something asks for them)."""
        # The store layer's import left ~10^5 long-lived objects (modules, classes, tables):
        # keep them out of the cyclic collector, whose first pass over them would otherwise
        # cost ≈80 ms just as the data is about to be painted.
        gc.freeze()
        self._finish_window()  # not done yet when nothing was painted so far
        self.context.store = opened  # type: ignore[assignment]
        built = list(self._pages.values())
        self._apply_role()  # a coordinator's window moves to the region (built and filled)
        for page in built:
            page.attach(self.context)
        self.menus.enable_store_actions()
        self._update_status()
        log.info("Data ready %.0f ms after start-up began", self.context.elapsed_ms())
        self._data_to_paint = True  # "Data shown" once it has been painted
        self.update()
        if self._quit_after_show:  # even if nothing is ever painted (no screen)
            QTimer.singleShot(PAINT_WAIT_MS, QApplication.quit)
        self.store_opened.emit()
        if not self._quit_after_show and not self.context.demo:
            QTimer.singleShot(0, self._ask_profile_if_missing)

    def _on_store_error(self, exc: BaseException) -> None:
        self.status_line.show_failed()
        self.store_failed.emit(exc)
        if self._quit_after_show:
            log.error("Opening the store failed", exc_info=(type(exc), exc, exc.__traceback__))
            QTimer.singleShot(0, lambda: QApplication.exit(1))
            return
        show_error(self, exc, title=_("The store could not be opened"))
        QTimer.singleShot(0, lambda: QApplication.exit(1))

    def _ask_profile_if_missing(self) -> None:
        from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog

        profiles = self.context.profile_service
        if profiles.current() is not None:
            return
        if FirstRunDialog(profiles, self).exec():
            self.data_changed.emit(frozenset({Change.PROFILE}))

    def _update_status(self) -> None:
        self.status_line.update(self.context)

    def _apply_role(self) -> None:
        """Show the pages of the open store's role; a window opening on (or showing) a page of
        the other role moves to this role's first page."""
        from curator_desktop.domain.profile import Role

        coordinator = self.context.profile_service.role() is Role.COORDINATOR
        if coordinator == self._coordinator:
            return
        self._coordinator = coordinator
        self._show_role_pages()
        current = self.current_page_key()
        if current not in self.visible_page_keys() or current == first_page(not coordinator):
            self.show_page(first_page(coordinator))

    def _show_role_pages(self) -> None:
        visible = self.visible_page_keys()
        for row, key in enumerate(PAGE_KEYS):
            self.navigation.setRowHidden(row, key not in visible)
        self.menus.show_pages(visible)

    def _on_data_changed(self, changes: Changes) -> None:
        if self.context.store is None:
            return
        if Change.PROFILE in changes:  # the role is part of the profile
            self._apply_role()
        for page in list(self._pages.values()):  # pages built later load fresh data
            if page.concerns(changes):
                page.refresh()
        self._update_status()

    def _on_settings_store_restored(self) -> None:
        self.data_changed.emit(ALL_CHANGES)

    def bring_to_front(self) -> None:
        """Show, restore and activate the window (another start asked for it)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- schools -----------------------------------------------------------------------------

    def open_school(self, school_id: str | None, *, tab: str | None = None) -> None:
        """Open the card of a school (``None``: a new school), on its ``tab`` («documents») if
        given; the lists follow its changes."""
        if self.context.store is not None:
            from curator_desktop.ui.shell.school_cards import open_school_card

            open_school_card(self, school_id, tab=tab)

    def open_school_read_only(self, school_id: str) -> None:
        """Open a school's card read-only, with who wrote what (from the region's overview)."""
        if self.context.store is not None:
            from curator_desktop.ui.shell.school_cards import open_read_only

            open_read_only(self, school_id)

    def show_curator_schools(self, name: str) -> None:
        """Show the region's schools of the curator ``name``."""
        page = cast("RegionPage", self.page("region"))
        self.show_page("region")
        page.show_curator(name)

    def open_school_documents(self, school_id: str) -> None:
        """Open a school's card on its «Документы» tab (from the documents worklist)."""
        self.open_school(school_id, tab="documents")

    # -- visits ------------------------------------------------------------------------------

    def _exchange_page(self) -> ExchangePage:
        return cast("ExchangePage", self.page("exchange"))

    def export_package(self) -> None:
        self._exchange_page().export()

    def import_package(self) -> None:
        self._exchange_page().import_package()

    def new_visit(self) -> None:
        """Plan a visit: for the school selected in the schools list when that list is shown,
        else for the school chosen in the visits filter (or one to choose)."""
        if self.current_page_key() == "schools":
            school_id = cast("SchoolsPage", self.page("schools")).table.selected_id()
            if school_id:
                self.visit_windows.new_visit(school_id)
                return
        page = cast("VisitsPage", self.page("visits"))
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
        from curator_desktop.ui.schools.import_dialog import SchoolImportDialog

        dialog = SchoolImportDialog(self.context, self)
        dialog.data_changed.connect(self.data_changed)
        dialog.exec()
        dialog.deleteLater()

    def repair_twins(self) -> None:
        """Propose merging the schools held twice (the same ИНН) into one record each."""
        if self.context.store is None:
            return
        from curator_desktop.ui.schools.twins_repair import repair_twins

        changes = repair_twins(self.context, self)
        if changes:
            self.data_changed.emit(changes)

    def import_roadmap(self) -> None:
        """Show the plan and preview and import a regional roadmap."""
        if self.context.store is None:
            return
        self.show_page("plan")
        page = cast("PlanPage", self.page("plan"))
        page.import_roadmap()

    # -- actions -----------------------------------------------------------------------------

    def take_backup(self) -> None:
        settings_page = cast("SettingsPage", self.page("settings"))
        settings_page.take_backup()

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.paths.data_dir)))

    def show_about(self) -> None:
        from curator_desktop.ui.shell.about_dialog import AboutDialog

        AboutDialog(self.context, self).exec()

    # -- geometry and shutdown ----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        from curator_desktop.ui.shell.geometry import restore_geometry

        self._maximise = restore_geometry(self, self.context.settings.window_geometry)

    def _keep_on_screen(self) -> None:
        """A size saved at another scale or on a bigger screen never spills over this one."""
        from curator_desktop.ui.shell.geometry import keep_on_screen

        maximise = keep_on_screen(self)
        if maximise is not None:
            self._maximise = maximise

    def show(self) -> None:
        """Show the window (maximised the first time on a small screen)."""
        if self._maximise:
            self._maximise = False
            self.showMaximized()
        else:
            super().show()

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
