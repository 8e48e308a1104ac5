"""Column generation on Instance1: a valid bound, evaluated rosters and a timed dive."""

from __future__ import annotations

import math
import random
import time

import pytest
from ortools.linear_solver import pywraplp

from solver.benchmarks.column_generation import ColumnGeneration, MasterLPError
from solver.benchmarks.diving import dive
from solver.benchmarks.instance import Instance
from solver.benchmarks.roster_generator import RosterGenerator
from tests.solver.benchmarks.curtois_builders import evaluated_objective

INSTANCE1_OPTIMUM = 607


def test_column_generation_bound_valid(instance1: Instance) -> None:
    """Column generation converges with a bound at most the optimum and at most the LP value."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))

    generation.run(time.monotonic() + 30)

    assert generation.converged
    assert generation.bound <= INSTANCE1_OPTIMUM
    assert generation.bound <= generation.lp_value + 1e-6
    assert generation.bound > 0


def test_rounded_lp_is_feasible(instance1: Instance) -> None:
    """The rounded LP is one feasible roster per employee, at the cost the evaluator finds."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.run(time.monotonic() + 30)

    rosters = generation.rounded_lp()

    assert rosters is not None
    assert len(rosters) == len(instance1.employees)
    assert evaluated_objective(instance1, rosters) == generation.roster_cost(rosters)


def test_dive_is_feasible(instance1: Instance) -> None:
    """A dive fixes one feasible roster per employee, at the cost the evaluator finds."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.run(time.monotonic() + 30)

    rosters = dive(generation, time.monotonic() + 30)

    assert len(rosters) == len(instance1.employees)
    assert evaluated_objective(instance1, rosters) == generation.roster_cost(rosters)


def test_dive_with_time_reaches_optimum(instance1: Instance) -> None:
    """With time for a step per employee, the dive finds Instance1's optimum of 607.

    The converged LP is 558, so the dive must price again after its fixes to get there.
    """
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.run(time.monotonic() + 30)
    assert generation.converged

    rosters = dive(generation, time.monotonic() + 30)

    assert evaluated_objective(instance1, rosters) == 607


def test_randomised_dives_stay_feasible(instance1: Instance) -> None:
    """Each dive with random ranks gives a feasible roster at the cost the evaluator finds."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.run(time.monotonic() + 30)
    rng = random.Random(3)

    dives = [dive(generation, time.monotonic() + 30, rng) for _ in range(4)]

    for rosters in dives:
        assert len(rosters) == len(instance1.employees)
        assert evaluated_objective(instance1, rosters) == generation.roster_cost(rosters)


def test_dive_past_deadline_rounds_lp(instance1: Instance) -> None:
    """A dive whose pricing cannot end by the deadline fixes every employee without pricing."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.run(time.monotonic() + 30)
    assert generation.max_pricing_seconds > 0
    column_count = len(generation.columns)

    rosters = dive(generation, time.monotonic())

    assert len(generation.columns) == column_count
    assert evaluated_objective(instance1, rosters) == generation.roster_cost(rosters)


class _AbnormalOnce:
    """A GLOP solver whose first solve without parameters ends abnormally."""

    def __init__(self, solver: pywraplp.Solver) -> None:
        self._solver = solver
        self.failed = False

    def Solve(self, *parameters: pywraplp.MPSolverParameters) -> int:
        if not parameters and not self.failed:
            self.failed = True
            return int(pywraplp.Solver.ABNORMAL)
        status: int = self._solver.Solve(*parameters)
        return status

    def __getattr__(self, name: str) -> object:
        return getattr(self._solver, name)


def test_abnormal_master_solved_again(instance1: Instance) -> None:
    """A master LP solve that ends abnormally is repeated from scratch, and its duals are read."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    flaky = _AbnormalOnce(generation.solver)
    generation.solver = flaky

    generation.solve_master()

    assert flaky.failed
    assert math.isfinite(generation.lp_value)


def test_master_failing_twice_raises(instance1: Instance, monkeypatch: pytest.MonkeyPatch) -> None:
    """A master LP that fails from scratch too raises MasterLPError for the runner to handle."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    monkeypatch.setattr(
        pywraplp.Solver, "Solve", lambda solver, *parameters: pywraplp.Solver.ABNORMAL
    )

    with pytest.raises(MasterLPError):
        generation.solve_master()


def test_pricing_cut_short_keeps_the_bound(instance1: Instance) -> None:
    """A pricing stopped by its deadline neither raises the bound nor ends the generation."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.solve_master()
    bound_before = generation.bound

    generation.iterate(deadline=time.monotonic() - 1.0)

    assert generation.bound == bound_before
    assert not generation.converged
