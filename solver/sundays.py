"""Sunday and public-holiday work (AML §10-8 (4) with the time window of §10-10 (1)).

Work on a Sunday or holiday runs from 18:00 the day before to 22:00 on the day,
and back-to-back red days (a Sunday and 2. påskedag, say) form one window from
18:00 before the first to 22:00 on the last. A shift counts as Sunday work when
it overlaps such a window, whatever day it starts on.

NOTE: 1 and 17 May open their window at 22:00 and the eves of Christmas, Easter
and Whitsun at 15:00. The problem carries holidays as bare day indexes, so
every window here opens at 18:00.
"""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

from core.rules import SundayRule
from solver.model import RosterModel
from solver.problem import HistoryShift
from solver.timeline import MINUTES_PER_DAY, SUNDAY, Interval, shift_interval, weekday_of

WINDOW_OPENS_MINUTE = 18 * 60  # the day before
WINDOW_CLOSES_MINUTE = 22 * 60
# History shifts this many days back can overlap the last red window before day 0.
HISTORY_LOOKBACK_DAYS = 14


def red_windows(roster: RosterModel, *, first_day: int, last_day: int) -> list[Interval]:
    """Return the Sunday and holiday windows of red days in [first_day, last_day], merged."""
    red_days = [
        day
        for day in range(first_day, last_day + 1)
        if weekday_of(roster.problem, day) == SUNDAY or day in roster.problem.public_holidays
    ]
    windows: list[Interval] = []
    for day in red_days:
        opens = (day - 1) * MINUTES_PER_DAY + WINDOW_OPENS_MINUTE
        closes = day * MINUTES_PER_DAY + WINDOW_CLOSES_MINUTE
        if windows and windows[-1].end >= opens:
            windows[-1] = Interval(windows[-1].start, closes)
        else:
            windows.append(Interval(opens, closes))
    return windows


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
    in_period = [
        value
        for value, window in zip(worked, windows, strict=True)
        if window.end > 0 and not isinstance(value, int)
    ]
    if in_period:
        roster.model.add(cp_model.LinearExpr.sum(in_period) <= (len(in_period) + 1) // 2)


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
