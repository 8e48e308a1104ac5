"""Runs of days and nights, and how often a person works weekends."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.compliance import Violation, ViolationRule
from core.rules import RuleSettings
from tests.core.compliance_cast import INGRID, MONDAY, context, day_of, planned, violations_of

TWO_WEEKS = DateRange(MONDAY, day_of(13))


@pytest.mark.parametrize(
    ("day_count", "expected"),
    [
        pytest.param(6, None, id="six-days-pass"),
        pytest.param(7, (6, 7), id="seventh-day-fails"),
        pytest.param(9, (6, 9), id="run-of-nine-reported-once"),
    ],
)
def test_consecutive_days(day_count: int, expected: tuple[int, int] | None) -> None:
    """At most six working days in a row; the violation falls on the first day too many."""
    shifts = [planned(INGRID, day_of(offset), "D") for offset in range(day_count)]

    actual = violations_of(ViolationRule.CONSECUTIVE_DAYS, shifts, context(TWO_WEEKS))

    if expected is None:
        assert actual == []
    else:
        first_day_too_many, run_days = expected
        shift = shifts[first_day_too_many]
        details = run_details(run_days, 6, MONDAY, day_of(run_days - 1))
        assert actual == [Violation.for_shift(ViolationRule.CONSECUTIVE_DAYS, shift, details)]


def run_details(
    run_days: int, maximum: int, first_day: dt.date, last_day: dt.date
) -> dict[str, int | str]:
    return {
        "run_days": run_days,
        "maximum": maximum,
        "first_day": first_day.isoformat(),
        "last_day": last_day.isoformat(),
    }


def test_consecutive_days_run_begins_in_history() -> None:
    """Four days before the period and three in it make a run of seven from the first of them."""
    history = [planned(INGRID, MONDAY - dt.timedelta(days=offset), "D") for offset in range(1, 5)]
    shifts = [planned(INGRID, day_of(offset), "D") for offset in range(3)]

    actual = violations_of(ViolationRule.CONSECUTIVE_DAYS, shifts, context(history=history))

    details = run_details(7, 6, MONDAY - dt.timedelta(days=4), day_of(2))
    assert actual == [Violation.for_shift(ViolationRule.CONSECUTIVE_DAYS, shifts[2], details)]


def test_consecutive_days_run_starts_after_a_day_off() -> None:
    """A run that starts in the middle of the period is dated from its own first day."""
    worked_offsets = [0, 1, *range(3, 11)]
    shifts = [planned(INGRID, day_of(offset), "D") for offset in worked_offsets]

    actual = violations_of(ViolationRule.CONSECUTIVE_DAYS, shifts, context(TWO_WEEKS))

    details = run_details(8, 6, day_of(3), day_of(10))
    assert actual == [Violation.for_shift(ViolationRule.CONSECUTIVE_DAYS, shifts[8], details)]


@pytest.mark.parametrize(
    ("night_count", "expected_run"),
    [
        pytest.param(3, None, id="three-nights-pass"),
        pytest.param(4, 4, id="fourth-night-fails"),
    ],
)
def test_consecutive_nights(night_count: int, expected_run: int | None) -> None:
    """At most three night shifts in a row (AML §10-2 (1), Arbeidstilsynet practice)."""
    nights = [planned(INGRID, day_of(offset), "N") for offset in range(night_count)]

    actual = violations_of(ViolationRule.CONSECUTIVE_NIGHTS, nights, context())

    expected = (
        []
        if expected_run is None
        else [
            Violation.for_shift(
                ViolationRule.CONSECUTIVE_NIGHTS, nights[3], run_details(4, 3, MONDAY, day_of(3))
            )
        ]
    )
    assert actual == expected


def test_day_shift_breaks_a_run_of_nights() -> None:
    """Nights are counted in a row only while each day has a night shift."""
    shifts = [
        planned(INGRID, day_of(0), "N"),
        planned(INGRID, day_of(1), "N"),
        planned(INGRID, day_of(3), "D"),
        planned(INGRID, day_of(4), "N"),
        planned(INGRID, day_of(5), "N"),
    ]

    assert violations_of(ViolationRule.CONSECUTIVE_NIGHTS, shifts, context()) == []


SIX_WEEKS = DateRange(MONDAY, day_of(41))
WEEKEND = ViolationRule.WEEKEND_FREQUENCY


def saturday(week: int) -> dt.date:
    return day_of(7 * week + 5)


def weekend_violation(
    shift_day: dt.date, shift_code: str, previous: dt.date, weeks: int
) -> Violation:
    shift = planned(INGRID, shift_day, shift_code)
    details = {
        "previous_weekend": previous.isoformat(),
        "weeks_apart": weeks,
        "weekend_frequency": 3,
    }
    return Violation.for_shift(WEEKEND, shift, details)


@pytest.mark.parametrize(
    ("worked_weeks", "expected_weeks"),
    [
        pytest.param((0, 3), [], id="every-third-weekend-passes"),
        pytest.param((0, 2), [(2, 0, 2)], id="two-weeks-apart-fails"),
        pytest.param((0, 1, 4), [(1, 0, 1)], id="adjacent-weekends-fail"),
    ],
)
def test_weekend_frequency(
    worked_weeks: tuple[int, ...], expected_weeks: list[tuple[int, int, int]]
) -> None:
    """In every three consecutive weekends at most one is worked."""
    shifts = [planned(INGRID, saturday(week), "D") for week in worked_weeks]

    actual = violations_of(WEEKEND, shifts, context(SIX_WEEKS))

    expected = [
        weekend_violation(saturday(week), "D", saturday(previous), weeks)
        for week, previous, weeks in expected_weeks
    ]
    assert actual == expected


def test_sunday_shift_makes_weekend_worked() -> None:
    """A shift that starts on Sunday makes the weekend worked, as does a Saturday night."""
    shifts = [
        planned(INGRID, saturday(0), "N"),
        planned(INGRID, saturday(1) + dt.timedelta(days=1), "D"),
    ]

    actual = violations_of(WEEKEND, shifts, context(SIX_WEEKS))

    sunday = saturday(1) + dt.timedelta(days=1)
    assert actual == [weekend_violation(sunday, "D", saturday(0), 1)]


def test_friday_night_does_not_make_a_worked_weekend() -> None:
    """A Friday night shift ends on Saturday morning but starts on Friday."""
    shifts = [planned(INGRID, day_of(4), "N"), planned(INGRID, saturday(1), "D")]

    assert violations_of(WEEKEND, shifts, context(SIX_WEEKS)) == []


def test_friday_night_counts_by_local_rule() -> None:
    """A unit whose local rule counts Friday nights sees two weekends in a row."""
    rules = RuleSettings(friday_night_counts_as_weekend=True)
    friday_night = planned(INGRID, day_of(4), "N")
    evening = planned(INGRID, day_of(4), "A")
    next_saturday = planned(INGRID, saturday(1), "D")

    counted = violations_of(WEEKEND, [friday_night, next_saturday], context(SIX_WEEKS, rules=rules))
    not_counted = violations_of(WEEKEND, [evening, next_saturday], context(SIX_WEEKS, rules=rules))

    assert counted == [weekend_violation(saturday(1), "D", saturday(0), 1)]
    assert not_counted == []


def test_weekend_before_period_counts_via_history() -> None:
    """A weekend worked just before the period makes the period's first weekend too soon."""
    history = [planned(INGRID, MONDAY - dt.timedelta(days=2), "D")]
    shifts = [planned(INGRID, saturday(0), "D")]

    actual = violations_of(WEEKEND, shifts, context(SIX_WEEKS, history=history))

    assert actual == [weekend_violation(saturday(0), "D", MONDAY - dt.timedelta(days=2), 1)]


def test_weekend_straddling_period_start() -> None:
    """A period starting on a Sunday: Saturday in the history and Sunday planned are one weekend."""
    sunday = dt.date(2027, 1, 17)
    period = DateRange(sunday, sunday + dt.timedelta(days=27))
    history = [planned(INGRID, sunday - dt.timedelta(days=1), "D")]
    same_weekend = [planned(INGRID, sunday, "D")]
    next_weekend = [planned(INGRID, sunday + dt.timedelta(days=6), "D")]

    straddling = violations_of(WEEKEND, same_weekend, context(period, history=history))
    following = violations_of(WEEKEND, next_weekend, context(period, history=history))

    assert straddling == []
    assert following == [
        weekend_violation(sunday + dt.timedelta(days=6), "D", sunday - dt.timedelta(days=1), 1)
    ]
