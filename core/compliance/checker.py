"""Check a roster against every rule and list the violations.

The checker is written from the rules, independently of the solver's model, so
that it can show that a solved roster is legal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from core.compliance import (
    assignments,
    night_work,
    patterns,
    rest,
    staffing,
    sundays,
    working_time,
)
from core.compliance.model import ComplianceContext, PlannedShift, Violation, ViolationRule
from core.compliance.roster import CheckedRoster

RosterCheck = Callable[[CheckedRoster], list[Violation]]

# The rules that run on the checkable shifts, in the order a report lists them.
ROSTER_CHECKS: tuple[RosterCheck, ...] = (
    assignments.check_shift_times,
    assignments.check_one_shift_per_day,
    assignments.check_blocked_days,
    assignments.check_qualified,
    rest.check_daily_rest,
    rest.check_shortened_daily_rest,
    rest.check_weekly_rest,
    rest.check_rolling_weekly_rest,
    working_time.check_shift_length,
    working_time.check_work_in_24_hours,
    working_time.check_week_length,
    working_time.check_average_week,
    working_time.check_hours_against_target,
    patterns.check_consecutive_days,
    patterns.check_consecutive_nights,
    patterns.check_weekend_frequency,
    sundays.check_sunday_rule,
    night_work.check_night_worker_average,
    staffing.check_staffing,
)

RULE_ORDER = {rule: position for position, rule in enumerate(ViolationRule)}


def check_roster(shifts: Sequence[PlannedShift], context: ComplianceContext) -> list[Violation]:
    """Return every violation of the unit's rules in `shifts`, ordered by rule, day and person.

    Shifts of an unknown employee or shift code, or outside the period, are
    reported as such and left out of the other rules, whose results would mislead.
    """
    violations = [
        *assignments.check_unknown_employees(shifts, context),
        *assignments.check_unknown_shifts(shifts, context),
        *assignments.check_outside_period(shifts, context),
    ]
    roster = CheckedRoster.of(shifts, context)
    for roster_check in ROSTER_CHECKS:
        violations.extend(roster_check(roster))
    return sorted(violations, key=_report_order)


def summarise(violations: Iterable[Violation]) -> dict[ViolationRule, int]:
    """Return how many violations each rule has, in report order, leaving out rules without any."""
    counts = Counter(violation.rule for violation in violations)
    return {rule: counts[rule] for rule in ViolationRule if counts[rule]}


def _report_order(violation: Violation) -> tuple[int, dt.date, str, str]:
    return (
        RULE_ORDER[violation.rule],
        violation.day or dt.date.min,
        violation.employee_key or "",
        violation.shift_code or "",
    )
