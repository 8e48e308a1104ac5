"""Rules on single assignments: one shift a day, blocked days, qualification, references."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.compliance import (
    BlockedPeriod,
    BlockReason,
    EmployeeFacts,
    PlannedShift,
    Severity,
    ShiftRestriction,
    Violation,
    ViolationRule,
    check_roster,
)
from tests.core.compliance_cast import (
    INGRID,
    MONDAY,
    OLA,
    WEEK,
    context,
    day_of,
    planned,
    planned_at,
    violations_of,
)


def test_two_shifts_on_one_day_are_reported_once() -> None:
    """A day and an evening shift on the same Monday break the one-shift-a-day rule."""
    shifts = [planned(INGRID, MONDAY, "D"), planned(INGRID, MONDAY, "A"), planned(OLA, MONDAY, "D")]

    actual = violations_of(ViolationRule.TWO_SHIFTS_SAME_DAY, shifts, context())

    assert actual == [
        Violation.for_employee(
            ViolationRule.TWO_SHIFTS_SAME_DAY,
            INGRID,
            MONDAY,
            {"shift_count": 2, "shift_codes": "A,D"},
        )
    ]


def test_nights_in_a_row_pass() -> None:
    """A night shift belongs to the day it starts on, even though it ends the next day."""
    shifts = [planned(INGRID, MONDAY, "N"), planned(INGRID, day_of(1), "N")]

    assert violations_of(ViolationRule.TWO_SHIFTS_SAME_DAY, shifts, context()) == []


def blocked_for(*periods: BlockedPeriod) -> list[EmployeeFacts]:
    return [EmployeeFacts(INGRID, 100, blocked=periods)]


TUESDAY_TO_THURSDAY = DateRange(day_of(1), day_of(3))


@pytest.mark.parametrize(
    ("blocked", "shift_day", "shift_code", "expected_reason"),
    [
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.ABSENCE),
            day_of(2),
            "D",
            "absence",
            id="absence-blocks-any-shift",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.ABSENCE),
            day_of(4),
            "D",
            None,
            id="day-after-absence-is-free",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.UNAVAILABILITY),
            day_of(1),
            "A",
            "unavailability",
            id="unavailability-blocks-any-shift",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, "N", BlockReason.UNAVAILABILITY),
            day_of(1),
            "N",
            "unavailability",
            id="unavailability-for-nights-blocks-night",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, "N", BlockReason.UNAVAILABILITY),
            day_of(1),
            "D",
            None,
            id="unavailability-for-nights-allows-day",
        ),
    ],
)
def test_blocked_day(
    blocked: BlockedPeriod, shift_day: dt.date, shift_code: str, expected_reason: str | None
) -> None:
    """A shift on a blocked day is reported with the reason the day is blocked."""
    shift = planned(INGRID, shift_day, shift_code)

    actual = violations_of(
        ViolationRule.BLOCKED_DAY, [shift], context(employees=blocked_for(blocked))
    )

    expected = (
        []
        if expected_reason is None
        else [Violation.for_shift(ViolationRule.BLOCKED_DAY, shift, {"reason": expected_reason})]
    )
    assert actual == expected


@pytest.mark.parametrize(
    ("blocked", "shift_code", "expected_reason"),
    [
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.UNAVAILABILITY),
            "N",
            "unavailable_next_day",
            id="night-into-unavailable-day",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.ABSENCE),
            "N",
            "absent_next_day",
            id="night-into-absent-day",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.ABSENCE),
            "A",
            None,
            id="evening-before-absent-day",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.UNAVAILABILITY),
            "A",
            None,
            id="evening-before-unavailable-day",
        ),
        pytest.param(
            BlockedPeriod(TUESDAY_TO_THURSDAY, "N", BlockReason.UNAVAILABILITY),
            "N",
            None,
            id="night-before-night-unavailability",
        ),
    ],
)
def test_night_into_blocked_day(
    blocked: BlockedPeriod, shift_code: str, expected_reason: str | None
) -> None:
    """Monday's night shift ends on Tuesday morning, a day the employee is absent or cannot work.

    A whole-day absence or unavailability covers those early hours, because an
    absence opens that night too. «Not nights» on Tuesday concerns Tuesday's own night.
    """
    shift = planned(INGRID, day_of(0), shift_code)

    actual = violations_of(
        ViolationRule.BLOCKED_DAY, [shift], context(employees=blocked_for(blocked))
    )

    expected = []
    if expected_reason is not None:
        details: dict[str, int | str] = {
            "reason": expected_reason,
            "blocked_day": day_of(1).isoformat(),
        }
        expected = [Violation.for_shift(ViolationRule.BLOCKED_DAY, shift, details)]
    assert actual == expected


def test_blocked_day_names_absence_over_unavailability() -> None:
    """When an absence and an unavailability cover the same day, the absence is named."""
    employees = blocked_for(
        BlockedPeriod(WEEK, None, BlockReason.UNAVAILABILITY),
        BlockedPeriod(TUESDAY_TO_THURSDAY, None, BlockReason.ABSENCE),
    )
    shift = planned(INGRID, day_of(2), "D")

    actual = violations_of(ViolationRule.BLOCKED_DAY, [shift], context(employees=employees))

    assert actual == [Violation.for_shift(ViolationRule.BLOCKED_DAY, shift, {"reason": "absence"})]


@pytest.mark.parametrize(
    ("allowed", "shift_code", "expected"),
    [
        pytest.param(None, "N", False, id="no-limit-allows-any"),
        pytest.param(frozenset({"N"}), "N", False, id="night-only-works-night"),
        pytest.param(frozenset({"N"}), "D", True, id="night-only-on-day-shift"),
    ],
)
def test_qualified(allowed: frozenset[str] | None, shift_code: str, expected: bool) -> None:
    """A shift outside the employee's allowed shift codes is reported."""
    employees = [EmployeeFacts(INGRID, 100, allowed_shift_codes=allowed)]
    shift = planned(INGRID, MONDAY, shift_code)

    actual = violations_of(ViolationRule.NOT_QUALIFIED, [shift], context(employees=employees))

    details = {"allowed_shift_codes": "N"}
    assert actual == (
        [Violation.for_shift(ViolationRule.NOT_QUALIFIED, shift, details)] if expected else []
    )


def test_night_only_restriction_is_named() -> None:
    """A night-only worker on a day shift is reported with the restriction as the cause."""
    night_only = EmployeeFacts(
        INGRID, 100, allowed_shift_codes=frozenset({"N"}), restriction=ShiftRestriction.NIGHT_ONLY
    )
    shift = planned(INGRID, MONDAY, "D")

    actual = violations_of(ViolationRule.NOT_QUALIFIED, [shift], context(employees=[night_only]))

    details = {"allowed_shift_codes": "N", "restriction": "night_only"}
    assert actual == [Violation.for_shift(ViolationRule.NOT_QUALIFIED, shift, details)]


def test_unknown_employee_reported_once_and_left_out() -> None:
    """A name the unit does not know is reported once, and its shifts count nowhere else."""
    shifts = [planned("Kari Nordman", MONDAY, "D"), planned("Kari Nordman", MONDAY, "A")]

    actual = check_roster(shifts, context(employees=[EmployeeFacts(INGRID, 1)]))

    assert actual == [
        Violation.for_employee(
            ViolationRule.UNKNOWN_EMPLOYEE, "Kari Nordman", MONDAY, {"shift_count": 2}
        )
    ]


def test_unknown_shift_code_reported_per_assignment() -> None:
    """A shift code the unit does not have is reported at each assignment."""
    shift = PlannedShift(
        INGRID, MONDAY, "X", dt.datetime(2027, 1, 11, 9), dt.datetime(2027, 1, 11, 17)
    )

    actual = check_roster([shift], context(employees=[EmployeeFacts(INGRID, 1)]))

    assert actual == [Violation.for_shift(ViolationRule.UNKNOWN_SHIFT, shift)]


def test_shift_outside_period_is_reported() -> None:
    """A shift after the period's last day is reported and not checked further."""
    shift = planned(INGRID, day_of(7), "D")

    actual = check_roster([shift], context(employees=[EmployeeFacts(INGRID, 1)]))

    details = {"period_start": "2027-01-11", "period_end": "2027-01-17"}
    assert actual == [Violation.for_shift(ViolationRule.OUTSIDE_PERIOD, shift, details)]


def test_edited_shift_times_are_a_warning() -> None:
    """A day shift that runs an hour longer than its shift type is flagged as edited."""
    shift = planned_at(INGRID, "D", "2027-01-11T07:00", "2027-01-11T16:00")

    actual = violations_of(ViolationRule.SHIFT_TIMES_MISMATCH, [shift], context())

    details = {
        "planned_start": "2027-01-11T07:00",
        "planned_end": "2027-01-11T16:00",
        "expected_start": "2027-01-11T07:00",
        "expected_end": "2027-01-11T15:00",
    }
    assert actual == [
        Violation.for_shift(ViolationRule.SHIFT_TIMES_MISMATCH, shift, details, Severity.WARNING)
    ]


@pytest.mark.parametrize(
    ("registered_at", "expected_reason"),
    [
        pytest.param(None, "absent_next_day", id="unknown"),
        pytest.param(dt.time(12, 0), "absent_next_day", id="before-the-night"),
        pytest.param(dt.time(23, 0), None, id="during-the-night"),
    ],
)
def test_night_into_absence_registered_later(
    registered_at: dt.time | None, expected_reason: str | None
) -> None:
    """A night under way when the absence was registered was worked, so it is not blocked."""
    shift = planned(INGRID, day_of(0), "N")
    registered = dt.datetime.combine(day_of(0), registered_at) if registered_at else None
    absence = BlockedPeriod(
        TUESDAY_TO_THURSDAY, None, BlockReason.ABSENCE, registered_at=registered
    )

    actual = violations_of(
        ViolationRule.BLOCKED_DAY, [shift], context(employees=blocked_for(absence))
    )

    reasons = [violation.details["reason"] for violation in actual]
    assert reasons == ([expected_reason] if expected_reason else [])
