"""Every top-level window and dialog of the app, opened on a demo store, one after another.

Shared by the walks over all of them (fits the screen, no destructive default button). Each
dialog is built as the app builds it, over the main window, shown (not ``exec``-ed) and closed
again once the caller has looked at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from curator_desktop.ui.shell.main_window import MainWindow

Opener = Callable[[MainWindow, Path], QWidget]
"""Builds one dialog over the main window; the path is a folder of its own for files."""


def demo_visit(window: MainWindow, *, lessons: bool = False) -> str:
    """A demo visit with a checklist (and, if asked, observed lessons)."""
    context = window.context
    for summary in context.visits.summaries():
        state = context.visit_service.load(summary.id)
        if state.visit.template and (state.lessons or not lessons):
            return summary.id
    raise AssertionError("the demo store has no such visit")


def _school(window: MainWindow) -> str:
    return window.context.schools.choices()[0][0]


def _visit_editor(window: MainWindow, _tmp: Path) -> QWidget:
    editor = window.visit_windows.open(demo_visit(window, lessons=True))
    assert editor is not None
    return editor


def _new_visit(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.visits.new_visit_dialog import NewVisitDialog

    return NewVisitDialog(window.context, _school(window), window)


def _school_card(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.schools.card import SchoolCardDialog

    return SchoolCardDialog(window.context, _school(window), window)


def _new_school_card(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.schools.card import SchoolCardDialog

    return SchoolCardDialog(window.context, None, window)


def _school_import(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.schools.import_dialog import SchoolImportDialog

    return SchoolImportDialog(window.context, window)


def _welcome(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.shell.first_run_dialog import WelcomeDialog

    context = window.context
    return WelcomeDialog(context.paths, device_id=context.settings.device_id, parent=window)


def _first_run(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog

    return FirstRunDialog(window.context.profile_service, window)


def _about(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.shell.about_dialog import AboutDialog

    return AboutDialog(window.context, window)


def _export(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.exchange.export_dialog import ExportDialog

    return ExportDialog(window.context.schools.choices(), window)


def _import_preview(window: MainWindow, tmp: Path) -> QWidget:
    """A package from another curator's small store (a store's own package is refused)."""
    from curator_desktop.store import schema
    from curator_desktop.store.tables import CuratorProfile, School
    from curator_desktop.ui.exchange.import_preview_dialog import ImportPreviewDialog
    from tests.services.exchange.exchange_helpers import copy_store

    template = tmp / "template" / "curator.sqlite3"
    template.parent.mkdir(parents=True, exist_ok=True)
    schema.upgrade(template)
    sender = copy_store(template, tmp / "sender", "dev-sender")
    try:
        with sender.database.session() as session:
            session.add(CuratorProfile(full_name="Соколова Марина Викторовна", region="Н-ская"))
            session.add_all(
                School(full_name=f"МБОУ СОШ № {n}", short_name=f"СОШ № {n}", municipality="Г-ский")
                for n in (1, 2)
            )
        package = sender.service.export(tmp / "sender.curator").path
    finally:
        sender.close()
    return ImportPreviewDialog(window.context.exchange_service.preview(package), window)


def _conflicts(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.services.exchange.merge.reconcile import Conflict
    from curator_desktop.ui.exchange.conflict_dialog import ConflictDialog

    school = Conflict(
        "school",
        "s1",
        {"short_name": "СОШ № 1", "notes": "офис", "phone": "1"},
        {"short_name": "СОШ № 1", "notes": "ноутбук", "phone": "2"},
        ("notes", "phone"),
    )
    return ConflictDialog([school], parent=window)


def _report_preview(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.reports.preview import ReportPreviewDialog

    service = window.context.report_service
    record = service.generate_visit(demo_visit(window))
    return ReportPreviewDialog(service.path_of(record), "report", window)


def _period_report(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.reports.period_dialog import PeriodReportDialog

    return PeriodReportDialog(window.context.schools.choices(), window)


def _batch_reports(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.reports.batch_dialog import BatchReportDialog

    return BatchReportDialog(window.context.report_service, window)


def _roadmap_import(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.plan.roadmap_import_dialog import RoadmapImportDialog

    return RoadmapImportDialog(window.context, window)


def _plan_item(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.plan.item_dialog import PlanItemDialog

    return PlanItemDialog(window.context.plan_service, parent=window)


def _plan_link(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.plan.link_dialog import PlanLinkDialog

    return PlanLinkDialog(window.context.plan_service, window)


def _risk_history(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.risk.history_dialog import RiskHistoryDialog

    context = window.context
    year = dt.date.today().year
    entries = context.risk_service.history(_school(window), year)
    return RiskHistoryDialog(
        entries, factor_names={}, year=year, this_device=context.settings.device_id, parent=window
    )


def _compare(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.visits.editor.compare_dialog import CompareDialog

    service = window.context.visit_service
    return CompareDialog(service.compare_with_previous(demo_visit(window)), window)


def _missing_items(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.visits.editor.completion_dialog import MissingItemsDialog

    service = window.context.visit_service
    visit_id = next(
        s.id for s in window.context.visits.summaries() if service.missing_required(s.id)
    )
    return MissingItemsDialog(service.missing_required(visit_id), window)


def _minpros_school(window: MainWindow) -> str:
    return next(s.id for s in window.context.schools.summaries() if s.programme == "minpros_school")


def _selfdiag_card(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.schools.card import SchoolCardDialog

    card = SchoolCardDialog(window.context, _minpros_school(window), window)
    assert card.selfdiag_widget is not None
    card.tabs.setCurrentWidget(card.selfdiag_widget)
    return card


def _selfdiag_round(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.selfdiag.round_dialog import RoundDialog

    school_id = _minpros_school(window)
    rounds = window.context.selfdiag_service.rounds(school_id)
    return RoundDialog(window.context.selfdiag_service, school_id, rounds[-1], window)


def _new_selfdiag_round(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.selfdiag.round_dialog import RoundDialog

    return RoundDialog(window.context.selfdiag_service, _minpros_school(window), None, window)


def _selfdiag_import(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.selfdiag.import_dialog import RoundImportDialog

    return RoundImportDialog(window.context.selfdiag_service, _minpros_school(window), window)


def _decision(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.selfdiag.decision_dialog import DecisionDialog

    service = window.context.selfdiag_service
    latest = service.rounds(_minpros_school(window))[-1]
    return DecisionDialog(service, latest, None, window)


def _selfdiag_reports(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.selfdiag.report_dialog import SelfdiagReportDialog

    return SelfdiagReportDialog(window.context.schools.choices(), window)


def _documents_card(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.schools.card import SchoolCardDialog

    card = SchoolCardDialog(window.context, _school(window), window)
    assert card.documents_widget is not None
    card.tabs.setCurrentWidget(card.documents_widget)
    return card


def _reviewed_version(window: MainWindow) -> tuple[Any, Any]:
    """A demo document with a version, and that version (documents of the cycle year)."""
    from curator_desktop.domain.risk.cycle import cycle_year

    service = window.context.document_service
    for summary in window.context.schools.summaries():
        for document in service.documents(summary.id, cycle_year(dt.date.today())):
            if document.versions:
                return document, document.latest_version
    raise AssertionError("the demo has no document version")


def _review(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.services.documents.criteria_catalog import criteria_in_force
    from curator_desktop.ui.documents.review_dialog import ReviewDialog

    document, version = _reviewed_version(window)
    service = window.context.document_service
    review = document.latest_review or service.start_review(version.id, started_on=dt.date.today())
    catalog = criteria_in_force(window.context.database)
    criteria = catalog.criteria_for(document.kind)
    today = dt.date.today()
    return ReviewDialog(
        service, review, criteria, catalog, version=version, today=today, parent=window
    )


def _receive_version(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.documents.version_dialog import ReceiveVersionDialog

    return ReceiveVersionDialog(
        "Концепция развития", number=2, today=dt.date.today(), parent=window
    )


def _upload_date(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.documents.date_dialog import UploadDateDialog

    return UploadDateDialog("ИС МЭДК", "Версия 1", dt.date.today(), parent=window)


def _confirmation(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.documents.confirmation_dialog import ConfirmationDialog

    document, _version = _reviewed_version(window)
    programmes = [(document.id, "Концепция развития")]
    return ConfirmationDialog(programmes, current=None, today=dt.date.today(), parent=window)


def _event(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.events.event_dialog import EventDialog

    service = window.context.event_service
    return EventDialog(
        service,
        schools=window.context.schools.choices(),
        plan=service.plan_choices(),
        parent=window,
    )


def _event_series(window: MainWindow, _tmp: Path) -> QWidget:
    from curator_desktop.ui.events.series_dialog import SeriesDialog

    service = window.context.event_service
    return SeriesDialog(service, service.plan_choices(), parent=window)


OPENERS: dict[str, Opener] = {
    "visit editor": _visit_editor,
    "new visit": _new_visit,
    "school card": _school_card,
    "new school card": _new_school_card,
    "school import": _school_import,
    "welcome": _welcome,
    "first run": _first_run,
    "about": _about,
    "export": _export,
    "import preview": _import_preview,
    "conflicts": _conflicts,
    "report preview": _report_preview,
    "period report": _period_report,
    "batch reports": _batch_reports,
    "roadmap import": _roadmap_import,
    "plan item": _plan_item,
    "plan link": _plan_link,
    "risk history": _risk_history,
    "compare visits": _compare,
    "missing items": _missing_items,
    "self-diagnosis school card": _selfdiag_card,
    "self-diagnosis round": _selfdiag_round,
    "new self-diagnosis round": _new_selfdiag_round,
    "self-diagnosis import": _selfdiag_import,
    "management decision": _decision,
    "self-diagnosis reports": _selfdiag_reports,
    "documents card": _documents_card,
    "document review": _review,
    "receive version": _receive_version,
    "upload date": _upload_date,
    "confirmation document": _confirmation,
    "event": _event,
    "event series": _event_series,
}
"""Every dialog class of the app, by a name for messages."""


def every_dialog(qtbot: Any, window: MainWindow, tmp_path: Path) -> Iterator[tuple[str, QWidget]]:
    """Open each dialog of :data:`OPENERS` over ``window`` (shown, exposed), yield it, close it."""
    for name, opener in OPENERS.items():
        dialog = opener(window, tmp_path)
        dialog.show()
        qtbot.waitExposed(dialog)
        yield name, dialog
        if isinstance(dialog, QDialog):
            dialog.reject()
        dialog.close()
        dialog.deleteLater()
