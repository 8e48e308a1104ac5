"""Named days and holiday periods, fixed or counted from Easter."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import public_holidays
from nlu.named_days import PATTERNS, RULES, easter_sunday

EASTER_SUNDAYS = [
    (2024, "2024-03-31"),
    (2025, "2025-04-20"),
    (2026, "2026-04-05"),
    (2027, "2027-03-28"),
    (2028, "2028-04-16"),
    (2038, "2038-04-25"),
    (2285, "2285-03-22"),
]


@pytest.mark.parametrize(
    ("year", "expected"), EASTER_SUNDAYS, ids=[str(year) for year, _ in EASTER_SUNDAYS]
)
def test_easter_sunday(year: int, expected: str) -> None:
    """Easter Sunday follows the Gregorian computus, including its extreme dates."""
    assert easter_sunday(year).isoformat() == expected


HOLIDAY_NAMES = [
    "skjærtorsdag",
    "langfredag",
    "første påskedag",
    "andre påskedag",
    "kristi himmelfartsdag",
    "første pinsedag",
    "andre pinsedag",
    "første juledag",
    "andre juledag",
    "nyttårsdag",
    "grunnlovsdagen",
    "arbeidernes dag",
]


@pytest.mark.parametrize("year", range(2025, 2036))
@pytest.mark.parametrize("name", HOLIDAY_NAMES)
def test_rules_agree_with_the_holidays_package(name: str, year: int) -> None:
    """Every public holiday the parser computes is one in the `holidays` package's calendar."""
    start, end = RULES[name](year)

    assert start == end
    assert start in public_holidays(year)


def test_easter_period_runs_thursday_to_monday() -> None:
    """«i påsken» runs from Maundy Thursday to Easter Monday."""
    start, end = RULES["påsken"](2027)

    assert (start, end) == (dt.date(2027, 3, 25), dt.date(2027, 3, 29))


def test_new_year_crosses_into_the_next_year() -> None:
    """«nyttår» is New Year's Eve and the day after it."""
    start, end = RULES["nyttår"](2026)

    assert (start, end) == (dt.date(2026, 12, 31), dt.date(2027, 1, 1))


def test_every_pattern_has_a_rule() -> None:
    """Each written form of a name leads to a rule."""
    missing = [name for _, name in PATTERNS if name not in RULES]

    assert missing == []
