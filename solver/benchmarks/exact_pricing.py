"""Exact pricing with CP-SAT: each employee's cheapest roster at given duals, every rule kept.

The roster generator keeps H3 and H9 (and on large instances the minutes) only
as Lagrangian prices. Column generation can therefore stop while a roster with
a negative reduced cost still exists: on Instance5 the master stopped at
1144.17, above the optimum 1143, and on Instance8 at 1304.6 against 1300. The
dive and the column selection then choose from a pool that lacks the rosters of
the optimum.

Here CP-SAT solves one employee at a time, with the same rule helpers as the
full model and the reduced cost as objective. When every employee is solved to
optimality, the prices are exact and the Lagrangian bound is the LP bound.
"""

from __future__ import annotations

import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from solver.benchmarks import model as curtois_model
from solver.benchmarks.instance import Instance
from solver.benchmarks.roster_generator import OFF, FloatArray, PricingResult, RosterGenerator
from solver.engine import run_model
from solver.problem import SolveStatus

# CP-SAT needs integer objective coefficients: arc costs are rounded to 1/SCALE.
SCALE = 1000
# Time limit of one employee's solve, in seconds. On Instance8 one takes about 0.1 s.
EMPLOYEE_SECONDS = 1.0
# Every hard rule is per employee, so these are all the rule helpers of the full model.
EMPLOYEE_RULES = (
    curtois_model.add_fixed_days_off,
    curtois_model.add_max_shifts_per_type,
    curtois_model.add_total_minutes,
    curtois_model.add_max_consecutive_shifts,
    curtois_model.add_min_consecutive_shifts,
    curtois_model.add_min_consecutive_days_off,
    curtois_model.add_max_weekends,
)


@dataclass(frozen=True, slots=True)
class ExactPricing:
    """The results of one exact pricing and whether every employee was solved to optimality."""

    results: dict[int, PricingResult]
    complete: bool


@dataclass
class ExactPricer:
    """One CP-SAT model per employee, built on first use and re-solved at new duals."""

    instance: Instance
    generator: RosterGenerator
    threads: int = 1
    _models: dict[int, curtois_model.CurtoisModel] = field(init=False, default_factory=dict)
    _shift_index: dict[str, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._shift_index = {
            shift_id: index for index, shift_id in enumerate(self.instance.shift_ids)
        }

    def price(self, duals: FloatArray, deadline: float) -> ExactPricing:
        """Price every employee at `duals`, on `threads` threads, stopping at `deadline`."""

        def price_one(employee_index: int) -> tuple[PricingResult, bool]:
            return self._price_one(employee_index, duals, deadline)

        with ThreadPoolExecutor(max_workers=self.threads) as executor:
            outcomes = list(executor.map(price_one, range(len(self.instance.employees))))
        results = {index: result for index, (result, _) in enumerate(outcomes)}
        complete = all(optimal for _, optimal in outcomes)
        return ExactPricing(results, complete)

    def _price_one(
        self, employee_index: int, duals: FloatArray, deadline: float
    ) -> tuple[PricingResult, bool]:
        seconds = min(EMPLOYEE_SECONDS, deadline - time.monotonic())
        if seconds <= 0.01:
            return PricingResult(None, None, -math.inf), False
        curtois = self._model(employee_index)
        model = curtois.model.clone()
        terms = self.generator.terms[employee_index]
        arc_costs = terms.request_arc_cost - duals
        model.minimize(
            sum(
                round(SCALE * arc_costs[day, self._shift_index[shift_id]]) * variable
                for (_, day, shift_id), variable in curtois.assignment.items()
            )
        )
        run = run_model(model, time_limit_seconds=seconds, workers=1)
        roster = self._roster(curtois, run.solver) if run.has_solution else None
        bound = -math.inf if run.bound is None else self._bound(employee_index, run.bound)
        return PricingResult(roster, None, bound), run.status is SolveStatus.OPTIMAL

    def _bound(self, employee_index: int, scaled_bound: float) -> float:
        """Return a lower bound on the employee's reduced cost from CP-SAT's scaled bound.

        Each rounded coefficient is off by at most 1/(2·SCALE), and a roster works at
        most one shift a day.
        """
        rounding = self.instance.horizon_days / (2 * SCALE)
        return (
            self.generator.terms[employee_index].request_constant
            + scaled_bound / SCALE
            - (rounding)
        )

    def _model(self, employee_index: int) -> curtois_model.CurtoisModel:
        curtois = self._models.get(employee_index)
        if curtois is None:
            curtois = _employee_model(self.instance, employee_index)
            self._models[employee_index] = curtois
        return curtois

    def _roster(self, curtois: curtois_model.CurtoisModel, solver: cp_model.CpSolver) -> np.ndarray:
        roster = np.full(self.instance.horizon_days, OFF)
        for (_, day, shift_id), variable in curtois.assignment.items():
            if solver.boolean_value(variable):
                roster[day] = self._shift_index[shift_id]
        return roster


def _employee_model(instance: Instance, employee_index: int) -> curtois_model.CurtoisModel:
    """Return one employee's hard rules over the whole horizon, with no objective yet."""
    neighbourhood = curtois_model.Neighbourhood((employee_index,), 0, instance.horizon_days - 1)
    curtois = curtois_model.CurtoisModel(instance, neighbourhood)
    no_roster = curtois_model.empty_roster(instance)[employee_index]
    curtois_model.add_assignment_variables(curtois, employee_index, no_roster, hint=False)
    curtois_model.add_shift_rotation(curtois, employee_index)
    employee = instance.employees[employee_index]
    for add_rule in EMPLOYEE_RULES:
        add_rule(curtois, employee_index, employee)
    return curtois
