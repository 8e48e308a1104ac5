"""Night workers: at most 8 hours per 24 on average over four weeks (AML §10-11 (6))."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.compliance import Violation, ViolationRule
from core.compliance.night_work import night_minutes
from core.rules import RuleSettings
from tests.core.compliance_cast import (
    INGRID,
    MONDAY,
    context,
    day_of,
    planned,
    planned_at,
    violations_of,
)

NIGHT_RULE = ViolationRule.NIGHT_WORKER_AVERAGE
FOUR_WEEKS = DateRange(MONDAY, day_of(27))
# The 54-hour week would stop most rosters first, so the tests lift it.
LOOSE_WEEKS = RuleSettings(max_week_minutes=80 * 60, max_average_week_minutes=80 * 60)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param("2027-01-11T22:00", "2027-01-12T07:30", 8 * 60, id="night-22-to-0730"),
        pytest.param("2027-01-11T15:00", "2027-01-11T22:30", 90, id="evening-until-2230"),
        pytest.param("2027-01-11T07:00", "2027-01-11T15:00", 0, id="day-shift"),
        pytest.param("2027-01-11T04:00", "2027-01-11T10:00", 120, id="early-morning"),
    ],
)
def test_night_minutes(start: str, end: str, expected: int) -> None:
    """Night time is the part of a shift between 21:00 and 06:00."""
    assert night_minutes(planned_at(INGRID, "N", start, end)) == expected


def test_night_worker_over_8_hours_a_day_fails() -> None:
    """Twenty-five 9.5-hour nights in 28 days average over 8 hours a day."""
    nights = [planned(INGRID, day_of(offset), "N") for offset in range(28) if offset % 9 != 8]

    actual = violations_of(NIGHT_RULE, nights, context(FOUR_WEEKS, rules=LOOSE_WEEKS))

    # The last night, on Sunday 7 February, runs past the period: only 22:00–24:00 counts.
    details = {
        "average_day_minutes": round((24 * 570 + 120) / 28),
        "maximum_minutes": 480,
        "window_days": 28,
        "window_end": day_of(27).isoformat(),
    }
    assert actual == [Violation.for_employee(NIGHT_RULE, INGRID, MONDAY, details)]


def test_night_worker_within_average_passes() -> None:
    """Sixteen nights in four weeks average well under 8 hours a day."""
    nights = [planned(INGRID, day_of(offset), "N") for offset in range(28) if offset % 7 < 4]

    assert violations_of(NIGHT_RULE, nights, context(FOUR_WEEKS, rules=LOOSE_WEEKS)) == []


def test_day_worker_is_not_a_night_worker() -> None:
    """Long days every day exceed 8 hours a day but are not night work."""
    long_days = [planned(INGRID, day_of(offset), "L") for offset in range(28)]

    assert violations_of(NIGHT_RULE, long_days, context(FOUR_WEEKS, rules=LOOSE_WEEKS)) == []


def test_night_minutes_on_spring_dst_night() -> None:
    """The night of 27–28 March 2027 has an hour fewer: 22:00 to 07:30 contains 7 night hours."""
    shift = planned_at(INGRID, "N", "2027-03-27T22:00", "2027-03-28T07:30")

    assert night_minutes(shift) == 7 * 60
    assert shift.day == dt.date(2027, 3, 27)
