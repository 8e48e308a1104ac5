"""Build the roster model of a SolverProblem and solve it: the solver's public entry point."""

from __future__ import annotations

import logging
import threading
import time

from solver import availability, coverage, hours, rest, sequences, weekends, wishes
from solver.engine import EngineRun, ProgressCallback, run_model
from solver.extraction import result_from_run
from solver.hours import HoursBand
from solver.model import RosterModel
from solver.problem import SolverProblem, SolverResult, SolveStatus
from solver.validation import check_problem

logger = logging.getLogger(__name__)

# A fallback solve with a soft hours band gets at least this long, even when the
# hard model used up most of the time limit before it was proved infeasible.
MIN_FALLBACK_SECONDS = 1.0


def build_roster_model(problem: SolverProblem, band: HoursBand = HoursBand.HARD) -> RosterModel:
    """Return the CP-SAT model of `problem` with every constraint family and the objective."""
    roster = RosterModel(problem)
    availability.add_shift_variables(roster)
    availability.add_one_shift_per_day(roster)
    availability.add_fixed_days(roster)
    rest.add_daily_rest(roster)
    rest.add_weekly_rest(roster)
    sequences.add_max_consecutive_days(roster)
    sequences.add_max_consecutive_nights(roster)
    weekends.add_weekend_frequency(roster)
    coverage.add_staffing(roster)
    coverage.add_competence_minimums(roster)
    hours.add_hours_band(roster, band)
    hours.add_hours_deviation(roster)
    wishes.add_wishes(roster)
    weekends.add_whole_weekends(roster)
    roster.model.minimize(roster.objective())
    return roster


def solve(
    problem: SolverProblem,
    *,
    time_limit_seconds: float = 30,
    workers: int = 2,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> SolverResult:
    """Return the best roster found for `problem` within the time limit.

    Raises InvalidProblemError for a malformed problem and RuleAgreementError for
    rules looser than the law without a recorded agreement. A problem no roster
    can satisfy returns INFEASIBLE, and uncoverable shifts come back as gaps.
    When the hours band makes the model infeasible, the solve is repeated with a
    soft band, and the minutes outside it are reported as penalties.
    """
    check_problem(problem)
    started = time.monotonic()
    roster = build_roster_model(problem, HoursBand.HARD)
    run = _run(roster, time_limit_seconds, workers, on_progress, cancel)
    if run.status is SolveStatus.INFEASIBLE:
        logger.info(
            "hard hours band infeasible after %.2f s; retrying with a soft band", run.wall_seconds
        )
        remaining = max(MIN_FALLBACK_SECONDS, time_limit_seconds - (time.monotonic() - started))
        roster = build_roster_model(problem, HoursBand.SOFT)
        run = _run(roster, remaining, workers, on_progress, cancel)
    result = result_from_run(roster, run, wall_seconds=time.monotonic() - started)
    logger.info(
        "solved %d staff × %d days: %s, objective %s, bound %s, %.2f s",
        len(problem.staff),
        problem.days,
        result.status,
        result.objective,
        result.bound,
        result.wall_seconds,
    )
    return result


def _run(
    roster: RosterModel,
    time_limit_seconds: float,
    workers: int,
    on_progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> EngineRun:
    return run_model(
        roster.model,
        time_limit_seconds=time_limit_seconds,
        workers=workers,
        on_progress=on_progress,
        cancel=cancel,
    )
