"""Planning a roster: pseudonymise the unit, let the solver work, map the answer back.

The solver sees tokens only. `build_problem` replaces every employee by an
opaque token such as "P007", turns absences into blocked days without their
reason (sick leave is health data, GDPR art. 9) and wishes into weighted
preferences under opaque ids; the mapping back stays here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.absences import Absence, Unavailability, Wish
from core.calendar import (
    EVE_WINDOW_START,
    HIGH_DAY_WINDOW_START,
    SUNDAY,
    days_between,
    is_public_holiday,
    sunday_window_start,
)
from core.commands import DateRange
from core.employees import Employee
from core.hours import target_minutes
from core.roster_facts import (
    HISTORY_DAYS,
    absence_credit,
    allowed_shift_codes,
    oslo_wall_clock,
)
from core.rosters import Assignment
from core.units import ShiftType, StaffingPlan, Unit
from solver.problem import (
    HOLIDAY_DAYS_AFTER,
    HOLIDAY_DAYS_BEFORE,
    AssignedShift,
    BlockedDay,
    CoverDemand,
    HistoryShift,
    ShiftSpec,
    SolverProblem,
    SolverResult,
    StaffMember,
    WishPreference,
    WishSpec,
)

if TYPE_CHECKING:
    from storage.store import Store


@dataclass(frozen=True)
class PlanningInput:
    """A pseudonymised problem and the mapping back, which never leaves the core."""

    problem: SolverProblem
    period: DateRange
    employees_by_token: dict[str, Employee]
    wishes_by_id: dict[str, tuple[Wish, dt.date]] = field(default_factory=dict)

    def token_of(self, employee_id: int) -> str:
        for token, employee in self.employees_by_token.items():
            if employee.id == employee_id:
                return token
        raise KeyError(employee_id)


def shift_spec(shift_type: ShiftType) -> ShiftSpec:
    return ShiftSpec(
        code=shift_type.code,
        kind=shift_type.kind.value,
        start_minute=shift_type.start_minute,
        duration_minutes=shift_type.duration_minutes,
        worked_minutes=shift_type.worked_minutes,
        night_minutes=shift_type.night_minutes,
    )


def cover_demands(staffing: StaffingPlan, days: list[dt.date]) -> tuple[CoverDemand, ...]:
    return tuple(
        CoverDemand(
            index, demand.shift_code, demand.minimum, demand.wanted, demand.competence_minimums
        )
        for index, day in enumerate(days)
        for demand in staffing.for_day(day)
    )


def blocked_days(
    token: str,
    period: DateRange,
    absences: list[Absence],
    unavailabilities: list[Unavailability],
    shift_types: list[ShiftType],
) -> list[BlockedDay]:
    """Return the token's blocked days.

    A shift belongs to the day it starts on, so an absence blocks the shifts that
    start on its days. Someone absent or unavailable on a day cannot work its early
    hours either, so a whole-day absence or unavailability also blocks the night
    before it. An absence opens that night too (`absence_overlap` in
    core/actions/registrations.py), so a plan or a repair must not give it back,
    unless the night had started when the absence was registered: it was worked
    then, and stays, as the roster checker accepts it (`core.compliance.model`).
    A shift of any kind on an absent day that was under way when the absence was
    registered stays allowed for the same reason.
    """
    whole_days = {day for absence in absences for day in absence.days.days()}
    unavailable_days = {
        day for u in unavailabilities if u.shift_kind is None for day in u.days.days()
    }
    whole_days |= unavailable_days
    nights = [t for t in shift_types if t.crosses_midnight]
    blocked = [
        blocked_day
        for day in sorted(whole_days)
        if day in period
        for blocked_day in absent_day_blocks(
            token,
            (day - period.start).days,
            set() if day in unavailable_days else started_shifts(absences, day, shift_types),
            shift_types,
        )
    ]
    for day in sorted(whole_days):
        eve = day - dt.timedelta(days=1)
        if eve in period and eve not in whole_days:
            blocked.extend(
                BlockedDay(token, (eve - period.start).days, night.code)
                for night in nights
                if day in unavailable_days
                or not all_registered_after(absences, day, night.starts_at(eve))
            )
    for unavailability in unavailabilities:
        if unavailability.shift_kind is None:
            continue
        codes = [t.code for t in shift_types if t.kind == unavailability.shift_kind]
        blocked.extend(
            BlockedDay(token, (day - period.start).days, code)
            for day in unavailability.days.days()
            if day in period and day not in whole_days
            for code in codes
        )
    return blocked


def started_shifts(absences: list[Absence], day: dt.date, shift_types: list[ShiftType]) -> set[str]:
    """Return the codes of the shifts on `day` that were under way when its absences were
    registered.

    Such a shift has been partly worked, so it stays with the employee (`absence_overlap`
    in core/actions/registrations.py), as the roster checker accepts it. A shift that
    had ended by then was not worked: the registration takes it out of the roster.
    """
    if not any(day in absence.days for absence in absences):
        return set()
    return {
        shift_type.code
        for shift_type in shift_types
        if all_registered_after(absences, day, shift_type.starts_at(day))
        and all_registered_before(absences, day, shift_type.ends_at(day))
    }


def absent_day_blocks(
    token: str, day_index: int, kept_codes: set[str], shift_types: list[ShiftType]
) -> list[BlockedDay]:
    """Block the whole day, or each shift but the started shifts in `kept_codes`."""
    if not kept_codes:
        return [BlockedDay(token, day_index)]
    return [
        BlockedDay(token, day_index, shift_type.code)
        for shift_type in shift_types
        if shift_type.code not in kept_codes
    ]


def all_registered_after(absences: list[Absence], day: dt.date, moment: dt.datetime) -> bool:
    """Tell whether every absence on `day` was registered at or after `moment`.

    `moment` is a naive Oslo wall-clock time. An absence with no registration time
    counts as registered before it.
    """
    covering = [absence for absence in absences if day in absence.days]
    registered = [oslo_wall_clock(absence.created_at) for absence in covering]
    return all(time is not None and time >= moment for time in registered)


def all_registered_before(absences: list[Absence], day: dt.date, moment: dt.datetime) -> bool:
    """Tell whether every absence on `day` was registered before `moment`, a naive Oslo time.

    An absence with no registration time counts as registered before it.
    """
    covering = [absence for absence in absences if day in absence.days]
    registered = [oslo_wall_clock(absence.created_at) for absence in covering]
    return all(time is None or time < moment for time in registered)


def wish_specs(
    token: str,
    period: DateRange,
    wishes: Iterable[Wish],
    shift_types: list[ShiftType],
    wishes_by_id: dict[str, tuple[Wish, dt.date]],
) -> list[WishSpec]:
    specs = []
    for wish in wishes:
        codes: list[str | None] = [t.code for t in shift_types if t.kind == wish.shift_kind]
        codes = codes or [None]
        for day in wish.days.days():
            if day not in period:
                continue
            wish_id = f"W{len(wishes_by_id) + 1}"
            wishes_by_id[wish_id] = (wish, day)
            specs.append(
                WishSpec(
                    wish_id,
                    token,
                    (day - period.start).days,
                    WishPreference(wish.preference.value),
                    codes[0],
                    wish.weight,
                )
            )
    return specs


def build_problem(store: Store, unit: Unit, period: DateRange) -> PlanningInput:
    """Gather the unit's staff, staffing, absences and wishes as a pseudonymised problem."""
    shift_types = store.organisations.shift_types(unit.id)
    staff = sorted(
        (e for e in store.employees.list_for_unit(unit.id) if e.rostered), key=lambda e: e.id
    )
    days = days_between(period.start, period.end)
    employees_by_token = {f"P{index:03d}": e for index, e in enumerate(staff, start=1)}
    wishes_by_id: dict[str, tuple[Wish, dt.date]] = {}

    members, blocked, wishes = [], [], []
    for token, employee in employees_by_token.items():
        absences = store.absences.list_absences(employee_id=employee.id, within=period)
        unavailabilities = store.absences.list_unavailability(
            employee_id=employee.id, within=period
        )
        credit = absence_credit(
            period,
            absences,
            store.absences.list_removed_shifts(employee_id=employee.id, within=period),
        )
        members.append(
            StaffMember(
                token=token,
                competences=employee.qualifications,
                target_minutes=target_minutes(
                    employee.position_percent,
                    period,
                    unit.rules,
                    credit.absent_days,
                    credit.credited_minutes,
                ),
                allowed_shift_codes=(
                    allowed_shift_codes(employee, shift_types)
                    or frozenset(t.code for t in shift_types)
                ),
            )
        )
        blocked += blocked_days(token, period, absences, unavailabilities, shift_types)
        wishes += wish_specs(
            token,
            period,
            store.absences.list_wishes(employee_id=employee.id, within=period),
            shift_types,
            wishes_by_id,
        )

    problem = SolverProblem(
        start_date=period.start,
        days=len(days),
        shifts=tuple(shift_spec(t) for t in shift_types),
        staff=tuple(members),
        demands=cover_demands(store.organisations.staffing(unit.id), days),
        rules=unit.rules,
        public_holidays=holiday_indexes(period),
        afternoon_eve_days=eve_indexes(period, EVE_WINDOW_START),
        late_eve_days=eve_indexes(period, HIGH_DAY_WINDOW_START),
        blocked=tuple(blocked),
        wishes=tuple(wishes),
        history=tuple(history_shifts(store, unit, period, employees_by_token)),
    )
    return PlanningInput(problem, period, employees_by_token, wishes_by_id)


def holiday_indexes(period: DateRange) -> frozenset[int]:
    """Return the day indexes of the public holidays in and around the period.

    The solver needs the red days of the roster before too, because after work on
    langfredag the next red day, 2. påskedag, is off (AML §10-8 (4)).
    """
    first = period.start - dt.timedelta(days=HOLIDAY_DAYS_BEFORE)
    last = period.end + dt.timedelta(days=HOLIDAY_DAYS_AFTER)
    return frozenset(
        (day - period.start).days for day in days_between(first, last) if is_public_holiday(day)
    )


def eve_indexes(period: DateRange, window_start: dt.time) -> frozenset[int]:
    """Return the day indexes of the red days whose Sunday-work window opens at `window_start`.

    The window opens on the eve (AML §10-10 (1)), and the range is that of `holiday_indexes`.
    """
    first = period.start - dt.timedelta(days=HOLIDAY_DAYS_BEFORE)
    last = period.end + dt.timedelta(days=HOLIDAY_DAYS_AFTER)
    return frozenset(
        (day - period.start).days
        for day in days_between(first, last)
        if (is_public_holiday(day) or day.weekday() == SUNDAY)
        and sunday_window_start(day) == window_start
    )


def history_shifts(
    store: Store, unit: Unit, period: DateRange, employees_by_token: dict[str, Employee]
) -> list[HistoryShift]:
    """Return the published shifts of the days before the period, for rules at the seam."""
    token_by_id = {employee.id: token for token, employee in employees_by_token.items()}
    start = period.start - dt.timedelta(days=HISTORY_DAYS)
    worked = store.rosters.assignments_between(unit.id, start, period.start - dt.timedelta(days=1))
    return [
        HistoryShift(token_by_id[a.employee_id], (a.day - period.start).days, a.shift_code)
        for a in worked
        if a.employee_id in token_by_id
    ]


def solver_shifts(
    planning: PlanningInput, assignments: Iterable[Assignment]
) -> tuple[AssignedShift, ...]:
    """Return the assignments in the period as the solver names them: tokens and day indexes.

    Shifts of people who are not rostered in the planning, or outside its period,
    are left out.
    """
    token_of = {employee.id: token for token, employee in planning.employees_by_token.items()}
    return tuple(
        AssignedShift(
            token_of[assignment.employee_id],
            planning.problem.date_index(assignment.day),
            assignment.shift_code,
        )
        for assignment in assignments
        if assignment.employee_id in token_of and assignment.day in planning.period
    )


def assignments_from(result: SolverResult, planning: PlanningInput) -> list[Assignment]:
    """Map the solver's tokens and day indexes back to employees and dates."""
    return [
        Assignment(
            planning.employees_by_token[a.token].id, planning.problem.date_of(a.day), a.shift_code
        )
        for a in result.assignments
    ]


SolveRunner = Callable[[SolverProblem], SolverResult]
