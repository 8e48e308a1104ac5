"""Best roster of each employee by dynamic programming over the days (column generation pricing).

For every employee, the program finds the cheapest roster under given arc costs
(the cost of working shift s on day d) while keeping these hard rules exactly:
H1 one shift a day, H2 shift rotation, H6 maximum and H7 minimum consecutive
working days, H8 minimum consecutive days off, H10 fixed days off and, in exact
mode, H4 and H5 total minutes. H3 (days per shift type) and H9 (weekends) are
not states of the program (H9 is one when the state space allows). They enter as
Lagrangian penalties, and a roster that still breaks them is repaired by pricing
the over-used shift types or weekends ever higher and solving again. Those prices
then come down again by bisection, and the cheapest roster that keeps the rules
is kept; a small random cut per arc cost lets a price move the count of a shift
type one day at a time when many days are worth the same.

State of one day, per employee: either a day off, with the length of the current
run of days off (capped at MinConsecutiveDaysOff), or a shift of a given
succession class, with the length of the current run of working days and whether
that run started on day 0 (such a run is exempt from H7). A succession class
groups the shift types with the same CannotFollow list, because the next day
only depends on that list. In exact mode a further axis holds the minutes worked
so far, in units of the greatest common divisor of the shift lengths. When that
axis would be too large, minutes enter as a Lagrangian price per unit instead,
tuned per employee by bisection until the roster fits its minute window. An
employee left without a roster that way (a narrow window together with H3 or H9
repairs) is priced again alone with the exact minute axis, when that employee's
state space is at most EXACT_RETRY_MAX_CELLS.

Employees with the same run limits are solved together as one batch. The
forward pass and the walk back are compiled with Numba (`forward_pass`); the
program keeps every day's values and walks back from the best final state to
read the roster.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from solver.benchmarks.forward_pass import run_forward_pass, walk_back
from solver.benchmarks.instance import DAYS_PER_WEEK, Instance

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

OFF = -1  # shift index of a day off in a roster array
SATURDAY = DAYS_PER_WEEK - 2
SUNDAY = DAYS_PER_WEEK - 1
# Above this many state cells per pricing (employees × classes × run states × weekend
# levels × minute levels × days) H9, then also the minutes, become Lagrangian prices.
MAX_STATE_CELLS = 150_000_000
# Largest number of state cells per day in one batch; bounds the memory of the stored days.
BATCH_MAX_CELLS_PER_DAY = 400_000
# Largest state space (all days) of the exact-minutes retry of one employee. Each cell
# stores 18 bytes; Instance24's employee CC has 18.8 million cells and the retry peaks
# at about 320 MB in all.
EXACT_RETRY_MAX_CELLS = 30_000_000
# Passes of the program when minutes are priced (bisection and repair together).
PRICED_PASSES = 30
# Largest random cost cut per arc when minutes are priced, as a share of the cost scale.
TIE_BREAK_SHARE = 0.02
# Repair of H3 and H9: rounds, and the least first price step (doubled every round).
REPAIR_ROUNDS = 16
# With several pricing threads, each batch is cut into this many pieces per thread,
# so that a piece whose repairs take many passes does not leave the other thread idle.
PIECES_PER_THREAD = 2
REPAIR_FIRST_STEP = 1.0
# Passes that lower the repair prices again once a repaired roster fits, by bisection
# between the last prices that broke H3 or H9 and the first that did not. Doubling
# overshoots: on Instance22 at best-response duals, the first roster that fitted cost
# -4598 against a bound of -23356.
REFINE_PASSES = 10
# The first step is at least this share of the employee's largest arc cost.
REPAIR_FIRST_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class ShiftGroups:
    """Shift types merged for the program: same succession class and the same length."""

    class_count: int
    class_of_shift: tuple[int, ...]
    # Per group: (classes allowed before it, its class, length in units, shift indexes).
    after_work: tuple[tuple[tuple[int, ...], int, int, tuple[int, ...]], ...]
    # Per group: (its class, length in units, shift indexes); any shift may follow a day off.
    after_off: tuple[tuple[int, int, tuple[int, ...]], ...]


def shift_groups(instance: Instance, *, exact_minutes: bool, unit_minutes: int) -> ShiftGroups:
    """Group shift types by succession class, predecessor classes and (if exact) length."""
    class_ids: dict[frozenset[str], int] = {}
    class_of_shift = tuple(
        class_ids.setdefault(shift.cannot_follow, len(class_ids)) for shift in instance.shift_types
    )
    banned_by_class = {index: banned for banned, index in class_ids.items()}
    after_work: dict[tuple[tuple[int, ...], int, int], list[int]] = {}
    after_off: dict[tuple[int, int], list[int]] = {}
    for index, shift in enumerate(instance.shift_types):
        units = shift.length_minutes // unit_minutes if exact_minutes else 0
        before = tuple(
            sorted(c for c, banned in banned_by_class.items() if shift.shift_id not in banned)
        )
        after_work.setdefault((before, class_of_shift[index], units), []).append(index)
        after_off.setdefault((class_of_shift[index], units), []).append(index)
    return ShiftGroups(
        class_count=len(class_ids),
        class_of_shift=class_of_shift,
        after_work=tuple((*key, tuple(shifts)) for key, shifts in after_work.items() if key[0]),
        after_off=tuple((*key, tuple(shifts)) for key, shifts in after_off.items()),
    )


@dataclass(frozen=True, slots=True)
class RunLimits:
    """The run-length rules shared by one batch of employees (H6, H7, H8)."""

    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int

    @property
    def work_states(self) -> int:
        """Runs of 1..max working days, then runs of 1..min-1 days that began on day 0."""
        return self.max_consecutive_shifts + max(0, self.min_consecutive_shifts - 1)

    @property
    def off_states(self) -> int:
        """Runs of 1..min-1 days off, then one state for a run long enough (or from day 0)."""
        return max(1, self.min_consecutive_days_off)

    def edge_state(self, length: int) -> int:
        """State of a run of `length` working days that began on day 0."""
        if length >= self.min_consecutive_shifts:
            return length - 1
        return self.max_consecutive_shifts + length - 1

    def can_end(self) -> list[int]:
        """Work states after which a day off may follow (H7, edge runs exempt)."""
        normal = range(max(0, self.min_consecutive_shifts - 1), self.max_consecutive_shifts)
        return [*normal, *range(self.max_consecutive_shifts, self.work_states)]

    def previous(self, state: int) -> list[int]:
        """Work states that become `state` after one more working day."""
        max_run, min_run = self.max_consecutive_shifts, self.min_consecutive_shifts
        if state < max_run:  # a normal run of state + 1 days
            length = state + 1
            sources = [length - 2] if length >= 2 else []
            if min_run >= 2 and length == min_run:
                sources.append(max_run + length - 2)  # an edge run reaching the minimum
            return sources
        length = state - max_run + 1  # an edge run of this many days
        return [state - 1] if length >= 2 else []


@dataclass(frozen=True, slots=True)
class BatchShape:
    """What a batch of employees shares: run limits and the weekend levels tracked.

    When `tracks_weekends`, H9 is a state of the program with MaxWeekends + 1 levels;
    otherwise H9 is only priced (or cannot bind) and there is one level.
    """

    limits: RunLimits
    tracks_weekends: bool
    weekend_levels: int


@dataclass(frozen=True, slots=True)
class PricingResult:
    """The best roster found for one employee and the lower bound on its reduced cost."""

    roster: IntArray | None  # shift index per day, OFF for a day off; None if none is feasible
    # The program's own best roster before the repair of H3 and H9 (and of the minutes
    # when they are priced); its over-use is the subgradient for the Lagrangian prices.
    relaxed_roster: IntArray | None
    # Lower bound on min (roster cost − Σ duals) over all feasible rosters, Lagrangian
    # terms included; valid whether or not `roster` is set.
    bound: float


@dataclass(slots=True)
class EmployeeTerms:
    """Per-employee data that does not change between pricing rounds."""

    request_arc_cost: FloatArray  # (days, shifts): −w per on-request, +w per off-request
    request_constant: float  # Σ on-request weights: the cost when nothing requested is worked
    allowed: npt.NDArray[np.bool_]  # (days, shifts): False on fixed days off and MaxShifts 0
    max_shifts: IntArray  # (shifts,)
    min_units: int
    max_units: int
    max_weekends: int


@dataclass
class RosterGenerator:
    """Price rosters for the employees of one instance; see the module docstring."""

    instance: Instance
    exact_minutes: bool | None = None  # None: choose by MAX_STATE_CELLS
    # Threads that price batches side by side. The compiled pass releases the GIL,
    # so two threads can use both cores while CP-SAT is not running.
    threads: int = 1
    terms: list[EmployeeTerms] = field(init=False)
    groups: ShiftGroups = field(init=False)
    unit_minutes: int = field(init=False)
    batches: list[tuple[BatchShape, list[int]]] = field(init=False)
    exact_weekends: bool = field(init=False)
    swaps: list[list[int]] = field(init=False)
    lengths: IntArray = field(init=False)
    # Lagrangian price per minute unit, per employee; only used when minutes are relaxed.
    minute_price: FloatArray = field(init=False)
    # The exact-minutes generator of the retry, built on first use.
    exact_retry: RosterGenerator | None = field(init=False, default=None)
    # Set by each `price` call: when it stops starting passes of the program.
    deadline: float = field(init=False, default=math.inf)
    # Passes that lower repair prices again in the current pricing (see `price`).
    refine_passes: int = field(init=False, default=0)
    # Per thread, the program's value and choice arrays, kept from one solve to the next.
    _local: threading.local = field(init=False, default_factory=threading.local)
    _executor: ThreadPoolExecutor | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        instance = self.instance
        lengths = [shift.length_minutes for shift in instance.shift_types]
        self.unit_minutes = math.gcd(*lengths)
        self.lengths = np.array([length // self.unit_minutes for length in lengths])
        self.terms = [self._employee_terms(index) for index in range(len(instance.employees))]
        self.exact_weekends = True
        if self.exact_minutes is None:
            self.exact_minutes = self._state_cells(minutes=True, weekends=True) <= MAX_STATE_CELLS
            if not self.exact_minutes:
                self.exact_minutes = self._state_cells(minutes=True, weekends=False) <= (
                    MAX_STATE_CELLS
                )
                self.exact_weekends = False
        if self.exact_weekends:
            self.exact_weekends = (
                self._state_cells(minutes=self.exact_minutes, weekends=True) <= MAX_STATE_CELLS
            )
        self.groups = shift_groups(
            instance, exact_minutes=self.exact_minutes, unit_minutes=self.unit_minutes
        )
        by_shape: dict[BatchShape, list[int]] = {}
        for index in range(len(instance.employees)):
            by_shape.setdefault(self._batch_shape(index), []).append(index)
        self.batches = list(by_shape.items())
        self.minute_price = np.zeros(len(instance.employees))
        # Per shift type: the other types with the same succession class and the same
        # classes allowed before them, so that swapping keeps H2.
        signature = [
            (shift.cannot_follow, frozenset(
                other.cannot_follow for other in instance.shift_types
                if shift.shift_id not in other.cannot_follow
            ))
            for shift in instance.shift_types
        ]  # fmt: skip
        self.swaps = [
            [other for other in range(len(signature)) if other != index and signature[other] == key]
            for index, key in enumerate(signature)
        ]

    def _batch_shape(self, employee_index: int, *, weekends: bool | None = None) -> BatchShape:
        employee = self.instance.employees[employee_index]
        limits = RunLimits(
            employee.max_consecutive_shifts,
            employee.min_consecutive_shifts,
            employee.min_consecutive_days_off,
        )
        track = self.exact_weekends if weekends is None else weekends
        binding = employee.max_weekends < self.instance.weekend_count
        if track and binding:
            return BatchShape(limits, True, employee.max_weekends + 1)
        return BatchShape(limits, False, 1)

    def _state_cells(self, *, minutes: bool, weekends: bool) -> int:
        """Return the number of state cells over all employees and days for one pricing."""
        classes = len({shift.cannot_follow for shift in self.instance.shift_types})
        cells = 0
        for index, terms in enumerate(self.terms):
            shape = self._batch_shape(index, weekends=weekends)
            per_day = classes * shape.limits.work_states + shape.limits.off_states
            per_day *= shape.weekend_levels * ((terms.max_units + 1) if minutes else 1)
            cells += per_day * self.instance.horizon_days
        return cells

    def _employee_terms(self, employee_index: int) -> EmployeeTerms:
        instance = self.instance
        employee = instance.employees[employee_index]
        shift_index = {shift_id: index for index, shift_id in enumerate(instance.shift_ids)}
        arc_cost = np.zeros((instance.horizon_days, len(instance.shift_types)))
        constant = 0.0
        for request in instance.shift_on_requests:
            if request.employee_id == employee.employee_id:
                arc_cost[request.day, shift_index[request.shift_id]] -= request.weight
                constant += request.weight
        for request in instance.shift_off_requests:
            if request.employee_id == employee.employee_id:
                arc_cost[request.day, shift_index[request.shift_id]] += request.weight
        max_shifts = np.array([instance.max_shifts_of(employee, sid) for sid in instance.shift_ids])
        allowed = np.repeat((max_shifts > 0)[None, :], instance.horizon_days, axis=0)
        for day in instance.fixed_days_off.get(employee.employee_id, ()):
            allowed[day, :] = False
        return EmployeeTerms(
            request_arc_cost=arc_cost,
            request_constant=constant,
            allowed=allowed,
            max_shifts=max_shifts,
            min_units=-(-employee.min_total_minutes // self.unit_minutes),
            max_units=employee.max_total_minutes // self.unit_minutes,
            max_weekends=employee.max_weekends,
        )

    # ------------------------------------------------------------------ public API

    def roster_cost(self, employee_index: int, roster: IntArray) -> float:
        """Return the request cost of one employee's roster (its column cost)."""
        terms = self.terms[employee_index]
        worked = roster >= 0
        days = np.nonzero(worked)[0]
        return terms.request_constant + float(terms.request_arc_cost[days, roster[days]].sum())

    def violations(self, employee_index: int, roster: IntArray) -> list[str]:
        """Return the rules among H3, H4, H5 and H9 that `roster` breaks (the DP keeps the rest)."""
        terms = self.terms[employee_index]
        broken = []
        counts = np.bincount(roster[roster >= 0], minlength=len(self.lengths))
        if np.any(counts > terms.max_shifts):
            broken.append("H3")
        units = int(self.lengths[roster[roster >= 0]].sum())
        if units > terms.max_units:
            broken.append("H4")
        if units < terms.min_units:
            broken.append("H5")
        if self.weekends_worked(roster) > terms.max_weekends:
            broken.append("H9")
        return broken

    def price(
        self,
        duals: FloatArray,
        *,
        shift_penalty: FloatArray | None = None,
        weekend_penalty: FloatArray | None = None,
        employee_indexes: Sequence[int] | None = None,
        deadline: float | None = None,
        refine: bool = False,
    ) -> dict[int, PricingResult]:
        """Return the best feasible roster and a reduced-cost bound for each employee.

        `duals[day, shift]` is the value of one more person on that cover line; the
        roster's reduced cost is its request cost minus the duals of the shifts it
        works (the convexity dual is not included). `duals[employee, day, shift]`
        gives each employee their own values. `shift_penalty[employee, shift]`
        and `weekend_penalty[employee]` are nonnegative Lagrangian prices for H3 and
        H9, which keep the bound valid whatever their values.

        Past `deadline` (time.monotonic()), the pricing stops between passes of the
        program: employees not priced yet get no roster and a bound of −inf, and
        repairs still open end without a roster.

        With `refine`, a repaired roster costs less, at up to `REFINE_PASSES` more
        passes of the program: the repair prices come down again by bisection. Best
        responses refine; column generation does not, because it needs many fast
        pricings more than the best roster of each (on Instance15 with refining, it
        ran 6 rounds in 10 s instead of 27).
        """
        self.deadline = math.inf if deadline is None else deadline
        self.refine_passes = REFINE_PASSES if refine else 0
        instance = self.instance
        employee_total = len(instance.employees)
        indexes = list(range(employee_total) if employee_indexes is None else employee_indexes)
        if shift_penalty is None:
            shift_penalty = np.zeros((employee_total, len(instance.shift_types)))
        if weekend_penalty is None:
            weekend_penalty = np.zeros(employee_total)
        wanted = set(indexes)
        tasks: list[tuple[BatchShape, list[int], FloatArray]] = []
        for shape, members in self.batches:
            chosen = [index for index in members if index in wanted]
            penalty = weekend_penalty * 0 if shape.tracks_weekends else weekend_penalty
            tasks.extend((shape, batch, penalty) for batch in self._split(shape, chosen))

        def price_task(task: tuple[BatchShape, list[int], FloatArray]) -> dict[int, PricingResult]:
            shape, batch, penalty = task
            if self._past_deadline():
                return {index: PricingResult(None, None, -math.inf) for index in batch}
            return self._price_batch(shape, batch, duals, shift_penalty, penalty)

        results: dict[int, PricingResult] = {}
        for priced in self._map(price_task, tasks):
            results.update(priced)
        if not self.exact_minutes:
            for index, result in results.items():
                if result.roster is None and not self._past_deadline():
                    results[index] = self._retry_exact(
                        index, result, duals, shift_penalty, weekend_penalty
                    )
        return results

    def _past_deadline(self) -> bool:
        return time.monotonic() > self.deadline

    def _map(self, work: Any, tasks: list[Any]) -> list[Any]:
        """Return `work` applied to every task, on the generator's threads when it has several."""
        if self.threads <= 1 or len(tasks) <= 1:
            return [work(task) for task in tasks]
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="pricing")
        return list(self._executor.map(work, tasks))

    @property
    def buffers(self) -> _Buffers:
        """Return this thread's arrays: two batches priced side by side must not share them."""
        buffers: _Buffers | None = getattr(self._local, "buffers", None)
        if buffers is None:
            buffers = self._local.buffers = _Buffers()
        return buffers

    def _retry_exact(
        self,
        employee_index: int,
        result: PricingResult,
        duals: FloatArray,
        shift_penalty: FloatArray,
        weekend_penalty: FloatArray,
    ) -> PricingResult:
        """Price one employee again with the exact minute axis; keep the better bound."""
        if self._exact_cells(employee_index) > EXACT_RETRY_MAX_CELLS:
            return result
        if self.exact_retry is None:
            self.exact_retry = RosterGenerator(self.instance, exact_minutes=True)
        exact = self.exact_retry.price(
            duals,
            shift_penalty=shift_penalty,
            weekend_penalty=weekend_penalty,
            employee_indexes=[employee_index],
            deadline=self.deadline,
        )[employee_index]
        return PricingResult(exact.roster, result.relaxed_roster, max(result.bound, exact.bound))

    def _exact_cells(self, employee_index: int) -> int:
        """Return the state cells of one employee's exact-minutes program, H9 not tracked."""
        limits = self._batch_shape(employee_index, weekends=False).limits
        classes = len({shift.cannot_follow for shift in self.instance.shift_types})
        per_day = classes * limits.work_states + limits.off_states
        return per_day * (self.terms[employee_index].max_units + 1) * self.instance.horizon_days

    # ------------------------------------------------------------------ batches

    def _split(self, shape: BatchShape, members: list[int]) -> list[list[int]]:
        """Cut `members` into batches that fit the cell limit, a few per thread."""
        if not members:
            return []
        limits = shape.limits
        cells = self.groups.class_count * limits.work_states + limits.off_states
        cells *= shape.weekend_levels
        if self.exact_minutes:
            cells *= max(self.terms[index].max_units for index in members) + 1
        size = max(1, BATCH_MAX_CELLS_PER_DAY // cells)
        size = min(size, -(-len(members) // (PIECES_PER_THREAD * self.threads)))
        return [members[start : start + size] for start in range(0, len(members), size)]

    def _arc_costs(
        self, batch: list[int], duals: FloatArray, shift_penalty: FloatArray
    ) -> FloatArray:
        """Return (employees, days, shifts) arc costs, +inf where working is not allowed."""
        costs = np.stack([self.terms[index].request_arc_cost for index in batch])
        employee_duals = duals[batch] if duals.ndim == 3 else duals[None, :, :]
        costs = costs - employee_duals + shift_penalty[batch][:, None, :]
        allowed = np.stack([self.terms[index].allowed for index in batch])
        return np.where(allowed, costs, np.inf)

    def _price_batch(
        self,
        shape: BatchShape,
        batch: list[int],
        duals: FloatArray,
        shift_penalty: FloatArray,
        weekend_penalty: FloatArray,
    ) -> dict[int, PricingResult]:
        arc_costs = self._arc_costs(batch, duals, shift_penalty)
        penalties = weekend_penalty[batch]
        if not self.exact_minutes:
            found, relaxed, bounds = self._price_minutes_priced(shape, batch, arc_costs, penalties)
            bounds = bounds + self._constants(batch, shift_penalty, weekend_penalty)
            return {
                index: PricingResult(found[position], relaxed[position], float(bounds[position]))
                for position, index in enumerate(batch)
            }
        rosters, values = self._solve(shape, batch, arc_costs, penalties)
        bounds = values + self._constants(batch, shift_penalty, weekend_penalty)
        relaxed = list(rosters)
        broken = [
            position
            for position, roster in enumerate(rosters)
            if roster is not None and self.violations(batch[position], roster)
        ]
        if broken:
            repaired = self._repair(shape, batch, broken, rosters, arc_costs, penalties)
            for position, roster in zip(broken, repaired, strict=True):
                rosters[position] = roster
        return {
            index: PricingResult(rosters[position], relaxed[position], float(bounds[position]))
            for position, index in enumerate(batch)
        }

    def _constants(
        self, batch: list[int], shift_penalty: FloatArray, weekend_penalty: FloatArray
    ) -> FloatArray:
        """Return per employee the request constant minus the Lagrangian right-hand sides."""
        return np.array(
            [
                self.terms[index].request_constant
                - float(shift_penalty[index] @ self.terms[index].max_shifts)
                - weekend_penalty[index] * self.terms[index].max_weekends
                for index in batch
            ]
        )

    def _price_minutes_priced(
        self,
        shape: BatchShape,
        batch: list[int],
        arc_costs: FloatArray,
        weekend_penalty: FloatArray,
    ) -> tuple[list[IntArray | None], list[IntArray | None], FloatArray]:
        """Price minutes, over-used shift types and weekends until each roster is feasible.

        Each pass solves the program for the employees still open. The price λ per
        minute unit is bisected towards the employee's minute window, and shift types
        or weekends used too often get a price that doubles each pass. A roster a few
        units outside its window is moved into it by `_adjust_minutes`. Every pass
        gives the valid bound min(cost + λ·units + μ·counts) − λ·max (λ ≥ 0) or − λ·min
        (λ < 0) − μ·limits; the best per employee is returned with the rosters and
        the first pass's rosters (the subgradient for the outer prices).
        """
        size = len(batch)
        terms = [self.terms[index] for index in batch]
        min_units = np.array([term.min_units for term in terms])
        max_units = np.array([term.max_units for term in terms])
        limits = np.stack([term.max_shifts for term in terms])
        max_weekends = np.array([term.max_weekends for term in terms])
        # Flat costs (zero duals, say) make the units worked jump from none to all as
        # λ crosses 0. The cost cut spreads the jump over many prices.
        arc_costs, scale = _tie_broken(batch, arc_costs)
        price = self.minute_price[batch].copy()
        low, high = -4 * scale, 4 * scale
        extra_shift = np.zeros((size, len(self.lengths)))
        extra_weekend = np.zeros(size)
        shift_step = np.full((size, len(self.lengths)), REPAIR_FIRST_STEP)
        weekend_step = np.full(size, REPAIR_FIRST_STEP)
        best_bound = np.full(size, -np.inf)
        found: list[IntArray | None] = [None] * size
        relaxed: list[IntArray | None] = [None] * size
        refining = _Refinement(size, len(self.lengths), self.refine_passes)
        open_positions = list(range(size))
        for _ in range(PRICED_PASSES):
            if self._past_deadline() and not np.isneginf(best_bound[open_positions]).any():
                break
            priced = (
                arc_costs[open_positions]
                + price[open_positions, None, None] * self.lengths[None, None, :]
                + extra_shift[open_positions][:, None, :]
            )
            members = [batch[position] for position in open_positions]
            penalties = weekend_penalty[open_positions] + extra_weekend[open_positions]
            rosters, values = self._solve(shape, members, priced, penalties)
            still_open = []
            for position, roster, value in zip(open_positions, rosters, values, strict=True):
                if roster is None:
                    continue
                if relaxed[position] is None:
                    relaxed[position] = roster
                right_hand = max_units[position] if price[position] >= 0 else min_units[position]
                bound = (
                    value
                    - price[position] * right_hand
                    - float(extra_shift[position] @ limits[position])
                    - extra_weekend[position] * max_weekends[position]
                )
                best_bound[position] = max(best_bound[position], bound)
                index = batch[position]
                over, too_many_weekends = self._broken_rules(index, roster)
                units = int(self.lengths[roster[roster >= 0]].sum())
                fitting = None
                if not over.any() and not too_many_weekends:
                    if min_units[position] <= units <= max_units[position]:
                        fitting = roster
                        self.minute_price[index] = price[position]
                    else:
                        fitting = self._adjust_minutes(index, roster, arc_costs[position])
                repaired = extra_shift[position].any() or extra_weekend[position] > 0
                if refining.active[position] or (fitting is not None and repaired):
                    value = self._priced_value(
                        fitting, arc_costs[position], weekend_penalty[position]
                    )
                    found[position] = refining.record(position, fitting, value, found[position])
                    rules = None if fitting is not None else (over, too_many_weekends)
                    if refining.step(position, extra_shift, extra_weekend, rules):
                        still_open.append(position)
                    continue
                if fitting is not None:
                    found[position] = fitting
                    continue
                refining.remember_broken(position, extra_shift, extra_weekend)
                if units > max_units[position]:
                    low[position] = price[position]
                elif units < min_units[position]:
                    high[position] = price[position]
                if over.any() or too_many_weekends:
                    extra_shift[position, over] += shift_step[position, over]
                    shift_step[position, over] *= 2
                    if too_many_weekends:
                        extra_weekend[position] += weekend_step[position]
                        weekend_step[position] *= 2
                    low[position], high[position] = -4 * scale[position], 4 * scale[position]
                elif not min_units[position] <= units <= max_units[position]:
                    price[position] = (low[position] + high[position]) / 2
                still_open.append(position)
            open_positions = still_open
            if not open_positions:
                break
        return found, relaxed, best_bound

    def _priced_value(
        self, roster: IntArray | None, arc_costs: FloatArray, weekend_price: float
    ) -> float:
        """Return the program's cost of `roster` without repair prices; inf for None."""
        if roster is None:
            return math.inf
        days = np.nonzero(roster >= 0)[0]
        return float(arc_costs[days, roster[days]].sum()) + weekend_price * self.weekends_worked(
            roster
        )

    def _adjust_minutes(
        self, employee_index: int, roster: IntArray, arc_costs: FloatArray
    ) -> IntArray | None:
        """Swap shifts for same-class shifts of another length until the minutes fit.

        A swap keeps the succession class and the classes allowed before the shift,
        so H2 still holds; H3 is checked for the new shift type. A swap never moves
        the total past the window, so the loop ends. Return None when no swap helps.
        """
        terms = self.terms[employee_index]
        roster = roster.copy()
        counts = np.bincount(roster[roster >= 0], minlength=len(self.lengths))
        units = int(self.lengths[roster[roster >= 0]].sum())
        while not terms.min_units <= units <= terms.max_units:
            longer = units < terms.min_units
            best: tuple[float, int, int] | None = None
            for day in np.nonzero(roster >= 0)[0]:
                shift = int(roster[day])
                for other in self.swaps[shift]:
                    change = int(self.lengths[other] - self.lengths[shift])
                    fits = (
                        0 < change <= terms.max_units - units
                        if longer
                        else terms.min_units - units <= change < 0
                    )
                    if not fits or counts[other] >= terms.max_shifts[other]:
                        continue
                    delta = float(arc_costs[day, other] - arc_costs[day, shift])
                    if np.isfinite(delta) and (best is None or delta < best[0]):
                        best = (delta, int(day), other)
            if best is None:
                return None
            _, swap_day, other = best
            counts[roster[swap_day]] -= 1
            counts[other] += 1
            units += int(self.lengths[other] - self.lengths[roster[swap_day]])
            roster[swap_day] = other
        return roster

    def _repair(
        self,
        shape: BatchShape,
        batch: list[int],
        broken: list[int],
        rosters: list[IntArray | None],
        arc_costs: FloatArray,
        weekend_penalty: FloatArray,
    ) -> list[IntArray | None]:
        """Price over-used shift types and weekends ever higher and solve again, a few rounds.

        Each round adds a price to every shift type the roster uses more than
        MaxShifts times, and to weekends when there are too many, and doubles that
        step for the next round. Once a roster keeps the rules, `refine_passes` more
        rounds bisect the prices down again (`_Refinement`) and keep the cheapest
        roster that fits. The employees in `broken` (positions in `batch`) are solved
        together each round.
        """
        count = len(broken)
        extra_shift = np.zeros((count, len(self.lengths)))
        extra_weekend = np.zeros(count)
        first_step = _first_repair_steps(arc_costs[broken])
        shift_step = np.repeat(first_step[:, None], len(self.lengths), axis=1)
        weekend_step = first_step.copy()
        refining = _Refinement(count, len(self.lengths), self.refine_passes)
        tie_broken = arc_costs[broken]
        if self.refine_passes:
            tie_broken, _ = _tie_broken([batch[position] for position in broken], tie_broken)
        current: list[IntArray | None] = [rosters[position] for position in broken]
        best: list[IntArray | None] = [None] * count
        pending = list(range(count))
        for _ in range(REPAIR_ROUNDS + self.refine_passes):
            if self._past_deadline():
                break
            for slot in pending:
                if not refining.active[slot]:
                    self._raise_repair_prices(
                        batch[broken[slot]], current[slot], slot, refining,
                        (extra_shift, shift_step, extra_weekend, weekend_step),
                    )  # fmt: skip
            members = [batch[broken[slot]] for slot in pending]
            costs = tie_broken[pending] + extra_shift[pending][:, None, :]
            penalties = weekend_penalty[[broken[slot] for slot in pending]] + extra_weekend[pending]
            solved, _ = self._solve(shape, members, costs, penalties)
            still_open = []
            for slot, roster in zip(pending, solved, strict=True):
                current[slot] = roster
                fits = roster is not None and not self.violations(batch[broken[slot]], roster)
                if not fits and not refining.active[slot]:
                    still_open.append(slot)
                    continue
                position = broken[slot]
                value = self._priced_value(
                    roster if fits else None, arc_costs[position], weekend_penalty[position]
                )
                best[slot] = refining.record(slot, roster if fits else None, value, best[slot])
                rules = None if fits else self._broken_rules(batch[broken[slot]], roster)
                if refining.step(slot, extra_shift, extra_weekend, rules):
                    still_open.append(slot)
            pending = still_open
            if not pending:
                break
        return best

    def _broken_rules(
        self, employee_index: int, roster: IntArray | None
    ) -> tuple[npt.NDArray[np.bool_], bool]:
        """Return the shift types `roster` uses too often (H3) and whether H9 breaks."""
        terms = self.terms[employee_index]
        if roster is None:
            return np.zeros(len(self.lengths), dtype=bool), False
        over = np.bincount(roster[roster >= 0], minlength=len(self.lengths)) > terms.max_shifts
        return over, self.weekends_worked(roster) > terms.max_weekends

    def _raise_repair_prices(
        self,
        employee_index: int,
        roster: IntArray | None,
        slot: int,
        refining: _Refinement,
        prices: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
    ) -> None:
        """Add the step to the price of each rule `roster` breaks, then double that step."""
        assert roster is not None
        extra_shift, shift_step, extra_weekend, weekend_step = prices
        refining.remember_broken(slot, extra_shift, extra_weekend)
        over, too_many_weekends = self._broken_rules(employee_index, roster)
        extra_shift[slot, over] += shift_step[slot, over]
        shift_step[slot, over] *= 2
        if too_many_weekends:
            extra_weekend[slot] += weekend_step[slot]
            weekend_step[slot] *= 2

    def _worked_weekends(self, roster: IntArray) -> list[int]:
        return [
            saturday
            for saturday in range(SATURDAY, len(roster), DAYS_PER_WEEK)
            if roster[saturday] >= 0 or roster[saturday + 1] >= 0
        ]

    def weekends_worked(self, roster: IntArray) -> int:
        return len(self._worked_weekends(roster))

    # ------------------------------------------------------------------ the program

    def _solve(
        self,
        batch_shape: BatchShape,
        batch: list[int],
        arc_costs: FloatArray,
        weekend_penalty: FloatArray,
    ) -> tuple[list[IntArray | None], FloatArray]:
        """Run the forward pass and the walk back; return rosters and their program values."""
        minute_levels = 1
        if self.exact_minutes:
            minute_levels = max(self.terms[index].max_units for index in batch) + 1
        program = _Program(
            self.buffers,
            self.groups,
            batch_shape.limits,
            arc_costs,
            weekend_penalty,
            batch_shape.tracks_weekends,
            batch_shape.weekend_levels,
            minute_levels,
        )
        if self.exact_minutes:
            program.minute_window = np.array(
                [(self.terms[index].min_units, self.terms[index].max_units) for index in batch]
            )
        program.forward()
        window = np.ones((len(batch), batch_shape.weekend_levels, minute_levels), dtype=bool)
        if self.exact_minutes:
            window[:] = False
            for position, index in enumerate(batch):
                terms = self.terms[index]
                window[position, :, terms.min_units : terms.max_units + 1] = True
        return program.backtrack(window)


class _Refinement:
    """Bisection of the H3 and H9 repair prices of one batch, after a repaired roster fits.

    The doubling of the repair prices stops at the first prices whose roster keeps
    H3 and H9, usually far above the least such prices. Between the last prices
    that broke a rule (`lower`) and the first that did not (`upper`), each pass tries
    the midpoint, and the cheapest roster that fits is kept.
    """

    def __init__(self, size: int, shift_count: int, passes: int) -> None:
        self.active = np.zeros(size, dtype=bool)
        self.passes_left = np.full(size, passes)
        self.best_value = np.full(size, np.inf)
        self.lower_shift = np.zeros((size, shift_count))
        self.lower_weekend = np.zeros(size)
        self.upper_shift = np.zeros((size, shift_count))
        self.upper_weekend = np.zeros(size)

    def remember_broken(
        self, position: int, extra_shift: FloatArray, extra_weekend: FloatArray
    ) -> None:
        """Keep the prices of a roster that broke a rule, before they are raised."""
        self.lower_shift[position] = extra_shift[position]
        self.lower_weekend[position] = extra_weekend[position]

    def record(
        self, position: int, roster: IntArray | None, value: float, kept: IntArray | None
    ) -> IntArray | None:
        """Return `roster` when it fits and is the cheapest so far, else `kept`."""
        if roster is None or value >= self.best_value[position]:
            return kept
        self.best_value[position] = value
        return roster

    def step(
        self,
        position: int,
        extra_shift: FloatArray,
        extra_weekend: FloatArray,
        broken: tuple[npt.NDArray[np.bool_], bool] | None,
    ) -> bool:
        """Move the repair prices to the next midpoint; return False when refinement ends.

        `broken` gives the shift types used too often and whether there were too
        many weekends, or is None when the roster kept both rules. Each price
        moves up where its rule broke and down elsewhere.
        """
        over, too_many_weekends = broken if broken is not None else (None, False)
        for prices, lower, upper, raised in (
            (extra_shift, self.lower_shift, self.upper_shift, over),
            (extra_weekend, self.lower_weekend, self.upper_weekend, too_many_weekends),
        ):
            if raised is None or not self.active[position]:
                upper[position] = prices[position]
            else:
                lower[position] = np.where(raised, prices[position], lower[position])
                upper[position] = np.where(raised, upper[position], prices[position])
        self.active[position] = True
        self.passes_left[position] -= 1
        if self.passes_left[position] < 0:
            return False
        extra_shift[position] = (self.lower_shift[position] + self.upper_shift[position]) / 2
        extra_weekend[position] = (self.lower_weekend[position] + self.upper_weekend[position]) / 2
        return True


class _Program:
    """The forward pass and walk back of one batch.

    Work values are (employees, classes, work states, weekend levels, minute levels)
    and day-off values (employees, off states, weekend levels, minute levels).
    """

    def __init__(
        self,
        buffers: _Buffers,
        groups: ShiftGroups,
        limits: RunLimits,
        arc_costs: FloatArray,
        weekend_penalty: FloatArray,
        tracks_weekends: bool,
        weekend_levels: int,
        minute_levels: int,
    ) -> None:
        self.buffers = buffers
        self.groups = groups
        self.limits = limits
        self.arc_costs = arc_costs  # (employees, days, shifts)
        self.tracks_weekends = tracks_weekends
        self.weekend_penalty = weekend_penalty * 0 if tracks_weekends else weekend_penalty
        self.weekend_levels = weekend_levels
        self.minute_levels = minute_levels
        self.employees, self.days, _ = arc_costs.shape
        # Per employee the (min, max) minute units of H5 and H4 on the minute axis.
        self.minute_window = np.zeros((self.employees, 2), dtype=np.int64)
        # Filled by `forward`: values per day, and per day the index of the group that
        # won each work cell, after_work groups first, then after_off groups.
        self.work: FloatArray = np.empty(0)
        self.off: FloatArray = np.empty(0)
        self.choice: npt.NDArray[np.int16] = np.empty(0, dtype=np.int16)
        self.can_end = limits.can_end()
        self.previous = [limits.previous(state) for state in range(limits.work_states)]
        # Cheapest arc of each group, per (employee, day).
        self.after_work_costs = [
            arc_costs[:, :, list(shifts)].min(axis=2) for *_, shifts in groups.after_work
        ]
        self.after_off_costs = [
            arc_costs[:, :, list(shifts)].min(axis=2) for *_, shifts in groups.after_off
        ]

    def _weekend_steps(self, day: int) -> tuple[int, int]:
        """Return the weekend-level step after work and after a day off for work on `day`."""
        if not self.tracks_weekends:
            return 0, 0
        weekday = day % DAYS_PER_WEEK
        if weekday == SATURDAY:
            return 1, 1
        if weekday == SUNDAY:
            return 0, 1  # a Sunday after a worked Saturday is the same weekend
        return 0, 0

    def forward(self) -> None:
        """Compute every day's values with the compiled pass (`forward_pass`)."""
        groups, limits = self.groups, self.limits
        levels = (self.weekend_levels, self.minute_levels)
        work_shape = (self.days, self.employees, groups.class_count, limits.work_states, *levels)
        off_shape = (self.days, self.employees, limits.off_states, *levels)
        self.work = self.buffers.values("work", work_shape)
        self.off = self.buffers.values("off", off_shape)
        self.choice = self.buffers.choices(work_shape)
        before = np.zeros((max(1, len(groups.after_work)), groups.class_count), dtype=np.bool_)
        for number, (classes_before, *_) in enumerate(groups.after_work):
            before[number, list(classes_before)] = True
        previous = np.full((limits.work_states, 2), -1, dtype=np.int64)
        for state, sources in enumerate(self.previous):
            previous[state, : len(sources)] = sources
        can_end = np.zeros(limits.work_states, dtype=np.bool_)
        can_end[self.can_end] = True
        steps = np.array([self._weekend_steps(day) for day in range(self.days)], dtype=np.int64)
        weekdays = np.arange(self.days) % DAYS_PER_WEEK
        saturday = (weekdays == SATURDAY).astype(np.float64)
        weekend = np.isin(weekdays, (SATURDAY, SUNDAY)).astype(np.float64)
        self.kernel_arrays = _KernelArrays(
            before=before,
            after_work_units=np.array([group[2] for group in groups.after_work], dtype=np.int64),
            after_off_units=np.array([group[1] for group in groups.after_off], dtype=np.int64),
            previous=previous,
            can_end=can_end,
            step_after_work=np.ascontiguousarray(steps[:, 0]),
            step_after_off=np.ascontiguousarray(steps[:, 1]),
            group_shifts=_padded(
                [group[3] for group in groups.after_work] + [group[2] for group in groups.after_off]
            ),
        )
        arrays = self.kernel_arrays
        run_forward_pass(
            self.work, self.off, self.choice,
            before,
            np.array([group[1] for group in groups.after_work], dtype=np.int64),
            arrays.after_work_units,
            _stacked(self.after_work_costs, self.employees, self.days),
            np.array([group[0] for group in groups.after_off], dtype=np.int64),
            arrays.after_off_units,
            _stacked(self.after_off_costs, self.employees, self.days),
            previous, can_end, limits.edge_state(1),
            arrays.step_after_work, arrays.step_after_off,
            self.weekend_penalty[:, None] * saturday[None, :],
            self.weekend_penalty[:, None] * weekend[None, :],
            self._reachable_levels(),
        )  # fmt: skip

    def _reachable_levels(self) -> IntArray:
        """Return per (employee, day) the highest weekend level and the useful minute levels.

        By the end of day d an employee has worked at most d + 1 shifts and touched
        only the weekends begun so far. A roster that ends within the minute window
        needs at least min − (days left × longest shift) units by then. The
        compiled pass skips the cells outside these levels.
        """
        levels = np.zeros((self.employees, self.days, 3), dtype=np.int64)
        if self.tracks_weekends:
            weekday = np.arange(self.days) % DAYS_PER_WEEK
            begun = np.cumsum(
                (weekday == SATURDAY) | ((weekday == SUNDAY) & (np.arange(self.days) == 0))
            )
            levels[:, :, 0] = np.minimum(self.weekend_levels - 1, begun)[None, :]
        longest = max(
            [units for *_, units, _ in self.groups.after_work]
            + [units for _, units, _ in self.groups.after_off]
        )
        days_left = self.days - 1 - np.arange(self.days)
        low, high = self.minute_window[:, 0:1], self.minute_window[:, 1:2]
        if self.minute_levels > 1:
            levels[:, :, 1] = np.maximum(0, low - days_left[None, :] * longest)
            worked = (np.arange(self.days) + 1) * longest
            levels[:, :, 2] = np.minimum(np.minimum(high, self.minute_levels - 1), worked[None, :])
        return levels

    def backtrack(self, window: npt.NDArray[np.bool_]) -> tuple[list[IntArray | None], FloatArray]:
        """Return each employee's best roster ending on a (weekend, minute) level in `window`."""
        last_work = np.where(window[:, None, None], self.work[-1], np.inf)
        last_off = np.where(window[:, None], self.off[-1], np.inf)
        flat_work = last_work.reshape(self.employees, -1)
        flat_off = last_off.reshape(self.employees, -1)
        best_work = flat_work.min(axis=1)
        best_off = flat_off.min(axis=1)
        values = np.minimum(best_work, best_off)
        rosters: list[IntArray | None] = []
        for position in range(self.employees):
            if not np.isfinite(values[position]):
                rosters.append(None)
            elif best_work[position] <= best_off[position]:
                cell = np.unravel_index(int(flat_work[position].argmin()), last_work.shape[1:])
                rosters.append(self._walk_back(position, (1, *map(int, cell))))
            else:
                off_state, weekends, minutes = np.unravel_index(
                    int(flat_off[position].argmin()), last_off.shape[1:]
                )
                rosters.append(
                    self._walk_back(position, (0, 0, int(off_state), int(weekends), int(minutes)))
                )
        return rosters, values

    def _walk_back(self, position: int, final_state: tuple[int, ...]) -> IntArray:
        arrays = self.kernel_arrays
        return walk_back(
            self.work, self.off, self.choice, self.arc_costs, arrays.group_shifts,
            arrays.before, arrays.after_work_units, arrays.after_off_units,
            arrays.previous, arrays.can_end, arrays.step_after_work, arrays.step_after_off,
            position, np.array(final_state, dtype=np.int64),
        )  # fmt: skip


class _Buffers:
    """Arrays reused by every solve of one generator, refilled instead of allocated.

    A batch's arrays hold up to 400,000 cells a day for every day (about 300 MB
    on Instance19). Allocating them anew for each solve cost a third of a pricing
    on Instance22, most of it in the first touch of fresh memory. A program's
    arrays are only read until its walk back ends, before the next solve starts.
    """

    def __init__(self) -> None:
        self._flat: dict[str, npt.NDArray[Any]] = {}

    def values(self, name: str, shape: tuple[int, ...]) -> FloatArray:
        """Return an array of `shape` filled with inf."""
        array: FloatArray = self._filled(name, shape, np.inf, np.float64)
        return array

    def choices(self, shape: tuple[int, ...]) -> npt.NDArray[np.int16]:
        """Return an array of `shape` filled with -1 (no group chose the cell)."""
        array: npt.NDArray[np.int16] = self._filled("choice", shape, -1, np.int16)
        return array

    def _filled(
        self, name: str, shape: tuple[int, ...], value: float, dtype: type
    ) -> npt.NDArray[Any]:
        size = math.prod(shape)
        flat = self._flat.get(name)
        if flat is None or flat.size < size:
            flat = self._flat[name] = np.empty(size, dtype=dtype)
        array = flat[:size].reshape(shape)
        array.fill(value)
        return array


@dataclass(frozen=True, slots=True)
class _KernelArrays:
    """The shift groups and run rules as plain arrays, shared by the pass and the walk back."""

    before: npt.NDArray[np.bool_]  # (after-work groups, classes): classes allowed before
    after_work_units: IntArray
    after_off_units: IntArray
    previous: IntArray  # (work states, 2): states one day shorter, -1 for none
    can_end: npt.NDArray[np.bool_]  # (work states,): may a day off follow (H7)
    step_after_work: IntArray  # (days,): weekend level added by a shift after work
    step_after_off: IntArray  # (days,): and by a shift after a day off
    group_shifts: IntArray  # (groups, most shifts in a group): shift indexes, -1 padded


def _tie_broken(batch: list[int], arc_costs: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return the arc costs less a small random cut per arc, and each employee's cost scale.

    Equal costs on many days make a price on shift types or minutes switch all of
    those days at once, so no price reaches a limit between none and all. The cut
    spreads the switch over many prices. It only lowers costs, so bounds computed
    with it stay valid. Scale and cut are per employee, so a roster does not
    depend on how the batch was cut.
    """
    size = len(batch)
    finite = np.where(np.isfinite(arc_costs), np.abs(arc_costs), 0)
    scale = np.maximum(1.0, finite.reshape(size, -1).max(axis=1))
    noise = np.stack(
        [
            np.random.default_rng(index).uniform(0, TIE_BREAK_SHARE, arc_costs.shape[1:])
            for index in batch
        ]
    )
    return arc_costs - noise * scale[:, None, None], scale


def _padded(shift_lists: list[tuple[int, ...]]) -> IntArray:
    width = max(len(shifts) for shifts in shift_lists)
    padded = np.full((len(shift_lists), width), -1, dtype=np.int64)
    for row, shifts in enumerate(shift_lists):
        padded[row, : len(shifts)] = shifts
    return padded


def _stacked(costs: list[FloatArray], employees: int, days: int) -> FloatArray:
    """Return (groups, employees, days) costs; one row of inf when there is no group."""
    if not costs:
        return np.full((1, employees, days), np.inf)
    return np.ascontiguousarray(np.stack(costs))


def _first_repair_steps(arc_costs: FloatArray) -> FloatArray:
    """Return per employee the first repair price: a share of their largest arc cost.

    A price only changes the roster once it is of the order of the arc costs,
    which column generation's duals make about the cover weights (100 per person
    short). Starting at 1 and doubling took about 8 rounds, each a full pass of
    the program, and made the repairs 2/3 of Instance19's pricing time.
    """
    finite = np.where(np.isfinite(arc_costs), np.abs(arc_costs), 0.0)
    largest = finite.reshape(len(arc_costs), -1).max(axis=1)
    steps: FloatArray = np.maximum(REPAIR_FIRST_STEP, REPAIR_FIRST_SHARE * largest)
    return steps
