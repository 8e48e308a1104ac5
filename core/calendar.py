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

SUNDAY = 6
# AML §10-10 (1): Sunday work runs from 18:00 on the day before to 22:00 on the last
# red day, and from 15:00 on Christmas, Easter and Whit Saturday (jul-, påske-, pinseaften).
# Both the solver's model and the independent rule check read these times.
SUNDAY_WINDOW_START = dt.time(18, 0)
EVE_WINDOW_START = dt.time(15, 0)
SUNDAY_WINDOW_END = dt.time(22, 0)
# 1 and 17 May are public high days (høytidsdager); their window starts at 22:00 the evening before.
HIGH_DAY_WINDOW_START = dt.time(22, 0)
HIGH_DAYS = ((5, 1), (5, 17))


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


def sunday_window_start(first_red_day: dt.date) -> dt.time:
    """Return the time on the eve of `first_red_day` when its run's §10-10 window opens."""
    eve = first_red_day - dt.timedelta(days=1)
    if eve in _afternoon_eves(eve.year):
        return EVE_WINDOW_START
    if _is_high_day_only(first_red_day):
        return HIGH_DAY_WINDOW_START
    return SUNDAY_WINDOW_START


@lru_cache(maxsize=32)
def _afternoon_eves(year: int) -> frozenset[dt.date]:
    """Return the days whose Sunday-work window starts at 15:00: jul-, påske- and pinseaften."""
    easter = _easter_sunday(year)
    return frozenset(
        {dt.date(year, 12, 24), easter - dt.timedelta(days=1), easter + dt.timedelta(days=48)}
    )


def _easter_sunday(year: int) -> dt.date:
    """Return Easter Sunday: the public holiday that falls on a Sunday in March or April."""
    return next(
        day for day in public_holidays(year) if day.month in (3, 4) and day.weekday() == SUNDAY
    )


def _is_high_day_only(day: dt.date) -> bool:
    """Return whether `day` is 1 or 17 May on a weekday that is not also a church holiday."""
    if (day.month, day.day) not in HIGH_DAYS or day.weekday() == SUNDAY:
        return False
    church_holidays = _church_holidays(day.year)
    return day not in church_holidays


@lru_cache(maxsize=32)
def _church_holidays(year: int) -> frozenset[dt.date]:
    """Return the public holidays of `year` tied to Easter, such as Ascension Day."""
    easter = _easter_sunday(year)
    offsets = (-3, -2, 0, 1, 39, 49, 50)
    return frozenset(easter + dt.timedelta(days=offset) for offset in offsets)


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
