"""Calendar helpers: how far ahead a command may name a day."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import planning_horizon_end


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(dt.date(2027, 1, 6), dt.date(2029, 1, 6), id="ordinary-day"),
        pytest.param(dt.date(2028, 2, 29), dt.date(2030, 2, 28), id="leap-day"),
        pytest.param(dt.date(2026, 12, 31), dt.date(2028, 12, 31), id="new-years-eve"),
    ],
)
def test_planning_horizon_end(today: dt.date, expected: dt.date) -> None:
    """The horizon ends on the same day two years later, or 28 February for 29 February."""
    assert planning_horizon_end(today) == expected
