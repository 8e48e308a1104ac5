"""Soft quality of the roster: stable patterns and a fair spread of unsocial shifts.

Nothing here is a legal limit. A quick return (rest below 11 hours, legal only
under an agreement, AML §10-8 (3)) and an isolated working day are penalised,
and so is each night, evening, weekend day and holiday beyond a person's fair
share, which is the share of the ward's target hours their position carries.
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from core.rules import LEGAL_DAILY_REST_MINUTES
from solver import weights
from solver.model import RosterModel, SoftTerm
from solver.problem import StaffMember
from solver.timeline import SATURDAY, rest_minutes_between, weekday_of

# (day, shift code) → whether a shift counts towards a fairness category.
ShiftFilter = Callable[[int, str], bool]


def add_quick_return_penalty(roster: RosterModel) -> None:
    """Penalise each pair of shifts with less than 11 hours between them (agreed short rest)."""
    if roster.problem.rules.min_daily_rest_minutes >= LEGAL_DAILY_REST_MINUTES:
        return
    shifts = roster.shifts_by_code
    for member in roster.staff:
        for day in range(roster.problem.days - 1):
            for code, variable in roster.shifts_on(member.token, day):
                for later_code, later in roster.shifts_on(member.token, day + 1):
                    rest = rest_minutes_between(day, shifts[code], day + 1, shifts[later_code])
                    if rest < LEGAL_DAILY_REST_MINUTES:
                        _add_pair_penalty(roster, member, day, variable, later, "quick_return")


def add_isolated_day_penalty(roster: RosterModel) -> None:
    """Penalise a working day with a day off on both sides."""
    days = roster.problem.days
    for member in roster.staff:
        for day in range(1, days - 1):
            works = roster.works_on(member.token, day)
            before = roster.works_on(member.token, day - 1)
            after = roster.works_on(member.token, day + 1)
            isolated = roster.model.new_bool_var(f"isolated_working_day[{member.token},{day}]")
            # Exactly "works, with both neighbours off", so no phantom penalty is reported.
            roster.model.add(isolated >= works - before - after)
            roster.model.add(isolated <= works)
            roster.model.add(isolated <= 1 - before)
            roster.model.add(isolated <= 1 - after)
            roster.add_soft_term(
                SoftTerm(
                    "isolated_working_day",
                    isolated,
                    weights.ISOLATED_WORKING_DAY,
                    token=member.token,
                    day=day,
                )
            )


def add_fair_spread(roster: RosterModel) -> None:
    """Penalise nights, evenings, weekend days and holidays beyond each person's fair share."""
    shifts = roster.shifts_by_code
    problem = roster.problem
    categories: dict[str, ShiftFilter] = {
        "nights_above_fair_share": lambda day, code: shifts[code].kind == "N",
        "evenings_above_fair_share": lambda day, code: shifts[code].kind == "A",
        "weekend_days_above_fair_share": lambda day, code: weekday_of(problem, day) >= SATURDAY,
        "holidays_above_fair_share": lambda day, code: day in problem.public_holidays,
    }
    for name, counts in categories.items():
        _add_fair_share(roster, name, counts)


def _add_fair_share(roster: RosterModel, name: str, counts: ShiftFilter) -> None:
    demanded = sum(
        demand.minimum for demand in roster.problem.demands if counts(demand.day, demand.shift_code)
    )
    eligible = [member for member in roster.staff if _can_take(roster, member, counts)]
    total_target = sum(member.target_minutes for member in eligible)
    if demanded == 0 or total_target == 0:
        return
    for member in eligible:
        # Rounded up, so that nobody is penalised for the remainder of an uneven split.
        fair_share = -(-demanded * member.target_minutes // total_target)
        taken = cp_model.LinearExpr.sum(
            [
                variable
                for (token, day, code), variable in _shift_items(roster, member)
                if counts(day, code)
            ]
        )
        excess = roster.model.new_int_var(0, roster.problem.days, f"{name}[{member.token}]")
        roster.model.add(excess >= taken - fair_share)
        roster.add_soft_term(SoftTerm(name, excess, weights.ABOVE_FAIR_SHARE, token=member.token))


def _can_take(roster: RosterModel, member: StaffMember, counts: ShiftFilter) -> bool:
    return any(counts(day, code) for (_, day, code), _ in _shift_items(roster, member))


def _shift_items(
    roster: RosterModel, member: StaffMember
) -> list[tuple[tuple[str, int, str], cp_model.IntVar]]:
    return [
        ((member.token, day, code), variable)
        for day in range(roster.problem.days)
        for code, variable in roster.shifts_on(member.token, day)
    ]


def _add_pair_penalty(
    roster: RosterModel,
    member: StaffMember,
    day: int,
    first: cp_model.IntVar,
    second: cp_model.IntVar,
    name: str,
) -> None:
    both = roster.model.new_bool_var(f"{name}[{member.token},{day}]")
    roster.model.add_bool_or([first.Not(), second.Not(), both])
    roster.add_soft_term(SoftTerm(name, both, weights.QUICK_RETURN, token=member.token, day=day))
