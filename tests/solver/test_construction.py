"""Specification of the greedy first roster (`solver.construction.build_hint`).

The greedy is only a hint, but a hint that breaks a hard rule leaves CP-SAT to
search from scratch, which on a 30-person ward can take longer than a chat
user waits. So the greedy roster itself must keep every rule it checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.rules import LocalAgreements, RuleSettings, SundayRule
from solver import AssignedShift, SolverProblem, SolverResult, SolveStatus
from solver.construction import build_hint
from solver.roster import build_roster_model
from solver.sample_ward import build_sample_ward
from tests.solver.test_roster_properties import (
    SAMPLE_CODES,
    SHIFTS,
    check_assignments_allowed,
    check_daily_rest,
    check_night_run_rest,
    check_runs,
    check_sundays,
    check_week_minutes,
    check_weekends,
    check_weekly_rest,
    worked_shifts,
)

EASTER_2027_START = dt.date(2027, 3, 1)
# Skjærtorsdag 25 March, langfredag 26 March and 2. påskedag 29 March 2027.
EASTER_2027_HOLIDAYS = frozenset({24, 25, 28})
AVERAGED_SUNDAYS = RuleSettings(
    sunday_rule=SundayRule.AVERAGED, agreements=LocalAgreements(sunday_averaging=True)
)


def easter_ward(seed: int, rules: RuleSettings | None = None) -> SolverProblem:
    ward = build_sample_ward(
        staff_count=32, weeks=6, seed=seed, start_date=EASTER_2027_START, rules=rules
    )
    return dataclasses.replace(
        ward,
        shifts=tuple(SHIFTS[code] for code in SAMPLE_CODES),
        public_holidays=EASTER_2027_HOLIDAYS,
    )


def greedy_result(ward: SolverProblem) -> SolverResult:
    roster = build_roster_model(ward, complete_hint=False)
    hint = build_hint(roster)
    assignments = tuple(
        AssignedShift(token, day, code) for (token, day, code), value in hint.items() if value
    )
    return SolverResult(SolveStatus.FEASIBLE, assignments=assignments)


@pytest.mark.parametrize("seed", [1, 7, 11])
def test_greedy_roster_over_easter_keeps_hard_rules(seed: int) -> None:
    """Easter puts three red days beside two Sundays: the Sunday rule binds hard."""
    ward = easter_ward(seed)

    result = greedy_result(ward)

    worked = worked_shifts(ward, result)
    check_assignments_allowed(ward, result)
    check_daily_rest(ward, worked)
    check_weekly_rest(ward, worked)
    check_weekends(ward, worked)
    check_runs(ward, worked)
    check_night_run_rest(ward, worked)
    check_week_minutes(ward, worked)
    check_sundays(ward, worked)


@pytest.mark.parametrize(
    "rules", [None, AVERAGED_SUNDAYS], ids=["next-sunday-off", "averaged-sundays"]
)
def test_greedy_roster_is_a_warm_start(rules: RuleSettings | None) -> None:
    """The model accepts a legal greedy roster as its warm start, a roster before CP-SAT runs."""
    ward = easter_ward(7, rules)

    roster = build_roster_model(ward)

    assert roster.warm_start is not None
    assert roster.warm_start.has_solution
