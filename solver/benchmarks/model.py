"""CP-SAT model of a Curtois & Qu instance: shift-assignment booleans per (employee, day, shift).

Every hard rule (H1–H10) is one named helper below. Cover is soft, with an under
and an over variable per (day, shift), and the objective is exactly the benchmark
cost. The days just outside the horizon count as days off for H2 and H6, and as
"whatever makes the run long enough" for H7 and H8.

The same builder makes the sub-models of the large neighbourhood search: only the
employees of a `Neighbourhood` get variables, and only on its days. Their other
days are Python booleans taken from the incumbent roster (CP-SAT accepts `True`
and `False` as literals), and everybody else counts as a constant in the cover.
All hard rules are per employee, so a sub-model keeps the whole roster feasible,
and its objective value is the cost of the whole roster.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model, cp_model_helper

from solver.benchmarks.instance import (
    DAYS_PER_WEEK,
    CoverRequirement,
    Employee,
    Instance,
    ShiftRequest,
)

# A CP-SAT Boolean variable, its negation, or a constant for a day outside the neighbourhood.
Literal = cp_model_helper.Literal | bool
# roster[employee index][day] is the shift ID worked that day, or None for a day off.
IndexedRoster = list[list[str | None]]


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """The employees and the days (inclusive range) that a sub-model may change."""

    employee_indexes: tuple[int, ...]
    first_day: int
    last_day: int

    @property
    def day_count(self) -> int:
        return self.last_day - self.first_day + 1


@dataclass(slots=True)
class CurtoisModel:
    instance: Instance
    neighbourhood: Neighbourhood
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    # (employee index, day, shift ID) → variable "the employee works this shift this day".
    assignment: dict[tuple[int, int, str], cp_model.IntVar] = field(default_factory=dict)
    # shift_literals[employee index][day][shift ID], only for the neighbourhood's employees.
    shift_literals: dict[int, list[dict[str, Literal]]] = field(default_factory=dict)
    day_off_literals: dict[int, list[Literal]] = field(default_factory=dict)
    objective_terms: list[cp_model.LinearExprT] = field(default_factory=list)
    # The roster the search starts from, or None: then nothing is hinted. Every
    # variable is hinted, because CP-SAT often fails to complete a partial hint: on
    # Instance12 the full model ended at 5573 from a hinted roster of 4071.
    hint_roster: IndexedRoster | None = None

    def works(self, employee_index: int) -> list[Literal]:
        """Return per day a literal that is true when the employee works any shift."""
        return [negated(literal) for literal in self.day_off_literals[employee_index]]

    def read_roster(self, solver: cp_model.CpSolver, incumbent: IndexedRoster) -> IndexedRoster:
        """Return `incumbent` with the neighbourhood's days replaced by the solver's values."""
        roster = [list(days) for days in incumbent]
        for employee_index in self.neighbourhood.employee_indexes:
            for day in range(self.neighbourhood.first_day, self.neighbourhood.last_day + 1):
                roster[employee_index][day] = None
        for (employee_index, day, shift_id), variable in self.assignment.items():
            if solver.boolean_value(variable):
                roster[employee_index][day] = shift_id
        return roster


def negated(literal: Literal) -> Literal:
    """Negate a CP-SAT literal or a Python boolean (`~True` would be the integer -2)."""
    if isinstance(literal, bool):
        return not literal
    return ~literal


def full_neighbourhood(instance: Instance) -> Neighbourhood:
    employee_indexes = tuple(range(len(instance.employees)))
    return Neighbourhood(employee_indexes, 0, instance.horizon_days - 1)


def empty_roster(instance: Instance) -> IndexedRoster:
    return [[None] * instance.horizon_days for _ in instance.employees]


def build_model(
    instance: Instance,
    neighbourhood: Neighbourhood | None = None,
    incumbent: IndexedRoster | None = None,
) -> CurtoisModel:
    """Build the model of the whole instance, or of one neighbourhood around `incumbent`.

    The objective is the benchmark cost of the whole roster in both cases.
    """
    neighbourhood = neighbourhood or full_neighbourhood(instance)
    hint = incumbent is not None
    incumbent = incumbent if incumbent is not None else empty_roster(instance)
    curtois = CurtoisModel(instance, neighbourhood, hint_roster=incumbent if hint else None)
    for employee_index in neighbourhood.employee_indexes:
        add_assignment_variables(curtois, employee_index, incumbent[employee_index], hint=hint)
        employee = instance.employees[employee_index]
        add_fixed_days_off(curtois, employee_index, employee)
        add_shift_rotation(curtois, employee_index)
        add_max_shifts_per_type(curtois, employee_index, employee)
        add_total_minutes(curtois, employee_index, employee)
        add_max_consecutive_shifts(curtois, employee_index, employee)
        add_min_consecutive_shifts(curtois, employee_index, employee)
        add_min_consecutive_days_off(curtois, employee_index, employee)
        add_max_weekends(curtois, employee_index, employee)
    add_request_costs(curtois, incumbent)
    add_cover_costs(curtois, incumbent)
    curtois.model.minimize(sum(curtois.objective_terms))
    return curtois


def add_assignment_variables(
    curtois: CurtoisModel, employee_index: int, incumbent_days: Sequence[str | None], *, hint: bool
) -> None:
    """H1: each employee works exactly one shift or has the day off, every day.

    No variable is made for a shift type whose MaxShifts is 0 (H3 with limit 0),
    nor for days outside the neighbourhood, which keep the incumbent's shift. With
    `hint`, the search starts from the incumbent's values.
    """
    instance, model, neighbourhood = curtois.instance, curtois.model, curtois.neighbourhood
    employee = instance.employees[employee_index]
    allowed = [
        shift_id
        for shift_id in instance.shift_ids
        if instance.max_shifts_of(employee, shift_id) > 0
    ]
    shift_literals: list[dict[str, Literal]] = []
    day_off_literals: list[Literal] = []
    for day, incumbent_shift in enumerate(incumbent_days):
        if not neighbourhood.first_day <= day <= neighbourhood.last_day:
            shift_literals.append({shift_id: shift_id == incumbent_shift for shift_id in allowed})
            day_off_literals.append(incumbent_shift is None)
            continue
        literals: dict[str, Literal] = {}
        for shift_id in allowed:
            variable = model.new_bool_var(f"{employee.employee_id}_day{day}_{shift_id}")
            if hint:
                model.add_hint(variable, shift_id == incumbent_shift)
            curtois.assignment[employee_index, day, shift_id] = variable
            literals[shift_id] = variable
        day_off = model.new_bool_var(f"{employee.employee_id}_day{day}_off")
        if hint:
            model.add_hint(day_off, incumbent_shift is None)
        model.add_exactly_one([*literals.values(), day_off])
        shift_literals.append(literals)
        day_off_literals.append(day_off)
    curtois.shift_literals[employee_index] = shift_literals
    curtois.day_off_literals[employee_index] = day_off_literals


def add_fixed_days_off(curtois: CurtoisModel, employee_index: int, employee: Employee) -> None:
    """H10: no work on the employee's fixed days off."""
    days_off = curtois.day_off_literals[employee_index]
    for day in curtois.instance.fixed_days_off.get(employee.employee_id, ()):
        if not isinstance(days_off[day], bool):
            curtois.model.add(days_off[day] == 1)


def add_shift_rotation(curtois: CurtoisModel, employee_index: int) -> None:
    """H2: a shift is not followed the next day by a shift in its CannotFollow list.

    The next-day shifts are mutually exclusive, so one at-most-one per shift covers
    all its banned successors and gives a tighter LP than one clause per pair.
    """
    instance = curtois.instance
    shift_literals = curtois.shift_literals[employee_index]
    for day in _first_days_touching(curtois, span=2):
        today, tomorrow = shift_literals[day], shift_literals[day + 1]
        for shift in instance.shift_types:
            if shift.shift_id not in today:
                continue
            banned = [
                tomorrow[next_id] for next_id in sorted(shift.cannot_follow) if next_id in tomorrow
            ]
            literals = [today[shift.shift_id], *banned]
            if banned and not _all_constant(literals):
                curtois.model.add_at_most_one(literals)


def add_max_shifts_per_type(curtois: CurtoisModel, employee_index: int, employee: Employee) -> None:
    """H3: at most MaxShifts days with each shift type."""
    instance = curtois.instance
    shift_literals = curtois.shift_literals[employee_index]
    for shift_id in instance.shift_ids:
        limit = instance.max_shifts_of(employee, shift_id)
        if 0 < limit < instance.horizon_days:
            worked = _linear_sum((1, literals[shift_id]) for literals in shift_literals)
            curtois.model.add(worked <= limit)


def add_total_minutes(curtois: CurtoisModel, employee_index: int, employee: Employee) -> None:
    """H4 and H5: total worked minutes between MinTotalMinutes and MaxTotalMinutes."""
    shift_by_id = curtois.instance.shift_by_id
    minutes = _linear_sum(
        (shift_by_id[shift_id].length_minutes, literal)
        for literals in curtois.shift_literals[employee_index]
        for shift_id, literal in literals.items()
    )
    curtois.model.add_linear_constraint(
        minutes, employee.min_total_minutes, employee.max_total_minutes
    )


def add_max_consecutive_shifts(
    curtois: CurtoisModel, employee_index: int, employee: Employee
) -> None:
    """H6: every window of MaxConsecutiveShifts + 1 days inside the horizon has a day off.

    Written as a linear sum so that it enters the LP relaxation.
    """
    window = employee.max_consecutive_shifts + 1
    days_off = curtois.day_off_literals[employee_index]
    for first_day in _first_days_touching(curtois, span=window):
        literals = days_off[first_day : first_day + window]
        if not _all_constant(literals):
            curtois.model.add(sum(literals) >= 1)


def add_min_consecutive_shifts(
    curtois: CurtoisModel, employee_index: int, employee: Employee
) -> None:
    """H7: no run of fewer than MinConsecutiveShifts working days between two days off.

    Runs touching day 0 or the last day are exempt, so a pattern is only forbidden
    when both of its bounding days off lie inside the horizon.
    """
    days_off = curtois.day_off_literals[employee_index]
    works = curtois.works(employee_index)
    _forbid_short_runs(
        curtois, run=works, border=days_off, min_length=employee.min_consecutive_shifts
    )


def add_min_consecutive_days_off(
    curtois: CurtoisModel, employee_index: int, employee: Employee
) -> None:
    """H8: no run of fewer than MinConsecutiveDaysOff days off between two working days.

    As for H7, runs touching the horizon edge are exempt.
    """
    days_off = curtois.day_off_literals[employee_index]
    works = curtois.works(employee_index)
    _forbid_short_runs(
        curtois, run=days_off, border=works, min_length=employee.min_consecutive_days_off
    )


def _forbid_short_runs(
    curtois: CurtoisModel, run: Sequence[Literal], border: Sequence[Literal], min_length: int
) -> None:
    """Forbid `border[t-1], run[t..t+k-1], border[t+k]` for each k < min_length inside.

    `t - 1` and `t + k` must both lie inside the horizon; that is the edge exemption.
    """
    for length in range(1, min_length):
        # The pattern spans the k + 2 days from t - 1, and its first day is at least 0.
        for before in _first_days_touching(curtois, span=length + 2):
            first_day = before + 1
            pattern = [
                border[first_day - 1],
                *run[first_day : first_day + length],
                border[first_day + length],
            ]
            if not _all_constant(pattern):
                curtois.model.add_bool_or([negated(literal) for literal in pattern])


def add_max_weekends(curtois: CurtoisModel, employee_index: int, employee: Employee) -> None:
    """H9: at most MaxWeekends weekends (Saturday 7k+5 or Sunday 7k+6) with any work."""
    instance, model = curtois.instance, curtois.model
    if employee.max_weekends >= instance.weekend_count:
        return
    works = curtois.works(employee_index)
    weekends_worked: list[Literal] = []
    for week in range(instance.weekend_count):
        saturday = week * DAYS_PER_WEEK + DAYS_PER_WEEK - 2
        weekend_days = works[saturday : saturday + 2]
        if _all_constant(weekend_days):
            weekends_worked.append(any(weekend_days))
            continue
        weekend = model.new_bool_var(f"{employee.employee_id}_weekend{week}")
        for works_that_day in weekend_days:
            model.add(weekend >= works_that_day)  # linear, so that it enters the LP
        if curtois.hint_roster is not None:
            hinted_days = curtois.hint_roster[employee_index][saturday : saturday + 2]
            model.add_hint(weekend, any(shift_id is not None for shift_id in hinted_days))
        weekends_worked.append(weekend)
    model.add(sum(weekends_worked) <= employee.max_weekends)


def add_request_costs(curtois: CurtoisModel, incumbent: IndexedRoster) -> None:
    """Soft: an on-request costs its weight unless that shift is worked; an off-request if it is.

    Requests of employees outside the neighbourhood, and on days outside it, are
    constants from `incumbent`, added up into one term.
    """
    employee_index_by_id = {
        employee_id: index for index, employee_id in enumerate(curtois.instance.employee_ids)
    }
    constant = 0
    for request, on_request in _requests(curtois.instance):
        employee_index = employee_index_by_id[request.employee_id]
        worked = _request_literal(curtois, incumbent, employee_index, request.day, request.shift_id)
        if isinstance(worked, bool):
            constant += request.weight * (worked != on_request)
        else:
            missed = 1 - worked if on_request else worked
            curtois.objective_terms.append(request.weight * missed)
    curtois.objective_terms.append(constant)


def _requests(instance: Instance) -> Iterator[tuple[ShiftRequest, bool]]:
    """Yield every shift request, with True for an on-request and False for an off-request."""
    for request in instance.shift_on_requests:
        yield request, True
    for request in instance.shift_off_requests:
        yield request, False


def _request_literal(
    curtois: CurtoisModel, incumbent: IndexedRoster, employee_index: int, day: int, shift_id: str
) -> Literal:
    shift_literals = curtois.shift_literals.get(employee_index)
    if shift_literals is None:
        return incumbent[employee_index][day] == shift_id
    return shift_literals[day].get(shift_id, False)


def add_cover_costs(curtois: CurtoisModel, incumbent: IndexedRoster) -> None:
    """Soft: each person short costs the under weight, each person too many the over weight.

    Outside the neighbourhood's days everybody keeps the incumbent's shift, so
    those cover lines cost a constant, added up into one term.
    """
    model, neighbourhood = curtois.model, curtois.neighbourhood
    incumbent_staffing = _staffing(incumbent)
    fixed_staffing = incumbent_staffing - _staffing(
        [incumbent[index] for index in curtois.shift_literals]
    )
    constant = 0
    for cover in curtois.instance.cover:
        if not neighbourhood.first_day <= cover.day <= neighbourhood.last_day:
            constant += _cover_cost(cover, incumbent_staffing[cover.day, cover.shift_id])
            continue
        staffed = [
            literals[cover.day][cover.shift_id]
            for literals in curtois.shift_literals.values()
            if cover.shift_id in literals[cover.day]
        ]
        fixed = fixed_staffing[cover.day, cover.shift_id]
        fixed += sum(1 for literal in staffed if literal is True)
        free = [literal for literal in staffed if not isinstance(literal, bool)]
        if not free:
            constant += _cover_cost(cover, fixed)
            continue
        name = f"day{cover.day}_{cover.shift_id}"
        under = model.new_int_var(0, max(0, cover.requirement - fixed), f"{name}_under")
        over = model.new_int_var(0, max(0, fixed + len(free) - cover.requirement), f"{name}_over")
        model.add(sum(free) + fixed + under - over == cover.requirement)
        curtois.objective_terms.append(cover.weight_under * under + cover.weight_over * over)
        if curtois.hint_roster is not None:
            staffed_by_incumbent = incumbent_staffing[cover.day, cover.shift_id]
            model.add_hint(under, max(0, cover.requirement - staffed_by_incumbent))
            model.add_hint(over, max(0, staffed_by_incumbent - cover.requirement))
    curtois.objective_terms.append(constant)


def _cover_cost(cover: CoverRequirement, staffed: int) -> int:
    shortfall = max(0, cover.requirement - staffed)
    surplus = max(0, staffed - cover.requirement)
    return cover.weight_under * shortfall + cover.weight_over * surplus


def _staffing(roster: IndexedRoster) -> Counter[tuple[int, str]]:
    """Count the people of `roster` per (day, shift)."""
    return Counter(
        (day, shift_id)
        for days in roster
        for day, shift_id in enumerate(days)
        if shift_id is not None
    )


def _first_days_touching(curtois: CurtoisModel, span: int) -> range:
    """Return the first days of the `span`-day stretches that overlap the neighbourhood's days.

    A stretch wholly outside contains only the incumbent's constants, which already
    keep the rule. Building it again only costs time. On Instance24, a sub-model of
    16 employees over one week took 1 s to build with every stretch of the year.
    """
    neighbourhood = curtois.neighbourhood
    first = max(0, neighbourhood.first_day - span + 1)
    last = min(curtois.instance.horizon_days - span, neighbourhood.last_day)
    return range(first, last + 1)


def _linear_sum(terms: Iterable[tuple[int, Literal]]) -> cp_model.LinearExprT:
    """Return the sum of coefficient × literal, with the constant literals added up first."""
    constant = 0
    coefficients: list[int] = []
    variables: list[cp_model.LinearExprT] = []
    for coefficient, literal in terms:
        if isinstance(literal, bool):
            constant += coefficient * literal
        else:
            coefficients.append(coefficient)
            variables.append(literal)
    return cp_model.LinearExpr.weighted_sum(variables, coefficients) + constant


def _all_constant(literals: Sequence[Literal]) -> bool:
    return all(isinstance(literal, bool) for literal in literals)
