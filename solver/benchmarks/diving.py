"""Diving: fix the columns the master LP nearly chose, re-price the rest, until all are fixed.

Each step solves the master LP with the fixed employees held to their column,
prices new rosters for the employees still free until no roster improves (at
most `MAX_PRICING_ROUNDS_PER_STEP` rounds), and then fixes every free employee
whose largest column weight is at least `FIX_WEIGHT`, and the free employees with
the largest weights. The time left sets how many of those it fixes. The dive
plans as many steps as fit before the deadline at the pace of its steps so far.
On a small instance it then fixes one employee a step, so the LP stays close to
converged. When the next pricing would not end by the deadline, every
free employee is fixed at once to their largest-weight column. The result is one
roster per employee. The master is restored afterwards, so column generation can
go on with the pool the dive grew.
"""

from __future__ import annotations

import logging
import math
import random
import time

from solver.benchmarks.column_generation import ColumnGeneration
from solver.benchmarks.roster_generator import IntArray

logger = logging.getLogger(__name__)

FIX_WEIGHT = 0.9
# Most pricing rounds of one step, which re-converge the LP after the step's fixes.
MAX_PRICING_ROUNDS_PER_STEP = 8
# Lowest random factor on an employee's largest weight when a dive is randomised.
RANDOM_RANK_FLOOR = 0.5
# The pricing of one step stops once it has used this share of the dive's time, so
# that a dive that starts far from a converged LP still takes several steps.
MAX_STEP_TIME_SHARE = 0.125


def dive(
    generation: ColumnGeneration, deadline: float, rng: random.Random | None = None
) -> list[IntArray]:
    """Return one roster per employee (shift indexes per day) from the column pool.

    With `rng`, each step ranks the free employees by their largest weight times a
    random factor between `RANDOM_RANK_FLOOR` and 1, so repeated dives differ.
    """
    employee_total = len(generation.instance.employees)
    fixed: dict[int, int] = {}  # employee index → column number
    started = time.monotonic()
    step_seconds = MAX_STEP_TIME_SHARE * (deadline - started)
    steps = 0
    try:
        while len(fixed) < employee_total:
            free = [index for index in range(employee_total) if index not in fixed]
            in_time = generation.round_fits(deadline)
            master_solved = in_time and _converge(
                generation, free, time.monotonic() + step_seconds, deadline
            )
            if not master_solved:
                generation.solve_master(deadline)

            count = len(free)
            if in_time:
                count = _paced_count(len(free), steps, started, deadline)
            for employee_index, column_number in _columns_to_fix(generation, free, count, rng):
                _fix(generation, employee_index, column_number)
                fixed[employee_index] = column_number
            steps += 1
        rosters = [generation.columns[fixed[index]].roster for index in range(employee_total)]
        logger.info("dive: cost %s after %s steps", generation.roster_cost(rosters), steps)
        return rosters
    finally:
        _release(generation, fixed)


def _converge(
    generation: ColumnGeneration, free: list[int], step_deadline: float, deadline: float
) -> bool:
    """Price the free employees at the LP duals until no roster improves or time is up.

    The step prices at least once and at most `MAX_PRICING_ROUNDS_PER_STEP` times. A
    further round starts only when it is expected to end by `step_deadline`, and a
    pricing stops at the dive's `deadline`. Return whether the master's solution is
    still current (no roster was added since its last solve), so the caller can
    skip solving it again.
    """
    for round_number in range(MAX_PRICING_ROUNDS_PER_STEP):
        if round_number and not generation.round_fits(min(step_deadline, deadline)):
            return False
        generation.solve_master(deadline)
        started = time.monotonic()
        results = generation.generator.price(
            generation.lp_duals, employee_indexes=free, deadline=deadline
        )
        generation.record_pricing(time.monotonic() - started)
        if generation.add_improving(results) == 0:
            return True
    return False


def _paced_count(free: int, steps_done: int, started: float, deadline: float) -> int:
    """Return how many employees to fix now so that the free ones are fixed by the deadline.

    The steps still to come are expected to take as long as the steps so far,
    this one included, did on average.
    """
    now = time.monotonic()
    step_seconds = (now - started) / (steps_done + 1)
    steps_left = max(1, math.floor((deadline - now) / max(step_seconds, 1e-9)) + 1)
    return math.ceil(free / steps_left)


def _columns_to_fix(
    generation: ColumnGeneration, free: list[int], count: int, rng: random.Random | None
) -> list[tuple[int, int]]:
    """Return (employee, column number) pairs to fix now: the `count` largest LP weights.

    Every employee whose largest weight is at least `FIX_WEIGHT` is fixed as well.
    """
    best: dict[int, tuple[float, int]] = {}
    free_set = set(free)
    for number, column in enumerate(generation.columns):
        if column.employee_index not in free_set:
            continue
        weight = generation.lambdas[number].solution_value()
        if column.employee_index not in best or weight > best[column.employee_index][0]:
            best[column.employee_index] = (weight, number)
    factor = {index: 1.0 if rng is None else rng.uniform(RANDOM_RANK_FLOOR, 1.0) for index in best}
    ranked = sorted(best.items(), key=lambda item: -item[1][0] * factor[item[0]])
    chosen = [
        (employee_index, number)
        for rank, (employee_index, (weight, number)) in enumerate(ranked)
        if rank < count or weight >= FIX_WEIGHT
    ]
    return chosen


def _fix(generation: ColumnGeneration, employee_index: int, column_number: int) -> None:
    for number, column in enumerate(generation.columns):
        if column.employee_index == employee_index:
            bound = 1.0 if number == column_number else 0.0
            generation.lambdas[number].SetBounds(bound, bound)
    generation.artificials[employee_index].SetBounds(0.0, 0.0)


def _release(generation: ColumnGeneration, fixed: dict[int, int]) -> None:
    infinity = generation.solver.infinity()
    for number, column in enumerate(generation.columns):
        if column.employee_index in fixed:
            generation.lambdas[number].SetBounds(0.0, infinity)
    for employee_index in fixed:
        generation.artificials[employee_index].SetBounds(0.0, infinity)
