"""Specification of roster repair: restore coverage with the fewest changed person-days."""

from __future__ import annotations

import dataclasses

from solver import AssignedShift, BlockedDay, SolverProblem
from solver.repair import RosterChange, repair
from tests.solver.problem_builders import demand, person, problem


def two_day_ward() -> tuple[SolverProblem, list[AssignedShift]]:
    """Two people, a day shift each day with one needed; P1 published on both days."""
    ward = problem(
        [person("P1", target_minutes=960), person("P2", target_minutes=480)],
        [demand(day, "D") for day in range(3)],
        days=3,
    )
    published = [
        AssignedShift("P1", 0, "D"),
        AssignedShift("P1", 1, "D"),
        AssignedShift("P2", 2, "D"),
    ]
    return ward, published


def test_sick_day_is_covered_by_colleague() -> None:
    """P1 falls sick on day 1: P2 takes the shift, and that is the whole diff."""
    ward, published = two_day_ward()
    sick = dataclasses.replace(ward, blocked=(BlockedDay("P1", 1),))

    repaired = repair(sick, published, time_limit_seconds=5)

    assert repaired.result.gaps == ()
    assert set(repaired.changes) == {
        RosterChange("P1", 1, "D", None),
        RosterChange("P2", 1, None, "D"),
    }


def test_unaffected_days_stay_as_published() -> None:
    """Every shift not touched by the absence is kept."""
    ward, published = two_day_ward()
    sick = dataclasses.replace(ward, blocked=(BlockedDay("P1", 1),))

    repaired = repair(sick, published, time_limit_seconds=5)

    assert AssignedShift("P1", 0, "D") in repaired.result.assignments
    assert AssignedShift("P2", 2, "D") in repaired.result.assignments


def test_locked_day_is_not_changed() -> None:
    """With day 1 locked, nobody else may take it: the shift becomes a reported gap."""
    ward, published = two_day_ward()
    sick = dataclasses.replace(ward, blocked=(BlockedDay("P1", 1),))

    repaired = repair(sick, published, locked_until_day=2, time_limit_seconds=5)

    assert repaired.changes == (RosterChange("P1", 1, "D", None),)
    assert [(gap.day, gap.shift_code) for gap in repaired.result.gaps] == [(1, "D")]


def test_no_absence_means_no_changes() -> None:
    """Repairing a roster that breaks nothing changes nothing."""
    ward, published = two_day_ward()

    repaired = repair(ward, published, time_limit_seconds=5)

    assert repaired.changes == ()


def test_gap_widens_the_pool() -> None:
    """With no colleagues in the first pool, the repair retries with everyone and covers."""
    ward, published = two_day_ward()
    sick = dataclasses.replace(ward, blocked=(BlockedDay("P1", 1),))

    repaired = repair(sick, published, pool_size=0, time_limit_seconds=5)

    assert repaired.result.gaps == ()
    assert RosterChange("P2", 1, None, "D") in repaired.changes
