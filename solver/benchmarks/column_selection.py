"""Choose one generated roster per employee with CP-SAT (the restricted master as an integer model).

Every column is a roster that the DP built and that keeps all per-employee hard
rules, so any choice of one column per employee is a feasible roster for the
whole instance. The objective is the benchmark cost: column request costs plus
100 per person short and 1 per person too many on each cover line.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import numpy as np
from ortools.sat.python import cp_model

from solver.benchmarks.column_generation import (
    Column,
    ColumnGeneration,
    roster_indexes,
    roster_shift_ids,
)
from solver.benchmarks.model import IndexedRoster
from solver.benchmarks.roster_generator import IntArray
from solver.engine import run_model

logger = logging.getLogger(__name__)

# No probing in the presolve: on Instance12 (5635 columns) probing alone took 1.5 s,
# and the 3 s of the selection ended in the presolve, with no solution.
SEARCH_PARAMETERS = {"cp_model_probing_level": 0}


def select_columns(
    generation: ColumnGeneration,
    *,
    time_limit_seconds: float,
    workers: int,
    hint: IndexedRoster | None = None,
    lower_bound: int | None = None,
) -> tuple[IndexedRoster, int] | None:
    """Return the best roster made of pool columns and its cost, or None if none was found.

    `hint` seeds the search with the pool columns equal to its employee rosters;
    `lower_bound` is a proven bound on the cost, which lets CP-SAT stop once it is met.
    """
    instance = generation.instance
    model = cp_model.CpModel()
    by_employee: dict[int, list[tuple[Column, cp_model.IntVar]]] = defaultdict(list)
    staffed: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    hinted = set()
    if hint is not None:
        hinted = {
            (index, roster_indexes(instance, days).tobytes()) for index, days in enumerate(hint)
        }
    for number, column in enumerate(generation.columns):
        chosen = model.new_bool_var(f"employee{column.employee_index}_roster{number}")
        by_employee[column.employee_index].append((column, chosen))
        for worked_day in np.nonzero(column.roster >= 0)[0]:
            staffed[int(worked_day), int(column.roster[worked_day])].append(chosen)
        if hinted:
            model.add_hint(chosen, (column.employee_index, column.roster.tobytes()) in hinted)
    if len(by_employee) < len(instance.employees):
        return None
    objective: list[cp_model.LinearExprT] = []
    for choices in by_employee.values():
        model.add_exactly_one(chosen for _, chosen in choices)
        objective.extend(round(column.cost) * chosen for column, chosen in choices)
    hinted_staff = _hinted_staff(generation, hinted)
    for day in range(generation.days):
        for shift in range(generation.shift_count):
            penalty = _cover_penalty(
                model, generation, day, shift, staffed[day, shift], hinted_staff
            )
            objective.append(penalty)
    total = sum(objective)
    if lower_bound is not None:
        model.add(total >= lower_bound)
    model.minimize(total)
    run = run_model(
        model,
        time_limit_seconds=time_limit_seconds,
        workers=workers,
        parameters=SEARCH_PARAMETERS,
    )
    logger.info(
        "column selection over %s columns: %s objective %s", len(generation.columns),
        run.status, run.objective,
    )  # fmt: skip
    if not run.has_solution or run.objective is None:
        return None
    roster: IndexedRoster = [[None] * generation.days for _ in instance.employees]
    for employee_index, choices in by_employee.items():
        for column, chosen in choices:
            if run.solver.boolean_value(chosen):
                roster[employee_index] = roster_shift_ids(instance, column.roster)
    return roster, round(run.objective)


def _hinted_staff(generation: ColumnGeneration, hinted: set[tuple[int, bytes]]) -> IntArray | None:
    """Return the people per (day, shift) of the hinted roster, or None without a hint."""
    if not hinted:
        return None
    staff = np.zeros((generation.days, generation.shift_count), dtype=np.int64)
    for column in generation.columns:
        if (column.employee_index, column.roster.tobytes()) in hinted:
            worked = np.nonzero(column.roster >= 0)[0]
            np.add.at(staff, (worked, column.roster[worked]), 1)
    return staff


def _cover_penalty(
    model: cp_model.CpModel,
    generation: ColumnGeneration,
    day: int,
    shift: int,
    staffed: list[cp_model.IntVar],
    hinted_staff: IntArray | None,
) -> cp_model.LinearExprT:
    """Return the cover cost of one line, with its shortfall and surplus hinted.

    Without hints for these two variables CP-SAT reports the hint as incomplete
    and its first solutions ignore it.
    """
    requirement = int(generation.requirement[day, shift])
    under_weight = int(generation.under_weight[day, shift])
    over_weight = int(generation.over_weight[day, shift])
    if not staffed:
        return under_weight * requirement
    under = model.new_int_var(0, requirement, f"day{day}_shift{shift}_under")
    over = model.new_int_var(0, len(staffed), f"day{day}_shift{shift}_over")
    model.add(sum(staffed) + under - over == requirement)
    if hinted_staff is not None:
        people = int(hinted_staff[day, shift])
        model.add_hint(under, max(0, requirement - people))
        model.add_hint(over, max(0, people - requirement))
    return under_weight * under + over_weight * over
