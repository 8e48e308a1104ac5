"""The per-employee roster generator (dynamic program): feasible, exact, and a valid bound."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest

from solver.benchmarks import roster_generator
from solver.benchmarks.instance import Instance, read_instance
from solver.benchmarks.roster_generator import PricingResult, RosterGenerator
from tests.solver.benchmarks.curtois_builders import (
    IMPOSSIBLE_INSTANCE,
    TINY_INSTANCE,
    feasible_rosters,
    own_violations,
    reduced_cost,
    violations_by_employee,
    write_instance,
)

CURTOIS_FOLDER = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "curtois-qu"


@pytest.fixture(scope="module")
def tiny_instance(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    return write_instance(tmp_path_factory.mktemp("curtois"), "Tiny", TINY_INSTANCE)


def curtois_instance(number: int) -> Instance:
    path = CURTOIS_FOLDER / f"Instance{number}.txt"
    if not path.is_file():
        pytest.skip(f"Curtois & Qu data not found at {CURTOIS_FOLDER}")
    return read_instance(path)


@pytest.fixture(scope="module")
def tiny_feasible(tiny_instance: Instance) -> list[list[np.ndarray]]:
    return [feasible_rosters(tiny_instance, index) for index in range(len(tiny_instance.employees))]


@pytest.mark.parametrize("exact_minutes", [True, False], ids=["exact-minutes", "priced-minutes"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generator_matches_enumeration(
    tiny_instance: Instance,
    tiny_feasible: list[list[np.ndarray]],
    exact_minutes: bool,
    seed: int,
) -> None:
    """Under random duals, the bound never exceeds the true minimum and the roster is feasible.

    With exact minutes, the bound is the true minimum for employees whose H3 limit
    cannot bind (B and C), and the roster attains it.
    """
    generator = RosterGenerator(tiny_instance, exact_minutes=exact_minutes)
    rng = np.random.default_rng(seed)
    duals = rng.uniform(-1, 10, size=(tiny_instance.horizon_days, len(tiny_instance.shift_types)))

    results = generator.price(duals)

    for employee_index in range(len(tiny_instance.employees)):
        rosters = tiny_feasible[employee_index]
        best = min(reduced_cost(generator, employee_index, r, duals) for r in rosters)
        result = results[employee_index]
        assert result.bound <= best + 1e-9
        assert result.roster is not None
        assert own_violations(tiny_instance, employee_index, result.roster) == []
        if exact_minutes and employee_index > 0:
            assert result.bound == pytest.approx(best)
            assert reduced_cost(generator, employee_index, result.roster, duals) == pytest.approx(
                best
            )


def test_generator_rosters_feasible_instance1() -> None:
    """At zero and at random duals, every employee's roster of Instance1 is feasible."""
    instance = curtois_instance(1)
    generator = RosterGenerator(instance)
    shape = (instance.horizon_days, len(instance.shift_types))
    for duals in (np.zeros(shape), np.random.default_rng(0).uniform(-1, 100, size=shape)):
        results = generator.price(duals)
        for employee_index, result in results.items():
            assert result.roster is not None
            assert own_violations(instance, employee_index, result.roster) == []


def assert_feasible_at_zero_duals(generator: RosterGenerator, employee_indexes: list[int]) -> None:
    """Price `employee_indexes` together at zero duals and assert that each roster is feasible."""
    instance = generator.instance
    zero_duals = np.zeros((instance.horizon_days, len(instance.shift_types)))

    results = generator.price(zero_duals, employee_indexes=employee_indexes)

    assert sorted(results) == sorted(employee_indexes)
    missing = [
        instance.employee_ids[index] for index, result in results.items() if result.roster is None
    ]
    assert missing == []
    rosters = {
        index: result.roster for index, result in results.items() if result.roster is not None
    }
    violations = violations_by_employee(instance, rosters)
    assert {employee_id: found for employee_id, found in violations.items() if found} == {}


@pytest.mark.slow
def test_generator_exact_minutes_364_days() -> None:
    """On Instance22 (exact minute axis, 364 days) ten employees get feasible rosters.

    In exact mode each employee's program is independent of the others in the batch,
    so ten of the 50 employees stand for all of them.
    """
    generator = RosterGenerator(curtois_instance(22))
    assert generator.exact_minutes

    assert_feasible_at_zero_duals(generator, list(range(10)))


@pytest.mark.slow
def test_generator_retry_instance24_cc() -> None:
    """Instance24's employee CC gets a feasible roster from the exact-minutes retry.

    CC is priced in the batch of all 50 employees with the same run limits, as the
    runner prices them. There the minute price alone finds no roster for CC.
    """
    instance = curtois_instance(24)
    target = instance.employee_ids.index("CC")
    generator = RosterGenerator(instance)
    assert not generator.exact_minutes
    batch = next(members for _, members in generator.batches if target in members)

    assert_feasible_at_zero_duals(generator, batch)
    assert generator.exact_retry is not None


@pytest.mark.parametrize("seed", [0, 1])
def test_generator_retries_exact_minutes(
    tiny_instance: Instance,
    tiny_feasible: list[list[np.ndarray]],
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    """When the minute price finds no roster, the exact-minutes retry finds a feasible one."""
    monkeypatch.setattr(roster_generator, "PRICED_PASSES", 0)
    generator = RosterGenerator(tiny_instance, exact_minutes=False)
    rng = np.random.default_rng(seed)
    duals = rng.uniform(-1, 10, size=(tiny_instance.horizon_days, len(tiny_instance.shift_types)))

    results = generator.price(duals)

    assert generator.exact_retry is not None
    for employee_index in range(len(tiny_instance.employees)):
        rosters = tiny_feasible[employee_index]
        best = min(reduced_cost(generator, employee_index, r, duals) for r in rosters)
        result = results[employee_index]
        assert result.roster is not None
        assert own_violations(tiny_instance, employee_index, result.roster) == []
        assert result.bound <= best + 1e-9


def test_generator_retry_respects_cell_limit(
    tiny_instance: Instance, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An employee whose exact program exceeds EXACT_RETRY_MAX_CELLS is not retried."""
    monkeypatch.setattr(roster_generator, "PRICED_PASSES", 0)
    monkeypatch.setattr(roster_generator, "EXACT_RETRY_MAX_CELLS", 0)
    generator = RosterGenerator(tiny_instance, exact_minutes=False)

    results = generator.price(
        np.zeros((tiny_instance.horizon_days, len(tiny_instance.shift_types)))
    )

    assert generator.exact_retry is None
    assert [result.roster for result in results.values()] == [None, None, None]


def test_generator_reports_impossible_employee(tmp_path: Path) -> None:
    """An employee whose minimum minutes cannot be met gets no roster, not a wrong one."""
    instance = write_instance(tmp_path, "Impossible", IMPOSSIBLE_INSTANCE)
    generator = RosterGenerator(instance)

    results = generator.price(np.zeros((instance.horizon_days, len(instance.shift_types))))

    assert results[2].roster is None
    assert results[0].roster is not None


def test_price_past_deadline_leaves_all_unpriced() -> None:
    """A pricing that may not start any pass returns every employee, unpriced."""
    instance = curtois_instance(1)
    generator = RosterGenerator(instance)
    duals = np.zeros((instance.horizon_days, len(instance.shift_types)))

    results = generator.price(duals, deadline=time.monotonic() - 1.0)

    assert sorted(results) == list(range(len(instance.employees)))
    assert all(result.roster is None for result in results.values())
    assert all(result.bound == -math.inf for result in results.values())


def test_price_reused_arrays_match_fresh_generator() -> None:
    """The program's arrays are refilled between pricings: nothing of an earlier one remains."""
    instance = curtois_instance(1)
    shape = (instance.horizon_days, len(instance.shift_types))
    first, second = (np.random.default_rng(seed).uniform(-1, 100, size=shape) for seed in (3, 4))
    used = RosterGenerator(instance)
    used.price(first)

    again = used.price(second)
    fresh = RosterGenerator(instance).price(second)

    for employee_index, result in fresh.items():
        reused = again[employee_index]
        assert reused.bound == result.bound
        assert reused.roster is not None and result.roster is not None
        assert np.array_equal(reused.roster, result.roster)


def assert_same_pricing(
    results: dict[int, PricingResult], expected: dict[int, PricingResult]
) -> None:
    """Check that every employee has the same bound and the same roster in both pricings."""
    assert sorted(results) == sorted(expected)
    for employee_index, result in expected.items():
        paired = results[employee_index]
        assert paired.bound == result.bound
        assert result.roster is not None
        assert paired.roster is not None
        assert np.array_equal(paired.roster, result.roster)


@pytest.mark.parametrize("exact_minutes", [True, False])
def test_two_threads_match_one(tiny_instance: Instance, exact_minutes: bool) -> None:
    """Pricing the batches on two threads gives each employee the same roster and bound."""
    shape = (tiny_instance.horizon_days, len(tiny_instance.shift_types))
    duals = np.random.default_rng(5).uniform(-1, 10, size=shape)
    alone = RosterGenerator(tiny_instance, exact_minutes=exact_minutes)
    paired = RosterGenerator(tiny_instance, exact_minutes=exact_minutes, threads=2)

    expected = alone.price(duals)
    results = paired.price(duals)

    assert_same_pricing(results, expected)


def test_two_threads_match_one_instance10() -> None:
    """Instance10's 40 employees, one batch cut in four pieces, price as they do on one thread."""
    instance = curtois_instance(10)
    shape = (instance.horizon_days, len(instance.shift_types))
    duals = np.random.default_rng(6).uniform(0, 100, size=shape)

    expected = RosterGenerator(instance).price(duals)
    results = RosterGenerator(instance, threads=2).price(duals)

    assert_same_pricing(results, expected)


# Nine days, two unrelated shift types of 480 minutes, one employee who may work
# every day but at most 3 N shifts. Flat duals (N worth 10 a day, D worth 4) make
# every N cell equally attractive, so a price on N switches all nine at once.
FLAT_INSTANCE = """\
SECTION_HORIZON
9

SECTION_SHIFTS
D,480,
N,480,

SECTION_STAFF
A,D=9|N=3,4320,0,9,1,1,2

SECTION_DAYS_OFF
A,

SECTION_SHIFT_ON_REQUESTS

SECTION_SHIFT_OFF_REQUESTS

SECTION_COVER
0,D,1,100,1
"""


@pytest.mark.parametrize("exact_minutes", [True, False], ids=["exact-minutes", "priced-minutes"])
def test_repair_finds_best_roster_under_flat_duals(tmp_path: Path, exact_minutes: bool) -> None:
    """A binding H3 limit under equal duals ends at its limit, not at no shifts of that type.

    The best roster works 3 N and 6 D (-54). Raising the price of N until the
    roster keeps H3 gives 9 D (-36); the repair must lower that price again.
    """
    instance = write_instance(tmp_path, "Flat", FLAT_INSTANCE)
    generator = RosterGenerator(instance, exact_minutes=exact_minutes)
    duals = np.tile([4.0, 10.0], (instance.horizon_days, 1))

    roster = generator.price(duals, refine=True)[0].roster

    assert roster is not None
    assert own_violations(instance, 0, roster) == []
    best = min(reduced_cost(generator, 0, r, duals) for r in feasible_rosters(instance, 0))
    assert best == -54
    assert reduced_cost(generator, 0, roster, duals) == best
