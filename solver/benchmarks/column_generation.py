"""Column generation for a Curtois & Qu instance: a master LP over rosters, priced by the DP.

The master LP chooses, for every employee, a convex combination of that
employee's rosters (the columns), and pays 100 per person short and 1 per person
too many on each cover line, as the benchmark does:

    min  Σ_e Σ_p cost_p·λ_p + Σ_(d,s) (under_weight·u_ds + over_weight·o_ds)
    s.t. Σ_p λ_p = 1                                   for every employee e (dual π_e)
         Σ_e Σ_p works_p(d,s)·λ_p + u_ds − o_ds = req_ds  for every cover line (dual y_ds)

GLOP solves it, and `RosterGenerator` prices new rosters with the cover duals.
For any duals y with −over_weight ≤ y_ds ≤ under_weight, the Lagrangian bound
Σ req·y + Σ_e min_p (cost_p − Σ y·works_p) is a lower bound on every roster's
cost. The DP's per-employee bound takes the place of the inner minimum, so the
bound stays valid when H3, H9 or the minutes are only priced (Lagrangian), not
enforced, in the DP.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.linear_solver import pywraplp

from solver.benchmarks.exact_pricing import ExactPricer
from solver.benchmarks.instance import Instance
from solver.benchmarks.roster_generator import (
    OFF,
    FloatArray,
    IntArray,
    PricingResult,
    RosterGenerator,
)

logger = logging.getLogger(__name__)

# A column enters the master when its reduced cost is below −REDUCED_COST_TOLERANCE.
REDUCED_COST_TOLERANCE = 1e-6
# Column generation stops when the bound is within this of the LP value.
BOUND_TOLERANCE = 1e-4
# GLOP's time limit when the caller gives no deadline: ten days, in milliseconds.
LP_TIME_LIMIT_NONE_MS = 864_000_000
# Cost of the artificial column that keeps each convexity row feasible before any roster.
ARTIFICIAL_COST_FACTOR = 10.0
# Wentges smoothing: price at this mix of the best-bound duals and the latest LP duals.
SMOOTHING = 0.5
# Subgradient step for the Lagrangian prices of H3 and H9, as a share of the largest
# under weight per unit of over-use, and its decay per pricing round.
PENALTY_STEP_SHARE = 0.05
PENALTY_STEP_DECAY = 0.97


class MasterLPError(RuntimeError):
    """The master LP could not be solved to optimality, even from scratch."""


def roster_indexes(instance: Instance, days: Sequence[str | None]) -> IntArray:
    """Return one employee's roster as shift indexes per day, OFF for a day off."""
    index_by_id = {shift_id: index for index, shift_id in enumerate(instance.shift_ids)}
    return np.array([OFF if shift_id is None else index_by_id[shift_id] for shift_id in days])


def roster_shift_ids(instance: Instance, roster: IntArray) -> list[str | None]:
    """Return one employee's roster as shift IDs per day, None for a day off."""
    return [None if shift < 0 else instance.shift_ids[shift] for shift in roster]


@dataclass(frozen=True, slots=True)
class Column:
    employee_index: int
    roster: IntArray  # shift index per day, OFF (-1) for a day off
    cost: float  # request cost of the roster


@dataclass
class ColumnGeneration:
    """The master LP, its column pool and the best Lagrangian bound found so far."""

    instance: Instance
    generator: RosterGenerator
    # Prices exactly with CP-SAT once the generator finds no more rosters; None: never.
    exact_pricer: ExactPricer | None = None
    columns: list[Column] = field(default_factory=list)
    bound: float = -math.inf  # best Lagrangian lower bound on the benchmark cost
    lp_value: float = math.inf
    iterations: int = 0
    converged: bool = False
    lp_seconds: float = 0.0
    pricing_seconds: float = 0.0
    # Maximum duration of one pricing and of one master solve so far: the time the
    # next one is expected to take.
    max_pricing_seconds: float = 0.0
    max_lp_seconds: float = 0.0
    exact_rounds: int = 0
    exact_seconds: float = 0.0
    # Whether the last exact pricing found no roster with a negative reduced cost.
    exactly_converged: bool = False

    def __post_init__(self) -> None:
        instance = self.instance
        self.days = instance.horizon_days
        self.shift_count = len(instance.shift_types)
        self.requirement = np.zeros((self.days, self.shift_count))
        self.under_weight = np.zeros((self.days, self.shift_count))
        self.over_weight = np.zeros((self.days, self.shift_count))
        shift_index = {shift_id: index for index, shift_id in enumerate(instance.shift_ids)}
        for cover in instance.cover:
            position = (cover.day, shift_index[cover.shift_id])
            self.requirement[position] = cover.requirement
            self.under_weight[position] = cover.weight_under
            self.over_weight[position] = cover.weight_over
        self._seen: set[tuple[int, bytes]] = set()
        self._build_master()
        self.best_duals = np.zeros((self.days, self.shift_count))
        self.lp_duals = self.best_duals
        employee_total = len(instance.employees)
        self.shift_penalty = np.zeros((employee_total, self.shift_count))
        self.weekend_penalty = np.zeros(employee_total)
        self.penalty_step = PENALTY_STEP_SHARE * max(1.0, float(self.under_weight.max()))

    def _build_master(self) -> None:
        solver = pywraplp.Solver.CreateSolver("GLOP")
        if solver is None:
            raise RuntimeError("OR-Tools was built without the GLOP linear solver")
        self.solver = solver
        infinity = solver.infinity()
        objective = solver.Objective()
        artificial_cost = ARTIFICIAL_COST_FACTOR * max(
            1.0, float((self.requirement * self.under_weight).sum())
        )
        self.convexity = []
        self.artificials = []
        for employee_index in range(len(self.instance.employees)):
            row = solver.Constraint(1.0, 1.0, f"convexity_{employee_index}")
            artificial = solver.NumVar(0.0, infinity, f"artificial_{employee_index}")
            row.SetCoefficient(artificial, 1.0)
            objective.SetCoefficient(artificial, artificial_cost)
            self.convexity.append(row)
            self.artificials.append(artificial)
        self.cover_rows: list[list[pywraplp.Constraint]] = []
        for day in range(self.days):
            rows = []
            for shift in range(self.shift_count):
                requirement = float(self.requirement[day, shift])
                row = solver.Constraint(requirement, requirement, f"cover_{day}_{shift}")
                under = solver.NumVar(0.0, infinity, f"under_{day}_{shift}")
                over = solver.NumVar(0.0, infinity, f"over_{day}_{shift}")
                row.SetCoefficient(under, 1.0)
                row.SetCoefficient(over, -1.0)
                objective.SetCoefficient(under, float(self.under_weight[day, shift]))
                objective.SetCoefficient(over, float(self.over_weight[day, shift]))
                rows.append(row)
            self.cover_rows.append(rows)
        objective.SetMinimization()
        self.lambdas: list[pywraplp.Variable] = []

    def add_roster(self, employee_index: int, roster: IntArray) -> bool:
        """Add a roster to the pool and the master; return False if it is already there."""
        key = (employee_index, roster.astype(np.int16).tobytes())
        if key in self._seen:
            return False
        self._seen.add(key)
        cost = self.generator.roster_cost(employee_index, roster)
        column = Column(employee_index, roster.copy(), cost)
        self.columns.append(column)
        variable = self.solver.NumVar(0.0, self.solver.infinity(), f"roster_{len(self.lambdas)}")
        self.convexity[employee_index].SetCoefficient(variable, 1.0)
        for day in np.nonzero(roster >= 0)[0]:
            self.cover_rows[day][roster[day]].SetCoefficient(variable, 1.0)
        self.solver.Objective().SetCoefficient(variable, cost)
        self.lambdas.append(variable)
        return True

    def solve_master(self, deadline: float | None = None) -> None:
        """Solve the master LP and read its value and duals.

        GLOP starts from the previous basis. When that solve does not end optimal,
        the LP is solved once more from scratch, and if that fails too,
        `MasterLPError` is raised. With `deadline` (time.monotonic()), GLOP stops
        there, and a solve cut short raises `MasterLPError` at once: on
        Instance24 one solve took 47 s, past the end of a 60 s run.
        """
        started = time.monotonic()
        self._limit_lp_time(deadline)
        status = self.solver.Solve()
        if status != pywraplp.Solver.OPTIMAL and not _past(deadline):
            logger.warning(
                "master LP ended with status %s over %s columns, solving it again from scratch",
                status, len(self.columns),
            )  # fmt: skip
            parameters = pywraplp.MPSolverParameters()
            parameters.SetIntegerParam(parameters.INCREMENTALITY, parameters.INCREMENTALITY_OFF)
            self._limit_lp_time(deadline)
            status = self.solver.Solve(parameters)
        seconds = time.monotonic() - started
        self.lp_seconds += seconds
        self.max_lp_seconds = max(self.max_lp_seconds, seconds)
        if status != pywraplp.Solver.OPTIMAL:
            raise MasterLPError(f"master LP not solved to optimality (status {status})")
        self.lp_value = self.solver.Objective().Value()
        duals = np.array([[row.dual_value() for row in rows] for rows in self.cover_rows])
        self.lp_duals = np.clip(duals, -self.over_weight, self.under_weight)
        self.convexity_duals = np.array([row.dual_value() for row in self.convexity])

    def _limit_lp_time(self, deadline: float | None) -> None:
        if deadline is None:
            self.solver.SetTimeLimit(LP_TIME_LIMIT_NONE_MS)
        else:
            self.solver.SetTimeLimit(max(1, int(1000 * (deadline - time.monotonic()))))

    def price(
        self, duals: FloatArray, deadline: float | None = None
    ) -> tuple[float, dict[int, PricingResult]]:
        """Price every employee at `duals`; return the Lagrangian bound and the results.

        A pricing cut short by `deadline` gives no bound (−inf).
        """
        started = time.monotonic()
        results = self.generator.price(
            duals,
            shift_penalty=self.shift_penalty,
            weekend_penalty=self.weekend_penalty,
            deadline=deadline,
        )
        self.record_pricing(time.monotonic() - started)
        bound = float((self.requirement * duals).sum()) + sum(r.bound for r in results.values())
        if bound > self.bound:
            self.bound = bound
            self.best_duals = duals
        self._update_penalties(results)
        return bound, results

    def _update_penalties(self, results: dict[int, PricingResult]) -> None:
        """Move the H3 and H9 prices along the subgradient of the program's own rosters."""
        generator = self.generator
        for employee_index, result in results.items():
            roster = result.relaxed_roster
            if roster is None:
                continue
            terms = generator.terms[employee_index]
            counts = np.bincount(roster[roster >= 0], minlength=self.shift_count)
            over_use = counts - terms.max_shifts
            self.shift_penalty[employee_index] = np.maximum(
                0.0, self.shift_penalty[employee_index] + self.penalty_step * over_use
            )
            weekends = generator.weekends_worked(roster) - terms.max_weekends
            self.weekend_penalty[employee_index] = max(
                0.0, self.weekend_penalty[employee_index] + self.penalty_step * weekends
            )
        self.penalty_step *= PENALTY_STEP_DECAY

    def iterate(self, deadline: float | None = None) -> int:
        """Solve the master, price at smoothed duals, add improving rosters; return how many."""
        self.solve_master(deadline)
        self.iterations += 1
        duals = self.lp_duals
        if math.isfinite(self.bound):
            duals = SMOOTHING * self.best_duals + (1 - SMOOTHING) * self.lp_duals
        _, results = self.price(duals, deadline)
        added = self.add_improving(results)
        if added == 0 and duals is not self.lp_duals:
            # A mispricing at the smoothed duals: price at the LP duals themselves.
            _, results = self.price(self.lp_duals, deadline)
            added = self.add_improving(results)
        cut_short = deadline is not None and time.monotonic() > deadline
        closed = self.bound >= self.lp_value - BOUND_TOLERANCE * max(1.0, self.lp_value)
        if (added == 0 and not cut_short) or closed:
            self.converged = True
        logger.debug(
            "column generation %s: LP %.2f bound %.2f, %s columns added",
            self.iterations,
            self.lp_value,
            self.bound,
            added,
        )
        return added

    def add_improving(self, results: dict[int, PricingResult]) -> int:
        """Add the rosters in `results` whose reduced cost at the last LP duals is negative."""
        added = 0
        for employee_index, result in results.items():
            roster = result.roster
            if roster is None:
                continue
            reduced = (
                self.generator.roster_cost(employee_index, roster)
                - self._dual_value(roster)
                - self.convexity_duals[employee_index]
            )
            if reduced < -REDUCED_COST_TOLERANCE and self.add_roster(employee_index, roster):
                added += 1
        return added

    def _dual_value(self, roster: IntArray) -> float:
        days = np.nonzero(roster >= 0)[0]
        return float(self.lp_duals[days, roster[days]].sum())

    def record_pricing(self, seconds: float) -> None:
        self.pricing_seconds += seconds
        self.max_pricing_seconds = max(self.max_pricing_seconds, seconds)

    def round_fits(self, deadline: float) -> bool:
        """Return whether a master solve and a pricing, as slow as the slowest so far, fit.

        They fit when they end by `deadline`.

        An estimate: either may take longer than the ones before it, so each also
        gets the deadline, and a pricing stops between passes of the program.
        """
        return time.monotonic() + self.max_lp_seconds + self.max_pricing_seconds <= deadline

    def run(self, deadline: float) -> None:
        """Iterate until the bound meets the LP value, no roster improves, or the deadline.

        An iteration starts only when its pricing is expected to end by the deadline.
        When the generator finds no more rosters, an exact pricing (if there is an
        exact pricer) looks for the ones it missed, and the iterations go on while
        it finds some.
        """
        while True:
            while not self.converged and self.round_fits(deadline):
                self.iterate(deadline)
            if not self.converged or self._bound_closed() or not self._exact_pricing_fits(deadline):
                return
            if self.price_exactly(deadline) == 0:
                return
            self.converged = False

    def _bound_closed(self) -> bool:
        return self.bound >= self.lp_value - BOUND_TOLERANCE * max(1.0, self.lp_value)

    def _exact_pricing_fits(self, deadline: float) -> bool:
        """Return whether an exact pricing as slow as the mean one so far ends by `deadline`.

        Before the first one, that is unknown, and it may start whenever time is left.
        """
        if self.exact_pricer is None:
            return False
        expected = self.exact_seconds / self.exact_rounds if self.exact_rounds else 0.0
        return time.monotonic() + expected < deadline

    def price_exactly(self, deadline: float) -> int:
        """Price every employee exactly at the LP duals; add the improving rosters, return how many.

        When every employee is solved to optimality, the bound is raised to the
        Lagrangian bound of these exact prices.
        """
        assert self.exact_pricer is not None
        started = time.monotonic()
        self.solve_master(deadline)
        pricing = self.exact_pricer.price(self.lp_duals, deadline)
        if pricing.complete:
            bound = float((self.requirement * self.lp_duals).sum()) + sum(
                result.bound for result in pricing.results.values()
            )
            if bound > self.bound:
                self.bound = bound
                self.best_duals = self.lp_duals
        added = self.add_improving(pricing.results)
        self.exactly_converged = pricing.complete and added == 0
        self.exact_rounds += 1
        self.exact_seconds += time.monotonic() - started
        logger.debug(
            "exact pricing %s: %s rosters added, complete %s, %.2f s",
            self.exact_rounds, added, pricing.complete, time.monotonic() - started,
        )  # fmt: skip
        return added

    def roster_cost(self, rosters: Sequence[IntArray]) -> int:
        """Return the benchmark cost of a whole roster given as shift indexes per employee."""
        staffed = np.zeros((self.days, self.shift_count))
        requests = 0.0
        for employee_index, roster in enumerate(rosters):
            days = np.nonzero(roster >= 0)[0]
            np.add.at(staffed, (days, roster[days]), 1)
            requests += self.generator.roster_cost(employee_index, roster)
        shortfall = np.maximum(0, self.requirement - staffed)
        surplus = np.maximum(0, staffed - self.requirement)
        cover = (self.under_weight * shortfall + self.over_weight * surplus).sum()
        return round(requests + float(cover))

    def rounded_lp(self, deadline: float | None = None) -> list[IntArray] | None:
        """Return per employee the column with the largest LP weight, or None before any LP.

        The master is solved again first (stopping at `deadline`), because columns
        added since its last solve leave GLOP without a solution to read.
        """
        if not math.isfinite(self.lp_value):
            return None
        self.solve_master(deadline)
        best: dict[int, tuple[float, IntArray]] = {}
        for column, variable in zip(self.columns, self.lambdas, strict=True):
            weight = variable.solution_value()
            if column.employee_index not in best or weight > best[column.employee_index][0]:
                best[column.employee_index] = (weight, column.roster)
        if len(best) < len(self.instance.employees):
            return None
        return [best[index][1] for index in range(len(self.instance.employees))]


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline
