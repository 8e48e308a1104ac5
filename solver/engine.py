"""Run a CP-SAT model with a time limit, progress reports and cancellation.

This module has no roster concepts, so the ward solver and the public
benchmark solver share it. Typical use:

    model = cp_model.CpModel()
    ...  # variables, constraints, model.minimize(...)
    run = run_model(model, time_limit_seconds=10, workers=2, on_progress=print)
    if run.has_solution:
        value = run.solver.value(some_variable)
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.problem import SolveStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of a running solve; `objective` is None until the first solution."""

    wall_seconds: float
    objective: float | None
    bound: float | None
    solutions_found: int

    @property
    def relative_gap(self) -> float | None:
        """Return (objective − bound) / max(1, |objective|), or None before a solution."""
        if self.objective is None or self.bound is None:
            return None
        return abs(self.objective - self.bound) / max(1.0, abs(self.objective))


ProgressCallback = Callable[[Progress], None]
# Reads the value of a variable or linear expression in the solution just found.
ValueReader = Callable[[cp_model.LinearExprT], int]
# Returns True to end the search after the solution just found.
StopCondition = Callable[[ValueReader], bool]


@dataclass(frozen=True, slots=True)
class EngineRun:
    """The outcome of one CP-SAT solve; read variable values through `solver`."""

    status: SolveStatus
    solver: cp_model.CpSolver
    objective: float | None
    bound: float | None
    wall_seconds: float
    solutions_found: int
    # Wall seconds from the start of the solve to the first solution, if any.
    first_solution_seconds: float | None
    cancelled: bool = False

    @property
    def has_solution(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


_STATUS_BY_CP_SAT = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.UNKNOWN: SolveStatus.NO_SOLUTION_IN_TIME,
    cp_model.MODEL_INVALID: SolveStatus.INVALID_MODEL,
}


class _ProgressReporter(cp_model.CpSolverSolutionCallback):
    """Forward each new solution and each bound improvement to `on_progress`."""

    def __init__(
        self,
        on_progress: ProgressCallback | None,
        started: float,
        stop_when: StopCondition | None = None,
    ) -> None:
        super().__init__()
        self._on_progress = on_progress
        self._stop_when = stop_when
        self._started = started
        self._lock = threading.Lock()
        self.objective: float | None = None
        self.bound: float | None = None
        self.solutions_found = 0
        self.first_solution_seconds: float | None = None

    def on_solution_callback(self) -> None:
        with self._lock:
            self.solutions_found += 1
            self.objective = self.objective_value
            self.bound = self.best_objective_bound
            if self.first_solution_seconds is None:
                self.first_solution_seconds = time.monotonic() - self._started
        self._report()
        if self._stop_when is not None and self._stop_when(self.value):
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        with self._lock:
            self.bound = bound
        self._report()

    def _report(self) -> None:
        if self._on_progress is None:
            return
        with self._lock:
            progress = Progress(
                wall_seconds=time.monotonic() - self._started,
                objective=self.objective,
                bound=self.bound,
                solutions_found=self.solutions_found,
            )
        deliver_progress(self._on_progress, progress)


def deliver_progress(on_progress: ProgressCallback, progress: Progress) -> None:
    """Call `on_progress`, logging instead of raising when it fails."""
    try:
        on_progress(progress)
    except Exception:
        # A broken progress listener must not end the solve: it runs on a solver thread.
        logger.exception("progress callback failed; the solve continues")


def configure_solver(
    *,
    time_limit_seconds: float,
    workers: int,
    random_seed: int = 0,
    parameters: Mapping[str, object] | None = None,
) -> cp_model.CpSolver:
    """Return a CpSolver with the time limit, worker count and any extra SatParameters set."""
    if not math.isfinite(time_limit_seconds) or time_limit_seconds <= 0:
        raise ValueError(f"time_limit_seconds must be a positive number, got {time_limit_seconds}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = random_seed
    for name, value in (parameters or {}).items():
        _set_parameter(solver, name, value)
    return solver


def _set_parameter(solver: cp_model.CpSolver, name: str, value: object) -> None:
    """Set one SatParameters field; a list or tuple fills a repeated field such as `subsolvers`."""
    if isinstance(value, list | tuple):
        field = getattr(solver.parameters, name)
        field.clear()
        field.extend(value)
    else:
        setattr(solver.parameters, name, value)


def run_model(
    model: cp_model.CpModel,
    *,
    time_limit_seconds: float,
    workers: int = 2,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    random_seed: int = 0,
    parameters: Mapping[str, object] | None = None,
    stop_when: StopCondition | None = None,
) -> EngineRun:
    """Solve `model` and return its status, objective, bound and the solver holding the values.

    `on_progress` is called on CP-SAT's thread for every new solution and every
    bound improvement. Setting `cancel` stops the search soon after; the best
    solution found until then is kept. `parameters` sets further SatParameters
    fields by name, e.g. {"log_search_progress": True}. `stop_when` receives each
    solution and ends the search when it returns True.
    """
    solver = configure_solver(
        time_limit_seconds=time_limit_seconds,
        workers=workers,
        random_seed=random_seed,
        parameters=parameters,
    )
    started = time.monotonic()
    reporter = _ProgressReporter(on_progress, started, stop_when)
    solver.best_bound_callback = reporter.on_bound
    watcher = _start_cancel_watcher(solver, cancel)
    try:
        cp_status = solver.solve(model, reporter)
    finally:
        if watcher is not None:
            watcher.finish()
    return _engine_run(solver, cp_status, reporter, started, cancel)


def _engine_run(
    solver: cp_model.CpSolver,
    cp_status: cp_model.CpSolverStatus,
    reporter: _ProgressReporter,
    started: float,
    cancel: threading.Event | None,
) -> EngineRun:
    status = _STATUS_BY_CP_SAT.get(cp_status, SolveStatus.NO_SOLUTION_IN_TIME)
    has_solution = status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    objective = solver.objective_value if has_solution else None
    bound = solver.best_objective_bound if has_solution else None
    return EngineRun(
        status=status,
        solver=solver,
        objective=objective,
        bound=bound,
        wall_seconds=time.monotonic() - started,
        solutions_found=reporter.solutions_found,
        first_solution_seconds=reporter.first_solution_seconds,
        cancelled=cancel is not None and cancel.is_set(),
    )


class _CancelWatcher:
    """Poll a cancel event from a side thread and stop the search once it is set."""

    _POLL_SECONDS = 0.05

    def __init__(self, solver: cp_model.CpSolver, cancel: threading.Event) -> None:
        self._solver = solver
        self._cancel = cancel
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="cp-sat-cancel", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        # Keep stopping while the solve runs: a stop sent before CP-SAT has started is lost.
        while not self._done.wait(self._POLL_SECONDS):
            if self._cancel.is_set():
                self._solver.stop_search()

    def finish(self) -> None:
        self._done.set()
        self._thread.join()


def _start_cancel_watcher(
    solver: cp_model.CpSolver, cancel: threading.Event | None
) -> _CancelWatcher | None:
    if cancel is None:
        return None
    return _CancelWatcher(solver, cancel)
