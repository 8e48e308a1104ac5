"""Runs of consecutive working days and nights.

AML §10-2 (1) requires a sound (forsvarlig) working-time arrangement; in practice
Arbeidstilsynet rarely accepts more than 2–3 nights in a row, and units cap runs
of working days too. The caps are `max_consecutive_nights` and
`max_consecutive_days` in the unit's rules. A day counts as worked when a shift
starts on it, and `history` shifts before day 0 continue a run into the period.
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from solver.model import RosterModel

NIGHT_KIND = "N"

# (token, day) → the expression that is 1 when the day counts for the run.
DayCounter = Callable[[str, int], cp_model.LinearExpr]


def add_max_consecutive_days(roster: RosterModel) -> None:
    """No person works more than `max_consecutive_days` days in a row (AML §10-2 (1))."""
    limit = roster.problem.rules.max_consecutive_days
    history_days = {(shift.token, shift.day) for shift in roster.problem.history}
    _add_run_cap(roster, limit, roster.works_on, history_days)


def add_max_consecutive_nights(roster: RosterModel) -> None:
    """No person works more than `max_consecutive_nights` nights in a row (AML §10-2 (1))."""
    limit = roster.problem.rules.max_consecutive_nights
    shifts = roster.shifts_by_code
    history_nights = {
        (shift.token, shift.day)
        for shift in roster.problem.history
        if shifts[shift.shift_code].kind == NIGHT_KIND
    }

    def works_night(token: str, day: int) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum(
            [
                variable
                for shift_code, variable in roster.shifts_on(token, day)
                if shifts[shift_code].kind == NIGHT_KIND
            ]
        )

    _add_run_cap(roster, limit, works_night, history_nights)


def _add_run_cap(
    roster: RosterModel,
    limit: int,
    counts: DayCounter,
    history_days: set[tuple[str, int]],
) -> None:
    """In every window of `limit + 1` consecutive days, at most `limit` count."""
    window_length = limit + 1
    for member in roster.staff:
        for first_day in range(-limit, roster.problem.days - limit):
            window = range(first_day, first_day + window_length)
            from_history = sum(1 for day in window if (member.token, day) in history_days)
            in_period = [
                counts(member.token, day) for day in window if 0 <= day < roster.problem.days
            ]
            if from_history == 0 and first_day < 0:
                continue
            # A run the history already made too long gets no further day, but stays legal to plan.
            roster.model.add(cp_model.LinearExpr.sum(in_period) <= max(0, limit - from_history))
