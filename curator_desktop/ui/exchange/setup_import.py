"""The curator's one-step import of the coordinator's region set-up package (File menu): choose
the file, give its password if it has one, and it is imported in the background — the
curator's own records kept, a package for another curator refused with the reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from curator_desktop.i18n import _

if TYPE_CHECKING:
    from curator_desktop.services.exchange.setup.apply import SetupImport
    from curator_desktop.ui.exchange.page import ExchangePage


def import_setup_package(page: ExchangePage) -> None:
    """Ask for a set-up package and import it with the exchange page's progress and messages."""
    from curator_desktop.ui.exchange.package_password import ask_package_password
    from curator_desktop.ui.exchange.page import PACKAGE_FILTER

    if page.context is None or page.busy():
        return
    name, _filter = QFileDialog.getOpenFileName(
        page,
        _("Import the region set-up package"),
        page.last_folder(),
        _("Exchange files ({pattern})").format(pattern=PACKAGE_FILTER),
    )
    if not name:
        return
    path = Path(name)
    go_on, password = ask_package_password(page, path)
    if not go_on:
        return
    service = page.service()

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        from curator_desktop.services.exchange.setup.apply import import_setup

        return import_setup(
            service, path, password=password, progress=progress, cancelled=cancelled
        )

    page._start(
        _("Importing {name}…").format(name=path.name),
        work,
        lambda done: _on_imported(page, done),
    )


def setup_message(done: SetupImport) -> str:
    """What the import did, in a sentence or a few."""
    lines = done.lines()
    if done.written and done.result.backup is not None:
        lines.append(_("A backup was taken first: {file}").format(file=done.result.backup))
    return " ".join(lines)


def _on_imported(page: ExchangePage, done: SetupImport) -> None:
    page.refresh()
    page.data_changed.emit(done.result.changes)
    page._tell(setup_message(done))
