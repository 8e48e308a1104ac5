"""Which shifts a part of a day rules out: «kan ikke jobbe etter kl 15 på fredag».

An employee who cannot work after 15:00 cannot work a shift that runs past 15:00
on that day. One who cannot work before 12:00 cannot work a shift that starts
before noon, nor a night shift that runs into the morning from the evening before.
Unavailability is stored by shift kind, so a kind counts as ruled out when one of
the unit's shift types of that kind overlaps the part of the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from core.commands import DateRange, ShiftKind, ranges_of
from core.units import MINUTES_PER_DAY, ShiftType


def ruled_out_shifts(
    shift_types: Iterable[ShiftType],
    ranges: tuple[DateRange, ...],
    *,
    unavailable_from: dt.time | None,
    unavailable_until: dt.time | None,
) -> dict[ShiftKind, tuple[DateRange, ...]]:
    """Return the days of each shift kind that the unavailable part of the days rules out.

    The part runs from `unavailable_from` to midnight and from midnight to
    `unavailable_until`, unless `unavailable_from` is the earlier time: then it runs
    between the two («fra 15 til 17»). A night shift from the evening before a day
    is ruled out on the day it starts on.
    """
    types = list(shift_types)
    days = {day for date_range in ranges for day in date_range.days()}
    ruled_out: dict[ShiftKind, set[dt.date]] = {}
    if is_between(unavailable_from, unavailable_until):
        assert unavailable_from is not None and unavailable_until is not None
        for kind in _kinds_between(types, unavailable_from, unavailable_until):
            ruled_out.setdefault(kind, set()).update(days)
        for kind in _kinds_into_morning(types, until_after=unavailable_from):
            ruled_out.setdefault(kind, set()).update(day - dt.timedelta(days=1) for day in days)
        return _as_ranges(ruled_out)
    if unavailable_from is not None:
        for kind in _kinds_after(types, unavailable_from):
            ruled_out.setdefault(kind, set()).update(days)
    if unavailable_until is not None and _minutes(unavailable_until) > 0:
        for kind in _kinds_before(types, unavailable_until):
            ruled_out.setdefault(kind, set()).update(days)
        for kind in _kinds_into_morning(types):
            ruled_out.setdefault(kind, set()).update(day - dt.timedelta(days=1) for day in days)
    return _as_ranges(ruled_out)


def is_between(unavailable_from: dt.time | None, unavailable_until: dt.time | None) -> bool:
    """Tell whether the unavailable part lies between the two times, as in «fra 15 til 17».

    With the later time first («før 7 og etter 22»), the part is both ends of the day.
    """
    if unavailable_from is None or unavailable_until is None:
        return False
    return unavailable_from < unavailable_until


def _as_ranges(ruled_out: dict[ShiftKind, set[dt.date]]) -> dict[ShiftKind, tuple[DateRange, ...]]:
    return {kind: ranges_of(sorted(ruled_out[kind])) for kind in ShiftKind if kind in ruled_out}


def _minutes(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def _kinds_between(types: list[ShiftType], start: dt.time, end: dt.time) -> set[ShiftKind]:
    """Return the kinds with a shift that overlaps the time from `start` to `end` of its day."""
    return {
        shift.kind
        for shift in types
        if shift.start_minute < _minutes(end)
        and shift.start_minute + shift.duration_minutes > _minutes(start)
    }


def _kinds_after(types: list[ShiftType], start: dt.time) -> set[ShiftKind]:
    """Return the kinds with a shift that is still running at `start` or starts later."""
    return {
        shift.kind
        for shift in types
        if shift.start_minute + shift.duration_minutes > _minutes(start)
    }


def _kinds_before(types: list[ShiftType], end: dt.time) -> set[ShiftKind]:
    """Return the kinds with a shift that starts before `end` on its own day."""
    return {shift.kind for shift in types if shift.start_minute < _minutes(end)}


def _kinds_into_morning(
    types: list[ShiftType], *, until_after: dt.time = dt.time(0)
) -> set[ShiftKind]:
    """Return the kinds with a shift that runs from the evening before past `until_after`."""
    return {
        shift.kind
        for shift in types
        if shift.start_minute + shift.duration_minutes > MINUTES_PER_DAY + _minutes(until_after)
    }
