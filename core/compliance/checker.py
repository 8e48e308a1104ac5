"""Check a roster against every rule and list the violations.

The checker is written from the rules, independently of the solver's model, so
that it can show that a solved roster is legal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
from core.rules import SundayRule

RosterCheck = Callable[[CheckedRoster], list[Violation]]


@dataclass(frozen=True, slots=True)
class RuleCheck:
    """A check over the checkable shifts and every rule its violations can name."""

    check: RosterCheck
    rules: tuple[ViolationRule, ...]


# The rules that run on the checkable shifts, in the order a report lists them.
ROSTER_CHECKS: tuple[RuleCheck, ...] = (
    RuleCheck(assignments.check_shift_times, (ViolationRule.SHIFT_TIMES_MISMATCH,)),
    RuleCheck(assignments.check_one_shift_per_day, (ViolationRule.TWO_SHIFTS_SAME_DAY,)),
    RuleCheck(assignments.check_blocked_days, (ViolationRule.BLOCKED_DAY,)),
    RuleCheck(assignments.check_qualified, (ViolationRule.NOT_QUALIFIED,)),
    RuleCheck(rest.check_daily_rest, (ViolationRule.DAILY_REST, ViolationRule.OVERLAPPING_SHIFTS)),
    RuleCheck(rest.check_shortened_daily_rest, (ViolationRule.DAILY_REST_SHORTENED,)),
    RuleCheck(rest.check_weekly_rest, (ViolationRule.WEEKLY_REST,)),
    RuleCheck(rest.check_rolling_weekly_rest, (ViolationRule.WEEKLY_REST_ROLLING,)),
    RuleCheck(working_time.check_shift_length, (ViolationRule.SHIFT_TOO_LONG,)),
    RuleCheck(working_time.check_work_in_24_hours, (ViolationRule.DAY_TOO_LONG,)),
    RuleCheck(working_time.check_week_length, (ViolationRule.WEEK_TOO_LONG,)),
    RuleCheck(working_time.check_average_week, (ViolationRule.AVERAGE_WEEK_TOO_LONG,)),
    RuleCheck(working_time.check_hours_against_target, (ViolationRule.HOURS_OUTSIDE_TOLERANCE,)),
    RuleCheck(patterns.check_consecutive_days, (ViolationRule.CONSECUTIVE_DAYS,)),
    RuleCheck(patterns.check_consecutive_nights, (ViolationRule.CONSECUTIVE_NIGHTS,)),
    RuleCheck(patterns.check_weekend_frequency, (ViolationRule.WEEKEND_FREQUENCY,)),
    # Runs one of the two variants, as `checked_rules` counts it.
    RuleCheck(
        sundays.check_sunday_rule,
        (
            ViolationRule.SUNDAY_AFTER_SUNDAY,
            ViolationRule.SUNDAY_AVERAGE,
            ViolationRule.RED_DAY_REST,
        ),
    ),
    RuleCheck(night_work.check_night_worker_average, (ViolationRule.NIGHT_WORKER_AVERAGE,)),
    RuleCheck(
        staffing.check_staffing,
        (ViolationRule.STAFFING_MINIMUM, ViolationRule.COMPETENCE_MINIMUM),
    ),
)

# Shifts of an unknown employee or shift code, or outside the period, are input
# problems that `check_roster` reports before it checks any rule.
INPUT_PROBLEMS = (
    ViolationRule.UNKNOWN_EMPLOYEE,
    ViolationRule.UNKNOWN_SHIFT,
    ViolationRule.OUTSIDE_PERIOD,
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
    for rule_check in ROSTER_CHECKS:
        violations.extend(rule_check.check(roster))
    return sorted(violations, key=_report_order)


def checked_rules(context: ComplianceContext) -> tuple[ViolationRule, ...]:
    """Return the rules `check_roster` checks under `context`, in the order it runs them.

    A unit plans under one variant of the Sunday rule (AML §10-8 (4)), so only
    that variant's rules count: the next red day off, or under averaging both
    its conditions.
    """
    skipped: set[ViolationRule]
    if context.rules.sunday_rule == SundayRule.AVERAGED:
        skipped = {ViolationRule.SUNDAY_AFTER_SUNDAY}
    else:
        skipped = {ViolationRule.SUNDAY_AVERAGE, ViolationRule.RED_DAY_REST}
    return tuple(
        rule for rule_check in ROSTER_CHECKS for rule in rule_check.rules if rule not in skipped
    )


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
