"""Choosing what a «Школа Минпросвещения России» report covers: the analytical справка on the
self-diagnosis (one school or all) or the consultation schedule, the period and the language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import ReportKind
from curator_desktop.domain.selfdiag import school_year_of
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.reports.period_dialog import language_combo

KINDS = (ReportKind.SELFDIAG, ReportKind.CONSULTATIONS)


@dataclass(frozen=True)
class SelfdiagReportRequest:
    """What to pass to ``generate_and_preview``."""

    kind: str
    """``selfdiag`` or ``consultations``."""
    date_from: dt.date
    date_to: dt.date
    school_id: str | None
    """The справка's school (None: all schools; the schedule covers all)."""
    language: str

    def arguments(self) -> dict[str, object]:
        args: dict[str, object] = {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "language": self.language,
        }
        if self.kind == ReportKind.SELFDIAG.value:
            args["school_id"] = self.school_id
        return args


def school_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """The school year ``today`` falls in: 1 September – 31 August."""
    year = school_year_of(today)
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def default_period(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The справка: from the start of the previous school year to today (the справка compares
    the last two rounds in it, November and May in whichever order); the schedule: the current
    school year."""
    if kind == ReportKind.SELFDIAG.value:
        return dt.date(school_year_of(today) - 1, 9, 1), today
    return school_year(today)


class SelfdiagReportDialog(QDialog):
    """Asks for the справка or the schedule: the kind, the period (the school year by default),
    the school (the справка) and the language."""

    def __init__(
        self,
        schools: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        kind: str = ReportKind.SELFDIAG.value,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("«School of the Ministry of Education» reports"))
        self.kind_combo = QComboBox()
        for member in KINDS:
            self.kind_combo.addItem(member.label, member.value)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.date_from = DateField(tip=_("First day of the period"))
        self.date_to = DateField(tip=_("Last day of the period"))
        self._today = today()
        self._default = default_period(self.kind(), self._today)
        self.date_from.set_value(self._default[0])
        self.date_to.set_value(self._default[1])
        self.school_combo = QComboBox()
        self.school_combo.addItem(_("All my schools"), None)
        for school_id, name in schools:
            self.school_combo.addItem(name, school_id)
        self.language_combo = language_combo()
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet(colours.ERROR_STYLE)
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Generate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Report:"), self.kind_combo)
        form.addRow(_("Period:"), period)
        self.school_label = QLabel(_("School:"))
        form.addRow(self.school_label, self.school_combo)
        form.addRow(_("Language:"), self.language_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.date_from.changed.connect(self._validate)
        self.date_to.changed.connect(self._validate)
        self._validate()
        fit_to_screen(self, (520, 260), anchor=parent)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def request(self) -> SelfdiagReportRequest:
        start, end = self.date_from.value(), self.date_to.value()
        assert start is not None and end is not None
        selfdiag = self.kind() == ReportKind.SELFDIAG.value
        return SelfdiagReportRequest(
            kind=self.kind(),
            date_from=start,
            date_to=end,
            school_id=self.school_combo.currentData() if selfdiag else None,
            language=str(self.language_combo.currentData()),
        )

    def _on_kind_changed(self, _index: int) -> None:
        """The new kind's default period, unless the user chose another one."""
        if (self.date_from.value(), self.date_to.value()) == self._default:
            self._default = default_period(self.kind(), self._today)
            self.date_from.set_value(self._default[0])
            self.date_to.set_value(self._default[1])
        self._validate()

    def _validate(self, *_args: object) -> None:
        selfdiag = self.kind() == ReportKind.SELFDIAG.value
        self.school_label.setVisible(selfdiag)
        self.school_combo.setVisible(selfdiag)
        start, end = self.date_from.value(), self.date_to.value()
        problem = ""
        if start is None or end is None:
            problem = _("Enter both days of the period.")
        elif end < start:
            problem = _("The period must not end before it begins.")
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
