"""The facts the roster checker needs, gathered from storage for one unit and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.absences import Absence, RemovedShift, Unavailability
from core.calendar import OSLO
from core.commands import DateRange, ShiftKind
from core.compliance.model import (
    BlockedPeriod,
    BlockReason,
    ComplianceContext,
    EmployeeFacts,
    PlannedShift,
    ShiftRestriction,
)
from core.employees import Employee
from core.rosters import Assignment
from core.units import ShiftType, Unit

if TYPE_CHECKING:
    from storage.store import Store

# How far back published shifts are read, so that rest and weekend rules see
# across the period's first day: two weeks covers every-third-weekend windows.
HISTORY_DAYS = 14

EmployeeKey = Callable[[int], str]


def employee_key(employee_id: int) -> str:
    return str(employee_id)


def planned_shifts(
    assignments: Iterable[Assignment],
    shift_types: Mapping[str, ShiftType],
    key: EmployeeKey = employee_key,
) -> list[PlannedShift]:
    """Return the assignments with their wall-clock start and end; unknown codes are skipped."""
    shifts = []
    for assignment in assignments:
        shift_type = shift_types.get(assignment.shift_code)
        if shift_type is None:
            continue
        shifts.append(
            PlannedShift(
                employee_key=key(assignment.employee_id),
                day=assignment.day,
                shift_code=assignment.shift_code,
                start=shift_type.starts_at(assignment.day),
                end=shift_type.ends_at(assignment.day),
            )
        )
    return shifts


def allowed_shift_codes(
    employee: Employee, shift_types: Iterable[ShiftType]
) -> frozenset[str] | None:
    """Return the codes a night-only employee may work, or None for every code."""
    if not employee.night_only:
        return None
    return frozenset(t.code for t in shift_types if t.kind == ShiftKind.NIGHT)


@dataclass(frozen=True, slots=True)
class AbsenceCredit:
    """The part of one employee's hours target in a period that their absences take off.

    `absent_days` are the absent days in the period that removed no planned shift,
    each worth a seventh of a week. `credited_days` are the absent days in the
    period that did, and `credited_minutes` are the worked minutes of the removed
    shifts that start in the period (core.hours.target_minutes).
    """

    absent_days: int = 0
    credited_days: int = 0
    credited_minutes: int = 0


def absence_credit(
    period: DateRange, absences: Iterable[Absence], removed_shifts: Iterable[RemovedShift]
) -> AbsenceCredit:
    """Return what the absences and the shifts they removed take off the target in `period`.

    A removed shift counts its minutes in the period where it starts, as the roster
    checker counts a planned shift, and it takes away the seventh-of-a-week credit of
    its absent day. NOTE: a night removed from the last evening of a period thus
    credits that period, while its absent day in the next period gets no credit.
    A removed shift counts even after its absence is deleted, because the shift is
    not given back. If the employee takes the same shift again as an open shift,
    its minutes count twice.
    """
    absent = {day for absence in absences for day in absence.days.days() if day in period}
    removed_shifts = list(removed_shifts)
    removed_on = {shift.absent_day for shift in removed_shifts}
    return AbsenceCredit(
        absent_days=len(absent - removed_on),
        credited_days=len(absent & removed_on),
        credited_minutes=sum(
            shift.worked_minutes for shift in removed_shifts if shift.shift_day in period
        ),
    )


def oslo_wall_clock(moment: dt.datetime | None) -> dt.datetime | None:
    """Return an aware moment as a naive Oslo wall-clock time, the checker's shift times."""
    if moment is None:
        return None
    return moment.astimezone(OSLO).replace(tzinfo=None)


def blocked_periods(
    absences: Iterable[Absence],
    unavailabilities: Iterable[Unavailability],
    shift_types: Iterable[ShiftType],
) -> tuple[BlockedPeriod, ...]:
    """Return absences and unavailabilities as blocked periods, one per shift code if limited.

    An absence keeps the moment it was registered, because a night from the evening
    before it that had started by then was worked and stays in the roster.
    """
    blocked = [
        BlockedPeriod(
            a.days, None, BlockReason.ABSENCE, registered_at=oslo_wall_clock(a.created_at)
        )
        for a in absences
    ]
    for unavailability in unavailabilities:
        if unavailability.shift_kind is None:
            blocked.append(BlockedPeriod(unavailability.days, None, BlockReason.UNAVAILABILITY))
            continue
        blocked.extend(
            BlockedPeriod(unavailability.days, t.code, BlockReason.UNAVAILABILITY)
            for t in shift_types
            if t.kind == unavailability.shift_kind
        )
    return tuple(blocked)


def compliance_context(
    store: Store, unit: Unit, period: DateRange, key: EmployeeKey = employee_key
) -> ComplianceContext:
    """Return the unit's rules, staff facts, staffing and recent history for `period`."""
    shift_types = store.organisations.shift_types(unit.id)
    staff = [e for e in store.employees.list_for_unit(unit.id) if e.rostered]
    facts = {}
    for employee in staff:
        absences = store.absences.list_absences(employee_id=employee.id, within=period)
        unavailabilities = store.absences.list_unavailability(
            employee_id=employee.id, within=period
        )
        credit = absence_credit(
            period,
            absences,
            store.absences.list_removed_shifts(employee_id=employee.id, within=period),
        )
        facts[key(employee.id)] = EmployeeFacts(
            key=key(employee.id),
            position_percent=employee.position_percent,
            competences=employee.qualifications,
            allowed_shift_codes=allowed_shift_codes(employee, shift_types),
            restriction=ShiftRestriction.NIGHT_ONLY if employee.night_only else None,
            blocked=blocked_periods(absences, unavailabilities, shift_types),
            absent_days=credit.absent_days,
            credited_days=credit.credited_days,
            credited_minutes=credit.credited_minutes,
        )
    history_start = period.start - dt.timedelta(days=HISTORY_DAYS)
    history = store.rosters.assignments_between(
        unit.id, history_start, period.start - dt.timedelta(days=1)
    )
    by_code = {t.code: t for t in shift_types}
    return ComplianceContext(
        period=period,
        rules=unit.rules,
        employees=facts,
        shift_types=by_code,
        staffing=store.organisations.staffing(unit.id),
        history=tuple(planned_shifts(history, by_code, key)),
    )
