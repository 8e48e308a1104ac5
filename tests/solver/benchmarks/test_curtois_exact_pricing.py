"""Exact pricing with CP-SAT: the true cheapest roster per employee, and the true LP bound."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest

from solver.benchmarks.column_generation import ColumnGeneration
from solver.benchmarks.exact_pricing import SCALE, ExactPricer
from solver.benchmarks.instance import Instance, read_instance
from solver.benchmarks.roster_generator import RosterGenerator
from tests.solver.benchmarks.curtois_builders import (
    TINY_INSTANCE,
    feasible_rosters,
    own_violations,
    reduced_cost,
    write_instance,
)

CURTOIS_FOLDER = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "curtois-qu"
INSTANCE5_OPTIMUM = 1143


@pytest.fixture(scope="module")
def tiny_instance(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    return write_instance(tmp_path_factory.mktemp("curtois"), "Tiny", TINY_INSTANCE)


@pytest.fixture(scope="module")
def tiny_feasible(tiny_instance: Instance) -> list[list[np.ndarray]]:
    return [feasible_rosters(tiny_instance, index) for index in range(len(tiny_instance.employees))]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_pricing_matches_enumeration(
    tiny_instance: Instance, tiny_feasible: list[list[np.ndarray]], seed: int
) -> None:
    """Every employee gets a feasible roster of the least reduced cost, H3 binding or not.

    Employee A may work at most 3 N: the roster generator only prices that limit,
    while CP-SAT keeps it. The bound is at most the true minimum, and close to it.
    """
    generator = RosterGenerator(tiny_instance)
    pricer = ExactPricer(tiny_instance, generator, threads=2)
    rng = np.random.default_rng(seed)
    duals = rng.uniform(-1, 10, size=(tiny_instance.horizon_days, len(tiny_instance.shift_types)))

    pricing = pricer.price(duals, time.monotonic() + 30)

    assert pricing.complete
    rounding = tiny_instance.horizon_days / SCALE
    for employee_index, rosters in enumerate(tiny_feasible):
        best = min(reduced_cost(generator, employee_index, roster, duals) for roster in rosters)
        result = pricing.results[employee_index]
        assert result.roster is not None
        assert own_violations(tiny_instance, employee_index, result.roster) == []
        found = reduced_cost(generator, employee_index, result.roster, duals)
        assert found == pytest.approx(best, abs=rounding)
        assert best - rounding <= result.bound <= best + 1e-9


def test_exact_pricing_past_deadline_prices_nobody(tiny_instance: Instance) -> None:
    """With no time left, no roster is returned, no bound, and the pricing is not complete."""
    pricer = ExactPricer(tiny_instance, RosterGenerator(tiny_instance))
    duals = np.zeros((tiny_instance.horizon_days, len(tiny_instance.shift_types)))

    pricing = pricer.price(duals, time.monotonic() - 1)

    assert not pricing.complete
    assert all(result.roster is None for result in pricing.results.values())
    assert all(result.bound == -math.inf for result in pricing.results.values())


def test_column_generation_with_exact_pricing_reaches_the_lp_bound() -> None:
    """On Instance5 the LP ends at most at the optimum, and its bound is proven.

    The roster generator alone stopped at an LP value of 1144.17, above the
    optimum 1143, because it only prices H3 and H9.
    """
    path = CURTOIS_FOLDER / "Instance5.txt"
    if not path.is_file():
        pytest.skip(f"Curtois & Qu data not found at {CURTOIS_FOLDER}")
    instance = read_instance(path)
    generator = RosterGenerator(instance, threads=2)
    generation = ColumnGeneration(instance, generator, ExactPricer(instance, generator, threads=2))

    generation.run(time.monotonic() + 120)

    assert generation.exactly_converged
    assert generation.lp_value <= INSTANCE5_OPTIMUM
    assert generation.bound <= generation.lp_value + 1e-6
    assert generation.bound >= generation.lp_value - 1.0
