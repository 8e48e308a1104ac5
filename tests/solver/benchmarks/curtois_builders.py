"""Small hand-made Curtois & Qu instances shared by the benchmark tests."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from solver.benchmarks.column_generation import roster_shift_ids
from solver.benchmarks.evaluate import evaluate_roster
from solver.benchmarks.instance import Instance, read_instance
from solver.benchmarks.roster_generator import OFF, IntArray, RosterGenerator
from solver.benchmarks.solution import RosterLine

# Nine days (Monday to Tuesday of the next week), two shift types: N may not be
# followed by D. Employee A: at most 3 N, 4–6 shifts of 480 minutes, 2–4 working days
# in a row, at least 2 days off in a row, no weekend, day 8 fixed off. Employee B:
# N is 600 minutes long for everybody, so B's window of 1440–2400 minutes mixes
# lengths, and B may work 1 weekend. Employee C may never work N.
TINY_INSTANCE = """\
SECTION_HORIZON
9

SECTION_SHIFTS
D,480,
N,600,D

SECTION_STAFF
A,D=9|N=3,2880,1920,4,2,2,0
B,D=9|N=9,2400,1440,3,1,1,1
C,D=9|N=0,4320,0,5,2,3,1

SECTION_DAYS_OFF
A,8
B,
C,2

SECTION_SHIFT_ON_REQUESTS
A,0,N,2
B,4,D,3

SECTION_SHIFT_OFF_REQUESTS
C,1,D,1

SECTION_COVER
0,D,1,100,1
"""

# The same, except that employee C must work at least 4000 minutes: 8 day shifts of
# 480 minutes at most (day 2 is fixed off), so C has no feasible roster.
IMPOSSIBLE_INSTANCE = TINY_INSTANCE.replace(
    "C,D=9|N=0,4320,0,5,2,3,1", "C,D=9|N=0,4320,4000,5,2,3,1"
)


def write_instance(folder: Path, name: str, text: str) -> Instance:
    """Write `text` as `name`.txt in `folder` and read it back."""
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="ascii")
    return read_instance(path)


def own_violations(instance: Instance, employee_index: int, roster: np.ndarray) -> list[str]:
    """Return the evaluator's hard-rule violations for one employee's roster alone."""
    employee_id = instance.employee_ids[employee_index]
    return violations_by_employee(instance, {employee_index: roster})[employee_id]


def violations_by_employee(
    instance: Instance, rosters: dict[int, np.ndarray]
) -> dict[str, list[str]]:
    """Return per employee of `rosters` the evaluator's hard-rule violations of that roster.

    Everybody else is off all horizon, and one evaluation checks all `rosters`.
    """
    lines = [
        RosterLine(employee_id, (None,) * instance.horizon_days)
        for employee_id in instance.employee_ids
    ]
    for employee_index, roster in rosters.items():
        shifts = tuple(None if shift == OFF else instance.shift_ids[shift] for shift in roster)
        lines[employee_index] = RosterLine(instance.employee_ids[employee_index], shifts)
    evaluation = evaluate_roster(instance, lines)
    found: dict[str, list[str]] = {instance.employee_ids[index]: [] for index in rosters}
    for violation in evaluation.violations:
        if violation.employee_id in found:
            found[violation.employee_id].append(f"{violation.rule}: {violation.message}")
    return found


def reduced_cost(
    generator: RosterGenerator, employee_index: int, roster: np.ndarray, duals: np.ndarray
) -> float:
    days = np.nonzero(roster >= 0)[0]
    return generator.roster_cost(employee_index, roster) - float(duals[days, roster[days]].sum())


def feasible_rosters(instance: Instance, employee_index: int) -> list[np.ndarray]:
    """Enumerate every roster of one employee that the evaluator accepts."""
    choices = [OFF, *range(len(instance.shift_types))]
    rosters = []
    for days in itertools.product(choices, repeat=instance.horizon_days):
        roster = np.array(days)
        if not own_violations(instance, employee_index, roster):
            rosters.append(roster)
    return rosters


def evaluated_objective(instance: Instance, rosters: list[IntArray]) -> int:
    """Return the evaluator's objective of `rosters`, after asserting they are feasible."""
    lines = [
        RosterLine(employee_id, tuple(roster_shift_ids(instance, roster)))
        for employee_id, roster in zip(instance.employee_ids, rosters, strict=True)
    ]
    evaluation = evaluate_roster(instance, lines)
    assert evaluation.violations == ()
    return evaluation.objective
