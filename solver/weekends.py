"""Weekend work: at most one weekend in `weekend_frequency`, and whole weekends preferred.

"Hver tredje helg" is the tariff norm (NSF); working more often needs an
agreement with the tillitsvalgt, which RuleSettings.validate enforces. A
weekend counts as worked when a shift starts on its Saturday or Sunday, and
also, when `friday_night_counts_as_weekend` is set (a local rule), when a Friday
shift runs past midnight into Saturday.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver import weights
from solver.model import RosterModel, SoftTerm
from solver.problem import SolverProblem
from solver.timeline import MINUTES_PER_DAY, saturdays_of, shift_interval


def add_weekend_frequency(roster: RosterModel) -> None:
    """In every run of k consecutive weekends, a person works at most one (k = weekend_frequency).

    Weekends before the period count through `history`, so the first weekends of
    the period respect the last ones of the previous roster.
    """
    problem = roster.problem
    frequency = problem.rules.weekend_frequency
    history_start = min((shift.day for shift in problem.history), default=0)
    first_day = min(history_start, 0)
    # Up to day `days`, so that a last-day Friday night meets the weekend after the period.
    saturdays = saturdays_of(problem, first_day=first_day, last_day=problem.days)
    for member in roster.staff:
        worked = [_weekend_worked(roster, member.token, saturday) for saturday in saturdays]
        for first in range(max(1, len(worked) - frequency + 1)):
            window = worked[first : first + frequency]
            if not _touches_period(saturdays[first : first + frequency], problem):
                continue
            from_history = sum(1 for weekend in window if isinstance(weekend, int) and weekend)
            in_period = [weekend for weekend in window if not isinstance(weekend, int)]
            # A window the history already breaks stays broken, but gets no further weekend.
            limit = max(0, 1 - from_history)
            roster.model.add(cp_model.LinearExpr.sum(in_period) <= limit)
            _add_same_day_cuts(roster, member.token, saturdays[first : first + frequency], limit)


def _add_same_day_cuts(roster: RosterModel, token: str, saturdays: list[int], limit: int) -> None:
    """Add the window's limit on the shifts of each weekend day position, a redundant cut.

    Each Saturday shift implies its weekend is worked, so the window's Saturday
    shifts add up to at most `limit`, and likewise Sundays (and Friday nights
    when they count). CP-SAT's presolve turns `worked ≥ day's shifts` into one
    implication per shift, whose linear relaxation lets a person spread over
    three shifts of a Saturday count three times. Without these sums the bound
    missed the weekend shortfall entirely (8 000 against 40 000 on the 40-person
    sample ward).
    """
    groups_by_weekend = [_weekend_shift_groups(roster, token, saturday) for saturday in saturdays]
    for position in range(max((len(groups) for groups in groups_by_weekend), default=0)):
        shifts = [
            variable
            for groups in groups_by_weekend
            if position < len(groups)
            for variable in groups[position]
        ]
        if len(shifts) > limit:
            roster.model.add(cp_model.LinearExpr.sum(shifts) <= limit)


def add_whole_weekends(roster: RosterModel) -> None:
    """Soft: whoever works a Saturday or a Sunday should work both days of that weekend."""
    problem = roster.problem
    for member in roster.staff:
        for saturday in saturdays_of(problem, first_day=0, last_day=problem.days - 1):
            if saturday < 0 or saturday + 1 >= problem.days:
                continue
            on_saturday = roster.works_on(member.token, saturday)
            on_sunday = roster.works_on(member.token, saturday + 1)
            single = roster.model.new_bool_var(f"weekend_single_day[{member.token},{saturday}]")
            # `single` is exactly "one day of the two": at least the difference, at most the sum
            # and at most two minus the sum.
            roster.model.add(single >= on_saturday - on_sunday)
            roster.model.add(single >= on_sunday - on_saturday)
            roster.model.add(single <= on_saturday + on_sunday)
            roster.model.add(single <= 2 - on_saturday - on_sunday)
            roster.add_soft_term(
                SoftTerm(
                    "weekend_single_day",
                    single,
                    weights.WEEKEND_SINGLE_DAY,
                    token=member.token,
                    day=saturday,
                )
            )


def _weekend_worked(roster: RosterModel, token: str, saturday: int) -> cp_model.LinearExpr | int:
    """Return 1 (a constant or a literal) when the person works the weekend, else 0."""
    if history_works_weekend(roster, token, saturday):
        return 1
    groups = _weekend_shift_groups(roster, token, saturday)
    if not any(groups):
        return 0
    worked = roster.model.new_bool_var(f"weekend_worked[{token},{saturday}]")
    # At most one shift starts per day, so `worked ≥ the day's sum` is valid, and it is a
    # much tighter relaxation than one implication per shift.
    for group in groups:
        if group:
            roster.model.add(worked >= cp_model.LinearExpr.sum(group))
    return worked


def _weekend_shift_groups(
    roster: RosterModel, token: str, saturday: int
) -> list[list[cp_model.IntVar]]:
    """Return the shift literals that make the weekend a worked one, grouped by day."""
    groups = [
        [variable for _, variable in roster.shifts_on(token, day)]
        for day in (saturday, saturday + 1)
    ]
    if roster.problem.rules.friday_night_counts_as_weekend:
        shifts = roster.shifts_by_code
        friday = saturday - 1
        groups.append(
            [
                variable
                for shift_code, variable in roster.shifts_on(token, friday)
                if shift_interval(friday, shifts[shift_code]).end > saturday * MINUTES_PER_DAY
            ]
        )
    return groups


def history_works_weekend(roster: RosterModel, token: str, saturday: int) -> bool:
    shifts = roster.shifts_by_code
    counts_friday = roster.problem.rules.friday_night_counts_as_weekend
    for past in roster.problem.history:
        if past.token != token:
            continue
        if past.day in (saturday, saturday + 1):
            return True
        crosses = shift_interval(past.day, shifts[past.shift_code]).end > saturday * MINUTES_PER_DAY
        if counts_friday and past.day == saturday - 1 and crosses:
            return True
    return False


def _touches_period(saturdays: list[int], problem: SolverProblem) -> bool:
    return any(saturday + 1 >= 0 and saturday - 1 < problem.days for saturday in saturdays)
