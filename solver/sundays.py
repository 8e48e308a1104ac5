"""Sunday and public-holiday work (AML §10-8 (4) with the time window of §10-10 (1)).

Work on a Sunday or holiday runs from 18:00 the day before to 22:00 on the day,
and back-to-back red days (a Sunday and 2. påskedag, say) form one window from
the evening before the first to 22:00 on the last. The window opens at 15:00 on
jul-, påske- and pinseaften and at 22:00 before 1 and 17 May. Which eves those
are comes from the problem (`SolverProblem.afternoon_eve_days` and
`late_eve_days`), like its public holidays, and not from the real calendar, so a
problem with made-up holidays gets its own windows. For real dates the core fills
them from `core.calendar.sunday_window_start`, which the rule check reads too. A
shift counts as Sunday work when it overlaps such a window, whatever day it starts on.
"""

from __future__ import annotations

import datetime as dt
import itertools

from ortools.sat.python import cp_model

from core.calendar import (
    EVE_WINDOW_START,
    HIGH_DAY_WINDOW_START,
    SUNDAY_WINDOW_END,
    SUNDAY_WINDOW_START,
)
from core.rules import SundayRule
from solver.model import RosterModel
from solver.problem import HOLIDAY_DAYS_AFTER, HOLIDAY_DAYS_BEFORE, HistoryShift, SolverProblem
from solver.timeline import MINUTES_PER_DAY, SUNDAY, Interval, shift_interval, weekday_of

# History shifts this many days back can overlap the last red window before day 0,
# and the problem lists the public holidays that far back.
HISTORY_LOOKBACK_DAYS = HOLIDAY_DAYS_BEFORE


def red_windows(roster: RosterModel, *, first_day: int, last_day: int) -> list[Interval]:
    """Return the windows of the runs of red days that start in [first_day, last_day]."""
    problem = roster.problem
    runs: list[list[int]] = []
    for day in range(first_day - 1, last_day + HOLIDAY_DAYS_AFTER + 1):
        if not _is_red_day(problem, day):
            continue
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return [_window(problem, run[0], run[-1]) for run in runs if first_day <= run[0] <= last_day]


def ends_in_period(problem: SolverProblem, window: Interval) -> bool:
    """Return whether the last red day of `window` lies in the period.

    A window closes at 22:00 on its last red day, so that day is `end // MINUTES_PER_DAY`.
    """
    return 0 <= window.end // MINUTES_PER_DAY < problem.days


def _is_red_day(problem: SolverProblem, day: int) -> bool:
    return weekday_of(problem, day) == SUNDAY or day in problem.public_holidays


def _window(problem: SolverProblem, first_day: int, last_day: int) -> Interval:
    opens = _window_start(problem, first_day)
    closes = SUNDAY_WINDOW_END
    return Interval(
        (first_day - 1) * MINUTES_PER_DAY + opens.hour * 60 + opens.minute,
        last_day * MINUTES_PER_DAY + closes.hour * 60 + closes.minute,
    )


def add_sunday_rule(roster: RosterModel) -> None:
    """AML §10-8 (4): after work on a Sunday or holiday, the next one is off.

    Under an agreement (`SundayRule.AVERAGED`) every other Sunday or holiday is
    off on average instead, which over one period means at most half of them,
    rounded up, are worked.

    NOTE: the averaged variant's other condition, weekly rest on a Sunday at
    least every fourth week, is not modelled.
    """
    problem = roster.problem
    windows = red_windows(roster, first_day=-HISTORY_LOOKBACK_DAYS, last_day=problem.days)
    for member in roster.staff:
        worked = [_window_worked(roster, member.token, window) for window in windows]
        if problem.rules.sunday_rule == SundayRule.NEXT_OFF:
            _forbid_back_to_back(roster, worked)
        else:
            _cap_half(roster, worked, windows)


def _forbid_back_to_back(roster: RosterModel, worked: list[cp_model.LinearExpr | int]) -> None:
    for current, following in itertools.pairwise(worked):
        if isinstance(current, int) and isinstance(following, int):
            continue
        from_history = int(isinstance(current, int) and current == 1)
        planned = [value for value in (current, following) if not isinstance(value, int)]
        roster.model.add(cp_model.LinearExpr.sum(planned) <= max(0, 1 - from_history))


def _cap_half(
    roster: RosterModel, worked: list[cp_model.LinearExpr | int], windows: list[Interval]
) -> None:
    """Cap the worked windows at half, rounded up, of those that end in the period.

    Every such window counts, also one the person cannot work (away, say) and one
    that starts before day 0, whose work in the history counts as worked. The
    rule check counts the same windows, so the two agree on the maximum.
    """
    counted = [
        value
        for value, window in zip(worked, windows, strict=True)
        if ends_in_period(roster.problem, window)
    ]
    planned = [value for value in counted if not isinstance(value, int)]
    from_history = sum(value for value in counted if isinstance(value, int))
    if planned:
        maximum = (len(counted) + 1) // 2
        roster.model.add(cp_model.LinearExpr.sum(planned) <= max(0, maximum - from_history))


def _window_worked(roster: RosterModel, token: str, window: Interval) -> cp_model.LinearExpr | int:
    """Return 1 when history already works the window, else a literal, or 0 if nothing can."""
    shifts = roster.shifts_by_code
    history = [past for past in roster.problem.history if past.token == token]
    if any(_history_overlaps(roster, past, window) for past in history):
        return 1
    first_day = window.start // MINUTES_PER_DAY - 1
    last_day = window.end // MINUTES_PER_DAY
    groups = [
        [
            variable
            for shift_code, variable in roster.shifts_on(token, day)
            if shift_interval(day, shifts[shift_code]).overlaps(window)
        ]
        for day in range(first_day, last_day + 1)
    ]
    if not any(groups):
        return 0
    worked = roster.model.new_bool_var(f"red_day_worked[{token},{window.start}]")
    for group in groups:
        if group:
            roster.model.add(worked >= cp_model.LinearExpr.sum(group))
    return worked


def _history_overlaps(roster: RosterModel, past: HistoryShift, window: Interval) -> bool:
    return shift_interval(past.day, roster.shifts_by_code[past.shift_code]).overlaps(window)


def _window_start(problem: SolverProblem, first_red_day: int) -> dt.time:
    """Return the time on the eve of `first_red_day` when its run's window opens."""
    if first_red_day in problem.afternoon_eve_days:
        return EVE_WINDOW_START
    if first_red_day in problem.late_eve_days:
        return HIGH_DAY_WINDOW_START
    return SUNDAY_WINDOW_START
