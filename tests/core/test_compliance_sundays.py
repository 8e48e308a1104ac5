"""Sunday and public-holiday work: the §10-10 window and the next red day off (§10-8 (4))."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.compliance import PlannedShift, Violation, ViolationRule
from core.compliance.sundays import red_day_windows
from tests.core.compliance_cast import INGRID, context, planned, planned_at, violations_of

SUNDAY_RULE = ViolationRule.SUNDAY_AFTER_SUNDAY
# Sundays 17, 24 and 31 January 2027 fall in this period.
JANUARY = DateRange(dt.date(2027, 1, 11), dt.date(2027, 2, 7))
SUNDAY_1 = dt.date(2027, 1, 17)
SUNDAY_2 = dt.date(2027, 1, 24)
SUNDAY_3 = dt.date(2027, 1, 31)


def sunday_violation(shift: PlannedShift, red_day: dt.date, previous: dt.date) -> Violation:
    details = {"red_day": red_day.isoformat(), "previous_red_day": previous.isoformat()}
    return Violation.for_shift(SUNDAY_RULE, shift, details)


def test_next_sunday_worked_fails() -> None:
    """Work on two Sundays in a row breaks the rule at the second."""
    shifts = [planned(INGRID, SUNDAY_1, "D"), planned(INGRID, SUNDAY_2, "D")]

    actual = violations_of(SUNDAY_RULE, shifts, context(JANUARY))

    assert actual == [sunday_violation(shifts[1], SUNDAY_2, SUNDAY_1)]


def test_every_other_sunday_passes() -> None:
    """A free Sunday between two worked ones satisfies the rule."""
    shifts = [planned(INGRID, SUNDAY_1, "D"), planned(INGRID, SUNDAY_3, "D")]

    assert violations_of(SUNDAY_RULE, shifts, context(JANUARY)) == []


@pytest.mark.parametrize(
    ("first_shift", "expected"),
    [
        pytest.param(
            planned(INGRID, SUNDAY_1 - dt.timedelta(days=1), "A"),
            True,
            id="saturday-evening-after-18-is-sunday-work",
        ),
        pytest.param(
            planned(INGRID, SUNDAY_1 - dt.timedelta(days=1), "D"),
            False,
            id="saturday-day-shift-is-not",
        ),
        pytest.param(planned(INGRID, SUNDAY_1, "N"), False, id="sunday-night-from-22-is-not"),
        pytest.param(
            planned(INGRID, SUNDAY_1 - dt.timedelta(days=1), "N"),
            True,
            id="saturday-night-is-sunday-work",
        ),
    ],
)
def test_sunday_window_decides_sunday_work(first_shift: PlannedShift, expected: bool) -> None:
    """Sunday work is work between Saturday 18:00 and Sunday 22:00 (AML §10-10 (1))."""
    second = planned(INGRID, SUNDAY_2, "D")

    actual = violations_of(SUNDAY_RULE, [first_shift, second], context(JANUARY))

    assert actual == ([sunday_violation(second, SUNDAY_2, SUNDAY_1)] if expected else [])


def test_holiday_after_worked_sunday_fails() -> None:
    """Ascension Day (Thursday 6 May 2027) after a worked 1–2 May weekend must be off."""
    period = DateRange(dt.date(2027, 4, 26), dt.date(2027, 5, 9))
    shifts = [planned(INGRID, dt.date(2027, 5, 2), "D"), planned(INGRID, dt.date(2027, 5, 6), "D")]

    actual = violations_of(SUNDAY_RULE, shifts, context(period))

    assert actual == [sunday_violation(shifts[1], dt.date(2027, 5, 6), dt.date(2027, 5, 1))]


@pytest.mark.parametrize(
    ("saturday_shift", "expected"),
    [
        pytest.param(
            ("2027-03-27T15:00", "2027-03-27T22:30"), True, id="evening-from-15-is-easter-work"
        ),
        pytest.param(("2027-03-27T07:00", "2027-03-27T15:00"), False, id="day-until-15-is-not"),
    ],
)
def test_easter_eve_window_starts_at_15(saturday_shift: tuple[str, str], expected: bool) -> None:
    """On påskeaften the window opens at 15:00; Good Friday worked means Easter must be off."""
    period = DateRange(dt.date(2027, 3, 22), dt.date(2027, 4, 4))
    good_friday = planned(INGRID, dt.date(2027, 3, 26), "D")
    easter_eve = planned_at(INGRID, "A", *saturday_shift)

    actual = violations_of(SUNDAY_RULE, [good_friday, easter_eve], context(period))

    expected_violations = [sunday_violation(easter_eve, dt.date(2027, 3, 28), dt.date(2027, 3, 25))]
    assert actual == (expected_violations if expected else [])


def test_high_day_window_starts_at_22() -> None:
    """1 May 2026 is a Friday: a Thursday night shift from 22:00 is work on the high day."""
    period = DateRange(dt.date(2026, 4, 20), dt.date(2026, 5, 3))
    shifts = [
        planned(INGRID, dt.date(2026, 4, 26), "D"),
        planned(INGRID, dt.date(2026, 4, 30), "N"),
    ]

    actual = violations_of(SUNDAY_RULE, shifts, context(period))

    assert actual == [sunday_violation(shifts[1], dt.date(2026, 5, 1), dt.date(2026, 4, 26))]


def test_worked_sunday_in_history_counts() -> None:
    """The Sunday before the period, from the history, makes the first Sunday too soon."""
    history = [planned(INGRID, dt.date(2027, 1, 10), "D")]
    shifts = [planned(INGRID, SUNDAY_1, "D")]

    actual = violations_of(SUNDAY_RULE, shifts, context(JANUARY, history=history))

    assert actual == [sunday_violation(shifts[0], SUNDAY_1, dt.date(2027, 1, 10))]


def test_red_day_windows_join_back_to_back_holidays() -> None:
    """Christmas 2027: 25–26 December form one window from 15:00 on Christmas Eve."""
    windows = red_day_windows(DateRange(dt.date(2027, 12, 20), dt.date(2027, 12, 31)))

    actual = [(window.first_day, window.last_day, window.start, window.end) for window in windows]

    assert actual == [
        (
            dt.date(2027, 12, 25),
            dt.date(2027, 12, 26),
            dt.datetime(2027, 12, 24, 15),
            dt.datetime(2027, 12, 26, 22),
        )
    ]
