"""The review (экспертиза) of one version: each criterion rated «соответствует / частично /
не соответствует» with a comment, the target indicators of an antirisk programme, the remarks,
and the conclusion «принять» / «на доработку» with the revision deadline.

OK saves the ratings and, when a conclusion is chosen, concludes the review; the rules of
:mod:`curator_desktop.domain.documents.rules` are checked before anything is stored («принять»
with a criterion not met needs the reason written). A concluded review is shown read-only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.documents import CriterionMark, ReviewRecord, VersionRecord
from curator_desktop.domain.documents.criteria import RATINGS, CriteriaCatalog, CriteriaSet
from curator_desktop.domain.documents.rules import check_conclusion, unmet
from curator_desktop.domain.enums import ReviewConclusion
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _, current_language
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.screen_fit import fit_to_screen, scrolling
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.documents.indicators_editor import IndicatorsEditor
from curator_desktop.ui.documents.labels import document_name, short_date
from curator_desktop.ui.documents.store_dialog import StoreDialog

if TYPE_CHECKING:
    from curator_desktop.services.documents import DocumentService

PREFERRED_SIZE = (820, 760)


class ReviewDialog(StoreDialog):
    """Edits one review; ``ratings[key]`` and ``comments[key]`` are the criterion rows."""

    def __init__(
        self,
        service: DocumentService,
        review: ReviewRecord,
        criteria: CriteriaSet,
        catalog: CriteriaCatalog,
        *,
        version: VersionRecord,
        today: dt.date,
        document_title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``document_title``: the document as the tab names it (default: its kind)."""
        title = _("Review of version {number}").format(number=version.number)
        super().__init__(title, parent)
        self._service = service
        self._review = review
        self._criteria = criteria
        self._catalog = catalog
        self.read_only = review.conclusion is not None
        language = current_language()

        heading = QLabel(
            _("{document}, version {number} received on {date}").format(
                document=document_title or document_name(review.kind, review.factor_code),
                number=version.number,
                date=short_date(version.received_on),
            )
            + (f" ({version.received_from})" if version.received_from else "")
        )
        heading.setWordWrap(True)
        self.notice = QLabel(_("The review is concluded; a new version gets its own review."))
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(colours.NOTICE_STYLE)
        self.notice.setVisible(self.read_only)

        marks = {mark.criterion_id: mark for mark in review.marks}
        self.ratings: dict[str, QComboBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        criteria_box = QGroupBox(_("Criteria"))
        grid = QGridLayout(criteria_box)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        for row, criterion in enumerate(criteria.criteria):
            label = QLabel(f"{row + 1}. {criterion.label(language)}")
            label.setWordWrap(True)
            label.setToolTip(criterion.help_text(language))
            rating = QComboBox()
            rating.addItem("—", None)
            for value in RATINGS:
                rating.addItem(catalog.rating_label(value, language), value)
            rating.setAccessibleName(criterion.label(language))
            comment = QLineEdit()
            comment.setPlaceholderText(_("Comment"))
            comment.setAccessibleName(
                _("Comment on «{criterion}»").format(criterion=criterion.label(language))
            )
            mark = marks.get(criterion.key)
            if mark is not None:
                rating.setCurrentIndex(max(rating.findData(mark.result), 0))
                comment.setText(mark.comment)
            rating.currentIndexChanged.connect(self._update_conclusion_fields)
            label.setBuddy(rating)
            grid.addWidget(label, row, 0)
            grid.addWidget(rating, row, 1)
            grid.addWidget(comment, row, 2)
            self.ratings[criterion.key] = rating
            self.comments[criterion.key] = comment

        self.indicators = IndicatorsEditor()
        self.indicators.set_indicators(review.indicators)
        indicators_box = QGroupBox(_("Target indicators of the programme"))
        QVBoxLayout(indicators_box).addWidget(self.indicators)

        self.remarks = QPlainTextEdit(review.remarks)
        self.remarks.setTabChangesFocus(True)
        self.remarks.setPlaceholderText(_("What the school must change, point by point"))
        lines = self.remarks.fontMetrics().lineSpacing()
        self.remarks.setMinimumHeight(lines * 4)
        self.remarks.setMaximumHeight(lines * 8)
        remarks_box = QGroupBox(_("Remarks"))
        QVBoxLayout(remarks_box).addWidget(self.remarks)

        self.conclusion = QComboBox()
        self.conclusion.addItem(_("not concluded yet"), None)
        for value in (ReviewConclusion.ACCEPT.value, ReviewConclusion.REVISE.value):
            self.conclusion.addItem(catalog.conclusion_label(value, language), value)
        self.conclusion.setCurrentIndex(max(self.conclusion.findData(review.conclusion), 0))
        self.conclusion.currentIndexChanged.connect(self._update_conclusion_fields)
        self.reviewed_on = DateField(tip=_("Date of the review"))
        self.reviewed_on.set_value(review.reviewed_on or today)
        self.deadline = DateField(tip=_("Revision deadline"))
        self.deadline.set_value(review.revision_deadline)
        self.reason = QLineEdit(review.accept_reason)
        self.reason.setPlaceholderText(
            _("Why the document is accepted although a criterion is not met")
        )
        self.reason_label = QLabel(_("Reason:"))
        self.reason_label.setBuddy(self.reason)
        self.deadline_label = QLabel(_("Revision deadline:"))
        self.deadline_label.setBuddy(self.deadline.edit)
        conclusion_box = QGroupBox(_("Conclusion and revision deadline"))
        form = QFormLayout(conclusion_box)
        form.addRow(_("Conclusion:"), self.conclusion)
        form.addRow(_("Date of the review:"), self.reviewed_on)
        form.addRow(self.deadline_label, self.deadline)
        form.addRow(self.reason_label, self.reason)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.notice, heading, criteria_box, indicators_box, remarks_box):
            column.addWidget(widget)
        column.addWidget(conclusion_box)
        column.addStretch(1)
        indicators_box.setVisible(criteria.target_indicators)
        self.finish_layout(scrolling(content))
        self.store = self._store
        if self.read_only:
            self._make_read_only()
        self._update_conclusion_fields()
        fit_to_screen(self, PREFERRED_SIZE, (360, 280), anchor=parent)

    # -- values ------------------------------------------------------------------------------

    def marks(self) -> list[CriterionMark]:
        """The rated criteria (a criterion left at «—» is not rated)."""
        return [
            CriterionMark(key, combo.currentData(), self.comments[key].text().strip())
            for key, combo in self.ratings.items()
            if combo.currentData() is not None
        ]

    def chosen_conclusion(self) -> str | None:
        return self.conclusion.currentData()

    def check(self) -> str:
        conclusion = self.chosen_conclusion()
        if self.read_only or conclusion is None:
            return ""
        if self.reviewed_on.value() is None:
            return _("Enter the date of the review.")
        try:
            check_conclusion(
                conclusion,
                self.marks(),
                accept_reason=self.reason.text(),
                revision_deadline=self.deadline.value(),
                reviewed_on=self.reviewed_on.value(),
            )
        except ValidationError as exc:
            self._focus_field(exc.field)
            return exc.user_message
        return ""

    def _store(self) -> None:
        if self.read_only:
            return
        review_id = self._review.id
        remarks = self.remarks.toPlainText().strip()
        self._service.save_review(
            review_id,
            marks=self.marks(),
            indicators=self.indicators.indicators() if self._criteria.target_indicators else None,
            remarks=remarks,
            criteria_key=self._catalog.catalog_key,
            criteria_version=self._catalog.version,
        )
        conclusion = self.chosen_conclusion()
        if conclusion is None:
            return
        reviewed_on = self.reviewed_on.value()
        assert reviewed_on is not None  # check() refused an empty date
        revise = conclusion == ReviewConclusion.REVISE
        self._service.set_conclusion(
            review_id,
            conclusion=conclusion,
            reviewed_on=reviewed_on,
            revision_deadline=self.deadline.value() if revise else None,
            remarks=remarks,
            accept_reason=self.reason.text().strip() if not revise else "",
        )

    # -- helpers -----------------------------------------------------------------------------

    def _update_conclusion_fields(self, *_args: object) -> None:
        conclusion = self.chosen_conclusion()
        revise = conclusion == ReviewConclusion.REVISE
        needs_reason = conclusion == ReviewConclusion.ACCEPT and bool(unmet(self.marks()))
        self.deadline.setVisible(revise)
        self.deadline_label.setVisible(revise)
        self.reason.setVisible(needs_reason or (bool(self.reason.text()) and not revise))
        self.reason_label.setVisible(self.reason.isVisibleTo(self))

    def _focus_field(self, field: str | None) -> None:
        target = {"accept_reason": self.reason, "revision_deadline": self.deadline}.get(field or "")
        if target is not None:
            target.setFocus()

    def _make_read_only(self) -> None:
        for combo in (*self.ratings.values(), self.conclusion):
            combo.setEnabled(False)
        for edit in (*self.comments.values(), self.reason):
            edit.setReadOnly(True)
        self.remarks.setReadOnly(True)
        self.indicators.set_read_only(True)
        self.reviewed_on.set_read_only(True)
        self.deadline.set_read_only(True)
        self.ok_button.hide()
        self.cancel_button.setText(_("Close"))
