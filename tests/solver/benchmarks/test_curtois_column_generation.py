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
    column_count = len(generation.columns)
    # A pricing of an hour cannot end within the dive's 10 s, while the master LP,
    # which still gets the time, can (a deadline already past cut it short on a
    # loaded machine).
    generation.max_pricing_seconds = 3600.0

    rosters = dive(generation, time.monotonic() + 10)

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


class _StoppedByTimeLimit:
    """A GLOP solver that records its time limits and ends every solve unfinished."""

    def __init__(self, solver: pywraplp.Solver) -> None:
        self._solver = solver
        self.time_limits_ms: list[int] = []
        self.solves = 0

    def SetTimeLimit(self, milliseconds: int) -> None:
        self.time_limits_ms.append(milliseconds)

    def Solve(self, *parameters: pywraplp.MPSolverParameters) -> int:
        self.solves += 1
        return int(pywraplp.Solver.NOT_SOLVED)

    def __getattr__(self, name: str) -> object:
        return getattr(self._solver, name)


def test_master_solve_gets_time_to_deadline(instance1: Instance) -> None:
    """GLOP may use the time up to the deadline; a solve it ends early is retried once."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    stopped = _StoppedByTimeLimit(generation.solver)
    generation.solver = stopped

    with pytest.raises(MasterLPError):
        generation.solve_master(time.monotonic() + 5)

    assert stopped.solves == 2
    assert all(4000 <= limit <= 5000 for limit in stopped.time_limits_ms)


def test_master_solve_cut_short_at_deadline_is_not_retried(instance1: Instance) -> None:
    """A solve that ends unfinished once the deadline has passed raises at once."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    stopped = _StoppedByTimeLimit(generation.solver)
    generation.solver = stopped

    with pytest.raises(MasterLPError):
        generation.solve_master(time.monotonic())

    assert stopped.solves == 1


def test_master_solve_without_deadline_is_unlimited(instance1: Instance) -> None:
    """Without a deadline the master is solved to optimality, whatever limit came before."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.solve_master(time.monotonic() + 10)

    generation.solve_master()

    assert math.isfinite(generation.lp_value)


def test_round_fits_counts_master_and_pricing(instance1: Instance) -> None:
    """A round fits only when the slowest master solve and the slowest pricing both fit."""
    generation = ColumnGeneration(instance1, RosterGenerator(instance1))
    generation.max_lp_seconds = 5.0
    generation.max_pricing_seconds = 5.0

    assert generation.round_fits(time.monotonic() + 11)
    assert not generation.round_fits(time.monotonic() + 9)
