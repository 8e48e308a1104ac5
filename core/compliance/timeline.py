"""Real elapsed time between Oslo wall-clock times, and the windows the rules count in.

Every duration the rules measure (rest, shift length, hours in a week) is real
elapsed time. So the night when summer time starts is one hour shorter than the
wall clock shows, and the night when it ends is one hour longer. A wall-clock
time that the change skips or repeats is read as the earlier of its two
readings (`fold=0`).
"""

from __future__ import annotations

import datetime as dt

from core.calendar import OSLO
from core.commands import DateRange

SECONDS_PER_MINUTE = 60
MINUTES_PER_HOUR = 60
DAYS_PER_WEEK = 7


def to_instant(local: dt.datetime) -> dt.datetime:
    """Return the UTC instant of a naive Oslo wall-clock time."""
    return local.replace(tzinfo=OSLO).astimezone(dt.UTC)


def to_local(instant: dt.datetime) -> dt.datetime:
    """Return the naive Oslo wall-clock time of a UTC instant."""
    return instant.astimezone(OSLO).replace(tzinfo=None)


def elapsed_minutes(start: dt.datetime, end: dt.datetime) -> int:
    """Return the real minutes from `start` to `end`, negative when `end` comes first."""
    seconds = (to_instant(end) - to_instant(start)).total_seconds()
    return int(seconds // SECONDS_PER_MINUTE)


def add_real_minutes(local: dt.datetime, minutes: int) -> dt.datetime:
    """Return the wall-clock time `minutes` of real time after `local`."""
    return to_local(to_instant(local) + dt.timedelta(minutes=minutes))


def overlap_minutes(
    start: dt.datetime, end: dt.datetime, window_start: dt.datetime, window_end: dt.datetime
) -> int:
    """Return the real minutes that [start, end) and [window_start, window_end) share."""
    latest_start = max(start, window_start)
    earliest_end = min(end, window_end)
    if earliest_end <= latest_start:
        return 0
    return elapsed_minutes(latest_start, earliest_end)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def day_window(days: DateRange) -> tuple[dt.datetime, dt.datetime]:
    """Return the times from the first day's 00:00 to the midnight after the last day."""
    return midnight(days.start), midnight(days.end + dt.timedelta(days=1))


def iso_week_mondays(period: DateRange) -> list[dt.date]:
    """Return the Monday of every ISO week that has a day in `period`."""
    first_monday = period.start - dt.timedelta(days=period.start.weekday())
    week_count = (period.end - first_monday).days // DAYS_PER_WEEK + 1
    return [first_monday + dt.timedelta(weeks=week) for week in range(week_count)]


def iso_week_of(monday: dt.date) -> DateRange:
    return DateRange(monday, monday + dt.timedelta(days=DAYS_PER_WEEK - 1))


def averaging_windows(period: DateRange, length_days: int) -> list[DateRange]:
    """Return the windows an average is taken over: `length_days` long, a week apart.

    A period shorter than one window is averaged as a whole. When the windows do
    not end on the period's last day, one more window ends there, so that every
    day of the period is in some window.
    """
    period_days = (period.end - period.start).days + 1
    if period_days <= length_days:
        return [period]
    window_length = dt.timedelta(days=length_days - 1)
    windows = []
    start = period.start
    while start + window_length <= period.end:
        windows.append(DateRange(start, start + window_length))
        start += dt.timedelta(days=DAYS_PER_WEEK)
    if windows[-1].end != period.end:
        windows.append(DateRange(period.end - window_length, period.end))
    return windows
