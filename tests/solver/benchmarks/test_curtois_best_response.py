"""Best responses: each employee's cheapest roster given everybody else, a few at a time."""

from __future__ import annotations

import time

import numpy as np
import pytest

from solver.benchmarks.best_response import improve_by_best_response
from solver.benchmarks.column_generation import ColumnGeneration
from solver.benchmarks.instance import Instance
from solver.benchmarks.roster_generator import IntArray, RosterGenerator
from tests.solver.benchmarks.curtois_builders import evaluated_objective


def start_rosters(generation: ColumnGeneration) -> list[IntArray]:
    """Return every employee's cheapest roster at zero duals, which ignores cover."""
    shape = (generation.days, generation.shift_count)
    results = generation.generator.price(np.zeros(shape))
    rosters = [results[index].roster for index in range(len(results))]
    assert all(roster is not None for roster in rosters)
    return [roster for roster in rosters if roster is not None]


@pytest.mark.parametrize("threads", [1, 2])
def test_start_roster_gets_cheaper(instance1: Instance, threads: int) -> None:
    """From rosters that ignore cover, best responses give a cheaper roster that keeps every rule.

    The cost they report is the evaluator's, and each roster they changed joins the pool.
    """
    generation = ColumnGeneration(instance1, RosterGenerator(instance1, threads=threads))
    start = start_rosters(generation)
    start_cost = evaluated_objective(instance1, start)

    improved, cost = improve_by_best_response(generation, start, time.monotonic() + 60)

    assert cost == evaluated_objective(instance1, improved)
    assert cost < start_cost
    pool = {(column.employee_index, column.roster.tobytes()) for column in generation.columns}
    changed = [
        index for index, roster in enumerate(improved) if not np.array_equal(roster, start[index])
    ]
    assert changed
    assert all((index, improved[index].tobytes()) in pool for index in changed)


def test_no_employee_gains_alone_after_the_sweeps(instance1: Instance) -> None:
    """The sweeps end only when no employee can lower the cost by changing their own roster."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    improved, cost = improve_by_best_response(
        generation, start_rosters(generation), time.monotonic() + 60
    )

    again, cost_again = improve_by_best_response(generation, improved, time.monotonic() + 60)

    assert cost_again == cost
    assert all(np.array_equal(roster, improved[index]) for index, roster in enumerate(again))


def test_past_deadline_changes_nothing(instance1: Instance) -> None:
    """With no time left, the rosters come back unchanged, with their cost."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    start = start_rosters(generation)

    improved, cost = improve_by_best_response(generation, start, time.monotonic() - 1.0)

    assert all(np.array_equal(roster, start[index]) for index, roster in enumerate(improved))
    assert cost == evaluated_objective(instance1, start)
