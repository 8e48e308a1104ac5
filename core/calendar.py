"""Dates as a Norwegian ward sees them: Oslo time, ISO weeks and public holidays."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

OSLO = ZoneInfo("Europe/Oslo")


def now_in_oslo() -> dt.datetime:
    return dt.datetime.now(tz=OSLO)


def today_in_oslo() -> dt.date:
    return now_in_oslo().date()


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[dt.date, str]:
    """Return Norway's public holidays (helligdager and høytidsdager) of `year`, with names.

    Sundays are holidays by law too (helligdagsloven §2) but are not listed here: the
    `holidays` package lists only the named days unless asked for Sundays.
    """
    return dict(holidays.country_holidays("NO", years=year, language="no"))


def is_public_holiday(day: dt.date) -> bool:
    return day in public_holidays(day.year)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def iso_week_monday(year: int, week: int) -> dt.date:
    """Return the Monday of ISO week `week` of ISO year `year`; ValueError if it has none."""
    return dt.date.fromisocalendar(year, week, 1)


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return every day from `start` to `end`, both inclusive."""
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
