"""Specification of `solver.search.search_roster`: whole-model search beside our own LNS."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from solver import Progress, SolverResult, SolveStatus
from solver.engine import EngineRun
from solver.extraction import result_from_run
from solver.model import RosterModel
from solver.roster import build_roster_model, run_roster_model, solve
from solver.sample_ward import build_sample_ward
from solver.search import search_roster
from tests.solver.problem_builders import demand, person, problem
from tests.solver.test_roster_properties import (
    SAMPLE_CODES,
    SHIFTS,
    check_assignments_allowed,
    check_daily_rest,
    check_gaps,
    check_runs,
    check_weekends,
    check_weekly_rest,
    worked_shifts,
)


def small_ward_model(*, repeatable: bool = False) -> RosterModel:
    """A 12-person, 2-week sample ward, re-timed to the rule check's shifts."""
    ward = build_sample_ward(staff_count=12, weeks=2)
    ward = dataclasses.replace(ward, shifts=tuple(SHIFTS[code] for code in SAMPLE_CODES))
    return build_roster_model(ward, repeatable=repeatable)


def start_objective(roster: RosterModel) -> float:
    assert roster.warm_start is not None and roster.warm_start.objective is not None
    return roster.warm_start.objective


@pytest.mark.parametrize("workers", [1, 2], ids=["one-worker", "two-workers"])
def test_search_never_worse_than_start(workers: int) -> None:
    """With one worker the two searches take turns, with two they run side by side."""
    roster = small_ward_model()
    start = start_objective(roster)

    run = search_roster(roster, time_limit_seconds=4, workers=workers)

    assert run.has_solution
    assert run.objective is not None and run.objective <= start
    assert run.bound is not None and run.bound <= run.objective


def test_searched_roster_keeps_every_hard_rule() -> None:
    """Each LNS sub-model is the whole model with some shifts fixed, so its roster is legal."""
    roster = small_ward_model()

    run = search_roster(roster, time_limit_seconds=4, workers=2)
    result = run_roster_model_result(roster, run)

    ward = roster.problem
    worked = worked_shifts(ward, result)
    check_assignments_allowed(ward, result)
    check_daily_rest(ward, worked)
    check_weekly_rest(ward, worked)
    check_weekends(ward, worked)
    check_runs(ward, worked)
    check_gaps(ward, result)


def run_roster_model_result(roster: RosterModel, run: EngineRun) -> SolverResult:
    """Read the search's best solution through the same extraction `solve` uses."""
    return result_from_run(roster, run, wall_seconds=run.wall_seconds)


def test_tiny_ward_is_proven_optimal() -> None:
    """When the bound meets the best roster, the status is OPTIMAL and the bound equals it."""
    ward = problem([person("P1"), person("P2")], [demand(day, "D") for day in range(3)], days=3)
    roster = build_roster_model(ward)

    run = search_roster(roster, time_limit_seconds=10, workers=2)

    assert run.status is SolveStatus.OPTIMAL
    assert run.bound == run.objective


def test_cancel_returns_start_roster() -> None:
    """A search cancelled before it starts returns the greedy roster, marked as cancelled."""
    roster = small_ward_model()
    start = start_objective(roster)
    cancel = threading.Event()
    cancel.set()

    run = search_roster(roster, time_limit_seconds=30, workers=2, cancel=cancel)

    assert run.cancelled
    assert run.has_solution
    assert run.objective is not None and run.objective <= start
    assert run.wall_seconds < 30


def test_cancel_during_parallel_lns_stops_every_thread() -> None:
    """Cancelled while two LNS threads run, the search returns its best roster, not at the limit."""
    roster = small_ward_model()
    start = start_objective(roster)
    cancel = threading.Event()
    threading.Timer(2.0, cancel.set).start()

    run = search_roster(roster, time_limit_seconds=60, workers=2, cancel=cancel)

    assert run.cancelled
    assert run.objective is not None and run.objective <= start
    assert run.wall_seconds < 30
    assert not any(thread.name.startswith("lns-") for thread in threading.enumerate())


def test_progress_reports_objectives_and_bound() -> None:
    roster = small_ward_model()
    reports: list[Progress] = []

    search_roster(roster, time_limit_seconds=4, workers=2, on_progress=reports.append)

    objectives = [report.objective for report in reports if report.objective is not None]
    assert objectives, "no progress was reported"
    assert objectives == sorted(objectives, reverse=True)
    assert any(report.bound is not None for report in reports)


def test_failing_progress_listener_keeps_search() -> None:
    roster = small_ward_model()
    start = start_objective(roster)

    def broken(_: Progress) -> None:
        raise RuntimeError("listener failed")

    run = search_roster(roster, time_limit_seconds=3, workers=2, on_progress=broken)

    assert run.has_solution
    assert run.objective is not None and run.objective <= start


def test_plain_model_run_still_works() -> None:
    """`run_roster_model` (CP-SAT alone, used by repair) is unaffected by the LNS."""
    roster = small_ward_model()

    result = run_roster_model(roster, time_limit_seconds=3, workers=2)

    assert result.has_roster


def searched_shifts(run: EngineRun, roster: RosterModel) -> list[tuple[str, int, str]]:
    return sorted(
        key for key, variable in roster.assigned.items() if run.solver.boolean_value(variable)
    )


@pytest.mark.parametrize("workers", [1, 2], ids=["one-worker", "two-workers"])
def test_work_limited_search_repeats(workers: int) -> None:
    """Two searches stopped on the same deterministic time return the same roster."""
    first_roster = small_ward_model(repeatable=True)
    second_roster = small_ward_model(repeatable=True)

    first = search_roster(
        first_roster, time_limit_seconds=60, workers=workers, deterministic_time=0.3
    )
    second = search_roster(
        second_roster, time_limit_seconds=60, workers=workers, deterministic_time=0.3
    )

    assert first.objective == second.objective
    assert first.bound == second.bound
    assert searched_shifts(first, first_roster) == searched_shifts(second, second_roster)
    assert first.objective is not None
    assert first.objective <= start_objective(first_roster)


def test_work_limited_solve_is_marked() -> None:
    """A solve that ends on its work limit is `work_limited`, one cut short by the clock is not."""
    ward = build_sample_ward(staff_count=12, weeks=2)

    limited = solve(ward, time_limit_seconds=60, deterministic_time=0.3)
    cut_short = solve(ward, time_limit_seconds=1, deterministic_time=1000.0)

    assert limited.has_roster
    assert limited.work_limited
    assert cut_short.has_roster
    assert not cut_short.work_limited
