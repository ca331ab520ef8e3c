"""The boundary between a report and the stored data it reads: whatever the store holds, a
report is made or refused with a message, never a traceback.

The editors and an exchange import keep the store within the domain rules, but a store can hold
what no editor writes (changed outside the program, restored from an odd backup, written by an
older version). An unexpected error while a report collects or draws its data is such a value:
:func:`stored_data` tells it as a :class:`StoredDataError` and logs the traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from curator_desktop.domain.enums import ReportKind
from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _

log = logging.getLogger(__name__)

SHOWN = 120
"""Characters of the error's own words quoted in the message."""
DATA_ERRORS = (TypeError, ValueError, LookupError, AttributeError, ArithmeticError, RecursionError)
"""What reading or drawing a value of an unexpected kind raises (a date that is no date, text
where a number belongs, a checklist that is no object …); an I/O error is not one."""


class StoredDataError(CuratorError):
    """A report could not be made from what the store holds; nothing was saved."""


@contextmanager
def stored_data(kind: str, subject: str | None) -> Iterator[None]:
    """Collect or draw the report ``kind`` of ``subject`` (a visit's or school's id) in the
    block; one of :data:`DATA_ERRORS` becomes a :class:`StoredDataError`."""
    try:
        yield
    except DATA_ERRORS as exc:
        log.exception("The %s report of %s could not be made from the stored data", kind, subject)
        raise StoredDataError(
            _(
                "The report “{kind}” ({subject}) could not be made: the store holds a value it "
                "cannot use ({reason}). Nothing was saved. Correct the record in the program, "
                "or restore a backup made before the store was changed."
            ).format(kind=ReportKind.label_for(kind), subject=subject or "—", reason=_reason(exc))
        ) from exc


def _reason(exc: BaseException) -> str:
    """An error in a few words: its kind and the start of its message."""
    text = " ".join(str(exc).split())
    text = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
