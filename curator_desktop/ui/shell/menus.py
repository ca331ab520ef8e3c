"""The main window's menus: File, Go and Help, with their shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from curator_desktop.i18n import _
from curator_desktop.ui.common.shortcuts import NEW_VISIT_SHORTCUT
from curator_desktop.ui.shell.pages import PAGES

if TYPE_CHECKING:
    from curator_desktop.ui.shell.main_window import MainWindow


class WindowMenus:
    """Builds the menu bar of ``window``; the actions that need an open store start disabled."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        file_menu = window.menuBar().addMenu(_("&File"))
        backup = self._action(_("&Back up now"), window.take_backup)
        open_folder = self._action(_("Open &data folder"), window.open_data_folder)
        quit_action = self._action(_("&Quit"), window.close)
        new_school = self._action(_("&New school…"), window.new_school)
        import_schools = self._action(_("&Import list of schools…"), window.import_schools)
        new_visit = self._action(_("New &visit…"), window.new_visit)
        import_roadmap = self._action(_("Import &roadmap…"), window.import_roadmap)
        export_action = self._action(_("&Export a package…"), window.export_package)
        import_action = self._action(_("Im&port a package…"), window.import_package)
        import_setup = self._action(_("Import region &set-up…"), lambda: _import_setup(window))
        repair_twins = self._action(_("&Merge schools held twice…"), window.repair_twins)
        # Shortcuts are set by apply_shortcuts: the first one sets up PySide's Qt enums.
        self._shortcuts: list[tuple[QAction, QKeySequence.StandardKey | str]] = [
            (quit_action, QKeySequence.StandardKey.Quit),
            (new_school, QKeySequence.StandardKey.New),
            (new_visit, NEW_VISIT_SHORTCUT),
        ]
        self.store_actions = [
            new_school,
            import_schools,
            new_visit,
            import_roadmap,
            export_action,
            import_action,
            import_setup,
            repair_twins,
        ]
        for action in self.store_actions:
            action.setEnabled(False)
        file_menu.addActions([new_school, new_visit, import_schools, import_roadmap])
        file_menu.addSeparator()
        file_menu.addActions([export_action, import_action, import_setup])
        file_menu.addSeparator()
        file_menu.addActions([backup, repair_twins, open_folder])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        go_menu = window.menuBar().addMenu(_("&Go"))
        self.go_actions: dict[str, QAction] = {}
        """Each page's action; the shown ones are Ctrl+1… in navigation order."""
        for spec in PAGES:
            action = QAction(_(spec.title), window)
            action.triggered.connect(lambda checked=False, k=spec.key: window.show_page(k))
            go_menu.addAction(action)
            self.go_actions[spec.key] = action
        self._shown_pages: tuple[str, ...] = tuple(self.go_actions)
        self._shortcuts_applied = False

        help_menu = window.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About Curator Desktop"), window.show_about))

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(slot)
        return action

    def apply_shortcuts(self) -> None:
        """Give the actions their shortcuts (after the first paint: see the window)."""
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts_applied = True
        self._number_pages()

    def show_pages(self, keys: tuple[str, ...]) -> None:
        """Show the Go menu's entries of ``keys`` alone, numbered Ctrl+1… Ctrl+9, Ctrl+0 in
        that order."""
        self._shown_pages = keys
        for key, action in self.go_actions.items():
            action.setVisible(key in keys)
        if self._shortcuts_applied:
            self._number_pages()

    def _number_pages(self) -> None:
        for key, action in self.go_actions.items():
            number = self._shown_pages.index(key) + 1 if key in self._shown_pages else 0
            digit = number % 10 if 0 < number <= 10 else None  # the tenth page: Ctrl+0
            action.setShortcut(QKeySequence(f"Ctrl+{digit}" if digit is not None else ""))

    def enable_store_actions(self) -> None:
        for action in self.store_actions:
            action.setEnabled(True)


def _import_setup(window: MainWindow) -> None:
    """The coordinator's region set-up package, imported in one step (#24)."""
    from curator_desktop.ui.exchange.setup_import import import_setup_package

    import_setup_package(window.page("exchange"))  # type: ignore[arg-type]
