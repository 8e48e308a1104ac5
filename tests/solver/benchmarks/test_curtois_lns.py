"""The LNS on Curtois & Qu rosters: two sub-solves side by side, on disjoint neighbourhoods."""

from __future__ import annotations

import random
import time

import pytest

from solver.benchmarks import runner
from solver.benchmarks.column_generation import ColumnGeneration
from solver.benchmarks.evaluate import evaluate_roster
from solver.benchmarks.exact_pricing import ExactPricer
from solver.benchmarks.instance import Instance
from solver.benchmarks.lns import LargeNeighbourhoodSearch
from solver.benchmarks.model import IndexedRoster, Neighbourhood, build_model
from solver.benchmarks.neighbourhoods import NeighbourhoodPicker
from solver.benchmarks.roster_generator import RosterGenerator
from solver.benchmarks.search_state import SearchState
from solver.benchmarks.solution import RosterLine
from solver.engine import run_model
from tests.solver.benchmarks.conftest import public_instance


def start_state(instance: Instance) -> SearchState:
    """Return the run's start roster (zero duals, no cover), with no bound."""
    generator = RosterGenerator(instance, threads=2)
    generation = ColumnGeneration(instance, generator, ExactPricer(instance, generator))
    state = runner._start(instance, generation, time.monotonic() + 30, workers=2)
    assert state is not None
    return state


def evaluated_cost(instance: Instance, roster: IndexedRoster) -> int:
    """Return the evaluator's cost of `roster`, which must keep every hard rule."""
    lines = [
        RosterLine(employee_id, tuple(roster[index]))
        for index, employee_id in enumerate(instance.employee_ids)
    ]
    evaluation = evaluate_roster(instance, lines)
    assert evaluation.violations == ()
    return evaluation.objective


def search(
    instance: Instance,
    state: SearchState,
    *,
    seconds: float,
    workers: int,
    side_by_side: bool = True,
) -> LargeNeighbourhoodSearch:
    return LargeNeighbourhoodSearch(
        instance,
        state,
        deadline=time.monotonic() + seconds,
        workers=workers,
        rng=random.Random(0),
        on_improvement=lambda: None,
        side_by_side=side_by_side,
    )


def test_lns_lowers_start_roster_feasibly(instance5: Instance) -> None:
    """Two seconds of LNS from the start roster (which ignores cover) lower its cost,
    mostly two sub-solves at a time, and the evaluator agrees with the cost it claims."""
    state = start_state(instance5)
    start_objective = state.objective

    lns = search(instance5, state, seconds=2, workers=2)
    lns.run()

    assert state.lns_iterations > 0
    assert lns.shared_sub_solves > 0
    assert state.objective < start_objective
    assert evaluated_cost(instance5, state.incumbent) == state.objective


def test_full_neighbourhoods_run_alone(instance1: Instance) -> None:
    """Instance1 has 8 employees, and its neighbourhoods soon free all of them:
    no employee is left for a second sub-solve, so each runs alone with both workers."""
    state = start_state(instance1)

    lns = search(instance1, state, seconds=1, workers=2)
    lns.run()

    assert lns.picker.employee_counts[7] == len(instance1.employees)
    assert lns.shared_sub_solves < state.lns_iterations
    assert evaluated_cost(instance1, state.incumbent) == state.objective


def test_one_at_a_time_when_asked(instance5: Instance) -> None:
    """Without side by side, every sub-solve has both workers to itself."""
    state = start_state(instance5)
    start_objective = state.objective

    lns = search(instance5, state, seconds=1, workers=2, side_by_side=False)
    lns.run()

    assert state.lns_iterations > 0
    assert lns.shared_sub_solves == 0
    assert state.objective < start_objective
    assert evaluated_cost(instance5, state.incumbent) == state.objective


def test_one_worker_never_shares(instance1: Instance) -> None:
    """With a single worker there is nothing to share: every sub-solve runs alone."""
    state = start_state(instance1)

    lns = search(instance1, state, seconds=1, workers=1)
    lns.run()

    assert state.lns_iterations > 0
    assert lns.shared_sub_solves == 0
    assert evaluated_cost(instance1, state.incumbent) == state.objective


def test_disjoint_savings_add_up(instance1: Instance) -> None:
    """Two sub-models with no day and no employee in common, solved from the same roster,
    save together what each saves alone: the premise of running them side by side."""
    start = start_state(instance1).incumbent
    start_cost = evaluated_cost(instance1, start)
    first = Neighbourhood((0, 2, 4), 0, 6)
    second = Neighbourhood((1, 3, 5), 7, 13)

    combined = [list(days) for days in start]
    savings = []
    for neighbourhood in (first, second):
        curtois = build_model(instance1, neighbourhood, start)
        run = run_model(curtois.model, time_limit_seconds=5, workers=1)
        assert run.objective is not None
        solved = curtois.read_roster(run.solver, start)
        savings.append(start_cost - round(run.objective))
        for employee_index in neighbourhood.employee_indexes:
            for day in range(neighbourhood.first_day, neighbourhood.last_day + 1):
                combined[employee_index][day] = solved[employee_index][day]

    assert sum(savings) > 0
    assert evaluated_cost(instance1, combined) == start_cost - sum(savings)


def test_pick_beside_is_disjoint(instance1: Instance) -> None:
    """A neighbourhood picked beside another has none of its days and none of its employees."""
    roster = start_state(instance1).incumbent
    beside = Neighbourhood((0, 1, 2), 5, 8)

    for seed in range(50):
        picker = NeighbourhoodPicker(instance1, random.Random(seed))
        picked = picker.pick(roster, beside=beside)
        assert picked is not None
        assert not set(picked.employee_indexes) & set(beside.employee_indexes)
        assert picked.last_day < beside.first_day or picked.first_day > beside.last_day


def test_whole_horizon_leaves_no_room(instance1: Instance) -> None:
    """A window over every day leaves no room: the LNS runs it alone with every worker."""
    roster = start_state(instance1).incumbent
    picker = NeighbourhoodPicker(instance1, random.Random(0))
    whole_horizon = Neighbourhood((0,), 0, instance1.horizon_days - 1)

    assert picker.leaves_room_beside(whole_horizon) is False
    assert picker.pick(roster, beside=whole_horizon) is None
    assert picker.leaves_room_beside(Neighbourhood((0,), 0, 6)) is True


@pytest.mark.parametrize(
    ("number", "paired"),
    [(8, False), (13, False), (18, False), (19, True), (20, True), (24, True)],
)
def test_runner_pairs_sub_solves_on_long_large_instances(number: int, paired: bool) -> None:
    """Side by side needs room for two windows (84 days) and slow sub-solves (10,000 cells)."""
    assert runner._pairs_sub_solves(public_instance(number)) is paired
