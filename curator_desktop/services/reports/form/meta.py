"""What every report carries besides its content: identity, number, time, and the data hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from typing import Any, NamedTuple


@dataclass(frozen=True)
class ReportMeta:
    """The identity of one generated report, printed on it (header, footer, QR code)."""

    report_id: str
    kind: str
    """A ``ReportKind`` value: visit, protocol, interim, final."""
    title: str
    """The report's title in its language («Справка по итогам посещения»)."""
    subject: str
    """The running header's second part: the school, or the period and curator."""
    document_number: str
    generated_at: dt.datetime
    data_sha256: str
    language: str
    draft: bool = False
    """A report of a visit not completed yet: marked «Черновик» on every page."""
    version: int = 1
    """The version of the document in its language (printed from the second on)."""
    author: str = ""
    """Who made it (the curator): the PDF's Author."""

    def qr_payload(self) -> str:
        """What the first page's QR code carries: the report id and the data hash."""
        return f"curator-report:{self.report_id}:{self.data_sha256}"


class Written(NamedTuple):
    """A report's file as written: its pages and its SHA-256 (hex)."""

    pages: int
    sha256: str


NOT_HASHED = {"hashed": False}
"""Field metadata of a data field that is no part of the content (e.g. where a photo is stored
on this computer): ``field(metadata=NOT_HASHED)``."""


@lru_cache(maxsize=256)
def _hashed_fields(cls: type) -> tuple[str, ...] | None:
    """The names of a dataclass's hashed fields; None for a class that is no dataclass."""
    if not is_dataclass(cls):
        return None
    return tuple(f.name for f in fields(cls) if f.metadata.get("hashed", True))


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    names = _hashed_fields(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def data_hash(data: Any) -> str:
    """SHA-256 of the canonical JSON of a report's data (dataclasses, dicts, lists, dates):
    the same data always gives the same hash, so a printed copy can be matched to the record."""
    text = json.dumps(_plain(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
