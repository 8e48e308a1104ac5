"""Limits on working time per shift, per 24 hours, per week and for night workers.

The defaults are those of an employer bound by a tariff agreement that has
agreed averaging with the tillitsvalgte (AML §10-5 (2)): at most 12.5 hours in
24 hours, no week above 54 hours and at most 48 hours a week on average over
8 weeks.
"""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from solver.model import RosterModel
from solver.problem import ShiftSpec, StaffMember
from solver.timeline import DAYS_PER_WEEK, MINUTES_PER_DAY, Interval, shift_interval, weeks_of

AVERAGING_WEEKS = 8
NIGHT_WORKER_WINDOW_DAYS = 28
# A night worker regularly works more than 3 hours of the night window (AML §10-11 (6)).
NIGHT_WORKER_NIGHT_MINUTES = 3 * 60


def add_max_work_per_24_hours(roster: RosterModel) -> None:
    """AML §10-5 (2): no shift, and no calendar day, has more than `max_shift_minutes` of work.

    A shift above the limit is never assigned. Two shifts whose work falls on
    one calendar day beyond the limit (a night ending in the morning and a
    shift starting later that day, possible only with an agreed short rest) are
    never assigned together.

    NOTE: the 24 hours are taken as the calendar day. Read as any rolling 24
    hours, the rule would also forbid the evening-then-day quick returns that
    an agreed 9-hour rest is meant to allow.
    """
    limit = roster.problem.rules.max_shift_minutes
    shifts = roster.shifts_by_code
    for (_, _, shift_code), variable in roster.assigned.items():
        if shifts[shift_code].worked_minutes > limit:
            roster.model.add(variable == 0)
    for member in roster.staff:
        for (day, shift), (later_day, later_shift) in _pairs_sharing_a_day(roster, member):
            if (
                _work_on_day(day, shift, later_day)
                + _work_on_day(later_day, later_shift, later_day)
                > limit
            ):
                roster.model.add_bool_or(
                    [
                        roster.assigned[(member.token, day, shift.code)].Not(),
                        roster.assigned[(member.token, later_day, later_shift.code)].Not(),
                    ]
                )


def add_max_week_minutes(roster: RosterModel) -> None:
    """AML §10-5 (2): no calendar week has more than `max_week_minutes` of work.

    NOTE: a shift counts fully in the week it starts in, so a Sunday night adds
    its Monday hours to the week before.
    """
    limit = roster.problem.rules.max_week_minutes
    for member in roster.staff:
        for week in weeks_of(roster.problem):
            worked, from_history = _minutes_in_days(roster, member, week.days)
            roster.model.add(worked <= max(0, limit - from_history))


def add_average_week_minutes(roster: RosterModel) -> None:
    """AML §10-5 (2): at most `max_average_week_minutes` a week on average over 8 weeks.

    Every run of up to 8 consecutive calendar weeks of the period is checked.
    """
    limit = roster.problem.rules.max_average_week_minutes
    weeks = weeks_of(roster.problem)
    window_length = min(AVERAGING_WEEKS, len(weeks))
    for member in roster.staff:
        for first in range(len(weeks) - window_length + 1):
            days = range(weeks[first].monday, weeks[first].monday + window_length * DAYS_PER_WEEK)
            worked, from_history = _minutes_in_days(roster, member, days)
            roster.model.add(worked <= max(0, limit * window_length - from_history))


def add_night_worker_limit(roster: RosterModel) -> None:
    """AML §10-11 (6): a night worker averages at most 8 hours per 24 over 4 weeks.

    A night worker here is someone whose every allowed shift has more than 3
    night hours (fast nattevakt). The average is taken over the working days of
    each 28-day window, counting one weekly rest day per week as off.

    NOTE: how the average treats rest days is an interpretation, and staff who
    rotate through nights are not classed as night workers.
    """
    average = roster.problem.rules.max_night_worker_average_minutes
    working_days = NIGHT_WORKER_WINDOW_DAYS - NIGHT_WORKER_WINDOW_DAYS // DAYS_PER_WEEK
    shifts = roster.shifts_by_code
    for member in roster.staff:
        night_only = all(
            shifts[code].night_minutes > NIGHT_WORKER_NIGHT_MINUTES
            for code in member.allowed_shift_codes
        )
        if not night_only:
            continue
        last_first_day = max(0, roster.problem.days - NIGHT_WORKER_WINDOW_DAYS)
        for first in range(last_first_day + 1):
            days = range(first, first + NIGHT_WORKER_WINDOW_DAYS)
            worked, from_history = _minutes_in_days(roster, member, days)
            roster.model.add(worked <= max(0, average * working_days - from_history))


def _minutes_in_days(
    roster: RosterModel, member: StaffMember, days: range
) -> tuple[cp_model.LinearExpr, int]:
    """Return the planned minutes of shifts starting on `days` and the minutes from history."""
    shifts = roster.shifts_by_code
    variables = []
    minutes = []
    for day in days:
        for shift_code, variable in roster.shifts_on(member.token, day):
            variables.append(variable)
            minutes.append(shifts[shift_code].worked_minutes)
    from_history = sum(
        shifts[past.shift_code].worked_minutes
        for past in roster.problem.history
        if past.token == member.token and past.day in days
    )
    return cp_model.LinearExpr.weighted_sum(variables, minutes), from_history


def _pairs_sharing_a_day(
    roster: RosterModel, member: StaffMember
) -> Iterator[tuple[tuple[int, ShiftSpec], tuple[int, ShiftSpec]]]:
    """Yield (shift crossing midnight into the next day, shift starting on that next day)."""
    shifts = roster.shifts_by_code
    for day in range(roster.problem.days - 1):
        for shift_code, _ in roster.shifts_on(member.token, day):
            if shift_interval(day, shifts[shift_code]).end <= (day + 1) * MINUTES_PER_DAY:
                continue
            for later_code, _ in roster.shifts_on(member.token, day + 1):
                yield (day, shifts[shift_code]), (day + 1, shifts[later_code])


def _work_on_day(day: int, shift: ShiftSpec, calendar_day: int) -> int:
    """Return the work of a shift starting on `day` that falls on `calendar_day`.

    Work minutes are spread evenly over the shift, so a paid pause counts pro rata.
    """
    interval = shift_interval(day, shift)
    calendar = Interval(calendar_day * MINUTES_PER_DAY, (calendar_day + 1) * MINUTES_PER_DAY)
    inside = max(0, min(interval.end, calendar.end) - max(interval.start, calendar.start))
    return inside * shift.worked_minutes // max(1, shift.duration_minutes)
