"""Large neighbourhood search (LNS) on a Curtois & Qu roster, two sub-solves side by side.

Each sub-solve frees a few employees over a window of days, keeps everything else
from the incumbent, and lets CP-SAT improve that sub-model from the incumbent's
values as hint. All hard rules are per employee, so every sub-model solution is a
feasible roster, and it replaces the incumbent when it costs no more.

Two sub-solves run at once, one CP-SAT worker each, on neighbourhoods that share
no employee and no day. The benchmark couples employees only through the cover
of a day, and its other rules stay within one employee. So the change one of them
makes leaves the other's sub-model exactly as it was, apart from a constant, and
its saving still holds when it ends. Measured from the same saved roster, at a
load of 3–6 on 2 cores, against one sub-solve at a time with 2 workers. After
30 s, Instance13 ended at 3358 against 3705 and Instance20 at 7017 against 7495.
After 60 s, Instance23 ended at 35963 against 38755 and Instance24 at 402944
against 414177.
A window that leaves no room for a second one runs alone with every worker.
On the instances small enough for the full model, whole 60 s runs ended higher
side by side: Instance8 at 1534 against 1315 and 13 at 4835 against 2912 (load
3–5 against 2–4). The runner therefore pairs sub-solves only on instances of
at least 84 days and 10,000 assignment cells (19–24), where it measured gains.

A sub-solve runs until it is optimal or its time is up. Stopping it at its first
solution cheaper than the incumbent made the LNS slower. In 60 s from the same
roster, Instance23 went from 248666 to 211132 with that stop and to 169135
without it.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from solver.benchmarks.instance import Instance
from solver.benchmarks.model import IndexedRoster, Neighbourhood, build_model
from solver.benchmarks.neighbourhoods import NeighbourhoodPicker
from solver.benchmarks.search_state import SearchState
from solver.engine import EngineRun, run_model
from solver.problem import SolveStatus

logger = logging.getLogger(__name__)

# CP-SAT parameters of a sub-solve that has every worker. The max_lp search (the
# full LP relaxation with cuts) lowered every large instance faster: in 60 s of
# LNS from one roster, Instance23 reached 38279 with it and 39034 without it.
SUB_MODEL_PARAMETERS: dict[str, object] = {"subsolvers": ["max_lp"]}
# CP-SAT parameters of a sub-solve beside another, on one worker. One worker runs a
# single search, so the LP comes from the linearization level: in 30 s from one
# roster of Instance13, level 2 reached 3358 and the default level 3615.
PAIRED_SUB_MODEL_PARAMETERS: dict[str, object] = {"linearization_level": 2}
# Time limit of one sub-solve, in seconds, and the least time worth one.
SUB_MODEL_SECONDS = 1.0
MIN_SUB_MODEL_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class _SubSolve:
    """A sub-model being solved, and the incumbent's cost when it was built."""

    neighbourhood: Neighbourhood
    window_days: int
    base_objective: int


@dataclass(frozen=True, slots=True)
class _Outcome:
    run: EngineRun
    roster: IndexedRoster | None  # the snapshot with the solver's values, None without


class LargeNeighbourhoodSearch:
    """Improve `state` by sub-solves until the deadline or until it meets the bound."""

    def __init__(
        self,
        instance: Instance,
        state: SearchState,
        *,
        deadline: float,
        workers: int,
        rng: random.Random,
        on_improvement: Callable[[], None],
        side_by_side: bool = True,
    ) -> None:
        self.instance = instance
        self.state = state
        self.deadline = deadline
        self.workers = workers
        # Whether two sub-solves may share the workers; without, each has them all.
        self.side_by_side = side_by_side and workers >= 2
        self.picker = NeighbourhoodPicker(instance, rng)
        self.on_improvement = on_improvement
        self.running: dict[Future[_Outcome], _SubSolve] = {}
        # A sub-solve starts only when the slowest sub-model build so far leaves time
        # to solve: on Instance24 a build takes about a second.
        self.build_seconds = 0.0
        self.shared_sub_solves = 0

    def run(self) -> None:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="lns") as pool:
            while self._time_for_another() and not self.state.proven_optimal:
                self._fill(pool)
                if not self.running:
                    break
                done, _ = wait(list(self.running), return_when=FIRST_COMPLETED)
                for future in done:
                    self._take(self.running.pop(future), future.result())
            # The ones still running stop at the deadline; what they found still counts.
            for future, sub_solve in self.running.items():
                self._take(sub_solve, future.result())
        logger.info(
            "LNS: %s sub-solves, %s of them on a share of the workers",
            self.state.lns_iterations,
            self.shared_sub_solves,
        )

    def _time_for_another(self) -> bool:
        return self.deadline - time.monotonic() > MIN_SUB_MODEL_SECONDS + self.build_seconds

    def _fill(self, pool: ThreadPoolExecutor) -> None:
        """Start a sub-solve beside the one running, or a first one, or one with every worker.

        A window too long to leave room for a partner runs alone with every worker;
        so does every sub-solve when there is only one worker.
        """
        if len(self.running) >= 2 or not self._time_for_another():
            return
        beside = next(iter(self.running.values()), None)
        if beside is not None and not self.side_by_side:
            return
        neighbourhood = self.picker.pick(
            self.state.incumbent, beside=None if beside is None else beside.neighbourhood
        )
        if neighbourhood is None:
            return
        alone = beside is None and (
            not self.side_by_side or not self.picker.leaves_room_beside(neighbourhood)
        )
        self._start(pool, neighbourhood, alone=alone)
        if not alone:
            self._fill(pool)

    def _start(
        self, pool: ThreadPoolExecutor, neighbourhood: Neighbourhood, *, alone: bool
    ) -> None:
        sub_solve = _SubSolve(neighbourhood, self.picker.last_window_days, self.state.objective)
        snapshot = [list(days) for days in self.state.incumbent]
        workers = self.workers if alone else max(1, self.workers // 2)
        self.shared_sub_solves += 0 if alone else 1
        parameters = SUB_MODEL_PARAMETERS if alone else PAIRED_SUB_MODEL_PARAMETERS
        future = pool.submit(self._solve, neighbourhood, snapshot, workers, parameters)
        self.running[future] = sub_solve

    def _solve(
        self,
        neighbourhood: Neighbourhood,
        snapshot: IndexedRoster,
        workers: int,
        parameters: dict[str, object],
    ) -> _Outcome:
        building = time.monotonic()
        curtois = build_model(self.instance, neighbourhood, snapshot)
        self.build_seconds = max(self.build_seconds, time.monotonic() - building)
        seconds_left = self.deadline - time.monotonic()
        run = run_model(
            curtois.model,
            time_limit_seconds=min(SUB_MODEL_SECONDS, max(0.01, seconds_left)),
            workers=workers,
            parameters=parameters,
        )
        roster = curtois.read_roster(run.solver, snapshot) if run.has_solution else None
        return _Outcome(run, roster)

    def _take(self, sub_solve: _SubSolve, outcome: _Outcome) -> None:
        """Apply the sub-solve's days to the incumbent when they cost no more.

        Its saving is measured against the incumbent it started from: what changed
        since then lies outside its employees and days (see the module docstring).
        """
        state = self.state
        state.lns_iterations += 1
        run = outcome.run
        objective = None if run.objective is None else round(run.objective)
        improved = objective is not None and objective < sub_solve.base_objective
        self.picker.record(
            solved_to_optimality=run.status is SolveStatus.OPTIMAL or improved,
            window_days=sub_solve.window_days,
        )
        self._log(sub_solve, run)
        if outcome.roster is None or objective is None or objective > sub_solve.base_objective:
            return
        state.incumbent = _with_days_of(state.incumbent, outcome.roster, sub_solve.neighbourhood)
        state.objective += objective - sub_solve.base_objective
        state.check_bound()
        if improved:
            self.on_improvement()

    @staticmethod
    def _log(sub_solve: _SubSolve, run: EngineRun) -> None:
        neighbourhood = sub_solve.neighbourhood
        logger.debug(
            "LNS %s employees × %s days: %s in %.2f s, objective %s",
            len(neighbourhood.employee_indexes),
            neighbourhood.day_count,
            run.status,
            run.wall_seconds,
            run.objective,
        )


def _with_days_of(
    incumbent: IndexedRoster, solved: IndexedRoster, neighbourhood: Neighbourhood
) -> IndexedRoster:
    """Return `incumbent` with the neighbourhood's cells taken from `solved`."""
    roster = [list(days) for days in incumbent]
    for employee_index in neighbourhood.employee_indexes:
        first, last = neighbourhood.first_day, neighbourhood.last_day + 1
        roster[employee_index][first:last] = solved[employee_index][first:last]
    return roster
