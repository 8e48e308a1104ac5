"""Diving: fix the columns the master LP nearly chose, re-price the rest, until all are fixed.

Each step solves the master LP with the fixed employees held to their column,
prices new rosters for the employees still free (a few rounds), and then fixes
every free employee whose largest column weight is at least `FIX_WEIGHT`, and at
least the `FIX_SHARE` of free employees with the largest weights. When the next
pricing would not end by the deadline, every free employee is fixed at once to
their largest-weight column. The result is one roster per employee. The master is
restored afterwards, so column generation can go on with the pool the dive grew.
"""

from __future__ import annotations

import logging
import math
import time

from solver.benchmarks.column_generation import ColumnGeneration
from solver.benchmarks.roster_generator import IntArray

logger = logging.getLogger(__name__)

FIX_WEIGHT = 0.9
FIX_SHARE = 0.125
PRICING_ROUNDS_PER_STEP = 2


def dive(generation: ColumnGeneration, deadline: float) -> list[IntArray]:
    """Return one roster per employee (shift indexes per day) from the column pool."""
    employee_total = len(generation.instance.employees)
    fixed: dict[int, int] = {}  # employee index → column number
    try:
        while len(fixed) < employee_total:
            free = [index for index in range(employee_total) if index not in fixed]
            in_time = generation.pricing_fits(deadline)
            for _ in range(PRICING_ROUNDS_PER_STEP if in_time else 0):
                generation.solve_master()
                started = time.monotonic()
                results = generation.generator.price(
                    generation.lp_duals, employee_indexes=free, deadline=deadline
                )
                generation.record_pricing(time.monotonic() - started)
                if generation.add_improving(results) == 0:
                    break
            generation.solve_master()
            share = FIX_SHARE if in_time else 1.0
            for employee_index, column_number in _columns_to_fix(generation, free, share):
                _fix(generation, employee_index, column_number)
                fixed[employee_index] = column_number
        logger.info("dive: LP %.2f with every employee fixed", generation.lp_value)
        return [generation.columns[fixed[index]].roster for index in range(employee_total)]
    finally:
        _release(generation, fixed)


def _columns_to_fix(
    generation: ColumnGeneration, free: list[int], share: float
) -> list[tuple[int, int]]:
    """Return (employee, column number) pairs to fix now, by largest LP weight."""
    best: dict[int, tuple[float, int]] = {}
    for number, column in enumerate(generation.columns):
        if column.employee_index not in free:
            continue
        weight = generation.lambdas[number].solution_value()
        if column.employee_index not in best or weight > best[column.employee_index][0]:
            best[column.employee_index] = (weight, number)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    count = max(1, math.ceil(share * len(free)))
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
