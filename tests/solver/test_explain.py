"""Specification of change checks, swap partners and explanations of infeasibility."""

from __future__ import annotations

import pytest

from solver import AssignedShift, BlockedDay, FixedShift, SolverProblem
from solver.explain import (
    ShiftMove,
    broken_rules,
    check_change,
    explain_infeasibility,
    suggest_swap_partners,
    swap_moves,
)
from tests.solver.problem_builders import demand, person, problem

ROSTER = [
    AssignedShift("P1", 0, "A"),
    AssignedShift("P2", 1, "D"),
    AssignedShift("P2", 3, "D"),
]


def ward_of_three() -> SolverProblem:
    return problem(
        [person("P1", competences={"sykepleier"}), person("P2"), person("P3", codes={"N"})],
        [demand(0, "A"), demand(1, "D"), demand(3, "D")],
        days=5,
    )


def test_take_after_evening_breaks_daily_rest() -> None:
    """P1 taking P2's day shift the morning after an evening breaks the 11 h rest."""
    moves = [ShiftMove("P2", 1, None), ShiftMove("P1", 1, "D")]

    check = check_change(ward_of_three(), ROSTER, moves)

    assert not check.allowed
    assert "daily_rest" in check.reasons


def test_take_with_enough_rest_is_allowed() -> None:
    """P1 taking P2's day shift on day 3 breaks nothing."""
    moves = [ShiftMove("P2", 3, None), ShiftMove("P1", 3, "D")]

    check = check_change(ward_of_three(), ROSTER, moves)

    assert check.allowed
    assert check.reasons == ()


@pytest.mark.parametrize(
    ("moves", "reason"),
    [
        pytest.param([ShiftMove("P3", 2, "D")], "shift_not_allowed", id="night-only-day"),
        pytest.param([ShiftMove("P2", 1, None)], "staffing_minimum", id="offer-leaves-gap"),
        pytest.param([ShiftMove("P2", 2, "D")], "blocked_day", id="blocked"),
    ],
)
def test_change_reason_codes(moves: list[ShiftMove], reason: str) -> None:
    """Each kind of illegal change names its reason."""
    ward = ward_of_three()
    blocked = problem(ward.staff, ward.demands, days=5, blocked=(BlockedDay("P2", 2),))

    check = check_change(blocked, ROSTER, moves)

    assert not check.allowed
    assert reason in check.reasons


def test_swap_moves_exchange_shifts() -> None:
    """A swap gives each person the other's shift and frees their own day."""
    moves = swap_moves(ROSTER, ("P1", 0), ("P2", 3))

    assert set(moves) == {
        ShiftMove("P1", 0, None),
        ShiftMove("P2", 3, None),
        ShiftMove("P2", 0, "A"),
        ShiftMove("P1", 3, "D"),
    }


def test_swap_partners_are_legal() -> None:
    """Only P2's day-1 shift works: for day 3, P2 would go from evening to day; P3 is night-only."""
    suggestions = suggest_swap_partners(ward_of_three(), ROSTER, "P1", 0)

    assert [(s.token, s.their_day) for s in suggestions] == [("P2", 1)]


def test_broken_rules_of_a_whole_roster() -> None:
    """A roster with evening then day for one person breaks daily rest only."""
    ward = problem([person("P1")], [], days=2)

    broken = broken_rules(ward, [AssignedShift("P1", 0, "A"), AssignedShift("P1", 1, "D")])

    assert broken == ["daily_rest"]


def test_explain_uncoverable_minimums() -> None:
    """One person, an evening and next morning's day both required: daily rest collides."""
    ward = problem([person("P1")], [demand(0, "A"), demand(1, "D")], days=2)

    explanation = explain_infeasibility(ward, time_limit_seconds=5)

    assert explanation.rules == ("daily_rest",)
    assert set(explanation.demands) == {(0, "A", None), (1, "D", None)}


def test_explain_conflicting_fixed_days() -> None:
    """Fixed evening and fixed next-morning day shift: daily rest and the fixed days collide."""
    ward = problem(
        [person("P1")], [], days=2, fixed=(FixedShift("P1", 0, "A"), FixedShift("P1", 1, "D"))
    )

    explanation = explain_infeasibility(ward, time_limit_seconds=5)

    assert set(explanation.rules) == {"daily_rest", "fixed_days"}


def test_explain_feasible_ward_is_empty() -> None:
    """A ward whose minimums can all be met has nothing to explain."""
    ward = problem([person("P1"), person("P2")], [demand(0, "A"), demand(1, "D")], days=2)

    explanation = explain_infeasibility(ward, time_limit_seconds=5)

    assert explanation.rules == ()
    assert explanation.demands == ()
