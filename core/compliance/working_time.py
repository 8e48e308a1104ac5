"""Limits on working time: per shift, per 24 hours, per week, on average, and per period."""

from __future__ import annotations

import datetime as dt

from core.commands import DateRange
from core.compliance.model import PlannedShift, Severity, Violation, ViolationRule
from core.compliance.roster import CheckedRoster
from core.compliance.timeline import (
    DAYS_PER_WEEK,
    MINUTES_PER_HOUR,
    add_real_minutes,
    averaging_windows,
    day_window,
    iso_week_mondays,
    iso_week_of,
)
from core.hours import target_minutes

HOURS_PER_DAY = 24
# AML §10-5 (2): the week average is taken over at most 8 weeks.
AVERAGING_DAYS = 8 * DAYS_PER_WEEK


def check_shift_length(roster: CheckedRoster) -> list[Violation]:
    """Report a shift with more working time than the unit allows.

    AML §10-5 (2): at most 12.5 hours of work in 24 hours for a tariff-bound
    employer. Working time excludes an unpaid pause.
    """
    maximum = roster.context.rules.max_shift_minutes
    violations = []
    for shift in roster.planned:
        worked = roster.worked_minutes(shift)
        if worked > maximum:
            details: dict[str, int | str] = {"worked_minutes": worked, "maximum_minutes": maximum}
            violations.append(Violation.for_shift(ViolationRule.SHIFT_TOO_LONG, shift, details))
    return violations


def check_work_in_24_hours(roster: CheckedRoster) -> list[Violation]:
    """Warn of 24 hours, counted from a planned shift's start, with too much work in them.

    AML §10-5 (2) limits work to 12.5 hours "within 24 hours", not per shift, so
    two shifts close together can exceed it, such as an evening shift and the next
    day's shift after a rest shortened by agreement. One shift alone is left to
    `check_shift_length`. Failing windows that share a shift are one warning, at
    the window with the most work, so two shifts on one day are not reported twice.
    """
    # NOTE: it is unsettled whether the 24 hours are any 24 hours or a calendar day, so
    # the rolling reading only warns.
    maximum = roster.context.rules.max_shift_minutes
    violations = []
    for shifts in roster.shifts_by_employee.values():
        for first_shift, worked in _overlong_24_hour_windows(roster, shifts, maximum):
            details: dict[str, int | str] = {"worked_minutes": worked, "maximum_minutes": maximum}
            rule = ViolationRule.DAY_TOO_LONG
            violations.append(Violation.for_shift(rule, first_shift, details, Severity.WARNING))
    return violations


def _overlong_24_hour_windows(
    roster: CheckedRoster, shifts: list[PlannedShift], maximum: int
) -> list[tuple[PlannedShift, int]]:
    """Return (first shift, worked minutes) of the worst window in each cluster over `maximum`.

    A window starts at a planned shift's start and lasts 24 real hours. A failing
    window that starts before the previous failing window ends shares that shift with
    it, so both belong to one cluster.
    """
    clusters: list[tuple[PlannedShift, int]] = []
    previous_window_end: dt.datetime | None = None
    for shift in shifts:
        if not roster.is_planned(shift):
            continue
        window_end = add_real_minutes(shift.start, HOURS_PER_DAY * MINUTES_PER_HOUR)
        in_window = [other for other in shifts if _overlaps(other, shift.start, window_end)]
        worked = sum(
            roster.worked_minutes_between(other, shift.start, window_end) for other in in_window
        )
        if len(in_window) < 2 or worked <= maximum:
            continue
        same_cluster = previous_window_end is not None and shift.start < previous_window_end
        if not same_cluster:
            clusters.append((shift, worked))
        elif worked > clusters[-1][1]:
            clusters[-1] = (shift, worked)
        previous_window_end = window_end
    return clusters


def check_week_length(roster: CheckedRoster) -> list[Violation]:
    """Report an ISO week with more working time than the unit allows.

    AML §10-5 (2): no single week above 54 hours. A shift that crosses into the
    next week counts in each week with the part worked there.
    """
    maximum = roster.context.rules.max_week_minutes
    violations = []
    for employee_key, shifts in roster.shifts_by_employee.items():
        for monday in iso_week_mondays(roster.context.period):
            worked = _worked_minutes_in(roster, shifts, iso_week_of(monday))
            if worked > maximum:
                iso_year, iso_week, _ = monday.isocalendar()
                details: dict[str, int | str] = {
                    "worked_minutes": worked,
                    "maximum_minutes": maximum,
                    "iso_year": iso_year,
                    "iso_week": iso_week,
                }
                violations.append(
                    Violation.for_employee(
                        ViolationRule.WEEK_TOO_LONG, employee_key, monday, details
                    )
                )
    return violations


def check_average_week(roster: CheckedRoster) -> list[Violation]:
    """Report an averaging window whose average week is longer than the unit allows.

    AML §10-5 (2): at most 48 hours a week on average over 8 weeks. The windows
    are 8 weeks long and start a week apart; a shorter period is one window.
    """
    maximum = roster.context.rules.max_average_week_minutes
    violations = []
    for employee_key, shifts in roster.shifts_by_employee.items():
        for window in averaging_windows(roster.context.period, AVERAGING_DAYS):
            window_days = (window.end - window.start).days + 1
            worked = _worked_minutes_in(roster, shifts, window)
            # A window shorter than a week is averaged as one week.
            average = round(worked * DAYS_PER_WEEK / max(window_days, DAYS_PER_WEEK))
            if average > maximum:
                details: dict[str, int | str] = {
                    "average_minutes": average,
                    "maximum_minutes": maximum,
                    "window_days": window_days,
                    "window_end": window.end.isoformat(),
                }
                rule = ViolationRule.AVERAGE_WEEK_TOO_LONG
                violations.append(Violation.for_employee(rule, employee_key, window.start, details))
    return violations


def check_hours_against_target(roster: CheckedRoster) -> list[Violation]:
    """Report a person whose planned hours miss the position's target by more than the tolerance.

    The target is stillingsprosent × the rotation's weekly norm × the weeks of the
    period, less absences (KS HTA §4.2): a removed shift's minutes, or a seventh of a
    week for an absent day without one. Each shift counts in full on the day it
    starts, and an employee without shifts is checked too.
    """
    context = roster.context
    tolerance = context.rules.hours_tolerance_minutes
    violations = []
    for employee_key, employee in sorted(context.employees.items()):
        shifts = roster.shifts_by_employee.get(employee_key, [])
        worked = sum(roster.worked_minutes(shift) for shift in shifts if roster.is_planned(shift))
        target = target_minutes(
            employee.position_percent,
            context.period,
            context.rules,
            employee.absent_days,
            employee.credited_minutes,
        )
        if abs(worked - target) > tolerance:
            details: dict[str, int | str] = {
                "worked_minutes": worked,
                "target_minutes": target,
                "difference_minutes": worked - target,
                "tolerance_minutes": tolerance,
            }
            rule = ViolationRule.HOURS_OUTSIDE_TOLERANCE
            violations.append(Violation.for_employee(rule, employee_key, None, details))
    return violations


def _worked_minutes_in(roster: CheckedRoster, shifts: list[PlannedShift], days: DateRange) -> int:
    """Return the working time inside `days`, or 0 when no planned shift touches them."""
    window_start, window_end = day_window(days)
    if not any(
        roster.is_planned(shift) and _overlaps(shift, window_start, window_end) for shift in shifts
    ):
        return 0
    return sum(roster.worked_minutes_between(shift, window_start, window_end) for shift in shifts)


def _overlaps(shift: PlannedShift, window_start: dt.datetime, window_end: dt.datetime) -> bool:
    return shift.start < window_end and shift.end > window_start
