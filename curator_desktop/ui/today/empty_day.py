"""What «Сегодня» says when nothing is due: the next visit, or how to start in an empty store,
with the buttons that go there (``command_requested``, ``visit_requested``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from curator_desktop.i18n import _, format_date
from curator_desktop.services.today.agenda import Agenda
from curator_desktop.ui.common import colours

IMPORT_SCHOOLS, NEW_SCHOOL, IMPORT_ROADMAP, NEW_VISIT = (
    "import_schools",
    "new_school",
    "import_roadmap",
    "new_visit",
)
"""The window's commands the buttons ask for."""
HINT_WIDTH_EM = 90
"""The hint wraps at about this many characters."""


class EmptyDay(QWidget):
    """A message and up to three buttons, rebuilt for each agenda by :meth:`show_agenda`."""

    command_requested = Signal(str)
    """One of :data:`IMPORT_SCHOOLS`, :data:`NEW_SCHOOL`, :data:`IMPORT_ROADMAP`,
    :data:`NEW_VISIT`."""
    visit_requested = Signal(str)
    """«Open the visit»: the next visit's id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet(colours.HINT_STYLE)
        self.hint_label.setMaximumWidth(HINT_WIDTH_EM * self.fontMetrics().averageCharWidth())
        self.buttons: list[QPushButton] = []
        self._row = QHBoxLayout()
        self._row.addStretch(1)
        self._row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addStretch(1)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title_label)
        hint_row = QHBoxLayout()  # the hint as wide as it may be, centred
        hint_row.addStretch(1)
        hint_row.addWidget(self.hint_label, 100)
        hint_row.addStretch(1)
        layout.addLayout(hint_row)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(self._row)
        layout.addStretch(2)

    def show_agenda(self, agenda: Agenda) -> None:
        """Say what comes next on an empty ``agenda``, and offer to go there."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        if not agenda.has_schools:
            self._say(
                _("Start with your schools"),
                _(
                    "Import the list of schools your coordinator sent you, or add a school by "
                    "hand. Then import your region's roadmap: what is due will be gathered here "
                    "every day."
                ),
            )
            self._add(_("Import list of schools…"), IMPORT_SCHOOLS)
            self._add(_("Add a school…"), NEW_SCHOOL)
            self._add(_("Import roadmap…"), IMPORT_ROADMAP)
            return
        hints = []
        following = agenda.next_visit
        if following is not None:
            hints.append(
                _("The next visit is on {date}, {school}.").format(
                    date=format_date(following.day, _day_format(following.day, agenda.today)),
                    school=following.school,
                )
            )
            self._add(_("Open the next visit"), following.visit_id)
        else:
            hints.append(_("No visit is planned yet."))
            self._add(_("Plan a visit…"), NEW_VISIT)
        if not agenda.has_roadmap:
            hints.append(_("Import your region's roadmap to see the plan's items here too."))
            self._add(_("Import roadmap…"), IMPORT_ROADMAP)
        self._say(_("Everything for today is done"), " ".join(hints))

    def _say(self, title: str, hint: str) -> None:
        self.title_label.setText(title)
        self.hint_label.setText(hint)

    def _add(self, text: str, command: str) -> None:
        button = QPushButton(text)
        button.setAutoDefault(False)
        if command in (IMPORT_SCHOOLS, NEW_SCHOOL, IMPORT_ROADMAP, NEW_VISIT):
            button.clicked.connect(lambda _checked=False: self.command_requested.emit(command))
        else:
            button.clicked.connect(lambda _checked=False: self.visit_requested.emit(command))
        self._row.insertWidget(self._row.count() - 1, button)
        self.buttons.append(button)


def _day_format(day: object, today: object) -> str:
    """«15 декабря» this year, «15 января 2027 г.» another."""
    return "d MMMM" if getattr(day, "year", None) == getattr(today, "year", None) else "long"
