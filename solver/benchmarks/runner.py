"""Solve a Curtois & Qu instance: column generation, a dive, a CP-SAT choice of columns, then LNS.

1. Start roster. A dynamic program (`roster_generator`) prices every employee at
   zero duals, and its rosters are the start roster and the first columns. An
   employee the program cannot roster gets one from a CP-SAT sub-model of that
   employee alone.
2. Column generation (`column_generation`), when its share of the time fits
   two pricings. A master LP over rosters, with new rosters priced by the
   program. Its Lagrangian bound, or the full model's bound where that is
   higher, is the bound this run reports.
3. Best responses (`best_response`) after the LP, after the dive and after the
   column selection: each employee's cheapest roster with everybody else fixed.
4. Dive (`diving`). Fix the employees the LP nearly chose, price the rest again,
   and round the LP for the employees still free when the time share ends.
5. Column selection (`column_selection`). CP-SAT chooses one generated roster per
   employee, hinted with the incumbent and stopped by the bound.
6. An instance with at most `FULL_MODEL_MAX_CELLS` assignment cells then runs the
   full CP-SAT model for a share of the time, hinted with the incumbent.
7. Our large neighbourhood search (`lns`). Until the time runs out, free a few
   employees over a window of days, keep everything else from the incumbent, and
   let CP-SAT improve that sub-model from the incumbent's values as hint, two
   sub-models with no day and no employee in common at a time. All hard rules are
   per employee, so every sub-model solution is a feasible roster. It replaces the
   incumbent when it costs no more. The run ends early when the incumbent meets
   the bound.

Every pricing starts only when it is expected to end within its phase, and
stops between passes of its program at the phase's end.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from solver.benchmarks.best_response import improve_by_best_response
from solver.benchmarks.column_generation import (
    ColumnGeneration,
    MasterLPError,
    roster_indexes,
    roster_shift_ids,
)
from solver.benchmarks.column_selection import select_columns
from solver.benchmarks.diving import dive
from solver.benchmarks.exact_pricing import ExactPricer
from solver.benchmarks.instance import Instance
from solver.benchmarks.lns import LargeNeighbourhoodSearch
from solver.benchmarks.model import IndexedRoster, Neighbourhood, build_model
from solver.benchmarks.roster_generator import IntArray, RosterGenerator
from solver.benchmarks.search_state import SearchState
from solver.engine import Progress, run_model
from solver.problem import SolveStatus

logger = logging.getLogger(__name__)

# Above this many assignment cells (employees × days × allowed shift types) the full
# model is not built. Measured on a 2-core AMD EPYC: Instance21 (100,646 cells) takes
# 5.9 s to build and CP-SAT found no solution of it in 60 s.
FULL_MODEL_MAX_CELLS = 60_000
# Sub-solves run side by side only on instances with this many assignment cells and
# days (19-24). Two windows with no shared day split a 28-day horizon into short ones,
# and small sub-models solve quickly with both workers. Figures in docs/benchmarks.md.
SIDE_BY_SIDE_MIN_CELLS = 10_000
SIDE_BY_SIDE_MIN_DAYS = 84
# Column generation, the dive and the column selection run only when column
# generation's share fits this many pricings as slow as the first. One round
# gives neither a bound nor rosters worth choosing from. The LNS makes better use
# of that time. At 60 s, with one pricing taking 9.6 s, Instance23 ended at 269112
# without those phases and at 292639 with them. At 10 minutes they run on all
# instances. Skipping them there left Instance23 where it was (44579 against
# 44719). At 60 s, Instances 21 and 22 need them: without them they ended at
# 34279 and 71398, with them at 32058 and 49528.
MIN_GENERATION_ROUNDS = 2
# Shares of the time limit: column generation at most, then the dive, the column
# selection and the full model (small instances only), and each of the three rounds
# of best responses. The LNS has the rest, about a fifth when every phase uses its
# share. A phase that needs a pricing of all employees starts it only when the
# slowest pricing so far still fits in its share.
COLUMN_GENERATION_TIME_SHARE = 0.2
DIVING_TIME_SHARE = 0.3
COLUMN_SELECTION_TIME_SHARE = 0.05
FULL_MODEL_TIME_SHARE = 0.15
BEST_RESPONSE_TIME_SHARE = 0.03
# Share of the time limit that best responses may take on the start roster, before
# column generation. The start roster ignores cover, and their rosters seed the
# column pool. On Instance22 they lowered a start roster from 338043 to 42910 in 39 s.
START_BEST_RESPONSE_TIME_SHARE = 0.3
# Only instances with at least this many assignment cells get those best responses.
# On the small ones they cost the best known value: at 60 s and load 1.6-1.9,
# Instance5 ended at 1146 with them and 1143 without, Instance7 at 1061 and 1057.
# Instance14 (3948 cells) ended at 1297 without them and 1298 with them.
START_BEST_RESPONSE_MIN_CELLS = 10_000
# Each round of best responses may take at least this many of the slowest pricings so
# far, even past its share: one sweep lowered Instance13's dived roster from 12846 to 9508.
BEST_RESPONSE_MIN_PRICINGS = 2
# The dive runs only when its share of the time fits this many steps as slow as the
# slowest master solve plus the slowest pricing so far, because each dive step solves
# the master and prices the employees still free. On 2 shared cores, Instance13
# prices all employees in 1.8–2.5 s and Instance19 in 5–9 s. On Instance23 in a
# 120 s run, one master solve and one pricing took 12 s, and a dive that started
# anyway ended 5 s after the run should have.
MIN_DIVE_STEPS = 4
# Another dive starts only when this many dives as slow as the last one fit in the share.
MIN_DIVES_LEFT = 2
# The dives stop after this many in a row that did not lower the incumbent, and
# the time left goes to the LNS.
MAX_DIVES_WITHOUT_IMPROVEMENT = 3
# Maximum dives in one run.
MAX_DIVES = 20
# A further dive, with random ranks, starts only when the last one took at most this
# share of the time limit. In one 60 s run each, further dives lowered Instance5
# (dives of 0.4 s) from 1241 to 1144-1145 in two seeds, but left Instances 8, 12,
# 13, 15 and 19, whose dives take 3-15 s, 100-440 higher: their time is better
# spent in the column selection and the LNS.
CHEAP_DIVE_SHARE = 0.02
# Share of the time left that the CP-SAT start rosters of employees the program could
# not roster may use together.
CONSTRUCTION_TIME_SHARE = 0.8
# CP-SAT parameters of the full model. The max_lp search (the full LP relaxation
# with cuts) found Instance6's optimum from a roster 2 above it in 14–20 s in two of
# three seeds, where the default search did not in 50 s.
FULL_MODEL_PARAMETERS: dict[str, object] = {"subsolvers": ["max_lp"]}


@dataclass(frozen=True, slots=True)
class BenchmarkRun:
    status: str  # "OPTIMAL" when the cost meets the bound, "FEASIBLE", or "NO_SOLUTION"
    roster: dict[str, list[str | None]] | None
    objective: int | None  # the solver's own figure; the evaluator recomputes it
    bound: int | None  # proven lower bound on the cost, None if none was found
    wall_seconds: float
    lns_iterations: int


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
    generator = RosterGenerator(instance, threads=workers)
    exact_pricer = ExactPricer(instance, generator, threads=workers)
    generation = ColumnGeneration(instance, generator, exact_pricer)
    state = _start(instance, generation, deadline, workers)
    if state is not None:
        if _assignment_cells(instance) >= START_BEST_RESPONSE_MIN_CELLS:
            incumbent = _incumbent_indexes(generation, state)
            response_seconds = time_limit_seconds * START_BEST_RESPONSE_TIME_SHARE
            response_deadline = min(deadline, time.monotonic() + response_seconds)
            _offer_indexes(generation, state, incumbent, response_deadline)
        if _column_phases_fit(instance, generation, time_limit_seconds):
            _run_column_phases(generation, state, started, time_limit_seconds, workers, seed)
        else:
            logger.info(
                "column phases skipped: one pricing took %.1f s", generation.max_pricing_seconds
            )
        _report(state, started, on_progress)
        if not state.proven_optimal and _assignment_cells(instance) <= FULL_MODEL_MAX_CELLS:
            seconds = min(time_limit_seconds * FULL_MODEL_TIME_SHARE, deadline - time.monotonic())
            _solve_full_model(instance, state, seconds, workers, seed)
    if state is not None and not state.proven_optimal:
        _improve(instance, state, deadline, workers, seed, started, on_progress)
    return _finish(instance, state, started)


def _column_phases_fit(
    instance: Instance, generation: ColumnGeneration, time_limit_seconds: float
) -> bool:
    """Return whether column generation's share fits `MIN_GENERATION_ROUNDS` pricings.

    Only instances large enough for best responses on the start roster skip the
    phases, because those responses give them a good roster. On a small instance
    the first pricing in a fresh clone may include Numba's compilation (an
    estimated 5 s), so its time does not predict the rounds after it.
    """
    if _assignment_cells(instance) < START_BEST_RESPONSE_MIN_CELLS:
        return True
    generation_seconds = time_limit_seconds * COLUMN_GENERATION_TIME_SHARE
    return generation.max_pricing_seconds * MIN_GENERATION_ROUNDS <= generation_seconds


@dataclass(frozen=True, slots=True)
class _Clock:
    """The run's start and time limit, and the deadlines of its phases."""

    generation: ColumnGeneration
    started: float
    time_limit_seconds: float

    @property
    def deadline(self) -> float:
        return self.started + self.time_limit_seconds

    def phase_deadline(self, share: float, min_pricings: int = 0) -> float:
        """Return when a phase starting now ends: its share, or `min_pricings` pricings."""
        pricing_seconds = min_pricings * self.generation.max_pricing_seconds
        seconds = max(self.time_limit_seconds * share, pricing_seconds)
        return min(self.deadline, time.monotonic() + seconds)

    def best_response_deadline(self) -> float:
        return self.phase_deadline(BEST_RESPONSE_TIME_SHARE, BEST_RESPONSE_MIN_PRICINGS)


def _run_column_phases(
    generation: ColumnGeneration,
    state: SearchState,
    started: float,
    time_limit_seconds: float,
    workers: int,
    seed: int,
) -> None:
    """Run column generation, the dive and the column selection, each with best responses."""
    clock = _Clock(generation, started, time_limit_seconds)
    try:
        _run_lp_phases(generation, state, clock, seed)
    except MasterLPError as error:
        # The column selection and the best responses need no LP, so they still run.
        logger.warning("LP phases stopped: %s", error)

    selection_seconds = time_limit_seconds * COLUMN_SELECTION_TIME_SHARE
    _select_columns(generation, state, selection_seconds, clock.deadline, workers)
    incumbent = _incumbent_indexes(generation, state)
    _offer_indexes(generation, state, incumbent, clock.best_response_deadline())


def _run_lp_phases(
    generation: ColumnGeneration, state: SearchState, clock: _Clock, seed: int
) -> None:
    """Run column generation, round its LP and dive, each followed by best responses."""
    _generate_columns(generation, state, clock.phase_deadline(COLUMN_GENERATION_TIME_SHARE))
    rounded = generation.rounded_lp(clock.deadline)
    if rounded is not None:
        _offer_indexes(generation, state, rounded, clock.best_response_deadline())

    dive_seconds = clock.time_limit_seconds * DIVING_TIME_SHARE
    step_seconds = generation.max_pricing_seconds + generation.max_lp_seconds
    if step_seconds * MIN_DIVE_STEPS <= dive_seconds:
        _dive_repeatedly(
            generation,
            state,
            clock.phase_deadline(DIVING_TIME_SHARE),
            clock.best_response_deadline,
            seed,
            clock.time_limit_seconds,
        )


def _dive_repeatedly(
    generation: ColumnGeneration,
    state: SearchState,
    deadline: float,
    best_response_deadline: Callable[[], float],
    seed: int,
    time_limit_seconds: float,
) -> None:
    """Dive, improve the result by best responses, and dive again while it pays.

    At most `MAX_DIVES` dives run, and a further one only after a cheap dive
    (`CHEAP_DIVE_SHARE`). The first ranks by LP weight alone, the later ones with a
    random factor.
    On a small instance a dive takes well under a second, and its result varies
    a lot with the order of the fixes. A few dives then find a better start for
    the column selection, and each one adds its rosters to the pool.
    """
    rng = random.Random(seed)
    dives = 0
    since_improvement = 0
    while dives < MAX_DIVES and since_improvement < MAX_DIVES_WITHOUT_IMPROVEMENT:
        started = time.monotonic()
        objective = state.objective
        try:
            dived = dive(generation, deadline, rng if dives else None)
        except MasterLPError as error:
            logger.info("dive stopped: %s", error)
            break
        _offer_indexes(generation, state, dived, best_response_deadline())
        dives += 1
        since_improvement = 0 if state.objective < objective else since_improvement + 1
        seconds = time.monotonic() - started
        if state.proven_optimal or time.monotonic() + MIN_DIVES_LEFT * seconds > deadline:
            break
        if seconds > CHEAP_DIVE_SHARE * time_limit_seconds:
            break
    logger.info("%s dives, objective %s", dives, state.objective)


def _assignment_cells(instance: Instance) -> int:
    allowed = sum(
        1
        for employee in instance.employees
        for shift_id in instance.shift_ids
        if instance.max_shifts_of(employee, shift_id) > 0
    )
    return allowed * instance.horizon_days


def _start(
    instance: Instance, generation: ColumnGeneration, deadline: float, workers: int
) -> SearchState | None:
    """Price every employee at zero duals; the rosters found are the pool's first columns.

    When the program and its repairs find no roster for an employee, a CP-SAT
    sub-model of that employee alone (`_solve_employee`) builds one. Return None only
    when that also fails, because the employee has no feasible roster or time ran out.
    """
    _, results = generation.price(np.zeros((generation.days, generation.shift_count)), deadline)
    generation.bound = -math.inf  # the bound at zero duals ignores cover: not worth keeping
    employee_total = len(instance.employees)
    incumbent: IndexedRoster = [[None] * instance.horizon_days for _ in range(employee_total)]
    missing = []
    for employee_index in range(employee_total):
        roster = results[employee_index].roster
        if roster is None:
            missing.append(employee_index)
        else:
            incumbent[employee_index] = roster_shift_ids(instance, roster)
    for position, employee_index in enumerate(missing):
        logger.info("start roster: employee %s rostered by CP-SAT", employee_index)
        share = CONSTRUCTION_TIME_SHARE / (len(missing) - position)
        days = _solve_employee(instance, employee_index, incumbent, deadline, share, workers)
        if days is None:
            logger.warning("start roster: none found for employee %s", employee_index)
            return None
        incumbent[employee_index] = days
    rosters = [roster_indexes(instance, days) for days in incumbent]
    for employee_index, roster in enumerate(rosters):
        generation.add_roster(employee_index, roster)
    objective = generation.roster_cost(rosters)
    logger.info("start roster built, objective %s", objective)
    return SearchState(incumbent=incumbent, objective=objective)


def _solve_employee(
    instance: Instance,
    employee_index: int,
    incumbent: IndexedRoster,
    deadline: float,
    share: float,
    workers: int,
) -> list[str | None] | None:
    """Return one employee's best roster given everybody else in `incumbent`, or None.

    The first solve gets `share` of the time left. Until a roster is found or the
    model is proven infeasible, each further solve gets half of the time left.
    """
    neighbourhood = Neighbourhood((employee_index,), 0, instance.horizon_days - 1)
    curtois = build_model(instance, neighbourhood, incumbent)
    while (seconds_left := deadline - time.monotonic()) > 0.05:
        run = run_model(
            curtois.model, time_limit_seconds=max(0.05, share * seconds_left), workers=workers
        )
        if run.has_solution:
            return curtois.read_roster(run.solver, incumbent)[employee_index]
        if run.status is SolveStatus.INFEASIBLE:
            return None
        share = 0.5
    return None


def _generate_columns(generation: ColumnGeneration, state: SearchState, deadline: float) -> None:
    generation.run(deadline)
    if math.isfinite(generation.bound):
        state.raise_bound(max(0, math.ceil(generation.bound - 1e-6)))
    logger.info(
        "column generation: %s rounds, %s columns, LP %.2f, bound %s, converged %s, "
        "LP %.1f s, pricing %.1f s, %s exact pricings in %.1f s, exactly converged %s",
        generation.iterations, len(generation.columns), generation.lp_value, state.bound,
        generation.converged, generation.lp_seconds, generation.pricing_seconds,
        generation.exact_rounds, generation.exact_seconds, generation.exactly_converged,
    )  # fmt: skip


def _incumbent_indexes(generation: ColumnGeneration, state: SearchState) -> list[IntArray]:
    return [roster_indexes(generation.instance, days) for days in state.incumbent]


def _offer_indexes(
    generation: ColumnGeneration, state: SearchState, rosters: list[IntArray], deadline: float
) -> None:
    """Improve `rosters` by best responses and keep the result if it beats the incumbent."""
    improved, cost = improve_by_best_response(generation, rosters, deadline)
    instance = generation.instance
    if state.offer([roster_shift_ids(instance, roster) for roster in improved], cost):
        logger.info("best responses: objective %s", cost)


def _select_columns(
    generation: ColumnGeneration,
    state: SearchState,
    seconds: float,
    deadline: float,
    workers: int,
) -> None:
    instance = generation.instance
    for index, days in enumerate(state.incumbent):
        generation.add_roster(index, roster_indexes(instance, days))
    seconds = min(seconds, deadline - time.monotonic())
    if seconds <= 0.1:
        return
    selected = select_columns(
        generation,
        time_limit_seconds=seconds,
        workers=workers,
        hint=state.incumbent,
        lower_bound=state.bound,
    )
    if selected is not None:
        state.offer(*selected)


def _solve_full_model(
    instance: Instance, state: SearchState, seconds: float, workers: int, seed: int
) -> None:
    if seconds <= 0.1:
        return
    curtois = build_model(instance, incumbent=state.incumbent)
    if state.bound is not None:
        curtois.model.add(sum(curtois.objective_terms) >= state.bound)
    run = run_model(
        curtois.model,
        time_limit_seconds=seconds,
        workers=workers,
        random_seed=seed,
        parameters=FULL_MODEL_PARAMETERS,
    )
    logger.info("full model: %s objective %s bound %s", run.status, run.objective, run.bound)
    if run.bound is not None:
        state.raise_bound(math.ceil(run.bound - 1e-6))
    if run.has_solution and run.objective is not None:
        state.offer(curtois.read_roster(run.solver, state.incumbent), round(run.objective))
    if run.status is SolveStatus.OPTIMAL:
        state.proven_optimal = True


def _improve(
    instance: Instance,
    state: SearchState,
    deadline: float,
    workers: int,
    seed: int,
    started: float,
    on_progress: Callable[[Progress], None] | None,
) -> None:
    search = LargeNeighbourhoodSearch(
        instance,
        state,
        deadline=deadline,
        workers=workers,
        rng=random.Random(seed),
        on_improvement=lambda: _report(state, started, on_progress),
        side_by_side=_pairs_sub_solves(instance),
    )
    search.run()


def _pairs_sub_solves(instance: Instance) -> bool:
    return (
        _assignment_cells(instance) >= SIDE_BY_SIDE_MIN_CELLS
        and instance.horizon_days >= SIDE_BY_SIDE_MIN_DAYS
    )


def _report(
    state: SearchState, started: float, on_progress: Callable[[Progress], None] | None
) -> None:
    logger.info("LNS iteration %s: objective %s", state.lns_iterations, state.objective)
    if on_progress is not None:
        progress = Progress(
            time.monotonic() - started, state.objective, state.bound, state.lns_iterations
        )
        on_progress(progress)


def _finish(instance: Instance, state: SearchState | None, started: float) -> BenchmarkRun:
    seconds = time.monotonic() - started
    if state is None:
        return BenchmarkRun("NO_SOLUTION", None, None, None, seconds, 0)
    roster = {
        employee_id: state.incumbent[index]
        for index, employee_id in enumerate(instance.employee_ids)
    }
    status = "OPTIMAL" if state.proven_optimal else "FEASIBLE"
    return BenchmarkRun(status, roster, state.objective, state.bound, seconds, state.lns_iterations)
