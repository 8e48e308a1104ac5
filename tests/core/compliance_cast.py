"""A small fictional ward for the roster checker's tests: shift types, staff and builders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from core.commands import DateRange, ShiftKind
from core.compliance import (
    ComplianceContext,
    EmployeeFacts,
    PlannedShift,
    Violation,
    ViolationRule,
    check_roster,
)
from core.rules import RuleSettings
from core.units import ShiftType, StaffingPlan

DAY = ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7, 0), dt.time(15, 0))
EVENING = ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(15, 0), dt.time(22, 30))
NIGHT = ShiftType("N", "Nattevakt", ShiftKind.NIGHT, dt.time(22, 0), dt.time(7, 30))
# 12.5 hours on the ward with a 30-minute pause the staff may leave for: 12 hours of work.
LONG_DAY = ShiftType(
    "L", "Langvakt", ShiftKind.LONG_DAY, dt.time(8, 0), dt.time(20, 30), paid_minutes=12 * 60
)
SHIFT_TYPES = {shift_type.code: shift_type for shift_type in (DAY, EVENING, NIGHT, LONG_DAY)}

INGRID = "Ingrid Bakken"
OLA = "Ola Haugen"
SIRI = "Siri Lunde"
HAKON = "Håkon Ødegård"

# ISO week 2 of 2027: Monday 11 January to Sunday 17 January.
MONDAY = dt.date(2027, 1, 11)
WEEK = DateRange(MONDAY, MONDAY + dt.timedelta(days=6))


def day_of(monday_offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=monday_offset)


def planned(employee_key: str, day: dt.date, shift_code: str) -> PlannedShift:
    """Return a shift at its shift type's times."""
    shift_type = SHIFT_TYPES[shift_code]
    return PlannedShift(
        employee_key, day, shift_code, shift_type.starts_at(day), shift_type.ends_at(day)
    )


def planned_at(employee_key: str, shift_code: str, start: str, end: str) -> PlannedShift:
    """Return a shift at explicit wall-clock times such as "2027-01-11T07:00"."""
    start_time = dt.datetime.fromisoformat(start)
    return PlannedShift(
        employee_key, start_time.date(), shift_code, start_time, dt.datetime.fromisoformat(end)
    )


def context(
    period: DateRange = WEEK,
    *,
    employees: Iterable[EmployeeFacts] = (),
    rules: RuleSettings | None = None,
    staffing: StaffingPlan | None = None,
    history: Sequence[PlannedShift] = (),
) -> ComplianceContext:
    """Return a context; the default staff are Ingrid, Ola and Siri at 100 %."""
    staff = list(employees) or [EmployeeFacts(key, 100) for key in (INGRID, OLA, SIRI)]
    return ComplianceContext(
        period=period,
        rules=rules or RuleSettings(),
        employees={employee.key: employee for employee in staff},
        shift_types=SHIFT_TYPES,
        staffing=staffing or StaffingPlan(()),
        history=tuple(history),
    )


def violations_of(
    rule: ViolationRule, shifts: Sequence[PlannedShift], checked_context: ComplianceContext
) -> list[Violation]:
    """Return the violations of one rule that the checker finds."""
    return [
        violation for violation in check_roster(shifts, checked_context) if violation.rule == rule
    ]
