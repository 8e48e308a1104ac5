"""Daily and weekly rest (AML §10-8), in real elapsed time."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.compliance import PlannedShift, Severity, Violation, ViolationRule
from core.rules import LocalAgreements, RuleSettings, WeeklyRestWindow
from tests.core.compliance_cast import (
    INGRID,
    MONDAY,
    WEEK,
    context,
    day_of,
    planned,
    planned_at,
    violations_of,
)

DAILY_REST = ViolationRule.DAILY_REST


def daily_rest(
    shift: PlannedShift, rest_minutes: int, required_minutes: int = 11 * 60
) -> Violation:
    details = {"rest_minutes": rest_minutes, "required_minutes": required_minutes}
    return Violation.for_shift(DAILY_REST, shift, details)


@pytest.mark.parametrize(
    ("previous_end", "next_start", "expected_rest"),
    [
        pytest.param("2027-01-11T22:00", "2027-01-12T09:00", None, id="exactly-11h-passes"),
        pytest.param("2027-01-11T22:00", "2027-01-12T08:59", 659, id="10h59-fails"),
        pytest.param("2027-01-11T22:30", "2027-01-12T07:00", 510, id="evening-then-day-fails"),
    ],
)
def test_daily_rest_boundary(previous_end: str, next_start: str, expected_rest: int | None) -> None:
    """Rest of exactly 11 hours passes and a minute less fails."""
    previous = planned_at(INGRID, "A", "2027-01-11T15:00", previous_end)
    following = planned_at(INGRID, "D", next_start, "2027-01-12T15:00")

    actual = violations_of(DAILY_REST, [previous, following], context())

    expected = [] if expected_rest is None else [daily_rest(following, expected_rest)]
    assert actual == expected


def test_daily_rest_counts_across_midnight() -> None:
    """A night shift ends the next morning, so a day shift that evening has too short a rest."""
    night = planned(INGRID, day_of(0), "N")  # Monday 22:00 to Tuesday 07:30
    evening = planned_at(INGRID, "A", "2027-01-12T15:00", "2027-01-12T22:30")

    actual = violations_of(DAILY_REST, [night, evening], context())

    assert actual == [daily_rest(evening, 450)]


def test_daily_rest_sees_history_before_period() -> None:
    """The last shift before the period counts for the rest before the first planned shift."""
    history = [planned(INGRID, MONDAY - dt.timedelta(days=1), "A")]  # Sunday until 22:30
    first_day = planned(INGRID, MONDAY, "D")

    actual = violations_of(DAILY_REST, [first_day], context(history=history))

    assert actual == [daily_rest(first_day, 510)]


def test_daily_rest_ignores_history_pairs() -> None:
    """Short rest wholly inside the history belongs to an earlier roster and is not reported."""
    sunday = MONDAY - dt.timedelta(days=1)
    history = [planned(INGRID, sunday - dt.timedelta(days=1), "A"), planned(INGRID, sunday, "D")]

    actual = violations_of(DAILY_REST, [planned(INGRID, MONDAY, "D")], context(history=history))

    assert actual == []


def test_daily_rest_spring_dst_night() -> None:
    """Summer time starts at 02:00 on 28 March 2027: 22:30 to 09:30 is 10 real hours."""
    period = DateRange(dt.date(2027, 3, 22), dt.date(2027, 3, 28))
    evening = planned_at(INGRID, "A", "2027-03-27T15:00", "2027-03-27T22:30")
    following = planned_at(INGRID, "D", "2027-03-28T09:30", "2027-03-28T17:30")

    actual = violations_of(DAILY_REST, [evening, following], context(period))

    assert actual == [daily_rest(following, 600)]


def test_daily_rest_autumn_dst_night() -> None:
    """Summer time ends at 03:00 on 31 October 2027: 22:30 to 08:30 is 11 real hours."""
    period = DateRange(dt.date(2027, 10, 25), dt.date(2027, 10, 31))
    evening = planned_at(INGRID, "A", "2027-10-30T15:00", "2027-10-30T22:30")
    following = planned_at(INGRID, "D", "2027-10-31T08:30", "2027-10-31T16:30")

    actual = violations_of(DAILY_REST, [evening, following], context(period))

    assert actual == []


def test_overlapping_shifts_are_reported_as_overlap() -> None:
    """A day shift that starts before the night shift ends overlaps it."""
    night = planned(INGRID, day_of(0), "N")
    day = planned_at(INGRID, "D", "2027-01-12T07:00", "2027-01-12T15:00")

    actual = violations_of(ViolationRule.OVERLAPPING_SHIFTS, [night, day], context())

    details = {"overlap_minutes": 30, "previous_shift": "N", "previous_day": "2027-01-11"}
    assert actual == [Violation.for_shift(ViolationRule.OVERLAPPING_SHIFTS, day, details)]


def test_agreed_shorter_rest_passes_with_warning() -> None:
    """With an agreement for 9 hours, a 9.5-hour rest passes but is listed for compensatory rest."""
    rules = RuleSettings().with_changes(
        min_daily_rest_minutes=9 * 60, agreements=LocalAgreements(shorter_daily_rest=True)
    )
    evening = planned(INGRID, day_of(0), "A")
    following = planned_at(INGRID, "D", "2027-01-12T08:00", "2027-01-12T15:00")
    checked = context(rules=rules)

    shortened = violations_of(ViolationRule.DAILY_REST_SHORTENED, [evening, following], checked)

    assert violations_of(DAILY_REST, [evening, following], checked) == []
    assert shortened == [
        Violation.for_shift(
            ViolationRule.DAILY_REST_SHORTENED,
            following,
            {"rest_minutes": 570, "legal_minutes": 660},
            Severity.WARNING,
        )
    ]


WEEKLY_REST = ViolationRule.WEEKLY_REST


def weekly_rest(employee_key: str, monday: dt.date, longest: int) -> Violation:
    iso_year, iso_week, _ = monday.isocalendar()
    details = {
        "longest_rest_minutes": longest,
        "required_minutes": 35 * 60,
        "iso_year": iso_year,
        "iso_week": iso_week,
    }
    return Violation.for_employee(WEEKLY_REST, employee_key, monday, details)


@pytest.mark.parametrize(
    ("last_day_offset", "expected_longest"),
    [
        pytest.param(4, None, id="friday-15h-leaves-57h"),
        pytest.param(5, 33 * 60, id="saturday-15h-leaves-33h"),
    ],
)
def test_weekly_rest_counts_up_to_week_end(
    last_day_offset: int, expected_longest: int | None
) -> None:
    """Free time after the last day shift runs up to Sunday 24:00 and no further."""
    shifts = [planned(INGRID, day_of(offset), "D") for offset in range(last_day_offset + 1)]

    actual = violations_of(WEEKLY_REST, shifts, context())

    expected = [] if expected_longest is None else [weekly_rest(INGRID, MONDAY, expected_longest)]
    assert actual == expected


@pytest.mark.parametrize(
    ("night_offset", "expected_longest"),
    [
        pytest.param(5, None, id="saturday-night-ends-in-week-2"),
        pytest.param(6, 31 * 60 + 30, id="sunday-night-ends-in-week-3"),
    ],
)
def test_weekly_rest_night_across_week_boundary(
    night_offset: int, expected_longest: int | None
) -> None:
    """A Sunday night shift ends Monday 07:30, so week 3's free time starts only then.

    Week 3 has evening shifts Tuesday to Sunday, so its longest free stretch is
    on Monday: from 00:00 (39 hours) after a Saturday night, but from 07:30
    (31.5 hours) after a Sunday night.
    """
    night = planned(INGRID, day_of(night_offset), "N")
    next_week = [planned(INGRID, day_of(offset), "A") for offset in range(8, 14)]
    period = DateRange(MONDAY, day_of(13))

    actual = violations_of(WEEKLY_REST, [night, *next_week], context(period))

    expected = (
        [] if expected_longest is None else [weekly_rest(INGRID, day_of(7), expected_longest)]
    )
    assert actual == expected


def test_rolling_weekly_rest_warns_under_calendar_rule() -> None:
    """Ten day shifts in a row, Wednesday to the next Friday, pass each calendar week.

    The seven-day windows starting Tuesday to Sunday have no 35 free hours. The
    one starting Tuesday has the longest free stretch, Tuesday 00:00 to Wednesday
    07:00.
    """
    shifts = [planned(INGRID, day_of(offset), "D") for offset in range(2, 12)]
    period = DateRange(MONDAY, day_of(13))

    weekly = violations_of(WEEKLY_REST, shifts, context(period))
    rolling = violations_of(ViolationRule.WEEKLY_REST_ROLLING, shifts, context(period))

    assert weekly == []
    assert rolling == [
        Violation.for_employee(
            ViolationRule.WEEKLY_REST_ROLLING,
            INGRID,
            day_of(1),
            {
                "longest_rest_minutes": 31 * 60,
                "required_minutes": 35 * 60,
                "window_days": 7,
                "failing_windows": 6,
            },
            Severity.WARNING,
        )
    ]


def test_rolling_rest_skips_failing_calendar_week() -> None:
    """A week without weekly rest is one error, not also a warning for the same seven days."""
    shifts = [planned(INGRID, day_of(offset), "D") for offset in range(6)]

    weekly = violations_of(WEEKLY_REST, shifts, context())
    rolling = violations_of(ViolationRule.WEEKLY_REST_ROLLING, shifts, context())

    assert weekly == [weekly_rest(INGRID, MONDAY, 33 * 60)]
    assert rolling == []


def test_rolling_rest_beside_other_week_error() -> None:
    """A failing week and a separate run of failing windows later are each reported once.

    Week 2 is worked Monday to Saturday. Week 3 keeps its rest on Monday and
    Tuesday, and eight day shifts from Wednesday to the next Wednesday leave no
    35 free hours in the windows starting Thursday to Sunday of week 3.
    """
    first_week = [planned(INGRID, day_of(offset), "D") for offset in range(6)]
    later_run = [planned(INGRID, day_of(offset), "D") for offset in range(9, 17)]
    period = DateRange(MONDAY, day_of(20))

    weekly = violations_of(WEEKLY_REST, first_week + later_run, context(period))
    rolling = violations_of(
        ViolationRule.WEEKLY_REST_ROLLING, first_week + later_run, context(period)
    )

    assert weekly == [weekly_rest(INGRID, MONDAY, 33 * 60)]
    assert [(violation.day, violation.severity) for violation in rolling] == [
        (day_of(8), Severity.WARNING)
    ]


def test_rolling_weekly_rest_as_error() -> None:
    """A unit on the rolling reading gets errors from it and no calendar-week check."""
    rules = RuleSettings(weekly_rest_window=WeeklyRestWindow.ROLLING_SEVEN_DAYS)
    shifts = [planned(INGRID, day_of(offset), "D") for offset in range(6)]

    rolling = violations_of(ViolationRule.WEEKLY_REST_ROLLING, shifts, context(rules=rules))

    assert violations_of(WEEKLY_REST, shifts, context(rules=rules)) == []
    assert [violation.severity for violation in rolling] == [Severity.ERROR]
    assert rolling[0].day == MONDAY


def test_weekly_rest_leaves_people_without_shifts_alone() -> None:
    """A person with no shift in the week has the whole week free."""
    assert violations_of(WEEKLY_REST, [], context(WEEK)) == []
