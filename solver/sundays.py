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
from solver.rest import history_intervals, rest_window_literals
from solver.timeline import (
    DAYS_PER_WEEK,
    MINUTES_PER_DAY,
    SUNDAY,
    Interval,
    Week,
    shift_interval,
    weekday_of,
    weeks_of,
)

# History shifts this many days back can overlap the last red window before day 0,
# and the problem lists the public holidays that far back.
HISTORY_LOOKBACK_DAYS = HOLIDAY_DAYS_BEFORE
# AML §10-8 (4): under averaging, the weekly rest covers a red day at least every 4th week.
RED_DAY_REST_WEEKS = 4


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
    rounded up, are worked. The agreement also needs the weekly rest on a
    Sunday or holiday at least every fourth week (`_require_red_day_rest`).
    """
    problem = roster.problem
    windows = red_windows(roster, first_day=-HISTORY_LOOKBACK_DAYS, last_day=problem.days)
    for member in roster.staff:
        worked = [_window_worked(roster, member.token, window) for window in windows]
        if problem.rules.sunday_rule == SundayRule.NEXT_OFF:
            _forbid_back_to_back(roster, worked)
        else:
            _cap_half(roster, worked, windows)
    if problem.rules.sunday_rule == SundayRule.AVERAGED:
        _require_red_day_rest(roster)


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


def _require_red_day_rest(roster: RosterModel) -> None:
    """Give each person a weekly rest that covers a red day in every 4 weeks in a row.

    AML §10-8 (4), second sentence, allows averaging Sundays off only if the
    weekly rest falls on a Sunday or public holiday at least every fourth week.
    This model reads that as: among any `RED_DAY_REST_WEEKS` consecutive ISO
    weeks, one has an unbroken rest of `min_weekly_rest_minutes` that covers a
    whole red day of that week, 00:00 to 24:00. The rest may run into the
    neighbouring weeks, as a Sunday off from Saturday afternoon to Monday
    morning does. compendia24.no ("Ukentlig fritid") words the condition as the
    weekly day off falling on a Sunday or holiday at least every fourth week.

    The weekend rule leaves at least two weekends in four without a shift
    starting on them, and such a weekend rests its Sunday unless a Friday shift
    runs past Saturday 13:00 (for 35 hours). So in a full model this constraint
    seldom binds. It decides when `explain.broken_rules` tests the Sunday rule
    on its own.

    NOTE: only runs of four ISO weeks that lie wholly in the period are
    required, so three weeks without such a rest at the end of one period and
    one at the start of the next are not caught, nor are partial weeks at
    either end of the period.
    """
    problem = roster.problem
    min_rest = problem.rules.min_weekly_rest_minutes
    history = history_intervals(roster)
    weeks = [
        week
        for week in weeks_of(problem)
        if week.monday >= 0 and week.monday + DAYS_PER_WEEK <= problem.days
    ]
    for member in roster.staff:
        per_week = [
            _red_day_rest_literals(roster, member.token, week, min_rest, history) for week in weeks
        ]
        for first in range(len(per_week) - RED_DAY_REST_WEEKS + 1):
            run = per_week[first : first + RED_DAY_REST_WEEKS]
            if any(literals is None for literals in run):
                continue  # a red day in the run is free whatever the roster says
            roster.model.add_bool_or(
                [literal for literals in run if literals for literal in literals]
            )


def _red_day_rest_literals(
    roster: RosterModel,
    token: str,
    week: Week,
    min_rest: int,
    history: dict[str, list[Interval]],
) -> list[cp_model.IntVar] | None:
    """Return literals of the rest windows over a red day of `week`, or None if one is always free.

    A window of `min_rest` minutes covers day D from 00:00 to 24:00 exactly when
    it lies within [D 24:00 − min_rest, D 00:00 + min_rest].
    """
    literals: list[cp_model.IntVar] = []
    for day in week.days:
        if not _is_red_day(roster.problem, day):
            continue
        span = Interval((day + 1) * MINUTES_PER_DAY - min_rest, day * MINUTES_PER_DAY + min_rest)
        covering = rest_window_literals(
            roster, token, span, min_rest, history, name=f"red_day_rest[{token},{day}]"
        )
        if covering is None:
            return None
        literals.extend(covering)
    return literals


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
