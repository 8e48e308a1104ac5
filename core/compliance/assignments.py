"""Rules on single assignments: who, which shift, on which day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from core.compliance.model import (
    BlockedPeriod,
    BlockReason,
    ComplianceContext,
    PlannedShift,
    Severity,
    Violation,
    ViolationRule,
)
from core.compliance.roster import CheckedRoster

# The reason detail of a night shift that lasts into a day the employee cannot work.
UNAVAILABLE_NEXT_DAY = "unavailable_next_day"
ABSENT_NEXT_DAY = "absent_next_day"


def check_unknown_employees(
    shifts: Sequence[PlannedShift], context: ComplianceContext
) -> list[Violation]:
    """Report each employee key the unit does not know, once, at its first day."""
    days_by_employee: dict[str, list[dt.date]] = defaultdict(list)
    for shift in shifts:
        if shift.employee_key not in context.employees:
            days_by_employee[shift.employee_key].append(shift.day)
    return [
        Violation(
            ViolationRule.UNKNOWN_EMPLOYEE,
            Severity.ERROR,
            employee_key=employee_key,
            day=min(days),
            details={"shift_count": len(days)},
        )
        for employee_key, days in days_by_employee.items()
    ]


def check_unknown_shifts(
    shifts: Sequence[PlannedShift], context: ComplianceContext
) -> list[Violation]:
    """Report each assignment of a shift code the unit does not have."""
    return [
        Violation(
            ViolationRule.UNKNOWN_SHIFT,
            Severity.ERROR,
            employee_key=shift.employee_key,
            day=shift.day,
            shift_code=shift.shift_code,
        )
        for shift in shifts
        if shift.shift_code not in context.shift_types
    ]


def check_outside_period(
    shifts: Sequence[PlannedShift], context: ComplianceContext
) -> list[Violation]:
    """Report each assignment on a day outside the roster's period."""
    period = context.period
    return [
        Violation(
            ViolationRule.OUTSIDE_PERIOD,
            Severity.ERROR,
            employee_key=shift.employee_key,
            day=shift.day,
            shift_code=shift.shift_code,
            details={
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
            },
        )
        for shift in shifts
        if shift.day not in period
    ]


def check_shift_times(roster: CheckedRoster) -> list[Violation]:
    """Warn where a shift's times differ from its shift type's times on its day.

    The other rules use the planned times, so this is a warning that the roster
    was edited by hand, not a breach.
    """
    violations = []
    for shift in roster.planned:
        shift_type = roster.context.shift_types[shift.shift_code]
        expected_start = shift_type.starts_at(shift.day)
        expected_end = shift_type.ends_at(shift.day)
        if (shift.start, shift.end) != (expected_start, expected_end):
            details: dict[str, int | str] = {
                "planned_start": shift.start.isoformat(timespec="minutes"),
                "planned_end": shift.end.isoformat(timespec="minutes"),
                "expected_start": expected_start.isoformat(timespec="minutes"),
                "expected_end": expected_end.isoformat(timespec="minutes"),
            }
            violations.append(
                Violation.for_shift(
                    ViolationRule.SHIFT_TIMES_MISMATCH, shift, details, Severity.WARNING
                )
            )
    return violations


def check_one_shift_per_day(roster: CheckedRoster) -> list[Violation]:
    """Report a person with more than one shift starting on the same day."""
    shifts_by_day: dict[tuple[str, dt.date], list[PlannedShift]] = defaultdict(list)
    for shift in roster.planned:
        shifts_by_day[(shift.employee_key, shift.day)].append(shift)
    violations = []
    for (employee_key, day), shifts in sorted(shifts_by_day.items()):
        if len(shifts) > 1:
            codes = ",".join(sorted(shift.shift_code for shift in shifts))
            details: dict[str, int | str] = {"shift_count": len(shifts), "shift_codes": codes}
            rule = ViolationRule.TWO_SHIFTS_SAME_DAY
            violations.append(Violation.for_employee(rule, employee_key, day, details))
    return violations


def check_blocked_days(roster: CheckedRoster) -> list[Violation]:
    """Report a shift during the employee's absence or registered unavailability.

    A shift belongs to the day it starts on. A whole-day absence or
    unavailability also covers the early hours, so a night shift is reported
    when it lasts into a day the employee is absent or cannot work.
    """
    violations = []
    for shift in roster.planned:
        employee = roster.context.employees[shift.employee_key]
        blocking = [period for period in employee.blocked if period.blocks(shift)]
        if blocking:
            details = _blocked_details(shift, blocking)
            violations.append(Violation.for_shift(ViolationRule.BLOCKED_DAY, shift, details))
    return violations


def _blocked_details(shift: PlannedShift, blocking: list[BlockedPeriod]) -> dict[str, int | str]:
    """Name why the shift is blocked: an absence first when an unavailability covers the day too."""
    on_its_day = [period for period in blocking if shift.day in period.days]
    if not on_its_day:
        next_day = shift.day + dt.timedelta(days=1)
        absent = any(period.reason is BlockReason.ABSENCE for period in blocking)
        reason = ABSENT_NEXT_DAY if absent else UNAVAILABLE_NEXT_DAY
        return {"reason": reason, "blocked_day": next_day.isoformat()}
    reasons = {period.reason for period in on_its_day}
    reason = BlockReason.ABSENCE if BlockReason.ABSENCE in reasons else BlockReason.UNAVAILABILITY
    return {"reason": str(reason)}


def check_qualified(roster: CheckedRoster) -> list[Violation]:
    """Report a shift outside the employee's allowed shifts, such as a day shift for night staff."""
    violations = []
    for shift in roster.planned:
        employee = roster.context.employees[shift.employee_key]
        allowed = employee.allowed_shift_codes
        if allowed is not None and shift.shift_code not in allowed:
            details: dict[str, int | str] = {"allowed_shift_codes": ",".join(sorted(allowed))}
            if employee.restriction is not None:
                details["restriction"] = str(employee.restriction)
            violations.append(Violation.for_shift(ViolationRule.NOT_QUALIFIED, shift, details))
    return violations
