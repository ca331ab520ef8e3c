"""The import preview lists a school of the package without ИНН that has the name and
municipality of a local school as an unchecked box; checking it confirms the pair. Real stores,
a real package."""

from __future__ import annotations

from pathlib import Path

from curator_desktop.i18n import set_language
from curator_desktop.ui.exchange.import_preview_dialog import ImportPreviewDialog
from tests.services.exchange.identity_helpers import (
    NO_INN_NAME,
    export,
    import_list,
    list_csv,
    live_schools,
    new_store,
)


def test_the_preview_proposes_the_school_unchecked_and_returns_the_checked_pair(
    qtbot, tmp_path: Path, migrated_store_template: Path
) -> None:
    set_language("ru")
    csv = list_csv(tmp_path / "список школ.csv")
    a, coordinator = (
        new_store(migrated_store_template, tmp_path / n, f"dev-{n}") for n in ("a", "c")
    )
    try:
        for store in (a, coordinator):
            import_list(store, csv)
        theirs = live_schools(a.database)[NO_INN_NAME][0]
        mine = live_schools(coordinator.database)[NO_INN_NAME][0]
        preview = coordinator.service.preview(export(a, tmp_path / "usb", "a.curator"))
        dialog = ImportPreviewDialog(preview)
        qtbot.addWidget(dialog)

        (check,) = dialog.match_checks
        assert check.text() == (
            f"Это одна школа: «{NO_INN_NAME}» (Дубовский район) из пакета = «{NO_INN_NAME}» здесь"
        )
        assert not check.isChecked() and dialog.confirmed() == []
        check.setChecked(True)
        assert dialog.confirmed() == [(theirs, mine)]
    finally:
        for store in (a, coordinator):
            store.close()
