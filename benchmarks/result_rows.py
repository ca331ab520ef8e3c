"""The rows every benchmark's ``run()`` returns, and how they are printed for people.

A row: ``what``, ``median_ms``/``min_ms``/``max_ms``, the ``reference`` timed in the same run
(``reference_median_ms``) and the ``ratio`` of medians, the issue's ``target``, whether it was
``met``, and a ``note`` (see ``run_all.py``).
"""

from __future__ import annotations

import statistics
from typing import Any


def result_row(
    what: str,
    values_ms: list[float],
    *,
    target: str,
    reference: str | None = None,
    reference_ms: list[float] | None = None,
    limit: float | None = None,
    met: bool | None = None,
    note: str = "",
) -> dict[str, Any]:
    """One row of ``run()``: median/min/max in ms, the reference and the ratio of medians;
    ``limit`` is the target as a ratio (met when the ratio is at most that)."""
    median = statistics.median(values_ms)
    ref = statistics.median(reference_ms) if reference_ms else None
    ratio = median / ref if ref else None
    if met is None and limit is not None and ratio is not None:
        met = ratio <= limit
    return {
        "what": what,
        "median_ms": round(median, 1),
        "min_ms": round(min(values_ms), 1),
        "max_ms": round(max(values_ms), 1),
        "reference": reference,
        "reference_median_ms": None if ref is None else round(ref, 1),
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "met": met,
        "note": note,
    }


def print_rows(rows: list[dict[str, Any]]) -> None:
    """The rows as a table people read."""
    print(f"{'what':<52} {'median':>8} {'min':>8} {'max':>8} {'ratio':>6}  target (met)")
    for row in rows:
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
        met = {True: "yes", False: "NO", None: "—"}[row["met"]]
        print(
            f"{row['what']:<52} {row['median_ms']:>8.1f} {row['min_ms']:>8.1f} "
            f"{row['max_ms']:>8.1f} {ratio:>6}  {row['target']} ({met})"
        )
        if row["reference"]:
            print(f"{'  reference: ' + row['reference']:<52} {row['reference_median_ms']:>8.1f}")
        if row["note"]:
            print(f"  {row['note']}")


def ms(seconds: list[float]) -> list[float]:
    """Seconds to milliseconds."""
    return [value * 1000 for value in seconds]
