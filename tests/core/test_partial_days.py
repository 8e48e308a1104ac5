"""Which shift kinds a part of a day rules out, by the unit's shift times."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange, ShiftKind
from core.partial_days import ruled_out_shifts
from tests.core.ward_cast import SHIFT_TYPES

# The ward's shifts: D 07:30–15:00, A 14:30–22:00 and N 21:45–07:45.
FRIDAY = DateRange(dt.date(2027, 1, 22), dt.date(2027, 1, 22))
THURSDAY = DateRange(dt.date(2027, 1, 21), dt.date(2027, 1, 21))
DAY_SHIFTS_ONLY = tuple(shift for shift in SHIFT_TYPES if shift.kind is ShiftKind.DAY)


@pytest.mark.parametrize(
    ("unavailable_from", "unavailable_until", "expected"),
    [
        pytest.param(
            dt.time(15, 0),
            None,
            {ShiftKind.EVENING: (FRIDAY,), ShiftKind.NIGHT: (FRIDAY,)},
            id="after-15-keeps-day-ending-at-15",
        ),
        pytest.param(
            dt.time(14, 59),
            None,
            {
                ShiftKind.DAY: (FRIDAY,),
                ShiftKind.EVENING: (FRIDAY,),
                ShiftKind.NIGHT: (FRIDAY,),
            },
            id="after-14-59-takes-the-day-shift-too",
        ),
        pytest.param(
            None,
            dt.time(12, 0),
            {ShiftKind.DAY: (FRIDAY,), ShiftKind.NIGHT: (THURSDAY,)},
            id="before-noon-takes-the-night-before",
        ),
        pytest.param(
            dt.time(22, 0),
            dt.time(7, 0),
            {ShiftKind.NIGHT: (DateRange(THURSDAY.start, FRIDAY.end),)},
            id="night-hours-take-both-nights",
        ),
        pytest.param(
            dt.time(15, 0),
            dt.time(17, 0),
            {ShiftKind.EVENING: (FRIDAY,)},
            id="from-15-to-17-takes-the-evening-only",
        ),
        pytest.param(
            dt.time(5, 0),
            dt.time(9, 0),
            {ShiftKind.DAY: (FRIDAY,), ShiftKind.NIGHT: (THURSDAY,)},
            id="from-5-to-9-takes-the-night-before",
        ),
        pytest.param(
            dt.time(8, 0),
            dt.time(9, 0),
            {ShiftKind.DAY: (FRIDAY,)},
            id="from-8-to-9-leaves-the-night-before",
        ),
        pytest.param(
            dt.time(22, 30),
            dt.time(23, 0),
            {ShiftKind.NIGHT: (FRIDAY,)},
            id="from-22-30-to-23-takes-that-night",
        ),
    ],
)
def test_part_of_day_rules_out_kinds(
    unavailable_from: dt.time | None,
    unavailable_until: dt.time | None,
    expected: dict[ShiftKind, tuple[DateRange, ...]],
) -> None:
    """A kind is ruled out when one of its shifts overlaps the unavailable part of the day."""
    ruled_out = ruled_out_shifts(
        SHIFT_TYPES,
        (FRIDAY,),
        unavailable_from=unavailable_from,
        unavailable_until=unavailable_until,
    )

    assert ruled_out == expected


def test_evening_off_leaves_day_shifts_free() -> None:
    """A unit with day shifts only loses none of them after 15:00."""
    ruled_out = ruled_out_shifts(
        DAY_SHIFTS_ONLY, (FRIDAY,), unavailable_from=dt.time(15, 0), unavailable_until=None
    )

    assert ruled_out == {}
