"""Bare hours from one to six are read in the afternoon, unless the night or morning is named."""

from __future__ import annotations

import datetime as dt

import pytest

from nlu.bare_hours import afternoon_range, afternoon_time


@pytest.mark.parametrize(
    ("hour", "text", "expected"),
    [
        pytest.param(3, "kan ikke jobbe etter 3 fredag", dt.time(15), id="3 is 15:00"),
        pytest.param(6, "kan ikke jobbe etter 6 fredag", dt.time(18), id="6 is 18:00"),
        pytest.param(7, "kan ikke jobbe før 7 fredag", dt.time(7), id="7 stays"),
        pytest.param(0, "kan ikke jobbe etter 0 fredag", dt.time(0), id="0 stays"),
        pytest.param(3, "etter 3 om natta", dt.time(3), id="om natta"),
        pytest.param(4, "før 4 om morgenen", dt.time(4), id="om morgenen"),
        pytest.param(3, "nattevakt fredag etter 3", dt.time(3), id="night shift"),
        pytest.param(3, "i morgen etter 3", dt.time(15), id="i morgen is tomorrow"),
    ],
)
def test_afternoon_time(hour: int, text: str, expected: dt.time) -> None:
    """A bare hour from one to six is in the afternoon, unless the night or morning is named."""
    assert afternoon_time(dt.time(hour), text) == expected


@pytest.mark.parametrize(
    ("start", "end", "end_is_bare_hour", "expected"),
    [
        pytest.param(dt.time(2), dt.time(4), True, (dt.time(14), dt.time(16)), id="2 to 4"),
        pytest.param(dt.time(5), dt.time(8), True, (dt.time(17), dt.time(20)), id="5 to 8"),
        pytest.param(dt.time(10), dt.time(3), True, (dt.time(10), dt.time(15)), id="10 to 3"),
        pytest.param(
            dt.time(2), dt.time(4, 30), False, (dt.time(14), dt.time(16, 30)), id="2 to 4.30"
        ),
        pytest.param(dt.time(22), dt.time(6), True, (dt.time(22), dt.time(6)), id="22 to 6"),
        pytest.param(dt.time(0), dt.time(6), True, (dt.time(0), dt.time(6)), id="0 to 6"),
        pytest.param(dt.time(15), dt.time(17), True, (dt.time(15), dt.time(17)), id="15 to 17"),
        pytest.param(dt.time(5), dt.time(12), True, (dt.time(17), dt.time(12)), id="5 to 12"),
    ],
)
def test_afternoon_range(
    start: dt.time, end: dt.time, end_is_bare_hour: bool, expected: tuple[dt.time, dt.time]
) -> None:
    """A range of bare hours moves to the afternoon as a whole and keeps its order."""
    actual = afternoon_range(
        start, end, "fredag", start_is_bare_hour=True, end_is_bare_hour=end_is_bare_hour
    )

    assert actual == expected


def test_afternoon_range_at_night() -> None:
    """A range in a message about the night stays as written."""
    actual = afternoon_range(
        dt.time(2), dt.time(4), "i natt", start_is_bare_hour=True, end_is_bare_hour=True
    )

    assert actual == (dt.time(2), dt.time(4))
