"""Check a roster against every hard rule of a Curtois & Qu instance and recompute its cost.

This module shares no constraint code with `model`: it walks the roster day by day
and looks at maximal runs of working days and days off, where the model uses
sliding windows and clauses. Both use the instance reader, whose output the tests
check against third-party rosters and their printed costs.

Hard rules (a roster that breaks one is infeasible):
    H1 one shift a day
    H2 shift rotation: no shift from CannotFollow on the next day
    H3 maximum days per shift type
    H4, H5 maximum and minimum total minutes
    H6, H7 maximum and minimum consecutive working days
    H8 minimum consecutive days off
    H9 maximum weekends worked
    H10 fixed days off
Cost: each broken on-request or off-request costs its weight. Each person short of
a cover requirement costs its under weight, and each person too many its over weight.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from solver.benchmarks.instance import DAYS_PER_WEEK, Employee, Instance
from solver.benchmarks.solution import RosterLine

FORMAT_RULE = "format"


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str  # "H1" … "H10", or "format" for a roster line that does not fit the instance
    employee_id: str
    day: int | None  # the first day concerned, None for a whole-horizon limit
    message: str


@dataclass(frozen=True, slots=True)
class Evaluation:
    violations: tuple[Violation, ...]
    cover_cost: int
    request_cost: int  # on-requests plus off-requests
    broken_requests: int

    @property
    def feasible(self) -> bool:
        return not self.violations

    @property
    def objective(self) -> int:
        return self.cover_cost + self.request_cost

    def rules_broken(self) -> set[str]:
        return {violation.rule for violation in self.violations}


# schedule[day] is the set of shift IDs an employee works that day (normally 0 or 1).
_DaySchedule = list[set[str]]
# Builds a violation for one employee from (rule, day, message).
_ViolationFactory = Callable[[str, int | None, str], Violation]


def evaluate_roster(instance: Instance, lines: Iterable[RosterLine]) -> Evaluation:
    """Check every hard rule and recompute the objective of the roster in `lines`."""
    lines = tuple(lines)
    violations = list(_check_lines_fit(instance, lines))
    schedules = _schedules(instance, lines)
    for employee in instance.employees:
        violations.extend(_check_employee(instance, employee, schedules[employee.employee_id]))
    request_cost, broken_requests = _request_cost(instance, schedules)
    return Evaluation(
        violations=tuple(violations),
        cover_cost=_cover_cost(instance, schedules),
        request_cost=request_cost,
        broken_requests=broken_requests,
    )


def _check_lines_fit(instance: Instance, lines: tuple[RosterLine, ...]) -> Iterator[Violation]:
    """Report roster lines for unknown employees, unknown shifts or the wrong number of days."""
    known_employees = set(instance.employee_ids)
    listed = {line.employee_id for line in lines}
    for employee_id in instance.employee_ids:
        if employee_id not in listed:
            yield Violation(FORMAT_RULE, employee_id, None, "no roster line for this employee")
    for line in lines:
        if line.employee_id not in known_employees:
            yield Violation(FORMAT_RULE, line.employee_id, None, "employee is not in the instance")
        if len(line.shifts) != instance.horizon_days:
            message = f"{len(line.shifts)} days given, the horizon has {instance.horizon_days}"
            yield Violation(FORMAT_RULE, line.employee_id, None, message)
        for day, shift_id in enumerate(line.shifts):
            if shift_id is not None and shift_id not in instance.shift_by_id:
                message = f"unknown shift ID {shift_id!r}"
                yield Violation(FORMAT_RULE, line.employee_id, day, message)


def _schedules(instance: Instance, lines: tuple[RosterLine, ...]) -> dict[str, _DaySchedule]:
    """Collect the known shifts of each employee per day; a repeated line adds its shifts."""
    schedules: dict[str, _DaySchedule] = {
        employee_id: [set() for _ in range(instance.horizon_days)]
        for employee_id in instance.employee_ids
    }
    for line in lines:
        schedule = schedules.get(line.employee_id)
        if schedule is None:
            continue
        for day, shift_id in enumerate(line.shifts[: instance.horizon_days]):
            if shift_id in instance.shift_by_id:
                schedule[day].add(shift_id)
    return schedules


def _check_employee(
    instance: Instance, employee: Employee, schedule: _DaySchedule
) -> Iterator[Violation]:
    def violation(rule: str, day: int | None, message: str) -> Violation:
        return Violation(rule, employee.employee_id, day, message)

    for day, shift_ids in enumerate(schedule):
        if len(shift_ids) > 1:
            yield violation("H1", day, f"works {len(shift_ids)} shifts on one day")
    for day in range(instance.horizon_days - 1):
        for shift_id in sorted(schedule[day]):
            banned = instance.shift_by_id[shift_id].cannot_follow & schedule[day + 1]
            for next_shift_id in sorted(banned):
                yield violation("H2", day, f"{next_shift_id} the day after {shift_id}")
    yield from _check_totals(instance, employee, schedule, violation)
    yield from _check_runs(instance, employee, schedule, violation)
    weekends = _weekends_worked(instance, schedule)
    if weekends > employee.max_weekends:
        yield violation("H9", None, f"{weekends} weekends worked, limit {employee.max_weekends}")
    for day in sorted(instance.fixed_days_off.get(employee.employee_id, ())):
        if schedule[day]:
            yield violation("H10", day, "works on a fixed day off")


def _check_totals(
    instance: Instance, employee: Employee, schedule: _DaySchedule, violation: _ViolationFactory
) -> Iterator[Violation]:
    counts = Counter(shift_id for shift_ids in schedule for shift_id in shift_ids)
    for shift_id, count in sorted(counts.items()):
        limit = instance.max_shifts_of(employee, shift_id)
        if count > limit:
            yield violation("H3", None, f"{count} {shift_id} shifts, limit {limit}")
    minutes = sum(
        instance.shift_by_id[shift_id].length_minutes * n for shift_id, n in counts.items()
    )
    if minutes > employee.max_total_minutes:
        yield violation("H4", None, f"{minutes} minutes, maximum {employee.max_total_minutes}")
    if minutes < employee.min_total_minutes:
        yield violation("H5", None, f"{minutes} minutes, minimum {employee.min_total_minutes}")


def _runs(schedule: _DaySchedule) -> Iterator[tuple[bool, int, int]]:
    """Yield (working, first day, length) for each maximal run of working days or days off."""
    start = 0
    for day in range(1, len(schedule) + 1):
        if day == len(schedule) or bool(schedule[day]) != bool(schedule[start]):
            yield bool(schedule[start]), start, day - start
            start = day


def _check_runs(
    instance: Instance, employee: Employee, schedule: _DaySchedule, violation: _ViolationFactory
) -> Iterator[Violation]:
    last_day = instance.horizon_days - 1
    for working, first_day, length in _runs(schedule):
        # H7 and H8 exempt runs touching the horizon edge: the benchmark assumes the run
        # goes on outside it. H6 counts only the days inside and exempts nothing.
        inside = first_day >= 1 and first_day + length - 1 <= last_day - 1
        if working and length > employee.max_consecutive_shifts:
            limit = employee.max_consecutive_shifts
            yield violation("H6", first_day, f"{length} working days in a row, maximum {limit}")
        if working and inside and length < employee.min_consecutive_shifts:
            limit = employee.min_consecutive_shifts
            yield violation("H7", first_day, f"{length} working days in a row, minimum {limit}")
        if not working and inside and length < employee.min_consecutive_days_off:
            limit = employee.min_consecutive_days_off
            yield violation("H8", first_day, f"{length} days off in a row, minimum {limit}")


def _weekends_worked(instance: Instance, schedule: _DaySchedule) -> int:
    """Count weekends (Saturday 7k+5 and Sunday 7k+6; day 0 is a Monday) with any work."""
    saturday, sunday = DAYS_PER_WEEK - 2, DAYS_PER_WEEK - 1
    return sum(
        1
        for week in range(instance.weekend_count)
        if schedule[week * DAYS_PER_WEEK + saturday] or schedule[week * DAYS_PER_WEEK + sunday]
    )


def _request_cost(instance: Instance, schedules: dict[str, _DaySchedule]) -> tuple[int, int]:
    """Return the cost and number of broken requests.

    An on-request is broken unless that exact shift is worked; an off-request only
    when that exact shift is worked.
    """
    cost = broken = 0
    for request in instance.shift_on_requests:
        if request.shift_id not in schedules[request.employee_id][request.day]:
            cost, broken = cost + request.weight, broken + 1
    for request in instance.shift_off_requests:
        if request.shift_id in schedules[request.employee_id][request.day]:
            cost, broken = cost + request.weight, broken + 1
    return cost, broken


def _cover_cost(instance: Instance, schedules: dict[str, _DaySchedule]) -> int:
    staffed = Counter(
        (day, shift_id)
        for schedule in schedules.values()
        for day, shift_ids in enumerate(schedule)
        for shift_id in shift_ids
    )
    cost = 0
    for cover in instance.cover:
        assigned = staffed[cover.day, cover.shift_id]
        cost += cover.weight_under * max(0, cover.requirement - assigned)
        cost += cover.weight_over * max(0, assigned - cover.requirement)
    return cost
