"""Search a built roster model: CP-SAT on the whole model for the bound, then our own LNS.

CP-SAT's linear relaxation of the whole model reaches its bound within a few
seconds, but its own search then improves a 40-person ward slowly (56–62 %
from the bound after 60 s on 2 cores). Our large neighbourhood search (LNS)
frees a few people for the whole period, or everyone for a few days, and lets
CP-SAT re-plan them exactly from the incumbent's values. It improves much
faster, because re-planning one person's whole period is what fixes their
hours, fairness and wishes. `solver.neighbourhoods` picks whom to free, at
random or around the incumbent's shifts below `wanted` and hours deviations.

With two or more workers the two run side by side: one worker searches the
whole model until its bound stops rising, the others run the LNS. Then one
LNS runs per worker, each on its own sub-models. With one worker they run one
after the other. Every
LNS sub-model is the whole model with the other people's (or days') shift
variables fixed, so its objective is the full objective and each of its
solutions is a legal roster of the whole model.

A repeatable search (`deterministic_time` given) stops on work instead of wall
time, so the same problem gives the same roster however loaded the machine is
(with the same OR-Tools version). Every
CP-SAT call runs on one worker with a fixed seed and a deterministic-time limit.
The LNS runs in rounds: each searcher solves a neighbourhood of the same
incumbent, and the results are offered in the searchers' order once all are done.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from solver.engine import EngineRun, Progress, ProgressCallback, deliver_progress, run_model
from solver.model import RosterModel
from solver.neighbourhoods import Neighbourhood, NeighbourhoodPicker
from solver.problem import SolveStatus

logger = logging.getLogger(__name__)

# The whole-model search stops once its bound has not risen for this long.
BOUND_STALL_SECONDS = 3.0
# Work limit of one LNS sub-model solve, in CP-SAT's deterministic time. It
# counts work rather than seconds, so a sub-model solved on one worker stops at
# the same point on a loaded machine as on an idle one. On the 40-person
# sample ward the steps that reached it took 1.1 s of wall time (median; 90 %
# under 1.9 s) with two steps side by side on a 2-core EPYC VM at load average
# 1.6–2.4.
SUB_MODEL_DETERMINISTIC_TIME = 0.4
# Wall-clock cap of one sub-model solve, so that a very loaded machine still
# gets through several steps. It breaks the repeatability above when it ends a step.
SUB_MODEL_SECONDS = 3.0
# A sub-model is small once presolved, and CP-SAT's symmetry detection and
# probing of the whole copied model took half of a one-person step's time
# (0.2 s against 0.1 s without them, 40-person sample ward). Linearization
# level 2 also puts the Boolean constraints into the LP relaxation (SatParameters
# documentation). It proved 16 of 16 sample sub-models of 3 people or 5 days
# optimal in 6.4 s together, where the default level 1 proved 15 in 10.4 s, so
# the neighbourhoods can grow larger.
SUB_MODEL_PARAMETERS = {
    "symmetry_level": 0,
    "cp_model_probing_level": 0,
    "linearization_level": 2,
    "max_deterministic_time": SUB_MODEL_DETERMINISTIC_TIME,
}
# An LNS step below this many seconds is not worth starting.
MIN_STEP_SECONDS = 0.2
# A repeatable search counts each LNS step as at least this much deterministic
# time. A step on a tiny model uses almost none, and without this floor the rounds
# of a one-day roster took 90 s on a loaded 2-core VM to use up their budget.
MIN_STEP_DETERMINISTIC_TIME = 0.01
# Work limit of the whole-model search of a repeatable search, which runs only for
# its bound. On the demo ward (32 people, 42 days) the bound stopped rising before
# 1.0, which took 2.2 s of wall time on one core of a 2-core VM.
BOUND_DETERMINISTIC_TIME = 3.0


class _Incumbent:
    """The best roster so far, shared by the LNS and the whole-model search threads."""

    def __init__(
        self, run: EngineRun | None, on_progress: ProgressCallback | None, started: float
    ) -> None:
        self.lock = threading.Lock()
        self.run: EngineRun | None = None
        self.values: list[int] | None = None
        self.bound: float | None = None
        self.solutions_found = 0
        self.first_solution_seconds: float | None = None
        self._on_progress = on_progress
        self._started = started
        if run is not None:
            self.offer(run)

    @property
    def objective(self) -> float | None:
        return None if self.run is None else self.run.objective

    def offer(self, run: EngineRun) -> bool:
        """Keep `run` when it is no worse than the incumbent; return True when it is better."""
        if not run.has_solution or run.objective is None:
            return False
        with self.lock:
            current = self.objective
            if current is not None and run.objective > current:
                return False
            self.run = run
            self.values = _values(run)
            improved = current is None or run.objective < current
            if improved:
                self.solutions_found += 1
            if self.first_solution_seconds is None:
                self.first_solution_seconds = time.monotonic() - self._started
        if improved:
            self.report()
        return improved

    def meets_bound(self) -> bool:
        """Return True when the best roster costs no more than the bound, so it is optimal."""
        with self.lock:
            objective = self.objective
            return objective is not None and self.bound is not None and objective <= self.bound

    def raise_bound(self, bound: float | None) -> None:
        if bound is None:
            return
        with self.lock:
            if self.bound is not None and bound <= self.bound:
                return
            self.bound = bound
        self.report()

    def report(self) -> None:
        if self._on_progress is None:
            return
        with self.lock:
            progress = Progress(
                wall_seconds=time.monotonic() - self._started,
                objective=self.objective,
                bound=self.bound,
                solutions_found=self.solutions_found,
            )
        deliver_progress(self._on_progress, progress)


def search_roster(
    roster: RosterModel,
    *,
    time_limit_seconds: float,
    workers: int,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    seed: int = 0,
    deterministic_time: float | None = None,
) -> EngineRun:
    """Return the best solution of `roster.model` found in the time limit, with CP-SAT's bound.

    Starts from `roster.warm_start` when there is one. Without it, the LNS waits
    for the whole-model search's first solution. The status is OPTIMAL when the
    whole-model search proved it or the best objective meets the bound.

    With `deterministic_time`, the search is repeatable (see the module docstring)
    and ends once its LNS steps have used that much of CP-SAT's deterministic
    time. `time_limit_seconds` still caps the wall time, and a search cut short by
    it, or by `cancel`, may differ between runs.
    """
    started = time.monotonic()
    deadline = started + time_limit_seconds
    repeatable = deterministic_time is not None
    incumbent = _Incumbent(roster.warm_start, on_progress, started)
    if incumbent.run is None:
        first = _first_solution(roster, deadline, workers, on_progress, cancel, repeatable)
        if first.status is not SolveStatus.FEASIBLE:
            return first  # proven optimal, infeasible, invalid, or nothing found in time
        incumbent.offer(first)
        incumbent.raise_bound(first.bound)
    if deterministic_time is not None:
        return _search_repeatably(
            roster, incumbent, deterministic_time, deadline, workers, cancel, seed, started
        )
    alongside = workers > 1
    whole = _WholeModelSearch(
        roster, incumbent, deadline, cancel, workers=1 if alongside else workers
    )
    whole.start()
    if not alongside:
        whole.wait_until_stalled()
    lns = _Lns(roster, incumbent, random.Random(seed))
    while not _stopped(deadline, cancel) and whole.running:
        lns.step(deadline, workers - 1, cancel)
        whole.stop_if_stalled()
    whole.stop()
    if not whole.finished_search:
        _run_parallel_lns(roster, incumbent, lns, deadline, workers, cancel, seed)
    return _final_run(incumbent, whole, started, cancel)


def _run_parallel_lns(
    roster: RosterModel,
    incumbent: _Incumbent,
    lns: _Lns,
    deadline: float,
    workers: int,
    cancel: threading.Event | None,
    seed: int,
) -> None:
    """Run one LNS per worker, each solving its own sub-models on one CP-SAT worker.

    The sub-models are small, so two of them side by side improve the roster
    faster than one solved with two workers.
    """
    searches = [lns] + [_Lns(roster, incumbent, random.Random(seed + n)) for n in range(1, workers)]

    def search(own: _Lns) -> None:
        while not _stopped(deadline, cancel) and not incumbent.meets_bound():
            own.step(deadline, 1, cancel)

    threads = [
        threading.Thread(target=search, args=(other,), name=f"lns-{n}", daemon=True)
        for n, other in enumerate(searches[1:], start=1)
    ]
    for thread in threads:
        thread.start()
    search(searches[0])
    for thread in threads:
        thread.join()


def _search_repeatably(
    roster: RosterModel,
    incumbent: _Incumbent,
    deterministic_time: float,
    deadline: float,
    workers: int,
    cancel: threading.Event | None,
    seed: int,
    started: float,
) -> EngineRun:
    """Search with work limits only, so that the result does not depend on timing.

    While the whole-model search looks for the bound on one worker, one LNS runs
    on the other. Once that LNS has used as much deterministic time as the
    whole-model search may (`BOUND_DETERMINISTIC_TIME`, or the whole budget if it
    is smaller), the whole-model search is awaited and its roster offered. Then
    one LNS runs per worker, in rounds, until the budget is used.
    """
    bound_work = min(BOUND_DETERMINISTIC_TIME, deterministic_time)
    whole = _WholeModelSearch(
        roster, incumbent, deadline, cancel, workers=1, deterministic_time=bound_work
    )
    whole.start()
    searches = [_Lns(roster, incumbent, random.Random(seed + n)) for n in range(max(1, workers))]
    alongside = searches[:1] if workers > 1 else []
    # The bound rises while the whole-model search runs, so it may not end these rounds.
    used = _run_lns_rounds(
        alongside,
        incumbent,
        bound_work,
        deadline,
        cancel,
        stop_at_bound=False,
    )
    whole.join()
    if whole.run is not None:
        incumbent.offer(whole.run)
        if whole.run.has_solution:
            incumbent.raise_bound(whole.run.bound)
    if not whole.finished_search and not incumbent.meets_bound():
        _run_lns_rounds(
            searches, incumbent, deterministic_time - used, deadline, cancel, stop_at_bound=True
        )
    return _final_run(incumbent, whole, started, cancel)


def _run_lns_rounds(
    searches: list[_Lns],
    incumbent: _Incumbent,
    deterministic_time: float,
    deadline: float,
    cancel: threading.Event | None,
    *,
    stop_at_bound: bool,
) -> float:
    """Run rounds of one step per search until they used `deterministic_time`; return the use.

    Each step of a round starts from the same incumbent and runs in its own thread.
    The results are offered in the order of `searches`, which keeps the rounds
    repeatable. With `stop_at_bound`, the rounds end early once the incumbent
    meets the bound.
    """
    used = 0.0
    while searches and used < deterministic_time and not _stopped(deadline, cancel):
        values = incumbent.values
        if values is None or (stop_at_bound and incumbent.meets_bound()):
            break
        steps = _solve_round(searches, values, deadline, cancel)
        for search, (neighbourhood, run) in zip(searches, steps, strict=True):
            search.settle(neighbourhood, run)
            used += max(MIN_STEP_DETERMINISTIC_TIME, run.solver.response_proto.deterministic_time)
    return used


def _solve_round(
    searches: list[_Lns], values: list[int], deadline: float, cancel: threading.Event | None
) -> list[tuple[Neighbourhood, EngineRun]]:
    """Solve one step of each search from `values`, side by side, and return them in order."""
    steps: list[tuple[Neighbourhood, EngineRun] | None] = [None] * len(searches)

    def solve(position: int) -> None:
        steps[position] = searches[position].solve_step(values, deadline, cancel)

    threads = [
        threading.Thread(target=solve, args=(position,), name=f"lns-{position}", daemon=True)
        for position in range(1, len(searches))
    ]
    for thread in threads:
        thread.start()
    solve(0)
    for thread in threads:
        thread.join()
    return [step for step in steps if step is not None]


def _first_solution(
    roster: RosterModel,
    deadline: float,
    workers: int,
    on_progress: ProgressCallback | None,
    cancel: threading.Event | None,
    repeatable: bool = False,
) -> EngineRun:
    """Search the whole model until its first solution, for a model without a warm start.

    A repeatable search looks on one worker, because the first solution of
    several workers depends on which of them finds one first.
    """
    return run_model(
        roster.model,
        time_limit_seconds=max(MIN_STEP_SECONDS, deadline - time.monotonic()),
        workers=1 if repeatable else workers,
        on_progress=on_progress,
        cancel=cancel,
        stop_when=lambda _: True,
    )


class _WholeModelSearch:
    """CP-SAT on the whole model, in a thread, stopped once its bound stalls with a roster found."""

    def __init__(
        self,
        roster: RosterModel,
        incumbent: _Incumbent,
        deadline: float,
        cancel: threading.Event | None,
        *,
        workers: int,
        deterministic_time: float | None = None,
    ) -> None:
        self._workers = workers
        # A search with a work limit runs until it, and its caller offers the result.
        self._deterministic_time = deterministic_time
        self._roster = roster
        self._incumbent = incumbent
        self._deadline = deadline
        self._cancel = cancel
        self._stop = threading.Event()
        # None until the search reports its first bound, so that presolve is no stall.
        self._last_rise_at: float | None = None
        self._thread = threading.Thread(target=self._search, name="whole-model", daemon=True)
        self.run: EngineRun | None = None

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def finished_search(self) -> bool:
        """Return True when this search proved optimality or that no roster exists."""
        return self.run is not None and self.run.status in (
            SolveStatus.OPTIMAL,
            SolveStatus.INFEASIBLE,
            SolveStatus.INVALID_MODEL,
        )

    def start(self) -> None:
        self._thread.start()

    def _search(self) -> None:
        parameters = {}
        if self._deterministic_time is not None:
            parameters["max_deterministic_time"] = self._deterministic_time
        run = run_model(
            self._roster.model,
            time_limit_seconds=max(MIN_STEP_SECONDS, self._deadline - time.monotonic()),
            workers=self._workers,
            on_progress=self._record,
            cancel=self._stop,
            parameters=parameters,
        )
        if self._deterministic_time is None:
            self._incumbent.offer(run)
            if run.has_solution:
                self._incumbent.raise_bound(run.bound)
        self.run = run

    def _record(self, progress: Progress) -> None:
        current = self._incumbent.bound
        if progress.bound is not None and (
            self._last_rise_at is None or current is None or progress.bound > current
        ):
            self._last_rise_at = time.monotonic()
        self._incumbent.raise_bound(progress.bound)
        if self._cancel is not None and self._cancel.is_set():
            self._stop.set()

    def _stalled(self) -> bool:
        if self._last_rise_at is None:
            return False
        return time.monotonic() - self._last_rise_at > BOUND_STALL_SECONDS

    def stop_if_stalled(self) -> None:
        if self.running and (self._stalled() or _stopped(self._deadline, self._cancel)):
            self.stop()

    def wait(self, seconds: float) -> None:
        self._thread.join(timeout=seconds)

    def join(self) -> None:
        """Wait for the search to end by itself, at its work or time limit or on `cancel`."""
        while self.running:
            if self._cancel is not None and self._cancel.is_set():
                self._stop.set()
            self.wait(0.05)

    def wait_until_stalled(self) -> None:
        while self.running and not self._stalled() and not _stopped(self._deadline, self._cancel):
            self.wait(0.05)
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


class _Lns:
    """Pick neighbourhoods, solve each as a sub-model and offer the result to the incumbent."""

    def __init__(self, roster: RosterModel, incumbent: _Incumbent, rng: random.Random) -> None:
        self._roster = roster
        self._incumbent = incumbent
        self._picker = NeighbourhoodPicker(roster, rng)
        self._shift_variables: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for (token, day, _), variable in roster.assigned.items():
            self._shift_variables[token].append((day, variable.index))
        self.steps = 0

    def step(self, deadline: float, workers: int, cancel: threading.Event | None) -> None:
        seconds = min(SUB_MODEL_SECONDS, deadline - time.monotonic())
        values = self._incumbent.values
        if seconds < MIN_STEP_SECONDS or values is None:
            time.sleep(max(0.0, min(seconds, MIN_STEP_SECONDS)))
            return
        neighbourhood = self._picker.pick(values)
        model = self._sub_model(neighbourhood, values)
        run = run_model(
            model,
            time_limit_seconds=seconds,
            workers=max(1, workers),
            cancel=cancel,
            parameters=SUB_MODEL_PARAMETERS,
        )
        self.settle(neighbourhood, run)

    def solve_step(
        self, values: list[int], deadline: float, cancel: threading.Event | None
    ) -> tuple[Neighbourhood, EngineRun]:
        """Solve one neighbourhood of `values` on one worker, limited by work, not wall time.

        The wall time is capped only by `deadline`. The caller passes the result to
        `settle`.
        """
        neighbourhood = self._picker.pick(values)
        run = run_model(
            self._sub_model(neighbourhood, values),
            time_limit_seconds=max(MIN_STEP_SECONDS, deadline - time.monotonic()),
            workers=1,
            cancel=cancel,
            parameters=SUB_MODEL_PARAMETERS,
        )
        return neighbourhood, run

    def settle(self, neighbourhood: Neighbourhood, run: EngineRun) -> None:
        """Adapt the neighbourhood size to a solved step and offer its roster to the incumbent."""
        self.steps += 1
        self._picker.record(neighbourhood, solved=run.status is SolveStatus.OPTIMAL)
        improved = self._incumbent.offer(run)
        logger.debug(
            "LNS step %d (%s, %d people × %d days): %s in %.2f s, objective %s%s",
            self.steps,
            neighbourhood.kind,
            len(neighbourhood.tokens),
            len(neighbourhood.days),
            run.status,
            run.wall_seconds,
            run.objective,
            ", improved" if improved else "",
        )

    def _sub_model(self, neighbourhood: Neighbourhood, values: list[int]) -> cp_model.CpModel:
        """Return the whole model with every shift outside the neighbourhood fixed, hinted."""
        model = self._roster.model.clone()
        variables = model.proto.variables
        for token, shifts in self._shift_variables.items():
            free = token in neighbourhood.tokens
            for day, index in shifts:
                if free and day in neighbourhood.days:
                    continue
                domain = variables[index].domain
                domain[0] = values[index]
                domain[1] = values[index]
        model.proto.clear_solution_hint()
        model.proto.solution_hint.vars.extend(range(len(values)))
        model.proto.solution_hint.values.extend(values)
        return model


def _values(run: EngineRun) -> list[int]:
    return list(run.solver.response_proto.solution)


def _stopped(deadline: float, cancel: threading.Event | None) -> bool:
    return time.monotonic() >= deadline or (cancel is not None and cancel.is_set())


def _final_run(
    incumbent: _Incumbent,
    whole: _WholeModelSearch,
    started: float,
    cancel: threading.Event | None,
) -> EngineRun:
    best = incumbent.run
    if best is None or best.objective is None:
        raise RuntimeError("the search lost its starting roster")
    bound = incumbent.bound
    proven = whole.finished_search or (bound is not None and best.objective <= bound)
    return EngineRun(
        status=SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE,
        solver=best.solver,
        objective=best.objective,
        bound=best.objective if proven else bound,
        wall_seconds=time.monotonic() - started,
        solutions_found=incumbent.solutions_found,
        first_solution_seconds=incumbent.first_solution_seconds,
        cancelled=cancel is not None and cancel.is_set(),
    )
