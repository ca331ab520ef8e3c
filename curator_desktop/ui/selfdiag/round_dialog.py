"""Entering or editing a self-diagnosis round by hand: its date and name, per direction the
points, the maximum and the level, the overall level, and the deficits (critical marked).

A deficit of a direction the catalog lists indicators for is picked from them (critical ones
marked, the flag taken from the catalog); where the catalog has none (the built-in one), the
deficit is typed as the school's results name it.

The level follows the points where the catalog has thresholds (the methodist may still change
it); where it has none, the methodist takes it from the federal self-diagnosis. Nothing is stored
until the service's rules accept the whole round; a refusal is shown under the form.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.selfdiag import (
    TOTAL,
    Deficit,
    DirectionResult,
    Indicator,
    Level,
    SelfdiagCatalog,
    SelfdiagRound,
    school_year_of,
)
from curator_desktop.domain.selfdiag.rules import RoundProblem, round_problems
from curator_desktop.i18n import _, format_number, pgettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.screen_fit import fit_to_screen, scrolling
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.common.widgets.dialog_parts import error_line, save_cancel
from curator_desktop.ui.selfdiag.deficit_table import DeficitTable

if TYPE_CHECKING:
    from curator_desktop.services.selfdiag import SelfdiagService

MAX_POINTS = 9999
PREFERRED_SIZE = (760, 720)


def _spin(tip: str) -> QSpinBox:
    """Points that may be empty: the minimum shows «—»."""
    spin = QSpinBox()
    spin.setRange(-1, MAX_POINTS)
    spin.setSpecialValueText("—")
    spin.setValue(-1)
    spin.setAccessibleName(tip)
    spin.setToolTip(tip)
    return spin


def _value(spin: QSpinBox) -> int | None:
    return None if spin.value() < 0 else spin.value()


def _level_combo(tip: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem("—", None)
    for level in Level:
        combo.addItem(level.label, level.value)
    combo.setAccessibleName(tip)
    return combo


def _level(combo: QComboBox) -> Level | None:
    value = combo.currentData()
    return Level(value) if value else None


def _set_level(combo: QComboBox, level: Level | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(level.value if level else None)))


class _DirectionRow:
    """The points, maximum and level inputs of one direction."""

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name
        self.points = _spin(_("{direction}: points").format(direction=name))
        self.maximum = _spin(_("{direction}: maximum points").format(direction=name))
        self.level = _level_combo(_("{direction}: level").format(direction=name))


class RoundDialog(QDialog):
    """Records a new round of ``school_id`` or edits ``existing``; ``saved`` is the round as
    stored once the dialog is accepted."""

    def __init__(
        self,
        service: SelfdiagService,
        school_id: str,
        existing: SelfdiagRound | None = None,
        parent: QWidget | None = None,
        *,
        language: str = "ru",
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._school_id = school_id
        self._catalog: SelfdiagCatalog = service.catalog()
        self._language = language
        self._existing = existing
        self.saved: SelfdiagRound | None = None
        self.setWindowTitle(
            _("Self-diagnosis round") if existing else _("New self-diagnosis round")
        )

        self.date_field = DateField(tip=_("Date of the round"))
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(_("For example: November 2026"))
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(_("Where the results come from"))
        form = QFormLayout()
        form.addRow(_("Date of the round"), self.date_field)
        form.addRow(_("Round"), self.label_edit)
        form.addRow(_("Source"), self.source_edit)
        self.school_type_combo = self._school_type_combo(existing)
        if self.school_type_combo is not None:  # the catalog's indicators differ by type
            form.addRow(pgettext("selfdiag field", "School type"), self.school_type_combo)

        self.rows = [
            _DirectionRow(direction.code, direction.name(language))
            for direction in self._catalog.directions
        ]
        grid = QGridLayout()
        for column, title in enumerate(
            (pgettext("self-diagnosis", "Direction"), _("Points"), _("Maximum"), _("Level"))
        ):
            header = QLabel(f"<b>{title}</b>")
            grid.addWidget(header, 0, column)
        for number, row in enumerate(self.rows, start=1):
            name = QLabel(row.name)
            name.setWordWrap(True)
            grid.addWidget(name, number, 0)
            grid.addWidget(row.points, number, 1)
            grid.addWidget(row.maximum, number, 2)
            grid.addWidget(row.level, number, 3)
            row.points.valueChanged.connect(self._on_points_changed)
            row.maximum.valueChanged.connect(self._on_points_changed)
        total_row = len(self.rows) + 1
        self.total_label = QLabel("—")
        self.total_maximum_label = QLabel("—")
        self.overall_combo = _level_combo(_("Overall level"))
        total = _("Total")
        grid.addWidget(QLabel(f"<b>{total}</b>"), total_row, 0)
        grid.addWidget(self.total_label, total_row, 1)
        grid.addWidget(self.total_maximum_label, total_row, 2)
        grid.addWidget(self.overall_combo, total_row, 3)
        grid.setColumnStretch(0, 1)
        results = QGroupBox(_("Results by direction"))
        results.setLayout(grid)

        self.deficit_table = DeficitTable(
            [(row.code, row.name) for row in self.rows], self._catalog, self._indicators, language
        )
        self.deficit_table.changed.connect(self._on_points_changed)
        self.date_field.changed.connect(self.deficit_table.refresh)
        if self.school_type_combo is not None:
            self.school_type_combo.currentIndexChanged.connect(self._on_school_type_changed)
        self.add_deficit_button = QPushButton(_("Add deficit"))
        self.add_deficit_button.clicked.connect(self._on_add_deficit_clicked)
        self.remove_deficit_button = QPushButton(_("Remove deficit"))
        self.remove_deficit_button.clicked.connect(self._on_remove_deficit_clicked)
        never_default(self.add_deficit_button, self.remove_deficit_button)
        deficit_buttons = QHBoxLayout()
        deficit_buttons.addWidget(self.add_deficit_button)
        deficit_buttons.addWidget(self.remove_deficit_button)
        deficit_buttons.addStretch(1)
        deficits = QGroupBox(_("Deficits"))
        deficits_layout = QVBoxLayout(deficits)
        deficits_layout.addWidget(self.deficit_table)
        deficits_layout.addLayout(deficit_buttons)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addLayout(form)
        content_layout.addWidget(results)
        content_layout.addWidget(deficits)
        self.status_label = error_line()
        self.buttons, self.save_button = save_cancel(self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(content), 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self._load(existing)
        self.save_button.setDefault(True)
        fit_to_screen(self, PREFERRED_SIZE, (420, 300), anchor=parent)

    # -- loading -------------------------------------------------------------------------------

    def _load(self, existing: SelfdiagRound | None) -> None:
        if existing is None:
            self.date_field.set_value(None)
            self._fill_maxima(None)
            return
        self.date_field.set_value(existing.round_date)
        self.date_field.set_read_only(True)  # the school and the date name the round
        self.label_edit.setText(existing.label)
        self.source_edit.setText(existing.source)
        for row in self.rows:
            result = existing.result(row.code)
            if result is None:
                continue
            row.maximum.setValue(result.maximum if result.maximum is not None else -1)
            row.points.setValue(result.points if result.points is not None else -1)
            _set_level(row.level, result.level)
        _set_level(self.overall_combo, existing.overall_level)
        for deficit in existing.deficits:
            self.add_deficit(
                deficit.direction, deficit.text, deficit.critical, indicator=deficit.indicator
            )
        self._fill_maxima(existing.round_date)

    def _fill_maxima(self, day: dt.date | None) -> None:
        """An empty maximum from the catalog, else from the school's latest round (the
        federal self-diagnosis keeps its maxima through a year)."""
        year = school_year_of(day) if day else None
        rounds = self._service.rounds(self._school_id)
        latest = rounds[-1] if rounds else None
        for row in self.rows:
            maximum = self._catalog.maximum_for(row.code, year, self.school_type() or None)
            if maximum is None and latest is not None:
                result = latest.result(row.code)
                maximum = result.maximum if result is not None else None
            if maximum is not None and row.maximum.value() < 0:
                row.maximum.setValue(maximum)

    # -- deficits -------------------------------------------------------------------------------

    def add_deficit(
        self, direction: str = "", text: str = "", critical: bool = False, *, indicator: str = ""
    ) -> int:
        """Add a deficit row (see :meth:`DeficitTable.add`); returns its row."""
        return self.deficit_table.add(direction, text, critical, indicator=indicator)

    def _school_type_combo(self, existing: SelfdiagRound | None) -> QComboBox | None:
        """The school type, chosen from the catalog's types (None: the catalog names none)."""
        kept = existing.school_type if existing else ""
        types = list(self._catalog.school_types or ())
        if not types:
            return None
        combo = QComboBox()
        combo.setAccessibleName(pgettext("selfdiag field", "School type"))
        combo.addItem("—", "")
        for kind in [*types, *([kept] if kept and kept not in types else [])]:
            combo.addItem(kind, kind)
        combo.setCurrentIndex(max(0, combo.findData(kept)))
        return combo

    def school_type(self) -> str:
        """The round's school type: as chosen, else the round's own ("" when none)."""
        if self.school_type_combo is not None:
            return self.school_type_combo.currentData() or ""
        return self._existing.school_type if self._existing else ""

    def _on_school_type_changed(self, _index: int) -> None:
        self.deficit_table.refresh()
        self._on_points_changed()

    def _indicators(self, direction: str) -> tuple[Indicator, ...]:
        """The catalog's indicators of ``direction`` for the round's year and school type."""
        day = self.date_field.value()
        year = school_year_of(day) if day else None
        return self._catalog.indicators_for(direction, year, self.school_type() or None) or ()

    def deficits(self) -> list[Deficit]:
        """The deficits as entered (rows without an indicator or text are left out)."""
        return self.deficit_table.deficits()

    def _on_add_deficit_clicked(self) -> None:
        self.deficit_table.edit_row(self.add_deficit())

    def _on_remove_deficit_clicked(self) -> None:
        if self.deficit_table.remove_current():
            self._on_points_changed()

    # -- levels and totals ------------------------------------------------------------------------

    def _on_points_changed(self, *_args: object) -> None:
        """Totals follow the points; levels follow them where the catalog has thresholds."""
        day = self.date_field.value()
        year = school_year_of(day) if day else None
        kind = self.school_type() or None
        critical = {d.direction for d in self.deficits() if d.critical}
        total, total_maximum, complete = 0, 0, True
        for row in self.rows:
            points, maximum = _value(row.points), _value(row.maximum)
            if points is None:
                complete = False
            else:
                total += points
                level = self._catalog.level_for(
                    row.code, points, year, kind, critical_unmet=row.code in critical
                )
                if level is not None:
                    _set_level(row.level, level)
            total_maximum = total_maximum + maximum if maximum is not None else total_maximum
        any_points = any(_value(row.points) is not None for row in self.rows)
        self.total_label.setText(format_number(total) if any_points else "—")
        self.total_maximum_label.setText(format_number(total_maximum) if total_maximum else "—")
        if any_points and complete:
            overall = self._catalog.level_for(TOTAL, total, year, kind)
            if overall is not None:
                _set_level(self.overall_combo, overall)

    # -- saving ------------------------------------------------------------------------------------

    def draft(self) -> SelfdiagRound:
        """The round as entered (not checked yet)."""
        deficits = self.deficits()
        results = []
        for row in self.rows:
            points, maximum, level = _value(row.points), _value(row.maximum), _level(row.level)
            own = tuple(d for d in deficits if d.direction == row.code)
            if points is None and level is None and not own:
                continue
            results.append(DirectionResult(row.code, points, maximum, level, own))
        scored = [r.points for r in results if r.points is not None]
        maxima = [_value(row.maximum) for row in self.rows]  # the total's, as the form shows it
        return SelfdiagRound(
            id=self._existing.id if self._existing else "",
            school_id=self._school_id,
            round_date=self.date_field.value() or dt.date.min,
            label=self.label_edit.text().strip(),
            source=self.source_edit.text().strip(),
            school_type=self.school_type(),
            notes=self._existing.notes if self._existing else "",
            total_points=sum(scored) if scored else None,
            total_maximum=sum(m for m in maxima if m is not None) if None not in maxima else None,
            overall_level=_level(self.overall_combo),
            results=tuple(results),
        )

    def save(self) -> bool:
        """Store the round through the service's rules; on a refusal say why, store nothing."""
        if self.date_field.value() is None:
            self._show_problem(_("Enter the date of the round."))
            self.date_field.setFocus()
            return False
        draft = self.draft()
        problems = round_problems(draft, self._catalog, today=self._service.today())
        if problems:
            self._show_problems(problems)
            return False
        try:
            stored = self._service.save_round(draft)
        except CuratorError as exc:
            self._show_problem(str(exc))
            return False
        self.saved = stored
        self.accept()
        return True

    def _show_problems(self, problems: list[RoundProblem]) -> None:
        """Each problem in words under the form, its input marked; the first one focused."""
        for row in self.rows:
            for widget in (row.points, row.maximum, row.level):
                widget.setStyleSheet("")
        lines, first = [], None
        names = {row.code: row for row in self.rows}
        for problem in problems:
            row = names.get(problem.direction or "")
            if row is not None:
                widget = {"maximum": row.maximum, "level": row.level}.get(problem.field, row.points)
                widget.setStyleSheet(f"border: 1px solid {colours.ATTENTION};")
                first = first or widget
                lines.append(f"{row.name}: {problem.problem}")
            elif problem.direction == TOTAL:
                total = _("Total")
                lines.append(f"{total}: {problem.problem}")
            elif problem.field == "round_date":
                first = first or self.date_field
                date = _("Date of the round")
                lines.append(f"{date}: {problem.problem}")
            else:
                lines.append(problem.problem)
        self._show_problem("\n".join(lines))
        if first is not None:
            first.setFocus()

    def _show_problem(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
