"""Specification of the shared CP-SAT runner: status, progress, cancellation."""

from __future__ import annotations

import itertools
import threading

import pytest
from ortools.sat.python import cp_model

from solver.engine import Progress, configure_solver, run_model
from solver.problem import SolveStatus


def small_knapsack() -> tuple[cp_model.CpModel, list[cp_model.IntVar]]:
    model = cp_model.CpModel()
    items = [model.new_bool_var(f"item{index}") for index in range(4)]
    model.add(cp_model.LinearExpr.weighted_sum(items, [3, 4, 5, 6]) <= 10)
    model.maximize(cp_model.LinearExpr.weighted_sum(items, [4, 5, 6, 7]))
    return model, items


def test_run_model_finds_optimum() -> None:
    """A knapsack of 4 items: the best value is 12 (items 2 and 3 … or 0, 1 and 2)."""
    model, _ = small_knapsack()

    run = run_model(model, time_limit_seconds=5, workers=1)

    assert run.status is SolveStatus.OPTIMAL
    assert run.objective == 12
    assert run.bound == 12
    assert run.solutions_found >= 1
    assert run.first_solution_seconds is not None


def test_infeasible_model_has_no_objective() -> None:
    """x ≥ 1 and x ≤ 0 cannot hold: INFEASIBLE, no objective or bound."""
    model = cp_model.CpModel()
    flag = model.new_bool_var("flag")
    model.add(flag >= 1)
    model.add(flag <= 0)

    run = run_model(model, time_limit_seconds=5, workers=1)

    assert run.status is SolveStatus.INFEASIBLE
    assert run.objective is None
    assert run.bound is None


def test_progress_sees_each_solution() -> None:
    """The callback receives Progress values with the objective of each solution."""
    model, _ = small_knapsack()
    seen: list[Progress] = []

    run_model(model, time_limit_seconds=5, workers=1, on_progress=seen.append)

    assert seen
    assert seen[-1].objective == 12


def test_failing_progress_callback_does_not_stop_the_solve() -> None:
    """An exception in the listener is logged and the solve still finishes."""
    model, _ = small_knapsack()

    def broken(progress: Progress) -> None:
        raise RuntimeError("listener bug")

    run = run_model(model, time_limit_seconds=5, workers=1, on_progress=broken)

    assert run.status is SolveStatus.OPTIMAL


def test_cancel_before_start_stops_quickly() -> None:
    """A cancel event set before the solve ends a 60 s search almost at once."""
    model = cp_model.CpModel()
    values = [model.new_int_var(0, 1000, f"value{index}") for index in range(60)]
    for first, second in itertools.pairwise(values):
        model.add(first != second)
    model.add_all_different(values[:30])
    model.maximize(cp_model.LinearExpr.sum(values))
    cancel = threading.Event()
    cancel.set()

    run = run_model(model, time_limit_seconds=60, workers=1, cancel=cancel)

    assert run.cancelled
    assert run.wall_seconds < 10


def test_relative_gap() -> None:
    """The gap is |objective − bound| relative to the objective, None before a solution."""
    assert Progress(1.0, 200.0, 150.0, 3).relative_gap == 0.25
    assert Progress(1.0, None, 150.0, 0).relative_gap is None


def test_parameters_fill_repeated_fields() -> None:
    """A list fills a repeated field such as the subsolvers, replacing what it held."""
    solver = configure_solver(
        time_limit_seconds=1.0,
        workers=2,
        parameters={"subsolvers": ["max_lp"], "linearization_level": 2},
    )

    assert list(solver.parameters.subsolvers) == ["max_lp"]
    assert solver.parameters.linearization_level == 2


def test_single_subsolver_finds_optimum() -> None:
    model, _ = small_knapsack()

    run = run_model(model, time_limit_seconds=5, workers=2, parameters={"subsolvers": ("max_lp",)})

    assert run.status is SolveStatus.OPTIMAL
    assert run.objective == 12


@pytest.mark.parametrize(
    ("time_limit", "workers"),
    [
        pytest.param(0.0, 1, id="zero-time"),
        pytest.param(float("nan"), 1, id="nan-time"),
        pytest.param(1.0, 0, id="no-workers"),
    ],
)
def test_bad_options_raise(time_limit: float, workers: int) -> None:
    """Options that CP-SAT would misread are refused with a ValueError."""
    model, _ = small_knapsack()

    with pytest.raises(ValueError):
        run_model(model, time_limit_seconds=time_limit, workers=workers)
