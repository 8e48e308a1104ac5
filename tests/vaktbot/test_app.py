"""The composition root: solves run in a worker process, with progress and cancellation."""

from __future__ import annotations

import threading

from solver.engine import Progress
from solver.problem import SolveStatus
from tests.solver.problem_builders import demand, person, problem
from vaktbot.app import solve_in_worker


def small_problem():  # type: ignore[no-untyped-def]
    staff = [person(f"P{index:03d}") for index in range(1, 5)]
    demands = [demand(day, "D") for day in range(7)]
    return problem(staff, demands)


def test_worker_returns_a_roster_and_progress() -> None:
    """A solve in the child process returns its roster and forwards progress here."""
    seen: list[Progress] = []

    result = solve_in_worker(small_problem(), time_limit_seconds=10, on_progress=seen.append)

    assert result.has_roster
    assert {assignment.day for assignment in result.assignments} == set(range(7))
    assert seen


def test_cancelled_worker_keeps_the_last_good_roster() -> None:
    """Cancelling before the solve starts yields no new roster, never an exception."""
    cancel = threading.Event()
    cancel.set()

    result = solve_in_worker(small_problem(), time_limit_seconds=10, cancel=cancel)

    assert result.status in {
        SolveStatus.OPTIMAL,
        SolveStatus.FEASIBLE,
        SolveStatus.NO_SOLUTION_IN_TIME,
    }
