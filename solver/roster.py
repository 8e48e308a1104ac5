"""Build the roster model of a SolverProblem and solve it: the solver's public entry point."""

from __future__ import annotations

import logging
import threading
import time

from ortools.sat.python import cp_model

from solver import (
    availability,
    construction,
    coverage,
    hours,
    rest,
    sequences,
    weekends,
    wishes,
)
from solver.engine import EngineRun, ProgressCallback, configure_solver, run_model
from solver.extraction import result_from_run
from solver.hours import HoursBand
from solver.model import RosterModel, ShiftKey
from solver.problem import SolverProblem, SolverResult
from solver.validation import check_problem

logger = logging.getLogger(__name__)

# The greedy hint is completed (slacks and helper literals) by a short solve with
# every shift variable fixed; this caps that solve.
HINT_COMPLETION_SECONDS = 5.0

# The CP-SAT search gets at least this long, even when building the model used up the limit.
MIN_SEARCH_SECONDS = 0.5

HintValues = dict[ShiftKey, int]


def build_roster_model(
    problem: SolverProblem, band: HoursBand = HoursBand.SOFT, hint: HintValues | None = None
) -> RosterModel:
    """Return the CP-SAT model of `problem` with every constraint family and the objective.

    The model is hinted with `hint`, or with a greedy roster when `hint` is None.
    """
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
    _add_complete_hint(roster, construction.build_hint(roster) if hint is None else hint)
    return roster


def solve(
    problem: SolverProblem,
    *,
    time_limit_seconds: float = 30,
    workers: int = 2,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    hours_band: HoursBand = HoursBand.SOFT,
) -> SolverResult:
    """Return the best roster found for `problem` within the time limit.

    Raises InvalidProblemError for a malformed problem and RuleAgreementError for
    rules looser than the law without a recorded agreement. A problem no roster
    can satisfy returns INFEASIBLE, and uncoverable shifts come back as gaps.

    By default the hours band (target ± tolerance) costs 10 000 per minute
    outside it, more than anything but a coverage gap, and each breach is
    reported as an `hours_below_tolerance` or `hours_above_tolerance` penalty.
    `HoursBand.HARD` forbids any breach and may then return INFEASIBLE.
    """
    check_problem(problem)
    configure_solver(time_limit_seconds=time_limit_seconds, workers=workers)  # checks the options
    started = time.monotonic()
    roster = build_roster_model(problem, hours_band)
    run = _run(roster, _remaining(started, time_limit_seconds), workers, on_progress, cancel)
    return _result(roster, run, started)


def _solution_values(roster: RosterModel, run: EngineRun) -> HintValues:
    return {
        key: int(run.solver.boolean_value(variable)) for key, variable in roster.assigned.items()
    }


def _add_complete_hint(roster: RosterModel, hint: HintValues) -> None:
    """Hint every variable, so that CP-SAT starts from the hinted roster as a first solution.

    A hint of the shift variables alone leaves CP-SAT to guess the rest and often
    lose the roster. Fixing the shift variables in a copy of the model and solving
    it yields values for all variables. If the hinted roster breaks a hard rule,
    the copy is infeasible and only the shift variables are hinted.
    """
    probe = roster.model.clone()
    for key, value in hint.items():
        index = roster.assigned[key].index
        probe.add(probe.get_bool_var_from_proto_index(index) == value)
    solver = configure_solver(time_limit_seconds=HINT_COMPLETION_SECONDS, workers=1)
    status = solver.solve(probe)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for index in range(len(roster.model.proto.variables)):
            variable = roster.model.get_int_var_from_proto_index(index)
            roster.model.add_hint(variable, solver.value(probe.get_int_var_from_proto_index(index)))
        return
    logger.info("greedy roster breaks a hard rule (%s); hinting shift variables only", status)
    for key, value in hint.items():
        roster.model.add_hint(roster.assigned[key], value)


def _remaining(started: float, time_limit_seconds: float) -> float:
    spent = time.monotonic() - started
    return max(MIN_SEARCH_SECONDS, time_limit_seconds - spent)


def _result(roster: RosterModel, run: EngineRun, started: float) -> SolverResult:
    result = result_from_run(roster, run, wall_seconds=time.monotonic() - started)
    logger.info(
        "solved %d staff × %d days: %s, objective %s, bound %s, %.2f s",
        len(roster.problem.staff),
        roster.problem.days,
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
