"""Column types shared by the models, and the portal's calendar (Dutch days, months later)."""

import calendar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current moment, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database.

    PostgreSQL keeps the offset itself; SQLite stores a naive string, so values are
    converted to UTC on the way in and marked UTC on the way out. Naive input is refused:
    it is always a bug to guess which clock it came from.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError('naive datetime given to a UTC column; use portal.core.dbtypes.utcnow()')
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


#: the portal's calendar: "today", due dates and end dates are Dutch days
TIMEZONE = ZoneInfo('Europe/Amsterdam')


def today(now: datetime | None = None) -> date:
    """The date in the Netherlands now (or at `now`)."""
    return (now or utcnow()).astimezone(TIMEZONE).date()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); the 31st becomes the month's last day when it has fewer."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
