"""Choosing what a curator's report for a period covers: kind, period, schools, language, an
optional «Согласовано» line for the coordinator; and writing the curator's texts it prints: the
conclusions (with the proposals for the next year in the final report) and, in the final report,
the best practices. The texts start from those of the report's previous version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import ReportKind
from curator_desktop.i18n import SUPPORTED_LANGUAGES, _, current_language
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.reports.record_model import language_name

if TYPE_CHECKING:
    from curator_desktop.services.reports.period.curator_texts import CuratorTexts

PERIOD_KINDS = (ReportKind.INTERIM, ReportKind.FINAL)

TextsFor = Callable[..., "CuratorTexts | None"]
"""``ReportService.period_texts``: the texts of a report's newest version (keyword arguments
``kind``, ``school_ids``, ``language`` after the period's two dates)."""


@dataclass(frozen=True)
class PeriodReportRequest:
    """What to pass to ``ReportService.generate_period``."""

    kind: str
    date_from: dt.date
    date_to: dt.date
    school_ids: list[str] | None
    """None: every school assigned to the curator (not archived)."""
    language: str
    approved_by: str | None = None
    """The coordinator of the «Согласовано» line ("" a blank line; None no line)."""
    conclusions: str = ""
    """The curator's conclusions (and proposals for the next year); "" leaves lines to write."""
    best_practices: str = ""
    """The final report's best practices; "" leaves lines to write."""


def default_period(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The interim report covers the first half of the year (1 January – 30 June), the final
    one the whole year; in January and February the final report is still last year's."""
    if kind == ReportKind.FINAL:
        year = today.year - 1 if today.month <= 2 else today.year
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30)


def language_combo() -> QComboBox:
    """A choice of the report's language, the interface's language chosen."""
    combo = QComboBox()
    for code in SUPPORTED_LANGUAGES:
        combo.addItem(language_name(code), code)
    combo.setCurrentIndex(max(0, combo.findData(current_language())))
    return combo


class PeriodReportDialog(QDialog):
    """Asks for a curator's interim or final report: the period, the schools, the language
    (first tab) and the curator's texts (second tab).

    ``schools`` are ``(id, name)`` pairs of the curator's schools; ``today`` gives the default
    period (tests fix it); ``texts_for`` finds the texts of the report's previous version, which
    fill the texts tab while the curator has not edited it.
    """

    def __init__(
        self,
        schools: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        texts_for: TextsFor | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Curator's report for a period"))
        self._today = today()
        self._texts_for = texts_for
        self._filled: tuple[str, str] = ("", "")
        """The texts last put in from a previous version (the curator's own edits are kept)."""
        self.kind_combo = QComboBox()
        for kind in PERIOD_KINDS:
            self.kind_combo.addItem(kind.label, kind.value)
        self.date_from = DateField(tip=_("First day of the period"))
        self.date_to = DateField(tip=_("Last day of the period"))
        self.language_combo = language_combo()

        self.all_schools = QRadioButton(_("All my schools"))
        self.some_schools = QRadioButton(_("Selected schools:"))
        group = QButtonGroup(self)
        group.addButton(self.all_schools)
        group.addButton(self.some_schools)
        self.all_schools.setChecked(True)
        self.school_list = QListWidget()
        self.school_list.setAccessibleName(_("Schools"))
        for school_id, name in schools:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, school_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.school_list.addItem(item)
        self.school_list.setEnabled(False)
        self.approval_check = QCheckBox(_("Add an “Approved” line for the coordinator"))
        self.approver_edit = QLineEdit()
        self.approver_edit.setPlaceholderText(_("Name and position (blank: to fill in by hand)"))
        self.approver_edit.setAccessibleName(_("Coordinator"))
        self.approver_edit.setEnabled(False)
        self.approval_check.toggled.connect(self.approver_edit.setEnabled)
        self.conclusions_label = QLabel()
        self.conclusions_edit = QPlainTextEdit()
        self.practices_label = QLabel(_("&Best practices:"))
        self.practices_edit = QPlainTextEdit()
        for label, edit in (
            (self.conclusions_label, self.conclusions_edit),
            (self.practices_label, self.practices_edit),
        ):
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(_("Leave empty to write by hand on the printed report."))
            label.setBuddy(edit)
        self.practices_edit.setAccessibleName(_("Best practices"))
        self.texts_note = QLabel()
        self.texts_note.setWordWrap(True)
        self.texts_note.setStyleSheet(colours.HINT_STYLE)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet(colours.ERROR_STYLE)
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Generate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()

        self._set_default_period()
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.date_from.changed.connect(self._validate)
        self.date_to.changed.connect(self._validate)
        self.some_schools.toggled.connect(self._on_some_schools_toggled)
        self.school_list.itemChanged.connect(self._validate)
        self.language_combo.currentIndexChanged.connect(self._validate)
        self._validate()

    def _build_layout(self) -> None:
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Report:"), self.kind_combo)
        form.addRow(_("Period:"), period)
        form.addRow(_("Language:"), self.language_combo)
        what = QWidget()
        what_layout = QVBoxLayout(what)
        what_layout.addLayout(form)
        what_layout.addWidget(self.all_schools)
        what_layout.addWidget(self.some_schools)
        what_layout.addWidget(self.school_list, 1)
        what_layout.addWidget(self.approval_check)
        what_layout.addWidget(self.approver_edit)
        texts = QWidget()
        texts_layout = QVBoxLayout(texts)
        texts_layout.addWidget(self.conclusions_label)
        texts_layout.addWidget(self.conclusions_edit, 3)
        texts_layout.addWidget(self.practices_label)
        texts_layout.addWidget(self.practices_edit, 2)
        texts_layout.addWidget(self.texts_note)
        self.tabs = QTabWidget()
        self.tabs.addTab(what, _("&Report"))
        self.tabs.addTab(texts, _("Curator's &texts"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        fit_to_screen(self, (560, 500), anchor=self.parentWidget())

    # -- values --------------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def selected_school_ids(self) -> list[str]:
        return [
            self.school_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.school_list.count())
            if self.school_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def request(self) -> PeriodReportRequest:
        """What the curator asked for (call after the dialog was accepted)."""
        date_from, date_to = self.date_from.value(), self.date_to.value()
        assert date_from is not None and date_to is not None
        return PeriodReportRequest(
            kind=self.kind(),
            date_from=date_from,
            date_to=date_to,
            school_ids=self.selected_school_ids() if self.some_schools.isChecked() else None,
            language=str(self.language_combo.currentData()),
            approved_by=self.approver_edit.text().strip()
            if self.approval_check.isChecked()
            else None,
            conclusions=self.conclusions_edit.toPlainText().strip(),
            best_practices=self.practices_edit.toPlainText().strip()
            if self.kind() == ReportKind.FINAL
            else "",
        )

    def problem(self) -> str:
        """Why the report cannot be asked for yet ("" when it can)."""
        date_from, date_to = self.date_from.value(), self.date_to.value()
        if date_from is None or date_to is None:
            return _("Enter both dates of the period.")
        if date_from > date_to:
            return _("The period must not end before it begins.")
        if self.some_schools.isChecked() and not self.selected_school_ids():
            return _("Tick at least one school, or choose all schools.")
        return ""

    # -- reactions -----------------------------------------------------------------------------

    def _set_default_period(self) -> None:
        date_from, date_to = default_period(self.kind(), self._today)
        self.date_from.set_value(date_from)
        self.date_to.set_value(date_to)
        self._defaults = (date_from, date_to)

    def _on_kind_changed(self, _index: int) -> None:
        # the period follows the kind unless the curator has chosen dates of their own
        if (self.date_from.value(), self.date_to.value()) == self._defaults:
            self._set_default_period()
        self._validate()

    def _on_some_schools_toggled(self, checked: bool) -> None:
        self.school_list.setEnabled(checked)
        self._validate()

    def _validate(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        self._show_texts_for_kind()
        if not problem:
            self._fill_texts()

    def _show_texts_for_kind(self) -> None:
        final = self.kind() == ReportKind.FINAL
        self.conclusions_label.setText(
            _("&Conclusions and proposals for the next year:") if final else _("&Conclusions:")
        )
        self.conclusions_edit.setAccessibleName(
            _("Conclusions and proposals for the next year") if final else _("Conclusions")
        )
        self.practices_label.setVisible(final)
        self.practices_edit.setVisible(final)

    def _texts(self) -> tuple[str, str]:
        return self.conclusions_edit.toPlainText(), self.practices_edit.toPlainText()

    def _fill_texts(self) -> None:
        """Put in the texts of the report's newest version, unless the curator has edited
        what was put in before."""
        if self._texts_for is None or self._texts() != self._filled:
            return
        date_from, date_to = self.date_from.value(), self.date_to.value()
        some = self.some_schools.isChecked()
        found = self._texts_for(
            date_from,
            date_to,
            kind=self.kind(),
            school_ids=self.selected_school_ids() if some else None,
            language=str(self.language_combo.currentData()),
        )
        texts = (found.conclusions, found.best_practices) if found is not None else ("", "")
        self.conclusions_edit.setPlainText(texts[0])
        self.practices_edit.setPlainText(texts[1])
        self._filled = self._texts()
        if found is not None and found.approved_by is not None:
            self.approval_check.setChecked(True)
            self.approver_edit.setText(found.approved_by)
        self.texts_note.setText(
            _("The texts of the report's previous version, to edit.") if found else ""
        )
