"""A short real solve, through the runner and through `vaktbot bench curtois`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solver.benchmarks import roster_generator, runner
from solver.benchmarks.column_generation import ColumnGeneration, MasterLPError
from solver.benchmarks.column_selection import select_columns
from solver.benchmarks.evaluate import Evaluation, evaluate_roster
from solver.benchmarks.exact_pricing import ExactPricer
from solver.benchmarks.instance import Instance, read_instance
from solver.benchmarks.model import Neighbourhood, build_model
from solver.benchmarks.roster_generator import RosterGenerator
from solver.benchmarks.runner import BenchmarkRun, solve_curtois
from solver.benchmarks.solution import RosterLine
from solver.engine import run_model
from solver.problem import SolveStatus
from tests.solver.benchmarks.curtois_builders import (
    IMPOSSIBLE_INSTANCE,
    TINY_INSTANCE,
    write_instance,
)

CURTOIS_FOLDER = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "curtois-qu"
INSTANCE1 = CURTOIS_FOLDER / "Instance1.txt"
INSTANCE1_OPTIMUM = 607

needs_data = pytest.mark.skipif(
    not INSTANCE1.is_file(), reason=f"Curtois & Qu data not found at {CURTOIS_FOLDER}"
)


def evaluate_run(instance: Instance, run: BenchmarkRun) -> Evaluation:
    """Return the evaluator's verdict on the roster of `run`, which must have one."""
    assert run.roster is not None
    lines = [RosterLine(employee_id, tuple(days)) for employee_id, days in run.roster.items()]
    return evaluate_roster(instance, lines)


@needs_data
def test_instance1_solve_is_feasible() -> None:
    """A few seconds give a roster the evaluator finds feasible, at the cost the solver claims."""
    instance = read_instance(INSTANCE1)

    run = solve_curtois(instance, time_limit_seconds=5, workers=2)

    evaluation = evaluate_run(instance, run)
    assert evaluation.violations == ()
    assert evaluation.objective == run.objective
    assert run.bound is not None
    assert run.bound <= evaluation.objective


@needs_data
def test_failing_master_lp_keeps_roster(monkeypatch: pytest.MonkeyPatch) -> None:
    """A master LP that GLOP cannot solve ends the LP phases, but not the column selection."""
    instance = read_instance(INSTANCE1)
    selections: list[int] = []

    def fail(generation: ColumnGeneration, deadline: float | None = None) -> None:
        raise MasterLPError("master LP not solved to optimality (status 4)")

    def recorded_selection(generation: ColumnGeneration, **options: object) -> object:
        selections.append(len(generation.columns))
        return select_columns(generation, **options)

    monkeypatch.setattr(ColumnGeneration, "solve_master", fail)
    monkeypatch.setattr(runner, "select_columns", recorded_selection)

    run = solve_curtois(instance, time_limit_seconds=5, workers=2)

    evaluation = evaluate_run(instance, run)
    assert evaluation.violations == ()
    assert evaluation.objective == run.objective
    assert len(selections) == 1


@needs_data
def test_slow_pricing_skips_column_phases(monkeypatch: pytest.MonkeyPatch) -> None:
    """When column generation's share fits too few pricings, the run skips it and the
    column selection, and the phases after them still give a feasible roster."""
    instance = read_instance(INSTANCE1)
    selections: list[int] = []

    def recorded_selection(generation: ColumnGeneration, **options: object) -> object:
        selections.append(len(generation.columns))
        return select_columns(generation, **options)

    monkeypatch.setattr(runner, "select_columns", recorded_selection)
    monkeypatch.setattr(runner, "START_BEST_RESPONSE_MIN_CELLS", 0)
    monkeypatch.setattr(runner, "MIN_GENERATION_ROUNDS", 1_000_000)

    run = solve_curtois(instance, time_limit_seconds=3, workers=2)

    evaluation = evaluate_run(instance, run)
    assert evaluation.violations == ()
    assert evaluation.objective == run.objective
    assert selections == []


@needs_data
@pytest.mark.parametrize(
    ("instance_number", "pricing_seconds", "fits"),
    [(19, 5.0, True), (19, 7.0, False), (1, 100.0, True)],
)
def test_column_phases_need_two_pricings_on_large_instances(
    instance_number: int, pricing_seconds: float, fits: bool
) -> None:
    """At 60 s column generation has 12 s: two pricings of 5 s fit, of 7 s not.

    An instance too small for best responses on its start roster always runs the
    phases, because its first pricing may include the compilation.
    """
    instance = read_instance(CURTOIS_FOLDER / f"Instance{instance_number}.txt")
    generator = RosterGenerator(instance, threads=1)
    generation = ColumnGeneration(instance, generator, ExactPricer(instance, generator))
    generation.max_pricing_seconds = pricing_seconds

    assert runner._column_phases_fit(instance, generation, time_limit_seconds=60) is fits


@needs_data
def test_neighbourhood_keeps_roster_feasible() -> None:
    """A sub-model over two employees and one week changes only them and stays feasible."""
    instance = read_instance(INSTANCE1)
    start = solve_curtois(instance, time_limit_seconds=2, workers=2)
    assert start.roster is not None
    incumbent = [start.roster[employee_id] for employee_id in instance.employee_ids]
    neighbourhood = Neighbourhood(employee_indexes=(1, 4), first_day=3, last_day=9)

    curtois = build_model(instance, neighbourhood, incumbent)
    run = run_model(curtois.model, time_limit_seconds=2, workers=2)
    roster = curtois.read_roster(run.solver, incumbent)

    unchanged = [
        (employee_index, day)
        for employee_index in range(len(instance.employees))
        for day in range(instance.horizon_days)
        if employee_index not in (1, 4) or not 3 <= day <= 9
    ]
    assert all(roster[e][d] == incumbent[e][d] for e, d in unchanged)
    lines = [
        RosterLine(employee_id, tuple(roster[index]))
        for index, employee_id in enumerate(instance.employee_ids)
    ]
    evaluation = evaluate_roster(instance, lines)
    assert evaluation.violations == ()
    assert evaluation.objective == run.objective


@needs_data
@pytest.mark.parametrize(
    "neighbourhood",
    [
        Neighbourhood((0, 5), 0, 2),
        Neighbourhood((2,), 6, 8),
        Neighbourhood((1, 3, 6), 11, 13),
        Neighbourhood((0, 1, 2, 3, 4, 5, 6, 7), 4, 4),
    ],
)
def test_sub_model_allows_what_the_full_model_allows(neighbourhood: Neighbourhood) -> None:
    """A sub-model builds only the rules that touch its days, yet forbids nothing more or less.

    Its optimum equals that of the full model with every cell outside the
    neighbourhood fixed to the incumbent, at the horizon's edges as well.
    """
    instance = read_instance(INSTANCE1)
    start = solve_curtois(instance, time_limit_seconds=1, workers=2)
    assert start.roster is not None
    incumbent = [start.roster[employee_id] for employee_id in instance.employee_ids]

    sub_model = build_model(instance, neighbourhood, incumbent)
    full_model = build_model(instance)
    for (employee_index, day, shift_id), variable in full_model.assignment.items():
        inside = employee_index in neighbourhood.employee_indexes and (
            neighbourhood.first_day <= day <= neighbourhood.last_day
        )
        if not inside:
            full_model.model.add(variable == (incumbent[employee_index][day] == shift_id))
    sub_run = run_model(sub_model.model, time_limit_seconds=20, workers=2)
    full_run = run_model(full_model.model, time_limit_seconds=20, workers=2)

    assert sub_run.status is SolveStatus.OPTIMAL
    assert full_run.status is SolveStatus.OPTIMAL
    assert sub_run.objective == full_run.objective


@needs_data
@pytest.mark.parametrize("neighbourhood", [None, Neighbourhood((0, 3, 7), 5, 19)])
def test_incumbent_hint_is_complete_and_feasible(neighbourhood: Neighbourhood | None) -> None:
    """Every free variable of a model built around an incumbent gets the incumbent's value as hint.

    Fixed to its hint, the model is solved at once at the incumbent's cost. A
    partial hint must be completed by CP-SAT, which often fails at it.
    """
    instance = read_instance(INSTANCE1)
    start = solve_curtois(instance, time_limit_seconds=2, workers=2)
    assert start.roster is not None
    incumbent = [start.roster[employee_id] for employee_id in instance.employee_ids]

    curtois = build_model(instance, neighbourhood, incumbent)

    proto = curtois.model.proto
    variables = enumerate(proto.variables)
    free = {index for index, variable in variables if len(set(variable.domain)) > 1}
    assert free <= set(proto.solution_hint.vars)
    parameters = {"fix_variables_to_their_hinted_value": True}
    run = run_model(curtois.model, time_limit_seconds=5, workers=1, parameters=parameters)
    assert run.status is SolveStatus.OPTIMAL
    assert run.objective == start.objective


def test_start_falls_back_to_cp_sat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Employees without a generated roster get one from CP-SAT, and the run stays feasible."""
    monkeypatch.setattr(roster_generator, "MAX_STATE_CELLS", 0)
    monkeypatch.setattr(roster_generator, "PRICED_PASSES", 0)
    monkeypatch.setattr(roster_generator, "EXACT_RETRY_MAX_CELLS", 0)
    instance = write_instance(tmp_path, "Tiny", TINY_INSTANCE)
    zero_duals = np.zeros((instance.horizon_days, len(instance.shift_types)))
    generated = RosterGenerator(instance).price(zero_duals)
    assert [result.roster for result in generated.values()] == [None, None, None]

    run = solve_curtois(instance, time_limit_seconds=2, workers=2)

    assert run.status != "NO_SOLUTION"
    assert run.roster is not None
    lines = [RosterLine(employee_id, tuple(days)) for employee_id, days in run.roster.items()]
    evaluation = evaluate_roster(instance, lines)
    assert evaluation.violations == ()
    assert evaluation.objective == run.objective


def test_impossible_employee_gives_no_roster(tmp_path: Path) -> None:
    """An employee with no feasible roster ends the run with no roster, before the time limit."""
    instance = write_instance(tmp_path, "Impossible", IMPOSSIBLE_INSTANCE)

    run = solve_curtois(instance, time_limit_seconds=10, workers=2)

    assert run.status == "NO_SOLUTION"
    assert run.roster is None
    assert run.wall_seconds < 5
