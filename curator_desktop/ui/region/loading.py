"""Reading the region's summary for a page: off the GUI thread, the newest request winning."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from curator_desktop.ui.common.tasks import run_in_background

if TYPE_CHECKING:
    from curator_desktop.domain.region.summary import RegionSummary
    from curator_desktop.services.context import AppContext

log = logging.getLogger(__name__)


def summary_reader(context: AppContext) -> Callable[[dt.date], RegionSummary] | None:
    """The region service's ``summary``, or None when this build has no region service."""
    try:
        service = getattr(context, "region_service", None)
    except Exception:  # the service could not be built: the page says so
        log.warning("The region service is not available", exc_info=True)
        return None
    return getattr(service, "summary", None)


class SummaryLoader:
    """Reads the summary in the background, with what ``prepare`` makes of it there (the rows
    sorted and their search texts), and hands only the newest ``(summary, prepared)`` to
    ``on_done``."""

    def __init__(
        self,
        prepare: Callable[[RegionSummary], Any],
        on_done: Callable[[RegionSummary, Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._prepare = prepare
        self._on_done = on_done
        self._on_error = on_error
        self._generation = 0

    def load(self, read: Callable[[dt.date], RegionSummary], as_of: dt.date) -> None:
        self._generation += 1
        generation = self._generation
        prepare = self._prepare

        def work() -> tuple[RegionSummary, Any]:
            summary = read(as_of)
            return summary, prepare(summary)

        def done(result: tuple[RegionSummary, Any]) -> None:
            if generation == self._generation:
                self._on_done(*result)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                log.warning(
                    "Reading the region summary failed",
                    exc_info=(type(exc), exc, exc.__traceback__),
                )
                self._on_error(exc)

        run_in_background(work, on_done=done, on_error=failed)
