"""The window of a coordinator's store opens on «Регион»; a curator's on «Сегодня»; a school
opened from the region shows its card read-only, with who wrote what."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from curator_desktop.domain.region.summary import RegionSummary
from curator_desktop.ui.region.read_only_card import open_read_only_card
from tests.ui.region.summaries import AS_OF, school


def _coordinator_window(open_window, tmp_path, qtbot):
    data = tmp_path / "region"
    first = open_window(demo=True, data_dir=data)
    profile = first.context.profile_service.current()
    first.context.profile_service.save(dataclasses.replace(profile, role="coordinator"))
    first.shutdown()
    first.close()
    window = open_window(demo=True, data_dir=data)
    region = window.page("region")  # the store's own summary, read in the background, first
    qtbot.waitUntil(lambda: not region.loading, timeout=60_000)
    return window


def test_a_coordinators_window_opens_on_the_region(open_window, tmp_path, qtbot) -> None:
    window = _coordinator_window(open_window, tmp_path, qtbot)
    assert window.coordinator and window.current_page_key() == "region"
    shown = [
        window.navigation.item(row).text()
        for row in range(window.navigation.count())
        if not window.navigation.isRowHidden(row)
    ]
    assert shown[:3] == ["Region", "Curators", "Schools"] and "Today" not in shown
    assert window.focusWidget() is window.page("region").search
    region = window.page("region")  # filled by the region service from the store
    assert region.summary is not None and region.model.total() == len(region.summary.schools) > 0
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "curators"


def test_a_curators_window_has_no_region_pages(open_window) -> None:
    window = open_window(demo=True)
    assert not window.coordinator and window.current_page_key() == "today"
    assert "region" not in window.pages and "curators" not in window.pages
    assert not window.menus.go_actions["region"].isVisible()


def test_enter_on_a_school_opens_its_card_read_only(open_window, tmp_path, qtbot) -> None:
    window = _coordinator_window(open_window, tmp_path, qtbot)
    school_id = _first_school_id(window)
    page = window.page("region")
    summary_school = school(school_id=school_id, name="МБОУ «Школа для проверки»")
    page.show_summary(RegionSummary(AS_OF, (summary_school,), ()))
    page.table.select_row(0)
    seen = {}

    def inspect() -> None:
        card = QApplication.activeModalWidget()
        seen["card"] = card
        seen["save"] = card.save_button.isVisible()
        seen["close"] = card.cancel_button.text()
        edits = [e for e in card.form.findChildren(QLineEdit) if e.isVisible()]
        seen["read_only"] = bool(edits) and all(e.isReadOnly() for e in edits)
        seen["tabs"] = [card.tabs.tabText(i) for i in range(card.tabs.count())]
        card.reject()

    QTimer.singleShot(0, inspect)
    qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    assert seen["save"] is False and seen["close"] == "Close" and seen["read_only"]
    assert seen["tabs"][-1] == "Who wrote what"


def _first_school_id(window) -> str:
    from sqlmodel import select

    from curator_desktop.store.tables import School

    with window.context.database.session() as session:
        return session.exec(select(School.id)).first()


def test_who_wrote_what_names_the_curator(open_window, qtbot) -> None:
    window = open_window(demo=True)
    school_id = _first_school_id(window)
    card = open_read_only_card(window.context, school_id, window)
    qtbot.addWidget(card)
    rows = card.authorship_widget.model.rows()
    owner = window.context.profile_service.current().full_name
    visits = [row for row in rows if row.kind == "visit"]
    assert visits and all(row.author in (owner, "") for row in visits)
    assert any(row.author == owner for row in rows)
    assert not card.save_button.isVisible() or card.save_button.isHidden()
    assert card.read_only_banner.text().startswith("Read only")


def test_the_read_only_card_writes_nothing(open_window, qtbot) -> None:
    """A tick box of the risk profile (a direction activated) does not change on a click or
    the space bar; the card's fields take no typing; the curators' page leads to the schools."""
    window = open_window(demo=True)
    card = None
    for school_id in _school_ids(window):
        card = open_read_only_card(window.context, school_id, window)
        qtbot.addWidget(card)
        if card.profile_widget is not None:
            break
    assert card is not None and card.profile_widget is not None
    card.show()
    card.tabs.setCurrentWidget(card.profile_widget)
    view = card.profile_widget.view
    model = view.model()
    index = next(
        model.index(row, 4)
        for row in range(model.rowCount())
        if model.index(row, 4).flags() & Qt.ItemFlag.ItemIsUserCheckable
    )
    before = index.data(Qt.ItemDataRole.CheckStateRole)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.index(index.row(), 4).data(Qt.ItemDataRole.CheckStateRole) == before
    name = card.form.findChildren(QLineEdit)[0]
    text = name.text()
    qtbot.keyClicks(name, "x")
    assert name.text() == text and not card.form.is_modified()


def _school_ids(window) -> list[str]:
    from sqlmodel import select

    from curator_desktop.store.tables import School

    with window.context.database.session() as session:
        return list(session.exec(select(School.id)))


def test_enter_on_a_curator_shows_their_schools(open_window, tmp_path, qtbot) -> None:
    window = _coordinator_window(open_window, tmp_path, qtbot)
    region = window.page("region")
    summary = RegionSummary(
        AS_OF,
        (
            school(school_id="a", curators=("Иванова Анна Сергеевна",)),
            school(school_id="b", name="МБОУ «Школа № 2»", curators=("Петров Иван Петрович",)),
        ),
        (),
    )
    region.show_summary(summary)
    window.page("curators").curator_activated.emit("Петров Иван Петрович")
    assert window.current_page_key() == "region"
    assert [row.school_id for row in region.table.visible_rows()] == ["b"]
