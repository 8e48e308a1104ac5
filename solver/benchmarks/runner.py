"""Solve a Curtois & Qu instance with CP-SAT, as one model or by large neighbourhood search.

- An instance with at most `FULL_MODEL_MAX_CELLS` assignment cells is solved as one
  CP-SAT model for the whole time limit, with CP-SAT's own portfolio (which includes
  its LNS workers). Only this path reports a lower bound.
- A larger one starts from a roster built a few employees at a time, each batch
  solved as a sub-model against the batches before it. Then, until the time runs
  out, our own large neighbourhood search (LNS) frees a few employees over a window
  of days, keeps everything else from the incumbent, and lets CP-SAT improve that
  sub-model from the incumbent's values as hint. All hard rules are per employee,
  so every sub-model solution is a feasible roster; it replaces the incumbent when
  it costs no more.

On instances 3 and 10 at 30–60 s, a 30 % full-model phase followed by our LNS
did no better than the full model alone, which is why small instances never
reach the LNS.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from solver.benchmarks.instance import Instance
from solver.benchmarks.model import (
    IndexedRoster,
    Neighbourhood,
    build_model,
    empty_roster,
)
from solver.benchmarks.neighbourhoods import NeighbourhoodPicker
from solver.engine import Progress, run_model
from solver.problem import SolveStatus

logger = logging.getLogger(__name__)

# Above this many assignment cells (employees × days × shift types) the full model is
# not built: its Python build time alone would eat much of a one-minute budget.
FULL_MODEL_MAX_CELLS = 60_000
# Employees per sub-model when the start roster is built batch by batch.
CONSTRUCTION_BATCH_EMPLOYEES = 4
# Time limit of one LNS sub-model solve, in seconds.
SUB_MODEL_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class BenchmarkRun:
    status: str  # "OPTIMAL" when the full model proved it, "FEASIBLE", or "NO_SOLUTION"
    roster: dict[str, list[str | None]] | None
    objective: int | None  # the solver's own figure; the evaluator recomputes it
    bound: int | None  # lower bound from the full-model phase, None if it did not run
    wall_seconds: float
    lns_iterations: int


@dataclass(slots=True)
class _SearchState:
    incumbent: IndexedRoster
    objective: int
    bound: int | None = None
    proven_optimal: bool = False
    lns_iterations: int = 0


def solve_curtois(
    instance: Instance,
    *,
    time_limit_seconds: float,
    workers: int = 2,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
) -> BenchmarkRun:
    """Return the best roster found within `time_limit_seconds` (model building included)."""
    started = time.monotonic()
    deadline = started + time_limit_seconds
    if _assignment_cells(instance) <= FULL_MODEL_MAX_CELLS:
        state = _solve_full_model(instance, started, time_limit_seconds, workers, seed, on_progress)
    else:
        state = _construct(instance, deadline, workers)
        if state is not None:
            _improve(instance, state, deadline, workers, random.Random(seed), started, on_progress)
    return _finish(instance, state, started)


def _assignment_cells(instance: Instance) -> int:
    allowed = sum(
        1
        for employee in instance.employees
        for shift_id in instance.shift_ids
        if instance.max_shifts_of(employee, shift_id) > 0
    )
    return allowed * instance.horizon_days


def _solve_full_model(
    instance: Instance,
    started: float,
    seconds: float,
    workers: int,
    seed: int,
    on_progress: Callable[[Progress], None] | None,
) -> _SearchState | None:
    curtois = build_model(instance)
    remaining = max(0.1, seconds - (time.monotonic() - started))
    run = run_model(
        curtois.model,
        time_limit_seconds=remaining,
        workers=workers,
        random_seed=seed,
        on_progress=on_progress,
    )
    logger.info("full model: %s objective %s bound %s", run.status, run.objective, run.bound)
    if not run.has_solution:
        return None
    roster = curtois.read_roster(run.solver, empty_roster(instance))
    return _SearchState(
        incumbent=roster,
        objective=round(run.objective or 0),
        bound=round(run.bound) if run.bound is not None else None,
        proven_optimal=run.status is SolveStatus.OPTIMAL,
    )


def _construct(instance: Instance, deadline: float, workers: int) -> _SearchState | None:
    """Build a start roster batch by batch; employees not yet rostered count as off."""
    roster = empty_roster(instance)
    objective = 0
    employee_indexes = list(range(len(instance.employees)))
    batches = [
        tuple(employee_indexes[start : start + CONSTRUCTION_BATCH_EMPLOYEES])
        for start in range(0, len(employee_indexes), CONSTRUCTION_BATCH_EMPLOYEES)
    ]
    for number, batch in enumerate(batches):
        seconds_left = deadline - time.monotonic()
        share = max(0.2, 0.5 * seconds_left / (len(batches) - number))
        neighbourhood = Neighbourhood(batch, 0, instance.horizon_days - 1)
        curtois = build_model(instance, neighbourhood, roster)
        run = run_model(curtois.model, time_limit_seconds=share, workers=workers)
        if not run.has_solution:
            logger.warning("start roster: no rostering for employees %s (%s)", batch, run.status)
            return None
        roster = curtois.read_roster(run.solver, roster)
        objective = round(run.objective or 0)
    logger.info("start roster built, objective %s", objective)
    return _SearchState(incumbent=roster, objective=objective)


def _improve(
    instance: Instance,
    state: _SearchState,
    deadline: float,
    workers: int,
    rng: random.Random,
    started: float,
    on_progress: Callable[[Progress], None] | None,
) -> None:
    """Run LNS iterations on `state` until the deadline."""
    picker = NeighbourhoodPicker(instance, rng)
    while (seconds_left := deadline - time.monotonic()) > 0.2:
        neighbourhood = picker.pick(state.incumbent)
        curtois = build_model(instance, neighbourhood, state.incumbent)
        run = run_model(
            curtois.model, time_limit_seconds=min(SUB_MODEL_SECONDS, seconds_left), workers=workers
        )
        state.lns_iterations += 1
        logger.debug(
            "LNS %s employees × %s days: %s in %.2f s, objective %s",
            len(neighbourhood.employee_indexes),
            neighbourhood.day_count,
            run.status,
            run.wall_seconds,
            run.objective,
        )
        picker.record(solved_to_optimality=run.status is SolveStatus.OPTIMAL)
        if not run.has_solution or run.objective is None or round(run.objective) > state.objective:
            continue
        improved = round(run.objective) < state.objective
        state.incumbent = curtois.read_roster(run.solver, state.incumbent)
        state.objective = round(run.objective)
        if improved:
            _report(state, started, on_progress)


def _report(
    state: _SearchState, started: float, on_progress: Callable[[Progress], None] | None
) -> None:
    logger.info("LNS iteration %s: objective %s", state.lns_iterations, state.objective)
    if on_progress is not None:
        progress = Progress(
            time.monotonic() - started, state.objective, state.bound, state.lns_iterations
        )
        on_progress(progress)


def _finish(instance: Instance, state: _SearchState | None, started: float) -> BenchmarkRun:
    seconds = time.monotonic() - started
    if state is None:
        return BenchmarkRun("NO_SOLUTION", None, None, None, seconds, 0)
    roster = {
        employee_id: state.incumbent[index]
        for index, employee_id in enumerate(instance.employee_ids)
    }
    status = "OPTIMAL" if state.proven_optimal else "FEASIBLE"
    return BenchmarkRun(status, roster, state.objective, state.bound, seconds, state.lns_iterations)
