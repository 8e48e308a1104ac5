"""Coverage: minimum headcount and competence minimums per day and shift."""

from __future__ import annotations

import datetime as dt

from core.commands import DateRange
from core.compliance import EmployeeFacts, Severity, Violation, ViolationRule, check_roster
from core.units import DayType, StaffingDemand, StaffingPlan
from tests.core.compliance_cast import (
    HAKON,
    INGRID,
    MONDAY,
    OLA,
    SIRI,
    context,
    day_of,
    planned,
    violations_of,
)

NURSE = "sykepleier"
STAFF = [
    EmployeeFacts(INGRID, 100, competences=frozenset({NURSE})),
    EmployeeFacts(OLA, 100),
    EmployeeFacts(SIRI, 100, competences=frozenset({NURSE, "medisinansvar"})),
    EmployeeFacts(HAKON, 100),
]
WEEKDAYS = (DayType.MONDAY, DayType.TUESDAY, DayType.WEDNESDAY, DayType.THURSDAY, DayType.FRIDAY)
WEEKDAY_DEMANDS = [StaffingDemand(day_type, "D", 2, 3, ((NURSE, 1),)) for day_type in WEEKDAYS]
PLAN = StaffingPlan((*WEEKDAY_DEMANDS, StaffingDemand(DayType.SUNDAY, "D", 1, 1)))


def test_full_coverage_passes() -> None:
    """Two people, one of them a nurse, cover a weekday day shift."""
    shifts = [planned(INGRID, MONDAY, "D"), planned(OLA, MONDAY, "D")]
    one_day = DateRange(MONDAY, MONDAY)

    actual = [
        v
        for v in check_roster(shifts, context(one_day, employees=STAFF, staffing=PLAN))
        if v.is_coverage
    ]

    assert actual == []


def test_missing_people_and_nurse() -> None:
    """One non-nurse on Monday's day shift is one person and one nurse short."""
    one_day = DateRange(MONDAY, MONDAY)
    shifts = [planned(OLA, MONDAY, "D")]
    checked = context(one_day, employees=STAFF, staffing=PLAN)

    actual = [violation for violation in check_roster(shifts, checked) if violation.is_coverage]

    assert actual == [
        Violation(
            ViolationRule.STAFFING_MINIMUM,
            Severity.ERROR,
            day=MONDAY,
            shift_code="D",
            details={"staffed": 1, "minimum": 2, "missing": 1},
        ),
        Violation(
            ViolationRule.COMPETENCE_MINIMUM,
            Severity.ERROR,
            day=MONDAY,
            shift_code="D",
            details={"competence": NURSE, "staffed": 0, "minimum": 1, "missing": 1},
        ),
    ]


def test_other_shift_does_not_cover_day_shift() -> None:
    """People on the evening shift do not count toward the day shift's minimum."""
    one_day = DateRange(MONDAY, MONDAY)
    shifts = [planned(INGRID, MONDAY, "A"), planned(SIRI, MONDAY, "A")]

    actual = violations_of(
        ViolationRule.STAFFING_MINIMUM, shifts, context(one_day, employees=STAFF, staffing=PLAN)
    )

    assert [violation.details["missing"] for violation in actual] == [2]


def test_public_holiday_without_column_uses_sunday() -> None:
    """Ascension Day, Thursday 6 May 2027, is staffed like a Sunday: one person."""
    ascension_day = dt.date(2027, 5, 6)
    period = DateRange(ascension_day, ascension_day)
    shifts = [planned(OLA, ascension_day, "D")]

    actual = violations_of(
        ViolationRule.STAFFING_MINIMUM, shifts, context(period, employees=STAFF, staffing=PLAN)
    )

    assert actual == []


def test_coverage_gaps_separate_from_rule_breaches() -> None:
    """A staffing gap is a coverage violation; a rest breach is not."""
    shifts = [planned(OLA, day_of(0), "A"), planned(OLA, day_of(1), "D")]
    checked = context(DateRange(MONDAY, day_of(1)), employees=STAFF, staffing=PLAN)

    violations = check_roster(shifts, checked)

    coverage = {violation.rule for violation in violations if violation.is_coverage}
    breaches = {violation.rule for violation in violations if not violation.is_coverage}
    assert coverage == {ViolationRule.STAFFING_MINIMUM, ViolationRule.COMPETENCE_MINIMUM}
    assert ViolationRule.DAILY_REST in breaches
