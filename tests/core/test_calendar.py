"""Calendar helpers: how far ahead a command may name a day, and when Sunday work starts."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import planning_horizon_end, sunday_window_start


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


@pytest.mark.parametrize(
    ("first_red_day", "expected"),
    [
        pytest.param(dt.date(2027, 3, 7), dt.time(18, 0), id="ordinary-sunday"),
        pytest.param(dt.date(2027, 3, 25), dt.time(18, 0), id="skjaertorsdag"),
        pytest.param(dt.date(2027, 3, 28), dt.time(15, 0), id="paaskeaften"),
        pytest.param(dt.date(2027, 5, 16), dt.time(15, 0), id="pinseaften"),
        pytest.param(dt.date(2027, 12, 25), dt.time(15, 0), id="julaften"),
        pytest.param(dt.date(2026, 5, 1), dt.time(22, 0), id="first-of-may-friday"),
        pytest.param(dt.date(2026, 5, 17), dt.time(18, 0), id="17-may-on-sunday"),
    ],
)
def test_sunday_window_start(first_red_day: dt.date, expected: dt.time) -> None:
    """The §10-10 window opens at 15:00 on jul-, påske- and pinseaften, 22:00 before 1 May."""
    assert sunday_window_start(first_red_day) == expected
