"""Name the rules a roster or a change breaks, and the rules that make a ward infeasible.

Every hard constraint family is built as usual, and then each of its
constraints gets the family's switch literal as an extra enforcement literal.
Solving with the switches as CP-SAT assumptions turns an infeasible model
into a set of family names: `sufficient_assumptions_for_infeasibility` returns
switches that cannot all hold, and a deletion pass shrinks that set.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver import availability, rest, sequences, sundays, weekends, workload
from solver.engine import configure_solver
from solver.model import RosterModel
from solver.problem import AssignedShift, CoverDemand, SolverProblem

# Hard rule families by reason code, each with the helper that adds it.
RULE_FAMILIES: dict[str, Callable[[RosterModel], None]] = {
    "daily_rest": rest.add_daily_rest,  # AML §10-8 (1)
    "weekly_rest": rest.add_weekly_rest,  # AML §10-8 (2)
    "rest_after_night_run": rest.add_rest_after_night_runs,  # AML §10-2 (1)
    "max_work_per_day": workload.add_max_work_per_24_hours,  # AML §10-5 (2)
    "max_week_hours": workload.add_max_week_minutes,  # AML §10-5 (2)
    "max_average_week_hours": workload.add_average_week_minutes,  # AML §10-5 (2)
    "night_worker_hours": workload.add_night_worker_limit,  # AML §10-11 (6)
    "max_consecutive_days": sequences.add_max_consecutive_days,  # AML §10-2 (1)
    "max_consecutive_nights": sequences.add_max_consecutive_nights,  # AML §10-2 (1)
    "weekend_frequency": weekends.add_weekend_frequency,  # tariff norm
    "sunday_rule": sundays.add_sunday_rule,  # AML §10-8 (4)
    "fixed_days": availability.add_fixed_days,
}
# Reasons found before any model is built.
SHIFT_NOT_ALLOWED = "shift_not_allowed"
BLOCKED_DAY = "blocked_day"
TWO_SHIFTS_ON_ONE_DAY = "two_shifts_on_one_day"
STAFFING_MINIMUM = "staffing_minimum"
COMPETENCE_MINIMUM = "competence_minimum"
SHRINK_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class ShiftMove:
    """One person-day changed by a request; None means a day off."""

    token: str
    day: int
    new_shift_code: str | None


@dataclass(frozen=True, slots=True)
class ChangeCheck:
    """Whether a roster change keeps every rule, with the reason codes when it does not."""

    allowed: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SwapSuggestion:
    """A colleague who can take the shift, giving back the shift they have on `their_day`."""

    token: str
    their_day: int
    their_shift_code: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """A small set of demands and rule families that cannot all hold together."""

    rules: tuple[str, ...]
    demands: tuple[tuple[int, str, str | None], ...]  # (day, shift code, competence or None)


def check_change(
    problem: SolverProblem, roster: Sequence[AssignedShift], moves: Sequence[ShiftMove]
) -> ChangeCheck:
    """Check a swap, offer or take, given as the person-days it changes, against every rule.

    Only the people the moves touch are modelled, because every rule except
    staffing concerns one person's own shifts; staffing is compared directly.
    """
    changed = _apply(roster, moves)
    reasons = [*_availability_reasons(problem, changed, moves)]
    reasons += _staffing_reasons(problem, roster, changed, moves)
    if not any(reason in (SHIFT_NOT_ALLOWED, BLOCKED_DAY) for reason in reasons):
        people = {move.token for move in moves}
        reasons += broken_rules(_only(problem, people), [s for s in changed if s.token in people])
    return ChangeCheck(allowed=not reasons, reasons=tuple(dict.fromkeys(reasons)))


def swap_moves(
    roster: Sequence[AssignedShift], first: tuple[str, int], second: tuple[str, int]
) -> list[ShiftMove]:
    """Return the moves of a swap: each person takes the other's shift (token, day)."""
    codes = {(shift.token, shift.day): shift.shift_code for shift in roster}
    (first_token, first_day), (second_token, second_day) = first, second
    moves = [
        ShiftMove(first_token, first_day, None),
        ShiftMove(second_token, second_day, None),
        ShiftMove(second_token, first_day, codes.get(first)),
        ShiftMove(first_token, second_day, codes.get(second)),
    ]
    if first_day == second_day:
        moves = moves[2:]
    return moves


def suggest_swap_partners(
    problem: SolverProblem,
    roster: Sequence[AssignedShift],
    token: str,
    day: int,
    *,
    within_days: int = 7,
    limit: int = 5,
) -> list[SwapSuggestion]:
    """Return colleagues who could legally swap one of their shifts for `token`'s on `day`.

    Candidates give back a shift within `within_days` of `day` on a day `token`
    is off, so both keep their hours. The first `limit` legal ones are returned.
    """
    worked = {(shift.token, shift.day): shift.shift_code for shift in roster}
    suggestions: list[SwapSuggestion] = []
    for shift in sorted(roster, key=lambda shift: abs(shift.day - day)):
        if len(suggestions) >= limit:
            break
        if shift.token == token or abs(shift.day - day) > within_days:
            continue
        if (token, shift.day) in worked or (shift.token, day) in worked:
            continue
        moves = swap_moves(roster, (token, day), (shift.token, shift.day))
        if check_change(problem, roster, moves).allowed:
            suggestions.append(SwapSuggestion(shift.token, shift.day, shift.shift_code))
    return suggestions


def broken_rules(problem: SolverProblem, assignments: Sequence[AssignedShift]) -> list[str]:
    """Return every hard rule family that `assignments` breaks for the staff of `problem`."""
    roster, switches = _switched_model(problem)
    chosen = {(shift.token, shift.day, shift.shift_code) for shift in assignments}
    for key, variable in roster.assigned.items():
        roster.model.add(variable == int(key in chosen))
    # With every shift fixed, the families share no free variable, so each one is
    # tested on its own: a joint core could name a family that holds.
    return [
        name
        for name, switch in switches.items()
        if _core(roster.model, {name: switch}, time_limit_seconds=SHRINK_SECONDS)
    ]


def explain_infeasibility(
    problem: SolverProblem, *, time_limit_seconds: float = 10.0
) -> Explanation:
    """Return a small set of staffing demands and rule families that conflict.

    Staffing and competence minimums are made hard, each demand behind its own
    switch. An empty explanation means every minimum can be met under the rules.
    """
    roster, switches = _switched_model(problem)
    for name, demand, competence in _demand_switches(problem):
        switch = roster.model.new_bool_var(name)
        crew = [
            variable
            for (token, day, code), variable in roster.assigned.items()
            if day == demand.day
            and code == demand.shift_code
            and (competence is None or competence in _competences(problem)[token])
        ]
        minimum = _minimum(demand, competence)
        roster.model.add(cp_model.LinearExpr.sum(crew) >= minimum).only_enforce_if(switch)
        switches[name] = switch
    deadline = time.monotonic() + time_limit_seconds
    core = _core(roster.model, switches, time_limit_seconds=time_limit_seconds)
    core = _shrink(roster.model, switches, core, deadline)
    rules = tuple(name for name in core if not name.startswith("demand:"))
    demands = tuple(_parse_demand(name) for name in core if name.startswith("demand:"))
    return Explanation(rules=rules, demands=demands)


def _switched_model(problem: SolverProblem) -> tuple[RosterModel, dict[str, cp_model.IntVar]]:
    """Return a model with every hard family behind a switch literal, and the switches."""
    roster = RosterModel(problem)
    availability.add_shift_variables(roster)
    availability.add_one_shift_per_day(roster)
    switches: dict[str, cp_model.IntVar] = {}
    for name, add_family in RULE_FAMILIES.items():
        first = len(roster.model.proto.constraints)
        add_family(roster)
        switch = roster.model.new_bool_var(f"rule:{name}")
        for index in range(first, len(roster.model.proto.constraints)):
            roster.model.proto.constraints[index].enforcement_literal.append(switch.index)
        switches[name] = switch
    return roster, switches


def _core(
    model: cp_model.CpModel, switches: dict[str, cp_model.IntVar], *, time_limit_seconds: float
) -> list[str]:
    """Return switch names that cannot all hold, or [] when all of them can."""
    model.clear_assumptions()
    model.add_assumptions(list(switches.values()))
    solver = configure_solver(time_limit_seconds=max(0.1, time_limit_seconds), workers=1)
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return []
    failing = set(solver.sufficient_assumptions_for_infeasibility())
    return [name for name, switch in switches.items() if switch.index in failing]


def _shrink(
    model: cp_model.CpModel,
    switches: dict[str, cp_model.IntVar],
    core: list[str],
    deadline: float,
) -> list[str]:
    """Drop each name whose removal keeps the rest infeasible, while time remains."""
    kept = list(core)
    for name in core:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        trial = {other: switches[other] for other in kept if other != name}
        if trial and _core(model, trial, time_limit_seconds=remaining):
            kept.remove(name)
    return kept


def _demand_switches(
    problem: SolverProblem,
) -> list[tuple[str, CoverDemand, str | None]]:
    switches: list[tuple[str, CoverDemand, str | None]] = []
    for demand in problem.demands:
        if demand.minimum > 0:
            switches.append((f"demand:{demand.day}:{demand.shift_code}:", demand, None))
        for competence, minimum in demand.competence_minimums:
            if minimum > 0:
                name = f"demand:{demand.day}:{demand.shift_code}:{competence}"
                switches.append((name, demand, competence))
    return switches


def _parse_demand(name: str) -> tuple[int, str, str | None]:
    _, day, shift_code, competence = name.split(":", 3)
    return int(day), shift_code, competence or None


def _minimum(demand: CoverDemand, competence: str | None) -> int:
    if competence is None:
        return demand.minimum
    return dict(demand.competence_minimums)[competence]


def _competences(problem: SolverProblem) -> dict[str, frozenset[str]]:
    return {member.token: member.competences for member in problem.staff}


def _apply(roster: Sequence[AssignedShift], moves: Sequence[ShiftMove]) -> list[AssignedShift]:
    touched = {(move.token, move.day) for move in moves}
    changed = [shift for shift in roster if (shift.token, shift.day) not in touched]
    for move in moves:
        if move.new_shift_code is not None:
            changed.append(AssignedShift(move.token, move.day, move.new_shift_code))
    return changed


def _availability_reasons(
    problem: SolverProblem, changed: list[AssignedShift], moves: Sequence[ShiftMove]
) -> list[str]:
    members = {member.token: member for member in problem.staff}
    blocked = {(entry.token, entry.day, entry.shift_code) for entry in problem.blocked}
    reasons = []
    days = [(shift.token, shift.day) for shift in changed]
    if len(days) != len(set(days)):
        reasons.append(TWO_SHIFTS_ON_ONE_DAY)
    for move in moves:
        if move.new_shift_code is None:
            continue
        if move.new_shift_code not in members[move.token].allowed_shift_codes:
            reasons.append(SHIFT_NOT_ALLOWED)
        if {(move.token, move.day, None), (move.token, move.day, move.new_shift_code)} & blocked:
            reasons.append(BLOCKED_DAY)
    return reasons


def _staffing_reasons(
    problem: SolverProblem,
    before: Sequence[AssignedShift],
    after: list[AssignedShift],
    moves: Sequence[ShiftMove],
) -> list[str]:
    """Return a reason for each minimum the change newly breaks or makes worse."""
    competences = _competences(problem)
    touched_days = {move.day for move in moves}
    reasons = []
    for demand in problem.demands:
        if demand.day not in touched_days:
            continue
        for competence in [None, *(name for name, _ in demand.competence_minimums)]:
            minimum = _minimum(demand, competence)
            old = _count(before, demand, competence, competences)
            new = _count(after, demand, competence, competences)
            if new < minimum and new < old:
                reasons.append(STAFFING_MINIMUM if competence is None else COMPETENCE_MINIMUM)
    return reasons


def _count(
    roster: Sequence[AssignedShift],
    demand: CoverDemand,
    competence: str | None,
    competences: dict[str, frozenset[str]],
) -> int:
    return sum(
        1
        for shift in roster
        if shift.day == demand.day
        and shift.shift_code == demand.shift_code
        and (competence is None or competence in competences.get(shift.token, frozenset()))
    )


def _only(problem: SolverProblem, people: set[str]) -> SolverProblem:
    return dataclasses.replace(
        problem,
        staff=tuple(member for member in problem.staff if member.token in people),
        demands=(),
        blocked=tuple(entry for entry in problem.blocked if entry.token in people),
        wishes=(),
        fixed=tuple(entry for entry in problem.fixed if entry.token in people),
        history=tuple(shift for shift in problem.history if shift.token in people),
    )
