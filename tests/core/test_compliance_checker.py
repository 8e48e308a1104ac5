"""The checker as a whole: input guards, ordering, summary, a legal roster, and speed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from core.commands import DateRange
from core.compliance import (
    ComplianceContext,
    EmployeeFacts,
    PlannedShift,
    Severity,
    Violation,
    ViolationRule,
    check_roster,
    summarise,
)
from core.compliance.checker import INPUT_PROBLEMS, checked_rules
from core.rules import LocalAgreements, RuleSettings, SundayRule
from core.units import StaffingPlan
from tests.core.compliance_cast import (
    INGRID,
    MONDAY,
    OLA,
    SHIFT_TYPES,
    WEEK,
    context,
    day_of,
    planned,
)


def test_planned_shift_rejects_end_before_start() -> None:
    """A shift must end after it starts."""
    with pytest.raises(ValueError, match="ends before it starts"):
        PlannedShift(INGRID, MONDAY, "D", dt.datetime(2027, 1, 11, 15), dt.datetime(2027, 1, 11, 7))


def test_planned_shift_rejects_aware_times() -> None:
    """Times are naive Oslo wall-clock times, never aware ones."""
    aware = dt.datetime(2027, 1, 11, 7, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="naive"):
        PlannedShift(INGRID, MONDAY, "D", aware, aware + dt.timedelta(hours=8))


@pytest.mark.parametrize("position_percent", [0, 101], ids=["zero", "over-100"])
def test_employee_facts_reject_bad_position(position_percent: int) -> None:
    """A position percent outside 1–100 is rejected."""
    with pytest.raises(ValueError, match="position_percent"):
        EmployeeFacts(INGRID, position_percent)


def test_context_rejects_history_inside_period() -> None:
    """History contains shifts before the period only."""
    with pytest.raises(ValueError, match="not before the period start"):
        context(history=[planned(INGRID, MONDAY, "D")])


def test_context_rejects_mismatched_employee_key() -> None:
    """Each employee is listed under its own key."""
    with pytest.raises(ValueError, match="has the key"):
        ComplianceContext(
            period=WEEK,
            rules=RuleSettings(),
            employees={OLA: EmployeeFacts(INGRID, 100)},
            shift_types=SHIFT_TYPES,
            staffing=StaffingPlan(()),
        )


AVERAGED_SUNDAYS = RuleSettings(
    sunday_rule=SundayRule.AVERAGED, agreements=LocalAgreements(sunday_averaging=True)
)


def test_checked_rules_cover_every_rule() -> None:
    """Every rule is an input problem or is declared by the check that reports it."""
    declared = set(checked_rules(context())) | set(checked_rules(context(rules=AVERAGED_SUNDAYS)))

    assert declared | set(INPUT_PROBLEMS) == set(ViolationRule)
    assert declared.isdisjoint(INPUT_PROBLEMS)


@pytest.mark.parametrize(
    ("rules", "counted", "skipped"),
    [
        pytest.param(
            RuleSettings(),
            {ViolationRule.SUNDAY_AFTER_SUNDAY},
            {ViolationRule.SUNDAY_AVERAGE, ViolationRule.RED_DAY_REST},
            id="sunday-after-sunday",
        ),
        pytest.param(
            AVERAGED_SUNDAYS,
            {ViolationRule.SUNDAY_AVERAGE, ViolationRule.RED_DAY_REST},
            {ViolationRule.SUNDAY_AFTER_SUNDAY},
            id="averaged-sundays",
        ),
    ],
)
def test_checked_rules_count_the_unit_sunday_variant(
    rules: RuleSettings, counted: set[ViolationRule], skipped: set[ViolationRule]
) -> None:
    """Only the rules of the Sunday variant the unit plans under are checked rules."""
    checked = checked_rules(context(rules=rules))

    assert counted <= set(checked)
    assert skipped.isdisjoint(checked)
    assert len(checked) == len(set(checked))
    assert len(checked) == len(ViolationRule) - len(INPUT_PROBLEMS) - len(skipped)


def test_legal_week_has_no_violations() -> None:
    """Four day shifts and a free weekend for each of two people break no rule."""
    shifts = [
        planned(employee_key, day_of(offset), "D")
        for employee_key in (INGRID, OLA)
        for offset in range(4)
    ]
    employees = [EmployeeFacts(INGRID, 100), EmployeeFacts(OLA, 100)]

    assert check_roster(shifts, context(employees=employees)) == []


def test_violations_ordered_by_rule_then_day_then_person() -> None:
    """The report lists rules in a fixed order, then days, then people."""
    shifts = [
        planned(OLA, day_of(1), "D"),
        planned(OLA, day_of(0), "A"),
        planned(INGRID, day_of(1), "D"),
        planned(INGRID, day_of(0), "A"),
        planned(INGRID, day_of(0), "D"),
    ]
    employees = [EmployeeFacts(INGRID, 20), EmployeeFacts(OLA, 20)]

    violations = check_roster(shifts, context(employees=employees))

    compared_rules = {ViolationRule.TWO_SHIFTS_SAME_DAY, ViolationRule.DAILY_REST}
    actual = [
        (violation.rule, violation.day, violation.employee_key)
        for violation in violations
        if violation.rule in compared_rules
    ]

    assert actual == [
        (ViolationRule.TWO_SHIFTS_SAME_DAY, day_of(0), INGRID),
        (ViolationRule.DAILY_REST, day_of(0), INGRID),
        (ViolationRule.DAILY_REST, day_of(1), INGRID),
        (ViolationRule.DAILY_REST, day_of(1), OLA),
    ]


def test_summarise_counts_per_rule_in_report_order() -> None:
    """The summary counts each rule once and leaves out rules without violations."""
    violations = [
        Violation(ViolationRule.STAFFING_MINIMUM, Severity.ERROR),
        Violation(ViolationRule.DAILY_REST, Severity.ERROR),
        Violation(ViolationRule.STAFFING_MINIMUM, Severity.ERROR),
    ]

    actual = summarise(violations)

    assert actual == {ViolationRule.DAILY_REST: 1, ViolationRule.STAFFING_MINIMUM: 2}
    assert list(actual) == [ViolationRule.DAILY_REST, ViolationRule.STAFFING_MINIMUM]


def test_summarise_empty() -> None:
    """No violations summarise to an empty mapping."""
    assert summarise([]) == {}


ROTATION = ("D", "D", "A", "A", "", "", "N", "N", "", "", "D", "D", "", "")


def ward_roster(employee_count: int, period: DateRange) -> list[PlannedShift]:
    """Return a rotating D/A/N roster: each person starts the two-week cycle on another day."""
    shifts = []
    for employee in range(employee_count):
        for day in period.days():
            code = ROTATION[((day - period.start).days + employee) % len(ROTATION)]
            if code:
                shifts.append(planned(f"Ansatt {employee:02d}", day, code))
    return shifts


def test_forty_people_six_weeks_are_checked() -> None:
    """A ward-sized roster is checked person by person, with every employee known.

    Its speed is measured by benchmarks/checker_speed.py, not here.
    """
    period = DateRange(MONDAY, MONDAY + dt.timedelta(days=41))
    shifts = ward_roster(40, period)
    employees = [EmployeeFacts(f"Ansatt {employee:02d}", 80) for employee in range(40)]
    checked = context(period, employees=employees)

    violations = check_roster(shifts, checked)

    assert len(shifts) == 40 * 42 * 8 // 14
    assert all(violation.rule != ViolationRule.UNKNOWN_EMPLOYEE for violation in violations)


def test_checker_loads_no_solver_code() -> None:
    """The checker and `vaktbot check` import nothing from solver/, so they judge it fairly."""
    script = (
        "import sys, core.compliance, core.roster_files; "
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'solver'))"
    )
    root = Path(__file__).resolve().parents[2]

    loaded = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )

    assert loaded.stdout.strip() == "[]"
