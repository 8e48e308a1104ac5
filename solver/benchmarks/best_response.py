"""Improve a whole roster one employee at a time: each employee's best roster given the others.

With everybody else fixed, one more person on a cover line is worth its under
weight while the line is short and costs its over weight once it is met. One
employee adds at most one person to a line, so these values as duals make the
roster generator's reduced cost exactly that employee's share of the benchmark
cost. One batched pricing gives every employee's best response; the responses
are then applied one by one, each re-checked against the roster as it is by then.
"""

from __future__ import annotations

import logging
import time

import numpy as np

from solver.benchmarks.column_generation import ColumnGeneration
from solver.benchmarks.roster_generator import FloatArray, IntArray

logger = logging.getLogger(__name__)

MAX_SWEEPS = 20


def improve_by_best_response(
    generation: ColumnGeneration, rosters: list[IntArray], deadline: float
) -> tuple[list[IntArray], int]:
    """Return the improved rosters (shift indexes per employee) and their benchmark cost.

    Every roster that improved is also added to the column pool. A sweep starts only
    when its pricing is expected to end by `deadline`.
    """
    rosters = [roster.copy() for roster in rosters]
    staffed = _staffing(generation, rosters)
    for sweep in range(MAX_SWEEPS):
        if not generation.pricing_fits(deadline):
            break
        own = np.stack([_one_hot(generation, roster) for roster in rosters])
        duals = _marginal_values(generation, staffed[None] - own)
        started = time.monotonic()
        results = generation.generator.price(duals, deadline=deadline)
        generation.record_pricing(time.monotonic() - started)
        order = sorted(
            results,
            key=lambda index: (
                -_gain(generation, index, rosters[index], results[index].roster, duals[index])
            ),
        )
        changed = 0
        for employee_index in order:
            candidate = results[employee_index].roster
            if candidate is None:
                continue
            current = rosters[employee_index]
            staffed -= _one_hot(generation, current)
            employee_duals = _marginal_values(generation, staffed)
            if _gain(generation, employee_index, current, candidate, employee_duals) > 1e-9:
                rosters[employee_index] = candidate
                generation.add_roster(employee_index, candidate)
                changed += 1
            staffed += _one_hot(generation, rosters[employee_index])
        logger.debug("best response sweep %s: %s employees changed", sweep, changed)
        if changed == 0:
            break
    return rosters, generation.roster_cost(rosters)


def _gain(
    generation: ColumnGeneration,
    employee_index: int,
    current: IntArray,
    candidate: IntArray | None,
    duals: FloatArray,
) -> float:
    """Return how much the benchmark cost falls when `candidate` replaces `current`."""
    if candidate is None:
        return -np.inf
    return _reduced_cost(generation, employee_index, current, duals) - _reduced_cost(
        generation, employee_index, candidate, duals
    )


def _reduced_cost(
    generation: ColumnGeneration, employee_index: int, roster: IntArray, duals: FloatArray
) -> float:
    days = np.nonzero(roster >= 0)[0]
    request_cost = generation.generator.roster_cost(employee_index, roster)
    return request_cost - float(duals[days, roster[days]].sum())


def _marginal_values(generation: ColumnGeneration, staffed_by_others: FloatArray) -> FloatArray:
    """Return the value of one more person per cover line, given everybody else's staffing."""
    short = staffed_by_others < generation.requirement
    return np.where(short, generation.under_weight, -generation.over_weight)


def _one_hot(generation: ColumnGeneration, roster: IntArray) -> FloatArray:
    staffed = np.zeros((generation.days, generation.shift_count))
    days = np.nonzero(roster >= 0)[0]
    staffed[days, roster[days]] = 1.0
    return staffed


def _staffing(generation: ColumnGeneration, rosters: list[IntArray]) -> FloatArray:
    return sum(
        (_one_hot(generation, roster) for roster in rosters),
        np.zeros((generation.days, generation.shift_count)),
    )
