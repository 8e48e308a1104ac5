"""Dates as a Norwegian ward sees them: Oslo time, ISO weeks and public holidays."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

OSLO = ZoneInfo("Europe/Oslo")

# How far ahead a command may name a day. Rosters are planned weeks to months
# ahead and vacation within the coming holiday year, so a day years away is
# almost always a mistyped year («1. januar 3000»).
PLANNING_HORIZON_YEARS = 2


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


def planning_horizon_end(today: dt.date) -> dt.date:
    """Return the last day a command may name: `today` PLANNING_HORIZON_YEARS years on.

    From 29 February the horizon ends on 28 February, the last day of that month.
    """
    year = today.year + PLANNING_HORIZON_YEARS
    try:
        return today.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)
