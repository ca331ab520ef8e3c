"""The one thread that takes a report writer's side work: deflating font subsets ahead and
hashing the file as it is written.

One thread, not one per job: with the writer's own, it keeps two cores busy instead of making
three threads share them (which slowed the writer down by as much as the side work saved), and
its jobs run one at a time in the order given, which the file's hash needs. Started on first
use, once per process.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache


@cache
def side_thread() -> ThreadPoolExecutor:
    """The side thread's queue (jobs run one by one, in the order submitted)."""
    return ThreadPoolExecutor(1, "report-side-work")
