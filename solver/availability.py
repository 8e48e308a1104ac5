"""Who can work which shift at all: allowed codes, blocked days, fixed days, one shift a day."""

from __future__ import annotations

from collections import defaultdict

from solver.model import RosterModel
from solver.problem import SolverProblem

# (token, day) → the shift codes blocked that day, or None when the whole day is blocked.
BlockedCodes = dict[tuple[str, int], set[str] | None]


def add_shift_variables(roster: RosterModel) -> None:
    """Create a variable for each shift a person may work on each day.

    A person may work the codes in `allowed_shift_codes` (a night-only nurse has
    only night codes), plus a code fixed for that day. Blocked days (absence or
    unavailability, all shifts or one code) get no variable, so no shift can land
    there; a fixed shift on a blocked day therefore makes the model infeasible.
    """
    problem = roster.problem
    blocked = _blocked_codes(problem)
    fixed_codes = {(fixed.token, fixed.day): fixed.shift_code for fixed in problem.fixed}
    for member in problem.staff:
        for day in range(problem.days):
            codes = set(member.allowed_shift_codes)
            fixed_code = fixed_codes.get((member.token, day))
            if fixed_code is not None:
                codes.add(fixed_code)
            for shift in problem.shifts:
                if shift.code in codes and not _is_blocked(blocked, member.token, day, shift.code):
                    roster.add_shift_variable(member.token, day, shift.code)


def add_one_shift_per_day(roster: RosterModel) -> None:
    """At most one shift starts on each day for each person."""
    for member in roster.staff:
        for day in range(roster.problem.days):
            variables = [variable for _, variable in roster.shifts_on(member.token, day)]
            if len(variables) > 1:
                roster.model.add_at_most_one(variables)


def add_fixed_days(roster: RosterModel) -> None:
    """Keep every fixed day as it is: its shift code, or off when the code is None."""
    for fixed in roster.problem.fixed:
        for shift_code, variable in roster.shifts_on(fixed.token, fixed.day):
            roster.model.add(variable == int(shift_code == fixed.shift_code))
        if fixed.shift_code is not None and (fixed.token, fixed.day, fixed.shift_code) not in (
            roster.assigned
        ):
            # The fixed shift falls on a blocked day: no roster can keep both.
            roster.model.add_bool_or([])


def _blocked_codes(problem: SolverProblem) -> BlockedCodes:
    blocked: dict[tuple[str, int], set[str] | None] = defaultdict(set)
    for entry in problem.blocked:
        key = (entry.token, entry.day)
        codes = blocked[key]
        if entry.shift_code is None or codes is None:
            blocked[key] = None
        else:
            codes.add(entry.shift_code)
    return blocked


def _is_blocked(blocked: BlockedCodes, token: str, day: int, shift_code: str) -> bool:
    codes = blocked.get((token, day), set())
    return codes is None or shift_code in codes
