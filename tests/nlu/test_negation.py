"""Negated absences register nothing, and day or week numbers out of range never widen.

A message such as «Jeg er ikke syk i morgen» once became a sick report, and
«Kan ikke jobbe 100. mars» once became unavailability for all of March.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.calendar import OSLO
from core.commands import AbsenceKind, DateRange, Intent, ParseProblem, WeekdayConflict
from nlu.parser import parse_message

NOW = dt.datetime(2027, 2, 10, 13, 0, tzinfo=OSLO)  # a Wednesday

NEGATED_ABSENCES = [
    ("bokmål sick", "Jeg er ikke syk i morgen"),
    ("nynorsk sick", "Eg er ikkje sjuk i morgon"),
    ("English sick", "I'm not sick tomorrow"),
    ("no longer sick", "I am no longer sick"),
    ("ikke lenger syk", "Jeg er ikke lenger syk"),
    ("ikkje lenger sjuk", "Eg er ikkje sjuk lenger"),
    ("well again", "Er frisk igjen"),
    ("without subject", "Ikke syk i dag"),
    ("child not sick", "Barnet er ikke sykt i dag"),
    ("ikke sykt barn", "ikke sykt barn 8.2"),
    ("ikkje sjukt barn", "Ikkje sjukt barn i morgon"),
    ("ikke syke barn likevel", "Ikke syke barn likevel"),
    ("ikke lenger sykt barn", "Har ikke lenger sykt barn"),
    ("English no sick child", "Not a sick child tomorrow after all"),
    ("no vacation", "Jeg har ikke ferie i juli"),
    ("wish against vacation", "Ønsker ikke ferie i juli"),
    ("wish against time off", "Vil ikke ha fri fredag"),
    ("English wish against vacation", "I don't want vacation in July"),
    ("English wish against a day off", "I do not want a day off on Friday"),
]


@pytest.mark.parametrize(
    "text", [case[1] for case in NEGATED_ABSENCES], ids=[case[0] for case in NEGATED_ABSENCES]
)
def test_negated_absence_registers_nothing(text: str) -> None:
    """A negated absence is an unknown command with the problem that explains why."""
    command = parse_message(text, NOW)

    assert command.intent == Intent.UNKNOWN
    assert command.problem == ParseProblem.NEGATED_ABSENCE
    assert command.absence is None


NEGATED_KINDS = [
    ("ikke syk", "ikke syk", AbsenceKind.SICK),
    ("likevel", "Jeg er ikke syk likevel", AbsenceKind.SICK),
    ("nynorsk", "Eg er ikkje sjuk likevel", AbsenceKind.SICK),
    ("well again", "Er frisk igjen", AbsenceKind.SICK),
    ("sick note ended", "Jeg er friskmeldt", AbsenceKind.SICK),
    ("child", "Barnet er ikke sykt i dag", AbsenceKind.CHILD_SICK),
    ("negation before sick child", "ikke sykt barn 8.2", AbsenceKind.CHILD_SICK),
    ("vacation", "Jeg har ikke ferie i juli", AbsenceKind.VACATION),
    ("wish against time off", "Vil ikke ha fri fredag", None),
    ("English course after all", "no course on friday after all", AbsenceKind.COURSE),
    ("English vacation", "No vacation in July after all", AbsenceKind.VACATION),
    ("Norwegian course likevel", "ikke kurs fredag likevel", AbsenceKind.COURSE),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in NEGATED_KINDS],
    ids=[case[0] for case in NEGATED_KINDS],
)
def test_negated_absence_names_its_kind(text: str, expected: AbsenceKind | None) -> None:
    """The absence taken back is named apart from `absence`, which stays empty."""
    command = parse_message(text, NOW)

    assert command.negated_absence == expected
    assert command.absence is None
    assert command.to_json()["negated_absence"] == (expected.value if expected else None)


NEGATIVE_COMMANDS = [
    ("bokmål unavailable", "Kan ikke jobbe fredag", Intent.REGISTER_UNAVAILABILITY),
    ("nynorsk unavailable", "Kan ikkje jobbe tysdag", Intent.REGISTER_UNAVAILABILITY),
    ("English unavailable", "I can't work tomorrow", Intent.REGISTER_UNAVAILABILITY),
    ("wish against night shifts", "Ønsker ikke nattevakter i desember", Intent.REGISTER_WISH),
    ("sick, not coming", "Sjuk i dag, kjem ikkje på jobb", Intent.REGISTER_ABSENCE),
    ("sick, can't come", "I'm sick, can't come in today", Intent.REGISTER_ABSENCE),
    ("vacation, not time off in lieu", "Ferie i juli, ikke avspasering", Intent.REGISTER_ABSENCE),
    ("nynorsk «no» is now", "Eg har no ferie i juli", Intent.REGISTER_ABSENCE),
    ("sick child, not sick myself", "Sykt barn i dag, ikke syk selv", Intent.REGISTER_ABSENCE),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in NEGATIVE_COMMANDS],
    ids=[case[0] for case in NEGATIVE_COMMANDS],
)
def test_negation_elsewhere_keeps_command(text: str, expected: Intent) -> None:
    """A negation that does not take the absence back leaves the command as it was."""
    command = parse_message(text, NOW)

    assert command.intent == expected
    assert command.problem is None


CORRECTED_ABSENCES = [
    (
        "not a sick child but sick myself",
        "ikke sykt barn, men syk selv",
        AbsenceKind.SICK,
        AbsenceKind.CHILD_SICK,
    ),
    (
        "sick child, not sick myself",
        "Sykt barn i dag, ikke syk selv",
        AbsenceKind.CHILD_SICK,
        AbsenceKind.SICK,
    ),
    (
        "child not sick, I am",
        "Barnet er ikke sykt, jeg er syk selv i dag",
        AbsenceKind.SICK,
        AbsenceKind.CHILD_SICK,
    ),
    (
        "vacation, not time off in lieu",
        "Ferie i juli, ikke avspasering",
        AbsenceKind.VACATION,
        AbsenceKind.TIME_OFF_IN_LIEU,
    ),
    ("sick only", "Jeg er syk i dag", AbsenceKind.SICK, None),
]


@pytest.mark.parametrize(
    ("text", "absence", "negated"),
    [case[1:] for case in CORRECTED_ABSENCES],
    ids=[case[0] for case in CORRECTED_ABSENCES],
)
def test_stated_absence_wins_over_negated(
    text: str, absence: AbsenceKind, negated: AbsenceKind | None
) -> None:
    """The absence stated is registered, and the one negated beside it is named apart."""
    command = parse_message(text, NOW)

    assert command.intent == Intent.REGISTER_ABSENCE
    assert command.absence == absence
    assert command.negated_absence == negated


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["ikke", "ikkje", "not"]),
    st.sampled_from(
        [
            "syk",
            "sjuk",
            "sick",
            "sykmeldt",
            "ferie",
            "på kurs",
            "på ferie",
            "sykt barn",
            "syke barn",
            "sjukt barn",
        ]
    ),
    st.sampled_from(["i dag", "i morgen", "fredag", "12. mars", "uke 12", ""]),
    st.sampled_from(["Jeg er", "Eg er", "I'm", "Er", ""]),
)
def test_negated_absence_never_registers(
    negation: str, absence: str, day: str, subject: str
) -> None:
    """No combination of subject, negation, absence word and day becomes an absence."""
    command = parse_message(f"{subject} {negation} {absence} {day}", NOW)

    assert command.intent not in (Intent.REGISTER_ABSENCE, Intent.REGISTER_WISH)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.integers(min_value=32, max_value=10**40), st.just(0)),
    st.sampled_from(["mars", "januar", "des", "mai"]),
    st.sampled_from(["Kan ikke jobbe", "Syk", "Ferie", "Ønsker fri"]),
)
def test_day_out_of_range_is_invalid(day: int, month: str, command_words: str) -> None:
    """A day number that no month has is an invalid date and never the whole month."""
    command = parse_message(f"{command_words} {day}. {month}", NOW)

    assert command.dates == ()
    assert command.problem == ParseProblem.INVALID_DATE


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.integers(min_value=54, max_value=10**40), st.just(0)))
def test_week_out_of_range_is_invalid(week: int) -> None:
    """A week number that no year has gets the week problem, not any days."""
    command = parse_message(f"Kan ikke jobbe uke {week}", NOW)

    assert command.dates == ()
    assert command.problem == ParseProblem.INVALID_WEEK


def test_english_no_course_is_not_a_course() -> None:
    """«no course on friday after all» keeps Friday and takes the course back."""
    command = parse_message("no course on friday after all", NOW)

    assert command.intent == Intent.UNKNOWN
    assert command.negated_absence == AbsenceKind.COURSE
    assert command.dates == (DateRange(dt.date(2027, 2, 12), dt.date(2027, 2, 12)),)


def test_negated_absence_keeps_weekday_conflict() -> None:
    """«ikke syk tirsdag 3.3» names 3 March, a Wednesday, so the conflict is kept."""
    command = parse_message("ikke syk tirsdag 3.3", NOW)

    assert command.weekday_conflicts == (WeekdayConflict(dt.date(2027, 3, 3), 1),)


OPEN_ENDS = [
    ("fra", "friskmeldt fra mandag", True),
    ("f.o.m.", "frisk f.o.m. 15.2", True),
    ("fra og med", "ikke syk fra og med mandag", True),
    ("closed range", "friskmeldt fra mandag til onsdag", False),
    ("nynorsk", "friskmeld frå måndag", True),
    ("single day", "ikke syk mandag", False),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in OPEN_ENDS], ids=[case[0] for case in OPEN_ENDS]
)
def test_negated_absence_open_end(text: str, expected: bool) -> None:
    """«fra mandag» with no end takes the absence back from Monday on."""
    command = parse_message(text, NOW)

    assert command.open_ended is expected
    assert command.to_json()["open_ended"] is expected
