"""Sunday and public-holiday work: the §10-10 time window and the Sunday-after-Sunday rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from core.calendar import (
    SUNDAY,
    SUNDAY_WINDOW_END,
    days_between,
    is_public_holiday,
    sunday_window_start,
)
from core.commands import DateRange
from core.compliance.model import PlannedShift, Violation, ViolationRule
from core.compliance.rest import FreeStretch, free_stretches
from core.compliance.roster import CheckedRoster
from core.compliance.timeline import day_window, elapsed_minutes, iso_week_mondays, iso_week_of
from core.rules import SundayRule

# How far before the period the rule looks for a worked Sunday in the history.
LOOK_BACK_DAYS = 21
# How far past its first day a run of red days is followed to find its last day.
LOOK_AHEAD_DAYS = 7
# The `reason` of a breach whose earlier Sunday work lies in the history, before the period.
EARLIER_ROSTER = "earlier_roster"
# AML §10-8 (4): under averaging, the weekly rest covers a red day at least every 4th week.
RED_DAY_REST_WEEKS = 4


@dataclass(frozen=True, slots=True)
class RedDayWindow:
    """The Sunday-work window of one run of back-to-back Sundays and public holidays."""

    first_day: dt.date
    last_day: dt.date
    start: dt.datetime
    end: dt.datetime

    def overlaps(self, shift: PlannedShift) -> bool:
        return shift.start < self.end and shift.end > self.start


def is_red_day(day: dt.date) -> bool:
    """Return whether `day` is a Sunday or a public holiday (helligdagsloven §2, 1 and 17 May)."""
    return day.weekday() == SUNDAY or is_public_holiday(day)


def red_day_windows(days: DateRange) -> list[RedDayWindow]:
    """Return the windows of the runs of red days that start within `days`, in order."""
    last_scanned = days.end + dt.timedelta(days=LOOK_AHEAD_DAYS)
    scanned = days_between(days.start - dt.timedelta(days=1), last_scanned)
    runs: list[list[dt.date]] = []
    for day in scanned:
        if not is_red_day(day):
            continue
        if runs and runs[-1][-1] == day - dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return [_window(run[0], run[-1]) for run in runs if run[0] in days]


def _window(first_day: dt.date, last_day: dt.date) -> RedDayWindow:
    eve = first_day - dt.timedelta(days=1)
    start = dt.datetime.combine(eve, sunday_window_start(first_day))
    end = dt.datetime.combine(last_day, SUNDAY_WINDOW_END)
    return RedDayWindow(first_day, last_day, start, end)


def check_sunday_rule(roster: CheckedRoster) -> list[Violation]:
    """Check the variant of AML §10-8 (4) that the unit plans under."""
    if roster.context.rules.sunday_rule == SundayRule.AVERAGED:
        return [*check_sunday_average(roster), *check_red_day_rest(roster)]
    return check_sunday_after_sunday(roster)


def check_sunday_after_sunday(roster: CheckedRoster) -> list[Violation]:
    """Report work on a Sunday or public holiday right after one the person also worked.

    AML §10-8 (4): who has worked on a Sunday or public holiday is off on the next
    one. Work counts when a shift overlaps the §10-10 window, so a Saturday evening
    shift until 22:30 is Sunday work. Back-to-back red days form one window.

    A breach is reported at the first planned shift in the later window, with the day
    of the last shift in the earlier one. A window that the history already works is
    left out, because its breach, if any, lies in the roster before and belongs to it.
    """
    period = roster.context.period
    windows = red_day_windows(
        DateRange(
            period.start - dt.timedelta(days=LOOK_BACK_DAYS), period.end + dt.timedelta(days=1)
        )
    )
    violations = []
    for shifts in roster.shifts_by_employee.values():
        for previous, window in pairwise(windows):
            violation = _sunday_after_sunday(roster, shifts, previous, window)
            if violation is not None:
                violations.append(violation)
    return violations


def _sunday_after_sunday(
    roster: CheckedRoster,
    shifts: list[PlannedShift],
    previous: RedDayWindow,
    window: RedDayWindow,
) -> Violation | None:
    worked_before = [shift for shift in shifts if previous.overlaps(shift)]
    in_window = [shift for shift in shifts if window.overlaps(shift)]
    if not worked_before or not in_window:
        return None
    if not all(roster.is_planned(shift) for shift in in_window):
        return None

    last_before = worked_before[-1]
    details: dict[str, int | str] = {
        "red_day": window.first_day.isoformat(),
        "previous_red_day": previous.first_day.isoformat(),
        "previous_day": last_before.day.isoformat(),
    }
    if not roster.is_planned(last_before):
        details["reason"] = EARLIER_ROSTER
    return Violation.for_shift(ViolationRule.SUNDAY_AFTER_SUNDAY, in_window[0], details)


def check_sunday_average(roster: CheckedRoster) -> list[Violation]:
    """Report work on more than half of the period's Sundays and public holidays.

    AML §10-8 (4), second sentence: by written agreement, every other Sunday or
    public holiday is off on average. Back-to-back red days count as one, as in
    `check_sunday_after_sunday`. A run of red days belongs to the period that
    contains its last day. A run across the start of the period therefore counts
    here with the history's work in it, and two rosters in a row count each run once.
    A breach is reported only when the period's own shifts work one of the runs.

    NOTE: the law averages over 26 weeks, and this check averages over the period
    alone (at most 26 weeks), as the solver's model does. The agreement's other
    condition is `check_red_day_rest`.
    """
    period = roster.context.period
    first_scanned = period.start - dt.timedelta(days=LOOK_AHEAD_DAYS)
    windows = [
        window
        for window in red_day_windows(DateRange(first_scanned, period.end))
        if window.last_day in period
    ]
    maximum = (len(windows) + 1) // 2
    violations = []
    for employee_key, shifts in roster.shifts_by_employee.items():
        worked = [window for window in windows if any(map(window.overlaps, shifts))]
        planned = [shift for shift in shifts if roster.is_planned(shift)]
        works_in_period = any(window.overlaps(shift) for window in worked for shift in planned)
        if len(worked) <= maximum or not works_in_period:
            continue
        details: dict[str, int | str] = {
            "worked_count": len(worked),
            "red_day_count": len(windows),
            "maximum": maximum,
            "first_day": windows[0].first_day.isoformat(),
            "last_day": windows[-1].last_day.isoformat(),
            "worked_days": ",".join(window.first_day.isoformat() for window in worked),
        }
        violations.append(
            Violation.for_employee(
                ViolationRule.SUNDAY_AVERAGE, employee_key, worked[0].first_day, details
            )
        )
    return violations


def check_red_day_rest(roster: CheckedRoster) -> list[Violation]:
    """Report four or more ISO weeks in a row without a weekly rest over a whole red day.

    AML §10-8 (4), second sentence, allows averaging Sundays off only if the
    weekly rest falls on a Sunday or public holiday at least every fourth week
    (compendia24.no, "Ukentlig fritid": the weekly day off). This check reads
    that as: among any `RED_DAY_REST_WEEKS` consecutive ISO weeks, one has an
    unbroken rest of the unit's `min_weekly_rest_minutes` (35 hours, or 28 by
    agreement) that covers a Sunday or public holiday of that week from 00:00 to
    24:00. The rest may run into the neighbouring weeks, as a Sunday off from
    Saturday afternoon to Monday morning does, and time after the last shift
    counts as free. A stretch of failing weeks is one violation, dated by its
    first Monday.

    NOTE: only ISO weeks that lie wholly in the period count, so four weeks in a
    row across the start or end of the period, or a partial week there, are
    not checked.
    """
    required = roster.context.rules.min_weekly_rest_minutes
    mondays = _whole_weeks(roster.context.period)
    violations = []
    for employee_key, shifts in roster.shifts_by_employee.items():
        stretches = free_stretches(shifts)
        rested = [_rests_a_red_day(stretches, monday, required) for monday in mondays]
        for first, count in _runs_without_rest(rested):
            violations.append(
                _red_day_rest_violation(employee_key, mondays[first], count, required)
            )
    return violations


def _whole_weeks(period: DateRange) -> list[dt.date]:
    """Return the Monday of every ISO week whose seven days all lie in `period`."""
    last_monday_allowed = period.end - dt.timedelta(days=6)
    return [
        monday
        for monday in iso_week_mondays(period)
        if period.start <= monday <= last_monday_allowed
    ]


def _rests_a_red_day(stretches: list[FreeStretch], monday: dt.date, required: int) -> bool:
    """Return whether a free stretch of `required` minutes covers a red day of the week."""
    red_days = [day for day in iso_week_of(monday).days() if is_red_day(day)]
    return any(_covers(stretch, day, required) for day in red_days for stretch in stretches)


def _covers(stretch: FreeStretch, day: dt.date, required: int) -> bool:
    free_from, free_until = stretch
    day_start, day_end = day_window(DateRange(day, day))
    if free_from is not None and free_from > day_start:
        return False
    if free_until is not None and free_until < day_end:
        return False
    if free_from is None or free_until is None:
        return True
    return elapsed_minutes(free_from, free_until) >= required


def _runs_without_rest(rested: list[bool]) -> list[tuple[int, int]]:
    """Return (first index, length) of each run of at least `RED_DAY_REST_WEEKS` unrested weeks."""
    runs = []
    first = 0
    for index, week_rested in enumerate([*rested, True]):
        if not week_rested:
            continue
        if index - first >= RED_DAY_REST_WEEKS:
            runs.append((first, index - first))
        first = index + 1
    return runs


def _red_day_rest_violation(
    employee_key: str, first_monday: dt.date, week_count: int, required: int
) -> Violation:
    last_sunday = first_monday + dt.timedelta(weeks=week_count, days=-1)
    details: dict[str, int | str] = {
        "first_iso_week": first_monday.isocalendar().week,
        "last_iso_week": last_sunday.isocalendar().week,
        "week_count": week_count,
        "last_day": last_sunday.isoformat(),
        "required_minutes": required,
    }
    return Violation.for_employee(ViolationRule.RED_DAY_REST, employee_key, first_monday, details)
