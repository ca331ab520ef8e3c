"""How fast the Schools page answers typing, filtering, sorting and scrolling on a large store.

    python benchmarks/bench_school_search.py            # 5,000 schools, 30 runs each
    python benchmarks/bench_school_search.py --quick    # 500 schools, 3 runs (CI: it still runs)

Uses the cached generated store (see ``bench_startup.cached_store``) or ``--store``. Two parts:

* the real page (``SchoolsPage`` on the store, offscreen, as the app builds it): for each text a
  user types, the keystroke's own cost on the GUI thread; then, once the typing pause is over
  (``SEARCH_DELAY_MS``, deliberate), the time until the table has been repainted with the
  result (the query runs off the GUI thread), and how long the GUI thread was busy with it;
* the store queries alone: ``search`` plus the two counts of a query, and ``summaries_for`` of
  one page, with median, 95th percentile and maximum in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

FULL = {"schools": 5000, "visits": None, "repeat": 30, "rounds": 3}
QUICK = {"schools": 500, "visits": None, "repeat": 3, "rounds": 1}
FRAME_MS = 16
WAIT_MS = 30_000
SEARCH_PAUSE_MS = 150  # schools_page.SEARCH_DELAY_MS (not imported: Qt is loaded later)
TYPED = ("б", "бе", "бер", "берё", "Ё", "ёл", "ЁЛК", "Фёдо", "с", "со", "сош", "сош ", "5", "57")
"""What a user types, one to four characters (Cyrillic, capitals, «ё», INN digits)."""
PAGE_SIZE = 200


def _timed(function: Callable[[], Any], repeat: int) -> tuple[int, list[float]]:
    result = function()  # warm-up: caches, compiled statements
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return (len(result) if isinstance(result, Sequence) else 1), times


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_queries(store: Path, repeat: int) -> list[tuple[str, int, float, float, float]]:
    """Time every operation; rows of (operation, result rows, median, p95, max)."""
    from curator_desktop.store.database import Database
    from curator_desktop.store.repositories.schools import (
        SchoolQuery,
        SchoolRepository,
        SchoolSort,
    )

    database = Database(store)
    repository = SchoolRepository(database)
    today = dt.date.today()

    def query(**fields: Any) -> Callable[[], list[str]]:
        wanted = SchoolQuery(**fields)

        def execute() -> list[str]:  # what the page runs per query
            ids = repository.search(wanted, today=today)
            repository.count(include_archived=wanted.include_archived)
            return ids

        return execute

    municipality = repository.municipalities()[0]
    operations: list[tuple[str, Callable[[], Any]]] = [
        ("all schools (by name)", query()),
        *((f"search «{text}»", query(text=text)) for text in TYPED),
        (f"filter municipality «{municipality[:24]}»", query(municipality=municipality)),
        ("filter programme «500+»", query(programme="500plus")),
        ("filter status completed", query(status="completed")),
        ("show archived", query(include_archived=True)),
        ("«сош» + programme + status", query(text="сош", programme="500plus", status="active")),
    ]
    for sort in SchoolSort:
        operations.append((f"sort {sort.value} ↑", query(sort=sort)))
        operations.append((f"sort {sort.value} ↓", query(sort=sort, descending=True)))
    ids = repository.search(SchoolQuery(), today=today)

    def page(start: int) -> Callable[[], list[Any]]:
        return lambda: repository.summaries_for(ids[start : start + PAGE_SIZE], today=today)

    operations += [
        (f"first page ({PAGE_SIZE} rows)", page(0)),
        (f"middle page ({PAGE_SIZE} rows)", page(len(ids) // 2)),
        ("municipalities", repository.municipalities),
    ]
    rows = []
    try:
        for label, function in operations:
            count, times = _timed(function, repeat)
            median, p95 = statistics.median(times), _percentile(times, 0.95)
            rows.append((label, count, median, p95, max(times)))
    finally:
        database.close()
    return rows


def _typed_prefixes() -> list[str]:
    """What the search box holds after each keystroke of a few words a user types."""
    words = ("берёз", "сош", "ЁЛК", "фёдор", "5705", "муниципальный")
    return [word[:n] for word in words for n in range(1, len(word) + 1)]


def widget_path(data_dir: Path, rounds: int) -> dict[str, list[float]]:
    """Type into the real Schools page ``rounds`` times over; the times, in ms, of each
    keystroke (GUI thread), of pause over → table repainted, and of the GUI thread's work."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from curator_desktop.app import create_context, parse_gui_args
    from curator_desktop.services.store_opening import open_store
    from curator_desktop.ui.schools import page as schools_page
    from curator_desktop.ui.schools.page import SchoolsPage

    _app = QApplication.instance() or QApplication([sys.argv[0]])  # kept alive while timing
    context = create_context(parse_gui_args(["--data-dir", str(data_dir), "--lang", "ru"]))
    context.store = open_store(context.paths, device_id=context.settings.device_id)
    gc.collect()
    gc.freeze()  # as the app does once its store is open (MainWindow._on_store_ready)
    marks: dict[str, float] = {}
    waiter = QEventLoop()  # waits as the app's own loop does: blocked in Qt, the GIL let go
    guard = QTimer(singleShot=True, interval=WAIT_MS)
    guard.timeout.connect(waiter.quit)

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            painting = event.type() == QEvent.Type.UpdateRequest
            if painting and "shown" in marks and "paint" not in marks:
                marks["paint"] = time.perf_counter()
                QTimer.singleShot(0, waiter.quit)  # right after this request is handled
            return False

    execute = schools_page._execute
    main_thread = threading.main_thread()

    class TimedPage(SchoolsPage):
        """The page with marks: the typing pause over, and the GUI thread's share of an update."""

        def _on_search_timer_timeout(self) -> None:
            marks.setdefault("pause over", time.perf_counter())
            super()._on_search_timer_timeout()

        def _show(self, result: Any) -> None:
            marks["result"] = time.perf_counter()
            label, resets = self.count_label.text(), len(reset)
            super()._show(result)
            marks["shown"] = time.perf_counter()
            if len(reset) == resets and self.count_label.text() == label:
                marks["paint"] = marks["shown"]  # the table already shows the result
                unchanged.append(result.query.text)
                QTimer.singleShot(0, waiter.quit)

    def timed_execute(*args: Any) -> Any:  # narrowing in memory runs on the GUI thread
        started = time.perf_counter()
        try:
            return execute(*args)
        finally:
            if threading.current_thread() is main_thread:
                marks["on GUI thread"] = time.perf_counter() - started

    reset: list[int] = []
    unchanged: list[str] = []
    page = TimedPage()
    page.model.modelReset.connect(lambda: reset.append(1))
    page.resize(1280, 760)
    watch = PaintWatch(page)
    page.installEventFilter(watch)
    schools_page._execute = timed_execute
    times: dict[str, list[float]] = {"keystroke": [], "updated": [], "gui": [], "repainted": []}
    try:
        page.show()
        page.attach(context)
        for _ in range(rounds):
            for text in [*_typed_prefixes(), ""]:
                marks.clear()
                left_as_is = len(unchanged)
                started = time.perf_counter()
                page.search.setText(text)  # what typing does: textChanged, the pause restarts
                times["keystroke"].append((time.perf_counter() - started) * 1000)
                guard.start()
                waiter.exec()
                painted = time.perf_counter()
                if "paint" not in marks:
                    raise RuntimeError(f"the table was not repainted after typing «{text}»")
                times["updated"].append((painted - marks["pause over"]) * 1000)
                if len(unchanged) == left_as_is:
                    times["repainted"].append(times["updated"][-1])
                gui = marks.get("on GUI thread", 0.0)
                gui += (marks["shown"] - marks["result"]) + (painted - marks["paint"])
                times["gui"].append(gui * 1000)
    finally:
        schools_page._execute = execute
        page.hide()
        context.store.close()
        context.store = None
    return times


def result_rows(times: dict[str, list[float]], size: str) -> list[dict[str, Any]]:
    """The rows of ``run()`` for the page's timings (target: one frame, median and p95)."""
    from benchmarks.bench_startup import result_row

    rows = []
    for key, what, note in (
        ("keystroke", "search keystroke handled (GUI thread)", "the typing pause restarts"),
        (
            "updated",
            "search: typing pause over → table repainted",
            f"narrowed in memory, then the table painted; after the {SEARCH_PAUSE_MS} ms pause",
        ),
        (
            "repainted",
            "search: of which updates whose rows changed → table repainted",
            f"the other {len(times['updated']) - len(times['repainted'])} updates found the "
            "rows already shown and left the table as it was",
        ),
        (
            "gui",
            "search: GUI thread busy per update",
            "narrowing the list in memory, showing the ids and painting the rows",
        ),
    ):
        values = times[key]
        p95 = _percentile(values, 0.95)
        judged = key != "repainted"  # a part of the «updated» row, shown on its own
        row = result_row(
            what,
            values,
            target=f"≤ {FRAME_MS} ms (one frame), median and p95"
            if judged
            else "(for information: the part of the row above that repaints)",
            met=statistics.median(values) <= FRAME_MS and p95 <= FRAME_MS if judged else None,
            note=f"{size}; p95 {p95:.1f} ms over {len(values)} keystrokes; {note}",
        )
        rows.append(row)
    return rows


def query_rows(rows: list[tuple[str, int, float, float, float]]) -> list[dict[str, Any]]:
    """The store queries summed up: typed searches, and the slowest of the others."""
    from benchmarks.bench_startup import result_row

    searches = [row for row in rows if row[0].startswith("search «")]
    others = [row for row in rows if not row[0].startswith("search «")]
    slowest = max(others, key=lambda row: row[2])
    return [
        result_row(
            f"search query alone (store, {len(searches)} typed texts)",
            [row[2] for row in searches],
            target="— (part of the above)",
            note=f"medians of each text; worst p95 {max(row[3] for row in searches):.1f} ms",
        ),
        result_row(
            "slowest other query (sort, filter, page)",
            [slowest[2], slowest[3], slowest[4]],
            target="— (off the GUI thread)",
            note=f"{slowest[0]}: median, p95, max",
        ),
    ]


def print_table(rows: list[tuple[str, int, float, float, float]]) -> None:
    width = max(len(row[0]) for row in rows)
    print(f"{'operation':<{width}}  {'rows':>6}  {'median':>8}  {'p95':>8}  {'max':>8}  (ms)")
    for label, count, median, p95, largest in rows:
        print(f"{label:<{width}}  {count:>6}  {median:>8.2f}  {p95:>8.2f}  {largest:>8.2f}")


def measure(
    store: Path | None, *, schools: int, visits: int | None, repeat: int, rounds: int
) -> tuple[list[dict[str, Any]], list[tuple[str, int, float, float, float]]]:
    """Both parts on ``store`` (default: the cached generated one); (rows, query table)."""
    from benchmarks.bench_startup import cached_store, prepare_data_dir

    size = f"{schools:,} schools" if store is None else store.name
    store = store or cached_store(schools, 3 * schools if visits is None else visits)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        data_dir = prepare_data_dir(store, Path(folder) / "data")
        queries = run_queries(data_dir / "curator.sqlite3", repeat)
        times = widget_path(data_dir, rounds)
    return result_rows(times, size) + query_rows(queries), queries


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of the benchmark (the lead's runner calls this)."""
    sizes = QUICK if quick else FULL
    return measure(None, **sizes)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 schools, 3 runs (for CI)")
    parser.add_argument("--schools", type=int, help="schools in the generated store (5000)")
    parser.add_argument("--visits", type=int, help="visits in the generated store (3 per school)")
    parser.add_argument("--repeat", type=int, help="timed runs per query (30)")
    parser.add_argument("--rounds", type=int, help="times the words are typed into the page (3)")
    parser.add_argument("--store", type=Path, help="time this store instead of generating one")
    args = parser.parse_args(argv)
    sizes: dict[str, Any] = dict(QUICK if args.quick else FULL)
    for key in ("schools", "visits", "repeat", "rounds"):
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    if args.store is not None:
        from curator_desktop.store import schema

        schema.upgrade(args.store)
    from benchmarks.bench_startup import print_rows

    rows, queries = measure(args.store, **sizes)
    print(f"{sizes['repeat']} timed runs per query")
    print_table(queries)
    print()
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
