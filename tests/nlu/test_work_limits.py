"""«Kan bare jobbe til 15»: the hours one can work name the rest of the day as unavailable."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import OSLO
from core.commands import DateRange, Intent, ParseProblem
from nlu import parse

NOW = dt.datetime(2026, 11, 18, 9, 0, tzinfo=OSLO)  # a Wednesday
FRIDAY = DateRange(dt.date(2026, 11, 20), dt.date(2026, 11, 20))


@pytest.mark.parametrize(
    ("text", "unavailable_from", "unavailable_until"),
    [
        pytest.param("kan bare jobbe til 15 fredag", dt.time(15), None, id="until"),
        pytest.param("kan kun jobbe til kl 15.30 fredag", dt.time(15, 30), None, id="kun, minutes"),
        pytest.param("kan berre jobbe til 15 fredag", dt.time(15), None, id="nynorsk"),
        pytest.param("kan bare jobbe fra 10 fredag", None, dt.time(10), id="from"),
        pytest.param(
            "kan bare jobbe mellom 10 og 15 fredag", dt.time(15), dt.time(10), id="between"
        ),
        pytest.param(
            "kan bare jobbe fra kl 10 til kl 15 fredag", dt.time(15), dt.time(10), id="from to"
        ),
    ],
)
def test_working_hours_read_as_unavailability(
    text: str, unavailable_from: dt.time | None, unavailable_until: dt.time | None
) -> None:
    """The hours outside the ones named are the unavailable part of the day."""
    command = parse(text, NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (FRIDAY,)
    assert command.problem is None
    assert command.unavailable_from == unavailable_from
    assert command.unavailable_until == unavailable_until


def test_range_of_days_stays_dates() -> None:
    """«fra 25 til 28 desember» after «kan bare jobbe» is a range of days, not of hours."""
    command = parse("kan bare jobbe fra 25 til 28 desember", NOW)

    assert command.dates == (DateRange(dt.date(2026, 12, 25), dt.date(2026, 12, 28)),)
    assert command.unavailable_from is None
    assert command.unavailable_until is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Kan ikke jobbe mer enn to netter per uke i januar", id="more than, month"),
        pytest.param("vil ikke ha mer enn to netter per uke", id="wish"),
        pytest.param("maks to netter i uka", id="maks"),
        pytest.param("Kan ikkje jobbe meir enn tre netter i veka", id="nynorsk"),
        pytest.param("Vil ikke ha flere enn 3 kveldsvakter pr. uke", id="flere enn, digit"),
        pytest.param("høyst en helg i måneden", id="høyst, month"),
        pytest.param("ikke over 2 vakter i uken", id="ikke over"),
        pytest.param("maks to lange vakter per uke", id="adjective"),
        pytest.param("no more than two nights a week", id="english"),
    ],
)
def test_shift_count_limit_is_no_days(text: str) -> None:
    """A limit on how many shifts per week or month registers no days, and names its problem."""
    command = parse(text, NOW)

    assert command.intent == Intent.UNKNOWN
    assert command.problem == ParseProblem.SHIFT_COUNT_LIMIT
    assert command.dates == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("kan ikke jobbe nattevakt fredag", id="one night"),
        pytest.param("kan ikke jobbe to netter på rad", id="in a row"),
        pytest.param("kan ikke jobbe mandager i januar", id="recurring days"),
    ],
)
def test_days_without_count_limit_stay_days(text: str) -> None:
    """Messages about days that name no count per week keep their reading."""
    command = parse(text, NOW)

    assert command.problem != ParseProblem.SHIFT_COUNT_LIMIT


def test_maks_is_no_month() -> None:
    """«maks» is one edit from «mars», but names no day in March."""
    command = parse("jeg vil ha maks to netter", NOW)

    assert command.dates == ()
