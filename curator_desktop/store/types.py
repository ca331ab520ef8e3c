"""Column types: UTC timestamps that come back timezone-aware."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.types import DateTime, TypeDecorator


def utc_now() -> dt.datetime:
    """The current time in UTC, timezone-aware, to the microsecond."""
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Stores UTC as naive ISO text in SQLite and returns aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: object
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)
