"""The values the roster checker reads and the violations it returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from core.commands import DateRange
from core.rules import RuleSettings
from core.units import ShiftType, StaffingPlan


@dataclass(frozen=True, slots=True)
class PlannedShift:
    """One assignment of a roster, with naive wall-clock times in Europe/Oslo.

    `day` is the day the shift belongs to, the day it starts on; a night shift
    ends on the next day.
    """

    employee_key: str
    day: dt.date
    shift_code: str
    start: dt.datetime
    end: dt.datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError(
                f"shift times must be naive Oslo wall-clock times, got {self.start} – {self.end}"
            )
        if self.end <= self.start:
            raise ValueError(f"shift ends before it starts: {self.start} – {self.end}")


class BlockReason(StrEnum):
    ABSENCE = "absence"
    UNAVAILABILITY = "unavailability"


@dataclass(frozen=True, slots=True)
class BlockedPeriod:
    """Days an employee may not work; `shift_code` limits an unavailability to one shift.

    `registered_at` is when the period was registered, as a naive Oslo wall-clock
    time, or None when unknown.
    """

    days: DateRange
    shift_code: str | None
    reason: BlockReason
    registered_at: dt.datetime | None = None

    def blocks(self, shift: PlannedShift) -> bool:
        """Return whether `shift` falls in this period.

        A shift belongs to the day it starts on. A whole-day absence or
        unavailability also covers the early hours of its days, so it blocks a
        night shift from the evening before as well, unless that night had
        started when the period was registered: the employee was at work then,
        so the night was worked, as when someone falls ill during a night. For the
        same reason a shift of any kind on one of its days that was under way then
        stays allowed, because it was partly worked. One that had ended by then was
        not worked, and is blocked.
        """
        if self.shift_code is not None:
            return shift.day in self.days and self.shift_code == shift.shift_code
        if shift.day in self.days:
            return not self._under_way_at_registration(shift)
        return self._reaches_into(shift) and not self._started_before_registration(shift)

    def _under_way_at_registration(self, shift: PlannedShift) -> bool:
        return self._started_before_registration(shift) and (
            self.registered_at is not None and self.registered_at < shift.end
        )

    def _reaches_into(self, shift: PlannedShift) -> bool:
        next_day = shift.day + dt.timedelta(days=1)
        next_midnight = dt.datetime.combine(next_day, dt.time())
        return shift.end > next_midnight and next_day in self.days

    def _started_before_registration(self, shift: PlannedShift) -> bool:
        return self.registered_at is not None and shift.start <= self.registered_at


class ShiftRestriction(StrEnum):
    """Why an employee may work only some of the unit's shifts."""

    NIGHT_ONLY = "night_only"


@dataclass(frozen=True, slots=True)
class EmployeeFacts:
    """The facts about one employee that the checker uses, under a pseudonymous key.

    `competences` is the full set the staffing plan counts, including a competence
    that a position implies (a nurse position counts as "sykepleier").
    `allowed_shift_codes` of None means every shift of the unit is allowed, and
    `restriction` says why the codes are limited, so that a report can name the cause.
    """

    key: str
    position_percent: int
    competences: frozenset[str] = frozenset()
    allowed_shift_codes: frozenset[str] | None = None
    restriction: ShiftRestriction | None = None
    blocked: tuple[BlockedPeriod, ...] = ()
    # How absences lower the target hours (core.roster_facts.AbsenceCredit): absent
    # days without a removed shift, absent days with one, and the removed shifts' minutes.
    absent_days: int = 0
    credited_days: int = 0
    credited_minutes: int = 0

    def __post_init__(self) -> None:
        if not 0 < self.position_percent <= 100:
            raise ValueError(f"position_percent must be 1–100, got {self.position_percent}")
        for name in ("absent_days", "credited_days", "credited_minutes"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, got {getattr(self, name)}")


@dataclass(frozen=True)
class ComplianceContext:
    """The unit's rules and facts that a roster for `period` is checked against.

    `history` contains shifts worked before the period, so that rest, weekend and
    Sunday rules can see across the period's first day.
    """

    period: DateRange
    rules: RuleSettings
    employees: Mapping[str, EmployeeFacts]
    shift_types: Mapping[str, ShiftType]
    staffing: StaffingPlan
    history: tuple[PlannedShift, ...] = field(default=())

    def __post_init__(self) -> None:
        for key, employee in self.employees.items():
            if key != employee.key:
                raise ValueError(f"employee listed under {key!r} has the key {employee.key!r}")
        for shift in self.history:
            if shift.day >= self.period.start:
                raise ValueError(
                    f"history shift on {shift.day} is not before the period start "
                    f"{self.period.start}"
                )


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ViolationRule(StrEnum):
    """Stable codes of the checked rules; the core renders each as a Norwegian message."""

    UNKNOWN_EMPLOYEE = "unknown_employee"
    UNKNOWN_SHIFT = "unknown_shift"
    OUTSIDE_PERIOD = "outside_period"
    SHIFT_TIMES_MISMATCH = "shift_times_mismatch"
    TWO_SHIFTS_SAME_DAY = "two_shifts_same_day"
    OVERLAPPING_SHIFTS = "overlapping_shifts"
    BLOCKED_DAY = "blocked_day"
    NOT_QUALIFIED = "not_qualified"
    DAILY_REST = "daily_rest"
    DAILY_REST_SHORTENED = "daily_rest_shortened"
    WEEKLY_REST = "weekly_rest"
    WEEKLY_REST_ROLLING = "weekly_rest_rolling"
    SHIFT_TOO_LONG = "shift_too_long"
    DAY_TOO_LONG = "day_too_long"
    WEEK_TOO_LONG = "week_too_long"
    AVERAGE_WEEK_TOO_LONG = "average_week_too_long"
    HOURS_OUTSIDE_TOLERANCE = "hours_outside_tolerance"
    CONSECUTIVE_DAYS = "consecutive_days"
    CONSECUTIVE_NIGHTS = "consecutive_nights"
    NIGHT_WORKER_AVERAGE = "night_worker_average"
    WEEKEND_FREQUENCY = "weekend_frequency"
    SUNDAY_AFTER_SUNDAY = "sunday_after_sunday"
    SUNDAY_AVERAGE = "sunday_average"
    RED_DAY_REST = "red_day_rest"
    STAFFING_MINIMUM = "staffing_minimum"
    COMPETENCE_MINIMUM = "competence_minimum"


COVERAGE_RULES = frozenset({ViolationRule.STAFFING_MINIMUM, ViolationRule.COMPETENCE_MINIMUM})


@dataclass(frozen=True)
class Violation:
    """One breach of one rule, with every number its message needs in `details`."""

    rule: ViolationRule
    severity: Severity
    employee_key: str | None = None
    day: dt.date | None = None
    shift_code: str | None = None
    details: Mapping[str, int | str] = field(default_factory=dict)

    @classmethod
    def for_shift(
        cls,
        rule: ViolationRule,
        shift: PlannedShift,
        details: Mapping[str, int | str] | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Violation:
        """Return a violation that one shift causes, such as the shift after too short a rest."""
        return cls(
            rule,
            severity,
            employee_key=shift.employee_key,
            day=shift.day,
            shift_code=shift.shift_code,
            details=details or {},
        )

    @classmethod
    def for_employee(
        cls,
        rule: ViolationRule,
        employee_key: str,
        day: dt.date | None,
        details: Mapping[str, int | str],
        severity: Severity = Severity.ERROR,
    ) -> Violation:
        """Return a violation of one person's week, window or period, dated by its first day."""
        return cls(rule, severity, employee_key=employee_key, day=day, details=details)

    @property
    def is_coverage(self) -> bool:
        """Whether this is a staffing gap rather than a breach of a working-time rule."""
        return self.rule in COVERAGE_RULES
