"""Rest rules: daily rest between shifts and weekly rest (AML §10-8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

from core.commands import DateRange
from core.compliance.model import PlannedShift, Severity, Violation, ViolationRule
from core.compliance.roster import CheckedRoster
from core.compliance.timeline import (
    day_window,
    elapsed_minutes,
    iso_week_mondays,
    iso_week_of,
)
from core.rules import LEGAL_DAILY_REST_MINUTES, WeeklyRestWindow

ROLLING_WINDOW_DAYS = 7

# A stretch of free time; None stands for "before the first shift" or "after the last".
FreeStretch = tuple[dt.datetime | None, dt.datetime | None]


def check_daily_rest(roster: CheckedRoster) -> list[Violation]:
    """Report too short a rest before a shift, counting real elapsed time across midnight.

    AML §10-8 (1): at least 11 hours of unbroken rest between two main work
    periods; §10-8 (3) lets a written agreement lower the unit's minimum to 8.
    Overlapping shifts are reported as such, not as a rest of minus minutes.
    """
    required = roster.context.rules.min_daily_rest_minutes
    violations = []
    for previous, following in _consecutive_shifts(roster):
        rest = elapsed_minutes(previous.end, following.start)
        if rest < 0:
            details: dict[str, int | str] = {
                "overlap_minutes": -rest,
                "previous_shift": previous.shift_code,
                "previous_day": previous.day.isoformat(),
            }
            violations.append(
                Violation.for_shift(ViolationRule.OVERLAPPING_SHIFTS, following, details)
            )
        elif rest < required:
            details = {"rest_minutes": rest, "required_minutes": required}
            violations.append(Violation.for_shift(ViolationRule.DAILY_REST, following, details))
    return violations


def check_shortened_daily_rest(roster: CheckedRoster) -> list[Violation]:
    """Warn of each rest that an agreement allows but the law's 11 hours do not.

    AML §10-8 (3): a rest shortened by agreement must be made up with
    compensatory rest, so the planner needs the list.
    """
    required = roster.context.rules.min_daily_rest_minutes
    violations = []
    for previous, following in _consecutive_shifts(roster):
        rest = elapsed_minutes(previous.end, following.start)
        if required <= rest < LEGAL_DAILY_REST_MINUTES:
            details: dict[str, int | str] = {
                "rest_minutes": rest,
                "legal_minutes": LEGAL_DAILY_REST_MINUTES,
            }
            violations.append(
                Violation.for_shift(
                    ViolationRule.DAILY_REST_SHORTENED, following, details, Severity.WARNING
                )
            )
    return violations


def _consecutive_shifts(roster: CheckedRoster) -> Iterator[tuple[PlannedShift, PlannedShift]]:
    """Yield each pair of one person's consecutive shifts whose second shift is planned."""
    for shifts in roster.shifts_by_employee.values():
        for previous, following in pairwise(shifts):
            if roster.is_planned(following):
                yield previous, following


def check_weekly_rest(roster: CheckedRoster) -> list[Violation]:
    """Report a calendar week without the unit's unbroken weekly rest.

    AML §10-8 (2): 35 hours of unbroken rest within seven days (28 by agreement,
    §10-8 (3)). The week is the ISO week, Monday 00:00 to the next Monday 00:00.
    Free time counts up to the week's edges, and time after the last planned
    shift counts as free. A unit that chose the rolling reading is checked by
    `check_rolling_weekly_rest` instead.
    """
    if roster.context.rules.weekly_rest_window != WeeklyRestWindow.CALENDAR_WEEK:
        return []
    required = roster.context.rules.min_weekly_rest_minutes
    violations = []
    for employee_key, shifts in roster.shifts_by_employee.items():
        for monday, longest in _failing_calendar_weeks(roster, shifts):
            iso_year, iso_week, _ = monday.isocalendar()
            details: dict[str, int | str] = {
                "longest_rest_minutes": longest,
                "required_minutes": required,
                "iso_year": iso_year,
                "iso_week": iso_week,
            }
            violations.append(
                Violation.for_employee(ViolationRule.WEEKLY_REST, employee_key, monday, details)
            )
    return violations


def _failing_calendar_weeks(
    roster: CheckedRoster, shifts: list[PlannedShift]
) -> list[tuple[dt.date, int]]:
    """Return (Monday, longest rest) of each ISO week of the period without the weekly rest."""
    required = roster.context.rules.min_weekly_rest_minutes
    failing = []
    for monday in iso_week_mondays(roster.context.period):
        longest = _longest_planned_rest(roster, shifts, iso_week_of(monday))
        if longest is not None and longest < required:
            failing.append((monday, longest))
    return failing


def check_rolling_weekly_rest(roster: CheckedRoster) -> list[Violation]:
    """Report each run of seven-day windows, one starting each day, without the weekly rest.

    AML §10-8 (2) requires the rest "within seven days" and does not settle whether that is the
    calendar week or any seven days. Under the calendar reading this check only
    warns, and leaves out a run of windows that contains a failing calendar week,
    which `check_weekly_rest` already reports as an error. A unit that chose the
    rolling reading gets errors. Consecutive failing windows are one violation, at
    the first window's start day.
    """
    rules = roster.context.rules
    rolling = rules.weekly_rest_window == WeeklyRestWindow.ROLLING_SEVEN_DAYS
    severity = Severity.ERROR if rolling else Severity.WARNING
    violations = []
    for employee_key, shifts in roster.shifts_by_employee.items():
        reported_mondays = (
            set() if rolling else {monday for monday, _ in _failing_calendar_weeks(roster, shifts)}
        )
        for first_day, longest, window_count in _failing_window_runs(roster, shifts):
            start_days = DateRange(first_day, first_day + dt.timedelta(days=window_count - 1))
            if any(monday in start_days for monday in reported_mondays):
                continue
            details: dict[str, int | str] = {
                "longest_rest_minutes": longest,
                "required_minutes": rules.min_weekly_rest_minutes,
                "window_days": ROLLING_WINDOW_DAYS,
                "failing_windows": window_count,
            }
            violations.append(
                Violation.for_employee(
                    ViolationRule.WEEKLY_REST_ROLLING, employee_key, first_day, details, severity
                )
            )
    return violations


def _failing_window_runs(
    roster: CheckedRoster, shifts: list[PlannedShift]
) -> list[tuple[dt.date, int, int]]:
    """Return (first start day, its longest rest, window count) for each run of failing windows."""
    required = roster.context.rules.min_weekly_rest_minutes
    runs: list[tuple[dt.date, int, int]] = []
    previous_failed = False
    for start_day in roster.context.period.days():
        window = DateRange(start_day, start_day + dt.timedelta(days=ROLLING_WINDOW_DAYS - 1))
        longest = _longest_planned_rest(roster, shifts, window)
        if longest is None or longest >= required:
            previous_failed = False
            continue
        if previous_failed:
            first_day, first_longest, count = runs[-1]
            runs[-1] = (first_day, first_longest, count + 1)
        else:
            runs.append((start_day, longest, 1))
        previous_failed = True
    return runs


def _longest_planned_rest(
    roster: CheckedRoster, shifts: list[PlannedShift], days: DateRange
) -> int | None:
    """Return the longest free stretch within `days`, or None when no planned shift touches them."""
    window_start, window_end = day_window(days)
    touches = any(
        roster.is_planned(shift) and shift.start < window_end and shift.end > window_start
        for shift in shifts
    )
    if not touches:
        return None
    return longest_free_minutes(shifts, window_start, window_end)


def longest_free_minutes(
    shifts: list[PlannedShift], window_start: dt.datetime, window_end: dt.datetime
) -> int:
    """Return the longest unbroken free time inside the window, in real minutes.

    A free stretch may run past either edge of the window; only its part inside
    the window counts.
    """
    longest = 0
    for free_from, free_until in free_stretches(shifts):
        stretch_start = window_start if free_from is None else max(free_from, window_start)
        stretch_end = window_end if free_until is None else min(free_until, window_end)
        if stretch_end > stretch_start:
            longest = max(longest, elapsed_minutes(stretch_start, stretch_end))
    return longest


def free_stretches(shifts: list[PlannedShift]) -> list[FreeStretch]:
    """Return the free time before, between and after `shifts`, which are ordered by start."""
    stretches: list[FreeStretch] = []
    busy_until: dt.datetime | None = None
    for shift in shifts:
        if busy_until is None or shift.start > busy_until:
            stretches.append((busy_until, shift.start))
        busy_until = shift.end if busy_until is None else max(busy_until, shift.end)
    stretches.append((busy_until, None))
    return stretches
