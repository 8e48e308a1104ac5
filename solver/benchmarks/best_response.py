"""Improve a whole roster one employee at a time: each employee's best roster given the others.

With everybody else fixed, one more person on a cover line is worth its under
weight while the line is short and costs its over weight once it is met. One
employee adds at most one person to a line, so these values as duals make the
roster generator's reduced cost exactly that employee's share of the benchmark
cost. A sweep prices the employees a few at a time (one per pricing thread), each
at the staffing as it is after the responses before it, and applies each response
re-checked against the roster as it is by then.

Pricing everybody at once at the same staffing does not work: every employee
then moves to the same short cover lines, and after the first few responses the
others no longer pay. On Instance22 one such sweep changed 8 of 50 employees,
and the sweeps stopped at 446623; one at a time, 47 changed in the first sweep
and the sweeps reached 44297.
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

    Every roster that improved is also added to the column pool. The sweeps stop
    when one changes no roster, or when the next group's pricing is not expected to
    end by `deadline`.
    """
    rosters = [roster.copy() for roster in rosters]
    sweeper = _Sweeper(generation, rosters, deadline)
    for sweep in range(MAX_SWEEPS):
        changed = sweeper.sweep()
        logger.debug("best response sweep %s: %s employees changed", sweep, changed)
        if changed == 0 or sweeper.out_of_time:
            break
    return rosters, generation.roster_cost(rosters)


class _Sweeper:
    """One pass of best responses over all employees, a group of them per pricing."""

    def __init__(
        self, generation: ColumnGeneration, rosters: list[IntArray], deadline: float
    ) -> None:
        self.generation = generation
        self.rosters = rosters
        self.deadline = deadline
        self.staffed = _staffing(generation, rosters)
        self.group_size = max(1, generation.generator.threads)
        employee_total = len(rosters)
        self.duals = np.zeros((employee_total, generation.days, generation.shift_count))
        # Until a group has been timed, it is expected to take its share of a full pricing.
        self.group_seconds = generation.max_pricing_seconds * self.group_size / employee_total
        self.out_of_time = False
        # Whether each employee has been priced, at the values kept in `duals`.
        self.priced = np.zeros(employee_total, dtype=bool)

    def sweep(self) -> int:
        """Give every employee their best response once; return how many changed.

        An employee whose values per cover line are the same as at their last
        pricing is skipped: the program would give the same roster again. Few
        are skipped before the last sweep, because one changed roster moves the
        values of everybody who can work the lines it changed.
        """
        changed = 0
        group: list[int] = []
        for employee_index in range(len(self.rosters)):
            duals = self._values_for(employee_index)
            if self.priced[employee_index] and np.array_equal(duals, self.duals[employee_index]):
                continue
            self.duals[employee_index] = duals
            group.append(employee_index)
            if len(group) == self.group_size:
                if not self._fits():
                    return changed
                changed += self._respond(group)
                group = []
        if group and self._fits():
            changed += self._respond(group)
        return changed

    def _values_for(self, employee_index: int) -> FloatArray:
        own = _one_hot(self.generation, self.rosters[employee_index])
        return _marginal_values(self.generation, self.staffed - own)

    def _fits(self) -> bool:
        """Return whether the next group's pricing is expected to end by the deadline."""
        if time.monotonic() + self.group_seconds > self.deadline:
            self.out_of_time = True
        return not self.out_of_time

    def _respond(self, group: list[int]) -> int:
        generation = self.generation
        started = time.monotonic()
        results = generation.generator.price(
            self.duals, employee_indexes=group, deadline=self.deadline, refine=True
        )
        self.group_seconds = max(self.group_seconds, time.monotonic() - started)
        changed = 0
        for employee_index in group:
            candidate = results[employee_index].roster
            self.priced[employee_index] = candidate is not None
            current = self.rosters[employee_index]
            self.staffed -= _one_hot(generation, current)
            duals = _marginal_values(generation, self.staffed)
            if _gain(generation, employee_index, current, candidate, duals) > 1e-9:
                assert candidate is not None
                self.rosters[employee_index] = candidate
                generation.add_roster(employee_index, candidate)
                changed += 1
            self.staffed += _one_hot(generation, self.rosters[employee_index])
        return changed


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
