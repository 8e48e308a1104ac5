"""Spoken times of day: «halv fire» is 15:30, and a time that cannot be read is asked for."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import OSLO
from core.commands import DateRange, Intent, ParseProblem
from nlu import parse

NOW = dt.datetime(2026, 11, 18, 9, 0, tzinfo=OSLO)  # a Wednesday
SATURDAY = DateRange(dt.date(2026, 11, 21), dt.date(2026, 11, 21))


@pytest.mark.parametrize(
    ("text", "unavailable_from", "unavailable_until"),
    [
        pytest.param(
            "kan ikke jobbe etter halv fire lørdag", dt.time(15, 30), None, id="halv fire"
        ),
        pytest.param(
            "kan ikke jobbe etter kvart over tre lørdag", dt.time(15, 15), None, id="kvart over tre"
        ),
        pytest.param(
            "kan ikke jobbe etter kvart på fire lørdag", dt.time(15, 45), None, id="kvart på fire"
        ),
        pytest.param("kan ikke jobbe før halv ti lørdag", None, dt.time(9, 30), id="før halv ti"),
        pytest.param("kan ikke jobbe etter halv 4 lørdag", dt.time(15, 30), None, id="halv 4"),
        pytest.param("kan ikke jobbe før halv ett lørdag", None, dt.time(12, 30), id="halv ett"),
        pytest.param("kan ikke jobbe før halv sju lørdag", None, dt.time(6, 30), id="halv sju"),
        pytest.param(
            "can't work after half past three on saturday", dt.time(15, 30), None, id="half past"
        ),
        pytest.param(
            "can't work after a quarter past 2 on saturday",
            dt.time(14, 15),
            None,
            id="a quarter past",
        ),
        pytest.param(
            "can't work before quarter to ten on saturday", None, dt.time(9, 45), id="quarter to"
        ),
    ],
)
def test_spoken_time_is_read(
    text: str, unavailable_from: dt.time | None, unavailable_until: dt.time | None
) -> None:
    """Hours one to six of a spoken time are in the afternoon, the others as spoken."""
    command = parse(text, NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (SATURDAY,)
    assert command.problem is None
    assert (command.unavailable_from, command.unavailable_until) == (
        unavailable_from,
        unavailable_until,
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("kan ikke jobbe etter en lørdag", id="en may be an article"),
        pytest.param("kan ikke jobbe etter halv 14 lørdag", id="hour past twelve"),
        pytest.param("can't work after half past 14 on saturday", id="half past 14"),
    ],
)
def test_unread_spoken_time_is_asked_for(text: str) -> None:
    """A spoken time that cannot be read asks for the time instead of freeing the whole day."""
    command = parse(text, NOW)

    assert command.problem == ParseProblem.PART_OF_DAY_WITHOUT_TIME
    assert (command.unavailable_from, command.unavailable_until) == (None, None)


@pytest.mark.parametrize(
    ("text", "unavailable_from", "unavailable_until"),
    [
        pytest.param("kan ikke jobbe etter fem lørdag", dt.time(17), None, id="etter fem"),
        pytest.param("can't work after five on saturday", dt.time(17), None, id="after five"),
        pytest.param("kan ikke jobbe før ti lørdag", None, dt.time(10), id="før ti"),
        pytest.param("kan ikke jobbe etter tre om natta lørdag", dt.time(3), None, id="om natta"),
        pytest.param(
            "kan ikke jobbe mellom tre og fem lørdag",
            dt.time(15),
            dt.time(17),
            id="mellom tre og fem",
        ),
        pytest.param(
            "kan ikke jobbe fra ni til fem lørdag", dt.time(9), dt.time(17), id="fra ni til fem"
        ),
        pytest.param(
            "can't work from two to four on saturday",
            dt.time(14),
            dt.time(16),
            id="from two to four",
        ),
    ],
)
def test_hour_word_reads_like_digits(
    text: str, unavailable_from: dt.time | None, unavailable_until: dt.time | None
) -> None:
    """An hour word after a word of time is read as its digits: «etter fem» is «etter 5»."""
    command = parse(text, NOW)

    assert command.problem is None
    assert command.dates == (SATURDAY,)
    assert (command.unavailable_from, command.unavailable_until) == (
        unavailable_from,
        unavailable_until,
    )


def test_hour_word_and_digits_agree() -> None:
    """«etter fem» and «etter 5» give the same command."""
    assert parse("kan ikke jobbe etter fem lørdag", NOW) == parse(
        "kan ikke jobbe etter 5 lørdag", NOW
    )


@pytest.mark.parametrize(
    ("text", "time"),
    [
        pytest.param("fem", dt.time(5), id="fem"),
        pytest.param("Tolv.", dt.time(12), id="tolv"),
        pytest.param("five", dt.time(5), id="five"),
    ],
)
def test_only_hour_word_is_a_time(text: str, time: dt.time) -> None:
    """A message of only an hour word is that hour, as a message of only its digits is."""
    command = parse(text, NOW)
    digits = parse(str(time.hour), NOW)

    assert command.time_of_day == time
    assert command.afternoon_time_of_day == digits.afternoon_time_of_day


def test_article_after_til_is_no_hour() -> None:
    """«til en kollega» keeps its article, so no time is read."""
    command = parse("kan ikke jobbe lørdag, gir vakta til en kollega", NOW)

    assert (command.unavailable_from, command.unavailable_until) == (None, None)


def test_count_after_etter_is_no_time() -> None:
    """«om fem dager» is a day, so nothing asks for a time."""
    command = parse("kan ikke jobbe om fem dager", NOW)

    assert command.problem is None
    assert command.dates == (DateRange(dt.date(2026, 11, 23), dt.date(2026, 11, 23)),)


def test_spoken_time_answers_the_time_question() -> None:
    """«halv fire» alone is the time 15:30, so it answers the question for a time."""
    command = parse("halv fire", NOW)

    assert command.time_of_day == dt.time(15, 30)
