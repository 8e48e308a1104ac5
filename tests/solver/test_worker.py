"""Specification of solves in a worker process: result, progress, cancel, failure, timeout."""

from __future__ import annotations

import pytest

from solver import Progress, SolverResult, SolveStatus
from solver.sample_ward import build_sample_ward
from solver.worker import JobOutcome, JobStatus, SolveJob
from tests.solver.problem_builders import demand, person, problem


def test_worker_returns_result() -> None:
    """A tiny ward solved in a child process comes back whole, with progress."""
    seen: list[Progress] = []
    job = SolveJob(
        problem([person("P1")], [demand(0, "D")], days=1),
        time_limit_seconds=5,
        on_progress=seen.append,
    )
    job.start()

    outcome = job.wait()

    assert outcome.status is JobStatus.COMPLETED
    assert outcome.result is not None
    assert outcome.result.status is SolveStatus.OPTIMAL
    assert len(outcome.result.assignments) == 1
    assert seen


def test_worker_reports_invalid_problem() -> None:
    """An exception in the child becomes a FAILED outcome with its message."""
    job = SolveJob(problem([person("Kari Nordmann")], [], days=1), time_limit_seconds=5)
    job.start()

    outcome = job.wait()

    assert outcome.status is JobStatus.FAILED
    assert outcome.result is None
    assert "not an opaque id" in (outcome.error or "")


@pytest.mark.slow
def test_cancel_keeps_best_roster_so_far() -> None:
    """Cancelling a 60 s ward solve returns quickly with the roster found so far."""
    job = SolveJob(build_sample_ward(staff_count=20, weeks=2), time_limit_seconds=60)
    job.start()
    job.cancel()

    outcome = job.wait(timeout=40)

    assert outcome.status is JobStatus.CANCELLED
    assert outcome.result is not None


@pytest.mark.slow
def test_overrun_is_killed_and_last_roster_kept() -> None:
    """A job that overruns its wait is killed; the caller's last roster stays."""
    last_good = SolverResult(status=SolveStatus.FEASIBLE)
    job = SolveJob(build_sample_ward(staff_count=20, weeks=2), time_limit_seconds=60)
    job.start()

    outcome = job.wait(timeout=1)

    assert outcome.status is JobStatus.TIMED_OUT
    assert outcome.result_or(last_good) is last_good


def test_result_or_prefers_new_roster() -> None:
    """A completed roster replaces the last one; a result without a roster does not."""
    new = SolverResult(status=SolveStatus.OPTIMAL)
    old = SolverResult(status=SolveStatus.FEASIBLE)

    assert JobOutcome(JobStatus.COMPLETED, result=new).result_or(old) is new
    infeasible = SolverResult(status=SolveStatus.INFEASIBLE)
    assert JobOutcome(JobStatus.COMPLETED, result=infeasible).result_or(old) is old


def test_wait_before_start_raises() -> None:
    """wait() on a job that never started is a programming error."""
    job = SolveJob(problem([person("P1")], [], days=1))

    with pytest.raises(RuntimeError, match="before start"):
        job.wait()
