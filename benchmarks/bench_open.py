"""How fast a school card and a visit with 200 answered checklist items open, on a big store.

    python benchmarks/bench_open.py            # the 5,000-school store, 15 opens of each
    python benchmarks/bench_open.py --quick    # 200 schools, 2 opens (CI: it still runs)

In this process (``QT_QPA_PLATFORM=offscreen`` unless set): the cached generated store (see
``bench_startup.cached_store``) is copied and opened as the app opens it; a visit is added to the
school with the most visits, on a 200-item checklist (yes/no/partly, scale, number, choice,
date, text) with every item answered and every fifth commented, 11 findings, 10
recommendations and 5 participants. Then the school card (``SchoolCardDialog``: its form, risk
profile and visits tabs) and the visit editor (``VisitEditor``) are opened, alternately, from
construction until the window has been painted, and closed. The first open of each is reported
apart: it comes after the warm-up the main window does once start-up is over (its pages, then the
card's and the editor's modules are imported), as the first open in the app does.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import (  # noqa: E402 (after the path is set)
    cache_dir,
    cached_store,
    prepare_data_dir,
    print_rows,
    result_row,
)

FULL = {"schools": 5000, "visits": 50_000, "rounds": 15}
QUICK = {"schools": 200, "visits": 600, "rounds": 2}
TARGET_MS = 100
SECTIONS, ITEMS_PER_SECTION = 10, 20
KINDS = ("yes_no_partly", "scale", "number", "choice", "date", "text", "long_text")
PAINT_TIMEOUT_S = 30


def _item(key: str, kind: str, number: int) -> dict[str, Any]:
    text = {
        "ru": f"Показатель {number}: школа выполняет мероприятие антирисковой программы в срок",
        "en": f"Indicator {number}: the school carries out the antirisk programme's measure",
    }
    item: dict[str, Any] = {"key": key, "text": text, "type": kind, "required": number % 4 == 0}
    item |= {"comment": "optional", "attachments": "none"}
    if kind == "scale":
        item["scale"] = {"min": 0, "max": 2}
    elif kind == "number":
        item |= {"min": 0, "max": 100}
    elif kind == "choice":
        item["options"] = [
            {"value": value, "label": {"ru": ru, "en": en}}
            for value, ru, en in (
                ("full", "полностью", "fully"),
                ("part", "частично", "partly"),
                ("none", "не выполнено", "not done"),
            )
        ]
    return item


def template() -> dict[str, Any]:
    """A checklist of 200 items of every common answer type."""
    sections = []
    for s in range(1, SECTIONS + 1):
        items = [
            _item(f"s{s}.i{i}", KINDS[(s * ITEMS_PER_SECTION + i) % len(KINDS)], s * 100 + i)
            for i in range(1, ITEMS_PER_SECTION + 1)
        ]
        title = {"ru": f"Раздел {s}", "en": f"Section {s}"}
        sections.append({"key": f"s{s}", "title": title, "items": items})
    return {
        "format": 1,
        "id": "bench-open",
        "version": 1,
        "purpose": "visit",
        "title": {"ru": "Плановое посещение (200 пунктов)", "en": "Planned visit (200 items)"},
        "visit_types": ["planned"],
        "sections": sections,
    }


def _answer(item: dict[str, Any], n: int) -> Any:
    kind = item["type"]
    if kind == "yes_no_partly":
        return ("yes", "partly", "no")[n % 3]
    if kind == "scale":
        return n % 3
    if kind == "number":
        return n % 100
    if kind == "choice":
        return item["options"][n % 3]["value"]
    if kind == "date":
        return (dt.date(2026, 10, 1) + dt.timedelta(days=n % 28)).isoformat()
    return "Мероприятие проведено, протокол заседания методического объединения представлен."


def busiest_school(store: Path) -> tuple[str, int]:
    """The id of the (live) school with the most visits, and how many it has."""
    with contextlib.closing(sqlite3.connect(store)) as connection:
        row = connection.execute(
            "SELECT school_id, COUNT(*) FROM visit WHERE NOT deleted GROUP BY school_id "
            "ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
    return str(row[0]), int(row[1])


def add_visit(context: Any, school_id: str, folder: Path) -> str:
    """A visit of ``school_id`` on the 200-item checklist, every item answered."""
    from curator_desktop.services.catalogs.builtin import active_risk_factors
    from curator_desktop.services.catalogs.template_import import import_template

    content = template()
    path = folder / "bench-open.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    import_template(context.database, path)
    service = context.visit_service
    day = service.today()
    visit_id = service.create_visit(school_id, "planned", day, template_key="bench-open")
    service.update_visit(visit_id, purpose="Мониторинг реализации антирисковых программ школы.")
    for n in range(5):
        service.add_participant(visit_id, full_name=f"Участник {n + 1}", position="учитель")
    items = [item for section in content["sections"] for item in section["items"]]
    for n, item in enumerate(items):
        service.set_answer(visit_id, item["key"], _answer(item, n))
        if n % 5 == 0:
            service.set_comment(visit_id, item["key"], "Требуется уточнить сроки и ответственных.")
    codes = [factor.code for factor in active_risk_factors(context.database, day.year)]
    for code in codes:
        service.set_finding(visit_id, code, f"По фактору {code} выявлены изменения к лучшему.")
    for n in range(10):
        service.add_recommendation(
            visit_id,
            text=f"Рекомендация {n + 1}: провести методический семинар для учителей.",
            responsible="заместитель директора по УВР",
            deadline=day + dt.timedelta(days=30 + n),
            factor_code=codes[n % len(codes)],
        )
    return visit_id


def open_until_painted(make: Callable[[], Any]) -> float:
    """Milliseconds from building a window with ``make`` until it has been painted (waiting in
    an event loop, as the app does); then it is closed and deleted."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    waiter = QEventLoop()

    class Watch(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.UpdateRequest and not self.seen:
                self.seen = True
                QTimer.singleShot(0, waiter.quit)  # right after this request is handled
            return False

    watch = Watch()
    guard = QTimer(singleShot=True, interval=PAINT_TIMEOUT_S * 1000)
    guard.timeout.connect(waiter.quit)
    started = time.perf_counter()
    window = make()
    window.installEventFilter(watch)
    window.show()
    guard.start()
    waiter.exec()
    elapsed = (time.perf_counter() - started) * 1000
    if not watch.seen:
        raise RuntimeError(f"{type(window).__name__} was never painted")
    window.removeEventFilter(watch)
    window.hide()
    window.deleteLater()
    QApplication.processEvents()
    return elapsed


def warm_up_as_the_app_does() -> None:
    """What the main window imports once start-up is over: its pages, then the modules of the
    first school card and visit (``warm_up.import_warm_modules``, ``WARM_UI_MODULES``)."""
    import importlib

    from curator_desktop.ui.shell import pages, warm_up

    for spec in pages.PAGES:
        importlib.import_module(spec.module)
    warm_up.import_warm_modules()
    for name in warm_up.WARM_UI_MODULES:
        importlib.import_module(name)


def measure(work: Path, *, schools: int, visits: int, rounds: int) -> list[dict[str, Any]]:
    """Open the card and the visit ``rounds`` times each (after one cold open); the rows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.dont_write_bytecode = False  # modules load from bytecode, as in an installed app
    sys.pycache_prefix = sys.pycache_prefix or str(cache_dir() / "pycache")
    from PySide6.QtWidgets import QApplication

    from curator_desktop.app import create_context, parse_gui_args
    from curator_desktop.services.store_opening import open_store

    store = cached_store(schools, visits)
    school_id, visit_count = busiest_school(store)
    data_dir = prepare_data_dir(store, work / "data")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    context = create_context(parse_gui_args(["--data-dir", str(data_dir), "--lang", "en"]))
    context.store = open_store(context.paths, device_id=context.settings.device_id)
    try:
        visit_id = add_visit(context, school_id, work)
        gc.collect()
        gc.freeze()  # as the app does once its store is open (MainWindow._on_store_ready)
        warm_up_as_the_app_does()
        from curator_desktop.ui.schools.card import SchoolCardDialog
        from curator_desktop.ui.visits.editor.editor import VisitEditor

        def card() -> Any:
            return SchoolCardDialog(context, school_id)

        def editor() -> Any:
            return VisitEditor(context, visit_id)

        first_card, first_visit = open_until_painted(card), open_until_painted(editor)
        cards: list[float] = []
        editors: list[float] = []
        for _ in range(rounds):  # interleaved: A, B, A, B…
            cards.append(open_until_painted(card))
            editors.append(open_until_painted(editor))
        shown = context.schools.summaries_for([school_id])[0]
    finally:
        context.store.close()
        context.store = None
    del app
    size = f"{schools:,} schools, {visits:,} visits"
    return [
        result_row(
            "open a school card (busiest school)",
            cards,
            target=f"≤ {TARGET_MS} ms",
            met=statistics.median(cards) <= TARGET_MS,
            note=f"{size}; «{shown.short_name}», {visit_count + 1} visits; first open "
            f"(after the app's warm-up) {first_card:.0f} ms",
        ),
        result_row(
            "open a visit with 200 answered items",
            editors,
            target=f"≤ {TARGET_MS} ms",
            met=statistics.median(editors) <= TARGET_MS,
            note=f"40 comments, 11 findings, 10 recommendations; first open {first_visit:.0f} ms",
        ),
    ]


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    with tempfile.TemporaryDirectory(prefix="bench-open-") as tmp:
        return measure(Path(tmp), **(QUICK if quick else FULL))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 schools, 2 opens (for CI)")
    parser.add_argument("--rounds", type=int, help="timed opens of each (15)")
    args = parser.parse_args(argv)
    sizes = dict(QUICK if args.quick else FULL)
    if args.rounds:
        sizes["rounds"] = args.rounds
    with tempfile.TemporaryDirectory(prefix="bench-open-") as tmp:
        rows = measure(Path(tmp), **sizes)
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
