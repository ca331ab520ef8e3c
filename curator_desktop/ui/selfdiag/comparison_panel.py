"""Two of a school's self-diagnosis rounds compared: per direction then → now, deficits closed
and new (the «Comparison» tab of the self-diagnosis section)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from curator_desktop.domain.selfdiag import Deficit, RoundComparison, SelfdiagRound, compare_rounds
from curator_desktop.i18n import _, format_number
from curator_desktop.ui.common.screen_fit import scrolling
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.selfdiag.models import ChangeRow, ComparisonTableModel, round_title


class ComparisonPanel(QWidget):
    """The rounds to compare, chosen in two lists; ``changed`` when the comparison changed."""

    changed = Signal()

    def __init__(
        self, name: Callable[[str], str], order: list[str], parent: QWidget | None = None
    ) -> None:
        """``name`` names a direction code; ``order`` is the catalog's order of directions."""
        super().__init__(parent)
        self._name = name
        self._order = order
        self._rounds: list[SelfdiagRound] = []
        self._comparison: RoundComparison | None = None

        self.before_combo = QComboBox()
        self.before_combo.setAccessibleName(_("Earlier round"))
        self.after_combo = QComboBox()
        self.after_combo.setAccessibleName(_("Later round"))
        self.before_combo.activated.connect(self._on_compared_rounds_chosen)
        self.after_combo.activated.connect(self._on_compared_rounds_chosen)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(_("Compare")))
        choose.addWidget(self.before_combo, 1)
        choose.addWidget(QLabel("→"))
        choose.addWidget(self.after_combo, 1)
        self.comparison_model = ComparisonTableModel()
        self.comparison_table = RecordTable(self.comparison_model)
        self.comparison_table.view.setAccessibleName(_("Comparison of the rounds"))
        self.comparison_table.set_empty_text(
            _("Two rounds are needed for a comparison"),
            _("Record the school's second round: its results are compared with the first."),
        )
        self.closed_label = QLabel()
        self.new_label = QLabel()
        deficits = QWidget()
        deficits_layout = QHBoxLayout(deficits)
        deficits_layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.closed_label, self.new_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            deficits_layout.addWidget(label, 1)
        self.comparison_splitter = QSplitter(Qt.Orientation.Vertical)
        self.comparison_splitter.setChildrenCollapsible(False)
        self.comparison_splitter.addWidget(self.comparison_table)
        self.comparison_splitter.addWidget(scrolling(deficits))
        self.comparison_splitter.setStretchFactor(0, 3)
        self.comparison_splitter.setStretchFactor(1, 1)
        self.comparison_splitter.setSizes([380, 110])
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.comparison_splitter, 1)

    @property
    def comparison(self) -> RoundComparison | None:
        """The two chosen rounds compared; None unless two different rounds are chosen."""
        return self._comparison

    def set_rounds(self, rounds: list[SelfdiagRound]) -> None:
        """Offer ``rounds``; keep the chosen pair if both are still there, else the newest two."""
        self._rounds = list(rounds)
        newest_first = sorted(self._rounds, key=lambda r: r.round_date, reverse=True)
        keep = (self.before_combo.currentData(), self.after_combo.currentData())
        for combo in (self.before_combo, self.after_combo):
            combo.blockSignals(True)
            combo.clear()
            for selfdiag_round in newest_first:
                combo.addItem(round_title(selfdiag_round), selfdiag_round.id)
            combo.blockSignals(False)
        ids = [r.id for r in newest_first]
        before, after = keep
        if before not in ids or after not in ids or before == after:
            before = ids[1] if len(ids) > 1 else None
            after = ids[0] if ids else None
        self.before_combo.setCurrentIndex(max(0, self.before_combo.findData(before)))
        self.after_combo.setCurrentIndex(max(0, self.after_combo.findData(after)))
        self._compare()

    def _compare(self) -> None:
        by_id = {r.id: r for r in self._rounds}
        before = by_id.get(self.before_combo.currentData())
        after = by_id.get(self.after_combo.currentData())
        if before is None or after is None or before.id == after.id:
            self._comparison = None
        else:
            self._comparison = compare_rounds(before, after, self._order)
        comparison = self._comparison
        rows = (
            [ChangeRow(self._name(c.direction), c, n) for n, c in enumerate(comparison.directions)]
            if comparison
            else []
        )
        if comparison is not None:
            rows.append(ChangeRow(_("Total"), comparison.total, len(rows)))
        self.comparison_table.set_rows(rows)
        self.closed_label.setText(self._deficit_list(_("Deficits closed"), comparison, "closed"))
        self.new_label.setText(self._deficit_list(_("New deficits"), comparison, "new"))
        self.changed.emit()

    def _deficit_list(self, title: str, comparison: RoundComparison | None, which: str) -> str:
        if comparison is None:
            return ""
        deficits: tuple[Deficit, ...] = getattr(comparison, which)
        lines = [
            "• "
            + f"{self._name(d.direction)}: "
            + (
                _("{text} (critical)").format(text=d.text or d.indicator)
                if d.critical
                else d.text or d.indicator
            )
            for d in deficits
        ]
        body = "<br/>".join(escape(line) for line in lines) or escape(_("none"))
        return f"<b>{escape(title)}</b> ({format_number(len(deficits))})<br/>{body}"

    def _on_compared_rounds_chosen(self, _index: int) -> None:
        self._compare()
