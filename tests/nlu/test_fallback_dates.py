"""Relative day counts that only dateparser reads."""

from __future__ import annotations

import datetime as dt

import pytest

from nlu.fallback_dates import find_relative_count

WEDNESDAY = dt.date(2026, 11, 18)


@pytest.mark.parametrize(("text", "expected"), [
    ("syk om tre dager", dt.date(2026, 11, 21)),
    ("ferie om to uker", dt.date(2026, 12, 2)),
    ("syk 3 dager siden", dt.date(2026, 11, 15)),
    ("sick in 2 days", dt.date(2026, 11, 20)),
])
def test_find_relative_count(text: str, expected: dt.date) -> None:
    """«om N dager», «N dager siden» and «in N days» count from today."""
    found = find_relative_count(text, WEDNESDAY)

    assert found is not None
    assert found[2] == expected


def test_find_relative_count_span() -> None:
    """The span of the count in the text is returned with the day."""
    found = find_relative_count("syk om tre dager", WEDNESDAY)

    assert found is not None
    assert found[:2] == (4, 16)


@pytest.mark.parametrize("text", ["syk i dag", "tre dager", "om natta"])
def test_find_relative_count_none(text: str) -> None:
    """A text without a relative count gives nothing, and dateparser is not called."""
    assert find_relative_count(text, WEDNESDAY) is None
