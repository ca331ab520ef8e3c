"""The «Risk profile» tab on the demo store: rule errors beside fields, nothing stored if wrong."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.ui.risk.history_dialog import RiskHistoryDialog
from curator_desktop.ui.risk.profile_model import RiskColumn
from curator_desktop.ui.risk.profile_widget import RiskProfileWidget

JUSTIFICATION = "Риск не подтверждён: на посещённых уроках обучающиеся активны и мотивированы."


def _active_500_school(window) -> str:
    summaries = window.context.schools.summaries()
    return next(
        s.id
        for s in summaries
        if s.programme == "500plus" and s.status == "active" and s.short_name.startswith("МБОУ")
    )


def _widget(qtbot, window) -> RiskProfileWidget:
    widget = RiskProfileWidget(window.context, _active_500_school(window))
    qtbot.addWidget(widget)
    widget.resize(900, 620)
    widget.show()
    return widget


def _stored(window, widget: RiskProfileWidget, code: str):
    service = RiskProfileService(window.context.database)
    return next(
        r for r in service.profile(widget.school_id, widget.current_year()) if r.code == code
    )


def _pick_verdict(widget: RiskProfileWidget, value: str) -> None:
    combo = widget.editor.verdict
    combo.setCurrentIndex(combo.findData(value))


def test_shows_eleven_factors_with_count_and_chart(open_window, qtbot, qtmodeltester) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    assert widget.model.rowCount() == 11
    assert widget.model.index(0, RiskColumn.FACTOR).data().startswith("R01 ")
    qtmodeltester.check(widget.model)
    count = widget.model.activated_count()
    assert 1 <= count <= 3
    assert widget.count_label.text() == f"Directions activated: {count} of 3 recommended"
    assert not widget.warning_bar.isVisible()
    assert not widget.chart.renderer().isValid(), "drawn when its tab is first shown"
    widget.tabs.setCurrentWidget(widget.chart)
    assert widget.chart.renderer().isValid()
    assert widget.year_combo.itemText(widget.year_combo.count() - 1) == "Start a new year…"


def test_rejecting_needs_a_justification(open_window, qtbot) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    row = next(r for r in widget.model.rows() if r.verdict == "confirmed" and not r.justification)
    widget.select_factor(row.code)
    with qtbot.assertNotEmitted(widget.profile_changed):
        _pick_verdict(widget, "rejected")
        widget.save_pending()
    error = widget.editor.errors["justification"]
    assert error.isVisible()
    assert "justification" in error.text()
    assert _stored(window, widget, row.code).verdict == "confirmed"

    widget.editor.justification.setPlainText(JUSTIFICATION)
    with (
        qtbot.waitSignal(widget.profile_changed) as signal,
        qtbot.waitSignal(widget.data_changed) as changed,
    ):
        widget.save_pending()
    assert signal.args == [widget.school_id]
    assert changed.args == [frozenset({Change.RISKS})]  # what the service stored
    assert not error.isVisible()
    stored = _stored(window, widget, row.code)
    assert (stored.verdict, stored.justification) == ("rejected", JUSTIFICATION)
    shown = widget.model.index(widget.model.row_of(row.code), RiskColumn.VERDICT).data()
    assert shown == "Not confirmed"


def test_a_rejected_factor_cannot_be_activated(open_window, qtbot) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    row = next(r for r in widget.model.rows() if r.verdict == "confirmed" and not r.activated)
    widget.select_factor(row.code)
    _pick_verdict(widget, "rejected")
    widget.editor.justification.setPlainText(JUSTIFICATION)
    widget.save_pending()
    assert _stored(window, widget, row.code).verdict == "rejected"

    widget.editor.activated.setChecked(True)
    widget.save_pending()
    error = widget.editor.errors["activated"]
    assert error.isVisible() and "confirmed or adjusted" in error.text()
    assert not _stored(window, widget, row.code).activated

    widget.editor.load(widget.editor.row())  # the table's check box goes through the same rules
    index = widget.model.index(widget.model.row_of(row.code), RiskColumn.ACTIVATED)
    widget.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert error.isVisible()
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not _stored(window, widget, row.code).activated


def test_too_many_directions_warn_in_the_bar(open_window, qtbot) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    candidates = [r for r in widget.model.rows() if r.verdict == "confirmed" and not r.activated]
    candidates = [r for r in candidates if r.questionnaire_level != "none"]
    needed = 4 - widget.model.activated_count()
    for row in candidates[:needed]:
        index = widget.model.index(widget.model.row_of(row.code), RiskColumn.ACTIVATED)
        widget.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert widget.model.activated_count() == 4
    assert widget.warning_bar.isVisible()
    assert "No more than 3 directions" in widget.warning_bar.text()
    assert widget.count_label.text() == "Directions activated: 4 of 3 recommended"


def test_history_dialog_lists_the_change(open_window, qtbot, monkeypatch) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    row = next(r for r in widget.model.rows() if r.verdict == "confirmed" and not r.activated)
    widget.select_factor(row.code)
    _pick_verdict(widget, "rejected")
    widget.editor.justification.setPlainText(JUSTIFICATION)
    widget.save_pending()
    shown: list[RiskHistoryDialog] = []
    monkeypatch.setattr(RiskHistoryDialog, "exec", lambda self: shown.append(self) or 0)
    qtbot.mouseClick(widget.history_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    lines = [
        [shown[0].model.index(r, c).data() for c in range(shown[0].model.columnCount())]
        for r in range(shown[0].model.rowCount())
    ]
    assert [row.code, "Verdict", "Confirmed → Not confirmed"] in [line[2:] for line in lines]
    assert any(line[1] == "this computer" for line in lines)


def test_start_a_new_year_after_confirmation(open_window, qtbot, monkeypatch) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    year = widget.current_year()
    last = widget.year_combo.count() - 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    widget.year_combo.setCurrentIndex(last)
    widget.year_combo.activated.emit(last)
    assert widget.current_year() == year
    assert widget.year_combo.currentData() == year

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(widget.profile_changed):
        widget.year_combo.setCurrentIndex(last)
        widget.year_combo.activated.emit(last)
    assert widget.current_year() == year + 1
    assert [widget.year_combo.itemData(i) for i in range(widget.year_combo.count())] == [
        year + 1,
        year,
        None,
    ]
    rows = widget.model.rows()
    assert len(rows) == 11
    assert all(r.verdict is None and not r.activated for r in rows)
    assert widget.count_label.text() == "Directions activated: 0 of 3 recommended"


def test_evidence_can_be_added_and_removed(open_window, qtbot) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    widget.select_factor("R02")
    editor = widget.editor
    before = editor.evidence.count()
    choice = next(i for i in range(editor.evidence_choice.count()) if i > 0)
    label = editor.evidence_choice.itemText(choice)
    editor.evidence_choice.setCurrentIndex(choice)
    with qtbot.waitSignal(widget.profile_changed):
        qtbot.mouseClick(editor.add_evidence_button, Qt.MouseButton.LeftButton)
    assert editor.evidence.count() == before + 1
    assert label in [editor.evidence.item(i).text() for i in range(editor.evidence.count())]
    assert label in [e.label for e in _stored(window, widget, "R02").evidence]

    editor.evidence.setCurrentRow(editor.evidence.count() - 1)
    qtbot.mouseClick(editor.remove_evidence_button, Qt.MouseButton.LeftButton)
    assert editor.evidence.count() == before
    assert label not in [e.label for e in _stored(window, widget, "R02").evidence]


def test_fits_a_small_screen_at_150_percent(open_window, qtbot) -> None:
    window = open_window(demo=True)
    widget = _widget(qtbot, window)
    hint = widget.minimumSizeHint()
    assert hint.width() <= 860 and hint.height() <= 430  # 1366×768 at 150 % is 910×512


def test_the_chart_is_drawn_when_shown_and_after_changes(
    open_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator_desktop.services.reports.charts import risk_chart

    drawn: list[int] = []
    original = risk_chart.risk_chart_svg

    def counted(rows, **kwargs):  # the real chart, counted
        drawn.append(len(rows))
        return original(rows, **kwargs)

    monkeypatch.setattr(risk_chart, "risk_chart_svg", counted)
    widget = _widget(qtbot, open_window(demo=True))
    assert drawn == []
    widget.reload()  # the rows change while the chart is hidden: nothing drawn
    assert drawn == []
    widget.tabs.setCurrentWidget(widget.chart)
    assert drawn == [11] and widget.chart.renderer().isValid()
    widget.tabs.setCurrentIndex(0)
    widget.tabs.setCurrentWidget(widget.chart)  # nothing changed: not drawn again
    assert drawn == [11]
    widget.reload()  # a change while it is shown: drawn at once
    assert drawn == [11, 11]
