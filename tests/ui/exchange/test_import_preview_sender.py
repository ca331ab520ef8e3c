"""The import preview names the sender, in Russian as the curator reads it: who, organisation
(region), the package's date, the key's fingerprint or «без подписи», and a warning for a key
seen for the first time or a name that conflicts. The export dialog makes a package for moving
only with a password. Real stores, real packages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from curator_desktop.i18n import format_date, set_language
from curator_desktop.ui.exchange.export_dialog import ExportDialog
from curator_desktop.ui.exchange.import_preview_dialog import ImportPreviewDialog
from tests.services.exchange.exchange_helpers import Store, copy_store, fill_small
from tests.services.exchange.sender_helpers import old_format, remake, set_profile

SOKOLOVA = "Соколова Марина Викторовна"


@pytest.fixture
def stores(tmp_path: Path, migrated_store_template: Path) -> Iterator[tuple[Store, Store, Path]]:
    """A curator's store, the coordinator's, and a package of the curator's."""
    curator = copy_store(migrated_store_template, tmp_path / "curator", "dev-curator")
    coordinator = copy_store(migrated_store_template, tmp_path / "coordinator", "dev-coord")
    for store in (curator, coordinator):
        fill_small(store.database)
    set_profile(
        curator.database,
        full_name=SOKOLOVA,
        organisation="ЛОИРО",
        region="Ленинградская область",
    )
    coordinator.service.store_id()
    (tmp_path / "usb").mkdir()
    package = curator.service.export(tmp_path / "usb" / "sokolova.curator").path
    yield curator, coordinator, package
    curator.close()
    coordinator.close()


def test_the_preview_names_the_sender_and_the_key_seen_first(
    qtbot, stores: tuple[Store, Store, Path]
) -> None:
    curator, coordinator, package = stores
    set_language("ru")
    preview = coordinator.service.preview(package)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    shown = dialog.sender_shown()
    day = format_date(preview.manifest.created_at.astimezone().date())
    assert shown["sender"] == f"{SOKOLOVA}, ЛОИРО (Ленинградская область), пакет от {day}"
    assert shown["signature"] == f"отпечаток ключа {curator.service.signing_fingerprint()}"
    assert "ключ отправителя запомнен впервые" in shown["warning"]
    assert dialog.counts_shown()["Школы"]["new"] == "3"


def test_the_preview_marks_an_unsigned_package_and_a_name_that_conflicts(
    qtbot, stores: tuple[Store, Store, Path], tmp_path: Path
) -> None:
    curator, coordinator, package = stores
    set_language("ru")
    old = remake(package, tmp_path / "old.curator", old_format)
    dialog = ImportPreviewDialog(coordinator.service.preview(old))
    qtbot.addWidget(dialog)
    shown = dialog.sender_shown()
    assert shown["sender"].startswith(f"{SOKOLOVA}, пакет от ")  # an old package: the name only
    assert shown["signature"] == "без подписи"
    assert "Пакет без подписи" in shown["warning"]

    coordinator.service.import_(package)
    set_profile(curator.database, full_name="Белова Марина Викторовна")
    renamed = curator.service.export(tmp_path / "usb" / "renamed.curator").path
    dialog = ImportPreviewDialog(coordinator.service.preview(renamed))
    qtbot.addWidget(dialog)
    shown = dialog.sender_shown()
    assert shown["sender"].startswith("Белова Марина Викторовна, ЛОИРО")
    assert "«Белова Марина Викторовна»" in shown["warning"] and f"«{SOKOLOVA}»" in shown["warning"]
    assert "ключ отправителя запомнен впервые" not in shown["warning"]


def test_a_package_for_moving_needs_the_whole_store_and_a_password(qtbot) -> None:
    dialog = ExportDialog([("s1", "СОШ № 1")])
    qtbot.addWidget(dialog)
    dialog.moving_check.setChecked(True)
    assert not dialog.ok_button.isEnabled() and "password" in dialog.error_label.text()
    dialog.password.setText("секрет")
    dialog.password_again.setText("секрет")
    assert dialog.ok_button.isEnabled() and dialog.request().for_moving
    dialog.since_radio.setChecked(True)
    assert not dialog.moving_check.isEnabled() and not dialog.request().for_moving
