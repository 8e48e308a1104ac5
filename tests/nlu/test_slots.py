"""The details of a command: shift, absence, preference, person and request number."""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import OSLO
from core.commands import AbsenceKind, DateRange, Intent, ParseProblem, Preference, ShiftKind
from nlu.normalise import normalise
from nlu.parser import parse
from nlu.slots import (
    absence_kind,
    first_shift,
    invalid_time,
    is_past_tense,
    person,
    preference,
    request_number,
    time_after,
    time_before,
    time_between,
    written_time_range,
)

NOW = dt.datetime(2027, 1, 6, 9, 0, tzinfo=OSLO)  # a Wednesday

SHIFTS = [
    ("dagvakta mi", ShiftKind.DAY),
    ("du har dag søndag", ShiftKind.DAY),
    ("kveldsvakt", ShiftKind.EVENING),
    ("aftenvakter", ShiftKind.EVENING),
    ("seinvakt", ShiftKind.EVENING),
    ("kvelder", ShiftKind.EVENING),
    ("nattevakta", ShiftKind.NIGHT),
    ("nattvakt", ShiftKind.NIGHT),
    ("natt", ShiftKind.NIGHT),
    ("langvakt", ShiftKind.LONG_DAY),
    ("night shift", ShiftKind.NIGHT),
    ("har N fredag", ShiftKind.NIGHT),
    ("har K fredag", ShiftKind.EVENING),
    ("har D fredag", ShiftKind.DAY),
    ("A-vakt", ShiftKind.EVENING),
]


@pytest.mark.parametrize(("text", "expected"), SHIFTS, ids=[case[0] for case in SHIFTS])
def test_first_shift(text: str, expected: ShiftKind) -> None:
    """Each shift word or code names its kind."""
    assert first_shift(normalise(text).text) == expected


@pytest.mark.parametrize("text", ["i dag", "hver dag", "en dag", "a day off", "I want a shift"])
def test_first_shift_none(text: str) -> None:
    """«i dag», «hver dag» and the English article «a» name no shift."""
    assert first_shift(normalise(text).text) is None


def test_first_shift_between_positions() -> None:
    """Only the shift words between the two positions count."""
    text = "natt fredag mot dag lørdag"

    assert first_shift(text, 12) == ShiftKind.DAY


ABSENCES = [
    ("syk", AbsenceKind.SICK),
    ("sjuk", AbsenceKind.SICK),
    ("sykemeldt", AbsenceKind.SICK),
    ("egenmelding", AbsenceKind.SICK),
    ("I'm sick", AbsenceKind.SICK),
    ("sykt barn", AbsenceKind.CHILD_SICK),
    ("syke barn", AbsenceKind.CHILD_SICK),
    ("barnet er sykt", AbsenceKind.CHILD_SICK),
    ("sjukt barn", AbsenceKind.CHILD_SICK),
    ("my kid is sick", AbsenceKind.CHILD_SICK),
    ("ferie", AbsenceKind.VACATION),
    ("sommerferie", AbsenceKind.VACATION),
    ("permisjon", AbsenceKind.LEAVE),
    ("perm", AbsenceKind.LEAVE),
    ("kurs", AbsenceKind.COURSE),
    ("opplæring", AbsenceKind.COURSE),
    ("avspasering", AbsenceKind.TIME_OFF_IN_LIEU),
    ("avspaserer", AbsenceKind.TIME_OFF_IN_LIEU),
]


@pytest.mark.parametrize(("text", "expected"), ABSENCES, ids=[case[0] for case in ABSENCES])
def test_absence_kind(text: str, expected: AbsenceKind) -> None:
    """Each absence word names its kind; a sick child before a sick employee."""
    assert absence_kind(normalise(text).text) == expected


@pytest.mark.parametrize("text", ["ferje", "vi mangler sykepleier", "sykehjem"])
def test_absence_kind_none(text: str) -> None:
    """A ferry, a nurse and a nursing home are no absence."""
    assert absence_kind(normalise(text).text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ønsker fri julaften", Preference.OFF),
        ("ønsker ferie", Preference.OFF),
        ("ønsker ikke nattevakter", Preference.OFF),
        ("I want Friday off", Preference.OFF),
        ("I do not want to work 1 May", Preference.OFF),
        ("I don't want night shifts in April", Preference.OFF),
        ("I dont want evenings", Preference.OFF),
        ("She doesn't want night shifts", Preference.OFF),
        ("I would rather not work weekends", Preference.OFF),
        ("I'd like a holiday in July", Preference.OFF),
        ("I'd like leave on Friday", Preference.OFF),
        ("I want to work night shifts", Preference.WORK),
        ("vil gjerne ha nattevakter", Preference.WORK),
        ("ønsker å jobbe", Preference.WORK),
    ],
)
def test_preference(text: str, expected: Preference) -> None:
    """A wish requests time off when it names it, and work otherwise."""
    assert preference(normalise(text).text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeg var syk", True),
        ("har vært syk", True),
        ("I was sick", True),
        ("jeg er syk", False),
    ],
)
def test_is_past_tense(text: str, expected: bool) -> None:
    """«var» and «har vært» put a sick report in the past tense."""
    assert is_past_tense(text) is expected


PEOPLE = [
    ("Kan jeg bytte fredag med Kari?", "Kari"),
    ("bytte vakt torsdag med Ingrid Hansen", "Ingrid Hansen"),
    ("Vil bytte mot Ola sin kveldsvakt", "Ola"),
    ("Jeg har natt lørdag, du har dag søndag, Per", "Per"),
    ("Vis turnusen til Åse", "Åse"),
    ("Når jobber Bjørn?", "Bjørn"),
    ("Per, kan du ta vakta mi?", "Per"),
    ("Bytte med Anne-Lise Berg", "Anne-Lise Berg"),
    ("Bytt med <@U123ABC>", "<@U123ABC>"),
    ("swap with Erik", "Erik"),
    ("bytte med Tor", "Tor"),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE, ids=[case[0] for case in PEOPLE])
def test_person(text: str, expected: str) -> None:
    """A name after «med», «til» or «mot», before «sin», or after a final comma is the person."""
    assert person(normalise(text).cleaned) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hvem har nattevakt lørdag?",
        "Ja til bytte 8",
        "Vis turnusen min",
        "Hei, kan jeg bytte?",
        "Who's on tonight?",
        "Bytte med Fredag",
    ],
)
def test_person_none(text: str) -> None:
    """Pronouns, weekdays and capitalised command words are no names."""
    assert person(normalise(text).cleaned) is None


REQUEST_NUMBERS = [
    ("godkjenn #17", True, 17),
    ("ja til bytte nr. 8", True, 8),
    ("avslå 42", True, 42),
    ("avbryt forespørsel nr 12", True, 12),
    ("hvem tok #42?", False, 42),
    ("hvem tok 42?", False, None),
    ("jeg tar den 14. desember", True, None),
]


@pytest.mark.parametrize(
    ("text", "bare", "expected"), REQUEST_NUMBERS, ids=[case[0] for case in REQUEST_NUMBERS]
)
def test_request_number(text: str, bare: bool, expected: int | None) -> None:
    """«#N», «nr. N» and «bytte N» always count; a bare number only where asked for."""
    date_spans = [(text.index("14."), text.index("14.") + 13)] if "14." in text else []

    assert request_number(text, date_spans, bare=bare) == expected


UNAVAILABLE_PARTS = [
    ("after three", "Kan ikke jobbe etter kl 15 på fredag", dt.time(15, 0), None),
    ("after with minutes", "kan ikkje jobbe etter klokka 15.30 fredag", dt.time(15, 30), None),
    ("before noon", "Kan ikke jobbe før kl. 12 i morgen", None, dt.time(12, 0)),
    ("colon time", "kan ikke jobbe fra 16:00 fredag", dt.time(16, 0), None),
    ("both ends", "kan ikke jobbe før kl 9 eller etter kl 20 fredag", dt.time(20), dt.time(9)),
    ("date, not time", "Kan ikke jobbe fra 3. til 5. mars", None, None),
    ("no clock shows it", "kan ikke jobbe etter kl 25 fredag", None, None),
    ("after 3 pm", "I cannot work Friday after 3 pm", dt.time(15), None),
    ("after 3:30pm", "cannot work Friday after 3:30pm", dt.time(15, 30), None),
    ("before 10 a.m.", "cannot work Friday before 10 a.m.", None, dt.time(10)),
    ("after 12 pm", "cannot work Friday after 12 pm", dt.time(12), None),
    ("13 pm", "cannot work Friday after 13 pm", None, None),
]


@pytest.mark.parametrize(
    ("text", "after", "before"),
    [case[1:] for case in UNAVAILABLE_PARTS],
    ids=[case[0] for case in UNAVAILABLE_PARTS],
)
def test_part_of_day_times(text: str, after: dt.time | None, before: dt.time | None) -> None:
    """«etter kl 15» and «før kl 12» give the times; a date or a bad hour gives none."""
    normalised = normalise(text).text

    assert time_after(normalised) == after
    assert time_before(normalised) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("etter 13 pm", "13 pm", id="13 pm"),
        pytest.param("etter kl 13 pm", "kl 13 pm", id="kl 13 pm"),
        pytest.param("etter 0 am", "0 am", id="0 am"),
        pytest.param("etter 25:00", "25:00", id="25:00"),
        pytest.param("før kl 24", "kl 24", id="kl 24"),
        pytest.param("etter kl 14.75", "kl 14.75", id="kl 14.75"),
        pytest.param("etter kl 15", None, id="kl 15"),
        pytest.param("after 12 am", None, id="12 am"),
        pytest.param("fra 23:59", None, id="23:59"),
        pytest.param("fra 3. til 5. mars", None, id="date"),
        pytest.param("uke 25", None, id="week"),
        pytest.param("etter 25 onsdag", "25", id="bare 25"),
        pytest.param("før 24", "24", id="bare 24"),
        pytest.param("fra 15.75", "15.75", id="bare 15.75"),
        pytest.param("fra 15 til 25", "25", id="range ends at 25"),
        pytest.param("etter 23", None, id="bare 23"),
        pytest.param("fra 25 til 28", None, id="day numbers"),
        pytest.param("fra 25. til 28.", None, id="day numbers with dots"),
        pytest.param("etter 25 dager", None, id="count of days"),
        pytest.param("mellom kl 15 og 25", "25", id="mellom 15 og 25"),
        pytest.param("kl 9-14.75", "14.75", id="kl 9-14.75"),
        pytest.param("between 13 pm and 5 pm", "13 pm", id="between 13 pm"),
        pytest.param("between 3 pm and 13 pm", "13 pm", id="and 13 pm"),
    ],
)
def test_invalid_time_is_quoted(text: str, expected: str | None) -> None:
    """A time that no clock shows is returned as written; a valid time or a date is not."""
    assert invalid_time(normalise(text).text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("mellom kl 15 og 17", (dt.time(15), dt.time(17)), id="mellom kl"),
        pytest.param("mellom 15.30 og kl 17", (dt.time(15, 30), dt.time(17)), id="minutes"),
        pytest.param("kl 15-17", (dt.time(15), dt.time(17)), id="kl dash"),
        pytest.param("klokka 8–10", (dt.time(8), dt.time(10)), id="klokka en dash"),
        pytest.param("mellom 22 og 6", (dt.time(22), dt.time(6)), id="over midnight"),
        pytest.param("between 3 and 5 pm", (dt.time(15), dt.time(17)), id="pm"),
        pytest.param("between 11 and 1 pm", (dt.time(11), dt.time(13)), id="am to pm"),
        pytest.param("between 3 pm and 5 pm", (dt.time(15), dt.time(17)), id="pm on both"),
        pytest.param("between 3pm and 5", (dt.time(15), dt.time(17)), id="pm on start"),
        pytest.param("between 11 am and 1", (dt.time(11), dt.time(13)), id="start am to pm"),
        pytest.param("between 9 am and 5 pm", (dt.time(9), dt.time(17)), id="am and pm"),
        pytest.param("15-17", None, id="bare dash is days"),
        pytest.param("mellom 3. og 5.", None, id="day numbers"),
        pytest.param("mellom kl 15 og 25", None, id="25"),
    ],
)
def test_time_between(text: str, expected: tuple[dt.time, dt.time] | None) -> None:
    """«mellom kl 15 og 17» and «kl 15-17» give both times, in the order written."""
    assert time_between(normalise(text).text) == expected


def test_time_between_skips_dates() -> None:
    """The numbers of «mellom 3 og 5 mai» are days when the date rules read them so."""
    text = normalise("mellom 3 og 5 mai").text
    date_start = text.index("3")

    assert time_between(text, [(date_start, len(text))]) is None


def test_invalid_time_skips_dates() -> None:
    """A bare number inside a date, such as the 25 of «fra 25 til 28 desember», is no time."""
    text = normalise("kan ikke jobbe fra 25 til 28 desember").text
    date_start = text.index("25")

    assert invalid_time(text, [(date_start, len(text))]) is None


def test_parser_keeps_part_of_day() -> None:
    """The unavailability command carries the part of the day beside its date."""
    command = parse("Kan ikke jobbe etter kl 15 på fredag", NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (DateRange(dt.date(2027, 1, 8), dt.date(2027, 1, 8)),)
    assert command.to_json()["unavailable_from"] == "15:00"
    assert command.to_json()["unavailable_until"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forbedre turnusen", True),
        ("Lag turnusen på nytt", True),
        ("lag turnus igjen", True),
        ("Forbetre turnusen", True),
        ("Optimaliser turnusen", True),
        ("improve the roster", True),
        ("Lag turnus", False),
        ("Lag turnus for uke 3–8", False),
        ("make a roster", False),
    ],
)
def test_roster_command_plan_again(text: str, expected: bool) -> None:
    """A roster command that asks to plan the roster again is marked, a new one is not."""
    command = parse(text, NOW)

    assert command.intent == Intent.GENERATE_ROSTER
    assert command.plan_again is expected
    assert "plan_again" not in command.to_json()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "kan ikke jobbe fra 15 til 17 fredag", ("fra 15 til 17", 15, 17), id="fra til"
        ),
        pytest.param(
            "kan ikke jobbe mellom kl 17 og 15 fredag", ("mellom kl 17 og 15", 17, 15), id="mellom"
        ),
        pytest.param("kan ikke jobbe kl 15-15 fredag", ("kl 15-15", 15, 15), id="dash"),
        pytest.param("kan ikke jobbe før kl 9 eller etter kl 20 fredag", None, id="two limits"),
    ],
)
def test_written_time_range(text: str, expected: tuple[str, int, int] | None) -> None:
    """A range of two times is found as written, while «før … eller etter …» is two limits."""
    found = written_time_range(text)

    if expected is None:
        assert found is None
    else:
        written, start_hour, end_hour = expected
        assert found == (written, dt.time(start_hour), dt.time(end_hour))


@pytest.mark.parametrize(
    ("text", "problem", "written"),
    [
        pytest.param(
            "kan ikke jobbe fra 17 til 15 fredag",
            ParseProblem.TIME_RANGE_REVERSED,
            "fra 17 til 15",
            id="reversed",
        ),
        pytest.param(
            "kan ikke jobbe fra 15 til 15 lørdag",
            ParseProblem.TIME_RANGE_EMPTY,
            "fra 15 til 15",
            id="equal",
        ),
    ],
)
def test_time_range_not_forward_is_a_problem(
    text: str, problem: ParseProblem, written: str
) -> None:
    """A range of times that ends before or where it starts keeps no time and quotes the range."""
    command = parse(text, NOW)

    assert command.problem == problem
    assert command.problem_text == written
    assert (command.unavailable_from, command.unavailable_until) == (None, None)
