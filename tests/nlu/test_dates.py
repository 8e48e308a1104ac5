"""Date expressions resolve to inclusive ranges relative to the reference day in Oslo."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange, ParseProblem, ShiftKind, WeekdayConflict
from nlu.dates import Context, find_dates, merge
from nlu.normalise import normalise

WEDNESDAY = dt.date(2026, 11, 18)
SATURDAY = dt.date(2027, 3, 20)
SUNDAY = dt.date(2027, 6, 13)
LATE_DECEMBER = dt.date(2026, 12, 28)  # a Monday in ISO week 53 of 2026


def ranges_of(
    text: str, today: dt.date = WEDNESDAY, *, sick_report: bool = False, past_tense: bool = False
) -> list[tuple[str, str]]:
    context = Context(today=today, sick_report=sick_report, past_tense=past_tense)
    findings = find_dates(normalise(text).text, context)
    return [
        (date_range.start.isoformat(), date_range.end.isoformat())
        for mention in findings.mentions
        for date_range in mention.ranges
    ]


def day(iso: str) -> list[tuple[str, str]]:
    return [(iso, iso)]


def span(first: str, last: str) -> list[tuple[str, str]]:
    return [(first, last)]


CASES = [
    # Relative days
    ("i dag", WEDNESDAY, day("2026-11-18")),
    ("idag", WEDNESDAY, day("2026-11-18")),
    ("i morgen", WEDNESDAY, day("2026-11-19")),
    ("i morgon", WEDNESDAY, day("2026-11-19")),
    ("i overmorgen", WEDNESDAY, day("2026-11-20")),
    ("i går", WEDNESDAY, day("2026-11-17")),
    ("i forgårs", WEDNESDAY, day("2026-11-16")),
    ("tomorrow", WEDNESDAY, day("2026-11-19")),
    # Weekdays: 1 to 7 days ahead, never today
    ("fredag", WEDNESDAY, day("2026-11-20")),
    ("på fredag", WEDNESDAY, day("2026-11-20")),
    ("onsdag", WEDNESDAY, day("2026-11-25")),
    ("fre", WEDNESDAY, day("2026-11-20")),
    ("lør", WEDNESDAY, day("2026-11-21")),
    ("laurdag", WEDNESDAY, day("2026-11-21")),
    ("lørdag", SATURDAY, day("2027-03-27")),
    ("søndag", SATURDAY, day("2027-03-21")),
    ("neste fredag", WEDNESDAY, day("2026-11-27")),
    ("fredag neste uke", WEDNESDAY, day("2026-11-27")),
    ("mandag denne uka", WEDNESDAY, day("2026-11-16")),
    ("fredag denne veka", WEDNESDAY, day("2026-11-20")),
    ("forrige fredag", WEDNESDAY, day("2026-11-13")),
    ("sist fredag", WEDNESDAY, day("2026-11-13")),
    ("fredag i uke 50", WEDNESDAY, day("2026-12-11")),
    ("fredag 20. november", WEDNESDAY, day("2026-11-20")),
    # Weeks
    ("denne uka", WEDNESDAY, span("2026-11-16", "2026-11-22")),
    ("neste veke", WEDNESDAY, span("2026-11-23", "2026-11-29")),
    ("forrige uke", WEDNESDAY, span("2026-11-09", "2026-11-15")),
    ("uke 50", WEDNESDAY, span("2026-12-07", "2026-12-13")),
    ("uke 47", WEDNESDAY, span("2026-11-16", "2026-11-22")),
    ("uke 46", WEDNESDAY, span("2027-11-15", "2027-11-21")),
    ("uke 53", LATE_DECEMBER, span("2026-12-28", "2027-01-03")),
    ("uke 1", LATE_DECEMBER, span("2027-01-04", "2027-01-10")),
    ("uke 49–52", WEDNESDAY, span("2026-11-30", "2026-12-27")),
    ("uke 50 til 51", WEDNESDAY, span("2026-12-07", "2026-12-20")),
    ("veke tre", WEDNESDAY, span("2027-01-18", "2027-01-24")),
    # Weekends
    ("i helgen", WEDNESDAY, span("2026-11-21", "2026-11-22")),
    ("i helga", SATURDAY, span("2027-03-20", "2027-03-21")),
    ("denne helgen", SUNDAY, span("2027-06-12", "2027-06-13")),
    ("neste helg", WEDNESDAY, span("2026-11-28", "2026-11-29")),
    ("neste helg", SATURDAY, span("2027-03-27", "2027-03-28")),
    # Day and month
    ("12. januar", WEDNESDAY, day("2027-01-12")),
    ("12 jan", WEDNESDAY, day("2027-01-12")),
    ("12.1", WEDNESDAY, day("2027-01-12")),
    ("12.01", WEDNESDAY, day("2027-01-12")),
    ("12/1", WEDNESDAY, day("2027-01-12")),
    ("18.11", WEDNESDAY, day("2026-11-18")),
    ("17.11", WEDNESDAY, day("2027-11-17")),
    ("12.01.2027", WEDNESDAY, day("2027-01-12")),
    ("12.1.27", WEDNESDAY, day("2027-01-12")),
    ("2027-01-12", WEDNESDAY, day("2027-01-12")),
    ("January 12th", WEDNESDAY, day("2027-01-12")),
    ("den 25.", WEDNESDAY, day("2026-11-25")),
    ("den 10.", WEDNESDAY, day("2026-12-10")),
    # Ranges
    ("fra 23. november til 6. desember", WEDNESDAY, span("2026-11-23", "2026-12-06")),
    ("3.–5. januar", WEDNESDAY, span("2027-01-03", "2027-01-05")),
    ("3.-5.1.", WEDNESDAY, span("2027-01-03", "2027-01-05")),
    ("fom 21. desember tom 3. januar", WEDNESDAY, span("2026-12-21", "2027-01-03")),
    ("3. januar til og med 5. januar", WEDNESDAY, span("2027-01-03", "2027-01-05")),
    ("mellom 3. og 5. mars", WEDNESDAY, span("2027-03-03", "2027-03-05")),
    ("fra 30.11 til 10.1", WEDNESDAY, span("2026-11-30", "2027-01-10")),
    ("1.–14. juli 2028", WEDNESDAY, span("2028-07-01", "2028-07-14")),
    ("fra fredag til mandag", WEDNESDAY, span("2026-11-20", "2026-11-23")),
    ("fra i dag til fredag", WEDNESDAY, span("2026-11-18", "2026-11-20")),
    ("fra januar til mars", WEDNESDAY, span("2027-01-01", "2027-03-31")),
    ("fra november til februar", WEDNESDAY, span("2026-11-01", "2027-02-28")),
    # Ranges of days without a month
    ("fra 25 til 28", WEDNESDAY, span("2026-11-25", "2026-11-28")),
    ("fra 25. til 28.", WEDNESDAY, span("2026-11-25", "2026-11-28")),
    ("fra den 3. til den 5.", WEDNESDAY, span("2026-12-03", "2026-12-05")),
    ("15.-17.", WEDNESDAY, span("2026-12-15", "2026-12-17")),
    ("25-28", WEDNESDAY, span("2026-11-25", "2026-11-28")),
    ("mellom 25 og 28", WEDNESDAY, span("2026-11-25", "2026-11-28")),
    ("from 25 to 28", WEDNESDAY, span("2026-11-25", "2026-11-28")),
    ("fra 28 til 3", WEDNESDAY, span("2026-11-28", "2026-12-03")),
    ("fra 16 til 20.", WEDNESDAY, []),
    # Lists
    ("3. og 5. desember", WEDNESDAY, [("2026-12-03", "2026-12-03"), ("2026-12-05", "2026-12-05")]),
    (
        "3., 4. og 5. desember",
        WEDNESDAY,
        [("2026-12-03", "2026-12-03"), ("2026-12-04", "2026-12-04"), ("2026-12-05", "2026-12-05")],
    ),
    (
        "tirsdag og onsdag neste uke",
        WEDNESDAY,
        [("2026-11-24", "2026-11-24"), ("2026-11-25", "2026-11-25")],
    ),
    (
        "neste mandag og tirsdag",
        WEDNESDAY,
        [("2026-11-23", "2026-11-23"), ("2026-11-24", "2026-11-24")],
    ),
    (
        "uke 3, 5 og 7",
        WEDNESDAY,
        [("2027-01-18", "2027-01-24"), ("2027-02-01", "2027-02-07"), ("2027-02-15", "2027-02-21")],
    ),
    # Months
    ("januar", WEDNESDAY, span("2027-01-01", "2027-01-31")),
    ("i november", WEDNESDAY, span("2026-11-01", "2026-11-30")),
    ("hele oktober", WEDNESDAY, span("2027-10-01", "2027-10-31")),
    ("februar 2028", WEDNESDAY, span("2028-02-01", "2028-02-29")),
    ("neste måned", WEDNESDAY, span("2026-12-01", "2026-12-31")),
    # Spans
    ("de neste tre dagene", WEDNESDAY, span("2026-11-18", "2026-11-20")),
    ("de neste 2 ukene", WEDNESDAY, span("2026-11-18", "2026-12-01")),
    ("de to neste ukene", WEDNESDAY, span("2026-11-18", "2026-12-01")),
    ("de neste tolv dagene", WEDNESDAY, span("2026-11-18", "2026-11-29")),
    # The rest of a period
    ("resten av uka", WEDNESDAY, span("2026-11-18", "2026-11-22")),
    ("ut måneden", WEDNESDAY, span("2026-11-18", "2026-11-30")),
    # Named days
    ("julaften", WEDNESDAY, day("2026-12-24")),
    ("1. juledag", WEDNESDAY, day("2026-12-25")),
    ("andre juledag", WEDNESDAY, day("2026-12-26")),
    ("nyttårsaften", WEDNESDAY, day("2026-12-31")),
    ("nyttårsdag", WEDNESDAY, day("2027-01-01")),
    ("jula", WEDNESDAY, span("2026-12-24", "2026-12-26")),
    ("romjula", WEDNESDAY, span("2026-12-27", "2026-12-30")),
    ("17. mai", WEDNESDAY, day("2027-05-17")),
    ("grunnlovsdagen", WEDNESDAY, day("2027-05-17")),
    ("skjærtorsdag", WEDNESDAY, day("2027-03-25")),
    ("langfredag", WEDNESDAY, day("2027-03-26")),
    ("påskeaften", WEDNESDAY, day("2027-03-27")),
    ("første påskedag", WEDNESDAY, day("2027-03-28")),
    ("2. påskedag", WEDNESDAY, day("2027-03-29")),
    ("i påsken", WEDNESDAY, span("2027-03-25", "2027-03-29")),
    ("Kristi himmelfartsdag", WEDNESDAY, day("2027-05-06")),
    ("1. pinsedag", WEDNESDAY, day("2027-05-16")),
    ("andre pinsedag", WEDNESDAY, day("2027-05-17")),
    ("pinsen", WEDNESDAY, span("2027-05-16", "2027-05-17")),
    ("i påsken", SATURDAY, span("2027-03-25", "2027-03-29")),
    ("i påsken", SUNDAY, span("2028-04-13", "2028-04-17")),
    ("julaften", LATE_DECEMBER, day("2027-12-24")),
    ("Christmas Eve", WEDNESDAY, day("2026-12-24")),
    # Month-first English ranges: the end day takes the start's month
    ("July 1-14", WEDNESDAY, span("2027-07-01", "2027-07-14")),
    ("July 1–14", WEDNESDAY, span("2027-07-01", "2027-07-14")),
    ("from July 1 to 14", WEDNESDAY, span("2027-07-01", "2027-07-14")),
    ("July 1st through 14th", WEDNESDAY, span("2027-07-01", "2027-07-14")),
    ("Dec 20 - 3 January", WEDNESDAY, span("2026-12-20", "2027-01-03")),
    # Month-first English lists: every listed day takes the first day's month
    ("July 1 and 14", WEDNESDAY, day("2027-07-01") + day("2027-07-14")),
    ("July 1, 5 and 14", WEDNESDAY, day("2027-07-01") + day("2027-07-05") + day("2027-07-14")),
    ("July 1 to 3 and 14", WEDNESDAY, span("2027-07-01", "2027-07-03") + day("2027-07-14")),
    ("May 3rd & 5th", WEDNESDAY, day("2027-05-03") + day("2027-05-05")),
    ("July 1 and 2 nights", WEDNESDAY, day("2027-07-01")),
    # Day-first lists: the month written last applies to every day
    ("1. og 14. juli", WEDNESDAY, day("2027-07-01") + day("2027-07-14")),
    ("1., 5. og 14. juli", WEDNESDAY, day("2027-07-01") + day("2027-07-05") + day("2027-07-14")),
    ("1 and 14 July", WEDNESDAY, day("2027-07-01") + day("2027-07-14")),
]


@pytest.mark.parametrize(
    ("text", "today", "expected"), CASES, ids=[f"{case[0]} on {case[1]}" for case in CASES]
)
def test_find_dates_resolves_expression(
    text: str, today: dt.date, expected: list[tuple[str, str]]
) -> None:
    """Each expression of the command language resolves to its days."""
    actual = ranges_of(text, today)

    assert actual == expected


SICK_REPORTS = [
    ("12.11", day("2026-11-12")),
    ("4. november", day("2026-11-04")),
    ("3. november", day("2027-11-03")),
    ("12.-13. november", span("2026-11-12", "2026-11-13")),
    ("25.11", day("2026-11-25")),
]


@pytest.mark.parametrize(("text", "expected"), SICK_REPORTS, ids=[case[0] for case in SICK_REPORTS])
def test_find_dates_sick_report_looks_back_14_days(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """In a sick report a day up to 14 days back is taken instead of next year's."""
    actual = ranges_of(text, WEDNESDAY, sick_report=True)

    assert actual == expected


RELATIVE_COUNTS = [
    ("om tre dager", day("2026-11-21")),
    ("in 2 days", day("2026-11-20")),
    ("3 dager siden", day("2026-11-15")),
    ("om to uker", span("2026-11-30", "2026-12-06")),
    ("om en uke", span("2026-11-23", "2026-11-29")),
    ("om ei veke", span("2026-11-23", "2026-11-29")),
    ("in 2 weeks", span("2026-11-30", "2026-12-06")),
    ("for to uker siden", span("2026-11-02", "2026-11-08")),
    ("uka etter neste", span("2026-11-30", "2026-12-06")),
    ("uken etter neste uke", span("2026-11-30", "2026-12-06")),
    ("uka over neste", span("2026-11-30", "2026-12-06")),
    ("the week after next", span("2026-11-30", "2026-12-06")),
    ("om 2 dager og om 4 dager", [("2026-11-20", "2026-11-20"), ("2026-11-22", "2026-11-22")]),
    # Nynorsk
    ("om tre dagar", day("2026-11-21")),
    ("om ein dag", day("2026-11-19")),
    ("om eitt døgn", day("2026-11-19")),
    ("om to veker", span("2026-11-30", "2026-12-06")),
    ("tre dagar sidan", day("2026-11-15")),
    ("for to veker sidan", span("2026-11-02", "2026-11-08")),
    # English
    ("in 3 days", day("2026-11-21")),
    ("in a day", day("2026-11-19")),
    ("3 days ago", day("2026-11-15")),
    ("a week ago", span("2026-11-09", "2026-11-15")),
    ("in two weeks", span("2026-11-30", "2026-12-06")),
    # Counts that dateparser's Norwegian words lack, and large ones
    ("om et døgn", day("2026-11-19")),
    ("om elleve dager", day("2026-11-29")),
    ("om syv dager", day("2026-11-25")),
    ("om 14 dager", day("2026-12-02")),
    ("om 0 dager", day("2026-11-18")),
    ("om hundre dager", day("2027-02-26")),
    ("om tre tusen dager", day("2035-02-04")),
    ("om 999 uker", span("2046-01-08", "2046-01-14")),
    ("2000 dager siden", day("2021-05-28")),
]


@pytest.mark.parametrize(
    ("text", "expected"), RELATIVE_COUNTS, ids=[case[0] for case in RELATIVE_COUNTS]
)
def test_find_dates_relative_count(text: str, expected: list[tuple[str, str]]) -> None:
    """A count of days is that day, and a count of weeks the ISO week it lands in."""
    actual = ranges_of(text, WEDNESDAY)

    assert actual == expected


MESSAGES_WITH_COUNTS = [
    ("syk i dag og om tre dager", [("2026-11-18", "2026-11-18"), ("2026-11-21", "2026-11-21")]),
    ("fri 12.1 og om to uker", [("2027-01-12", "2027-01-12"), ("2026-11-30", "2026-12-06")]),
    ("om tre dagar og fredag", [("2026-11-21", "2026-11-21"), ("2026-11-20", "2026-11-20")]),
    ("sick tomorrow and in 2 weeks", [("2026-11-19", "2026-11-19"), ("2026-11-30", "2026-12-06")]),
    ("fra i dag til om tre dager", span("2026-11-18", "2026-11-21")),
    ("fra 3 dager siden til i dag", span("2026-11-15", "2026-11-18")),
    (
        "om 3 dager, om 2 uker og 25.12",
        [("2026-11-21", "2026-11-21"), ("2026-11-30", "2026-12-06"), ("2026-12-25", "2026-12-25")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), MESSAGES_WITH_COUNTS, ids=[case[0] for case in MESSAGES_WITH_COUNTS]
)
def test_find_dates_keeps_every_date_beside_counts(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """A count is read beside the message's other dates, and a range may end in one."""
    actual = ranges_of(text, WEDNESDAY)

    assert actual == expected


def test_find_dates_count_across_daylight_saving() -> None:
    """«om to dager» from the Saturday before summer time starts is the Monday."""
    actual = ranges_of("om to dager", dt.date(2027, 3, 27))

    assert actual == day("2027-03-29")


def test_find_dates_count_in_past_tense_sick_report() -> None:
    """«var syk for tre dager siden» counts back three days, as in any other message."""
    actual = ranges_of("for tre dager siden", WEDNESDAY, sick_report=True, past_tense=True)

    assert actual == day("2026-11-15")


PAST_TENSE_SICK_REPORTS = [
    ("28.11", day("2026-11-28")),
    ("20. november", day("2026-11-20")),
    ("28.11-2.12", span("2026-11-28", "2026-12-02")),
    ("den 28.", day("2026-11-28")),
    ("fra 25 til 28", span("2026-11-25", "2026-11-28")),
    ("november", span("2026-11-01", "2026-11-30")),
    ("julaften", day("2025-12-24")),
    ("28.12-2.1", span("2025-12-28", "2026-01-02")),
    ("29.2", day("2024-02-29")),
]


@pytest.mark.parametrize(
    ("text", "expected"), PAST_TENSE_SICK_REPORTS, ids=[case[0] for case in PAST_TENSE_SICK_REPORTS]
)
def test_find_dates_past_tense_sick_report(text: str, expected: list[tuple[str, str]]) -> None:
    """«var syk 28.11» written on 20 December is this year's 28 November, however far back."""
    actual = ranges_of(text, dt.date(2026, 12, 20), sick_report=True, past_tense=True)

    assert actual == expected


def test_find_dates_past_tense_weekday_is_behind() -> None:
    """In a sick report in the past tense, a bare weekday is the one just gone."""
    actual = ranges_of("mandag", WEDNESDAY, sick_report=True, past_tense=True)

    assert actual == day("2026-11-16")


def test_find_dates_past_tense_does_not_move_neste() -> None:
    """A weekday with «neste» keeps its week even in the past tense."""
    actual = ranges_of("neste mandag", WEDNESDAY, sick_report=True, past_tense=True)

    assert actual == day("2026-11-23")


PROBLEMS = [
    ("fra 10. til 3. mars", ParseProblem.RANGE_REVERSED),
    ("fra 20.3 til 3.3", ParseProblem.RANGE_REVERSED),
    ("fra 10. mars til 3. februar", ParseProblem.RANGE_REVERSED),
    ("31.02", ParseProblem.INVALID_DATE),
    ("30. februar", ParseProblem.INVALID_DATE),
    ("31.04.2027", ParseProblem.INVALID_DATE),
    ("uke 54", ParseProblem.INVALID_WEEK),
    ("uke 0", ParseProblem.INVALID_WEEK),
    ("uke 99", ParseProblem.INVALID_WEEK),
    ("uke 3-99", ParseProblem.INVALID_WEEK),
    ("100. mars", ParseProblem.INVALID_DATE),
    ("123456. mars", ParseProblem.INVALID_DATE),
    ("99999999999999999999. mars", ParseProblem.INVALID_DATE),
    ("0. mars", ParseProblem.INVALID_DATE),
    ("32. mars", ParseProblem.INVALID_DATE),
    ("mars 100", ParseProblem.INVALID_DATE),
    ("100.03.2027", ParseProblem.INVALID_DATE),
    ("100.-105. mars", ParseProblem.INVALID_DATE),
    ("1. januar 10000", ParseProblem.INVALID_DATE),
    ("1. januar 99999999999", ParseProblem.INVALID_DATE),
    ("march 3, 20270", ParseProblem.INVALID_DATE),
    ("32.3", ParseProblem.INVALID_DATE),
    ("32/3", ParseProblem.INVALID_DATE),
    ("45.12.", ParseProblem.INVALID_DATE),
    ("00.3", ParseProblem.INVALID_DATE),
    ("fra 32.3 til 5.4", ParseProblem.INVALID_DATE),
    ("32.13", ParseProblem.INVALID_DATE),
    ("99/99", ParseProblem.INVALID_DATE),
    ("32.13.2027", ParseProblem.INVALID_DATE),
    ("12.13.2027", ParseProblem.INVALID_DATE),
    ("2027-13-01", ParseProblem.INVALID_DATE),
    ("fra 3. til 32. mars", ParseProblem.INVALID_DATE),
    ("July 1-40", ParseProblem.INVALID_DATE),
    ("July 14-1", ParseProblem.RANGE_REVERSED),
    ("3.-32.3", ParseProblem.INVALID_DATE),
    ("om -3 dager", ParseProblem.INVALID_DATE),
    ("in -2 weeks", ParseProblem.INVALID_DATE),
    ("om 100000000 dager", ParseProblem.INVALID_DATE),
    ("om 4000000 uker", ParseProblem.INVALID_DATE),
    ("for 1000000 dager siden", ParseProblem.INVALID_DATE),
    ("om " + "9" * 1000 + " dager", ParseProblem.INVALID_DATE),
]


@pytest.mark.parametrize(("text", "expected"), PROBLEMS, ids=[case[0][:40] for case in PROBLEMS])
def test_find_dates_reports_problem(text: str, expected: ParseProblem) -> None:
    """An impossible date or a range that runs backwards is reported, without dates."""
    findings = find_dates(normalise(text).text, Context(today=WEDNESDAY))

    assert findings.problem == expected
    assert findings.mentions == []


NOT_DATES = [
    "kl 12.30",
    "35.5 timer",
    "godkjenn 42",
    "nr. 8",
    "man kan bytte",
    "tor du?",
    "10.13",
    "37.5%",
    "37.5 t i uka",
    "0.5",
    "00.30",
    "31.59",
    "32.13 timer",
    "kl 32.13",
    "15-17",
    "fra 15 til 17",
    "kl 22-25",
    "25-28 dager",
    "25 og 28",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_find_dates_ignores_numbers_that_are_not_dates(text: str) -> None:
    """Times of day, decimals, request numbers and the pronoun «man» are no dates."""
    findings = find_dates(normalise(text).text, Context(today=WEDNESDAY))

    assert findings.mentions == []
    assert findings.problem is None


def test_find_dates_29_february_waits_for_leap_year() -> None:
    """29 February without a year is the next one that exists."""
    actual = ranges_of("29.02", WEDNESDAY)

    assert actual == day("2028-02-29")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("i kveld", ShiftKind.EVENING), ("i natt", ShiftKind.NIGHT), ("i dag", None)],
)
def test_find_dates_tonight_implies_a_shift(text: str, expected: ShiftKind | None) -> None:
    """«i kveld» and «i natt» name today and the evening or night shift."""
    findings = find_dates(text, Context(today=WEDNESDAY))

    assert findings.implied_shift == expected


def test_find_dates_mentions_have_positions() -> None:
    """Each mention records its position in the text."""
    text = "bytte fredag mot lørdag"
    findings = find_dates(text, Context(today=WEDNESDAY))

    assert [text[mention.start : mention.end] for mention in findings.mentions] == [
        "fredag",
        "lørdag",
    ]


def test_merge_joins_touching_ranges() -> None:
    """Ranges that touch or overlap are merged; separate ones stay apart."""
    first = DateRange(dt.date(2026, 11, 18), dt.date(2026, 11, 19))
    touching = DateRange(dt.date(2026, 11, 20), dt.date(2026, 11, 20))
    apart = DateRange(dt.date(2026, 11, 25), dt.date(2026, 11, 25))

    actual = merge([apart, touching, first])

    assert actual == (DateRange(dt.date(2026, 11, 18), dt.date(2026, 11, 20)), apart)


WEEKDAY_CONFLICTS = [
    ("fredag 12. desember 2026", [WeekdayConflict(dt.date(2026, 12, 12), 4)]),
    ("lørdag 12. desember 2026", []),
    ("fre 12.12", [WeekdayConflict(dt.date(2026, 12, 12), 4)]),
    ("fredag den 12.", [WeekdayConflict(dt.date(2026, 12, 12), 4)]),
    ("torsdag 18. til søndag 20. desember", [WeekdayConflict(dt.date(2026, 12, 18), 3)]),
    ("fra fredag 18.12 til lørdag 20.12", [WeekdayConflict(dt.date(2026, 12, 20), 5)]),
    ("fredag", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), WEEKDAY_CONFLICTS, ids=[case[0] for case in WEEKDAY_CONFLICTS]
)
def test_find_dates_weekday_conflicts(text: str, expected: list[WeekdayConflict]) -> None:
    """A weekday written with a date it does not fall on is recorded, and the date decides."""
    findings = find_dates(normalise(text).text, Context(today=dt.date(2026, 12, 5)))

    assert findings.weekday_conflicts == expected


def test_find_dates_weekday_before_partial_range() -> None:
    """«fredag 18. til søndag 20. desember» is one range, with its month from the end."""
    actual = ranges_of("fredag 18. til søndag 20. desember", dt.date(2026, 12, 5))

    assert actual == span("2026-12-18", "2026-12-20")


SATURDAY = dt.date(2026, 12, 5)
MAY_WEEKENDS = tuple(
    DateRange(dt.date(2027, 5, day), dt.date(2027, 5, day + 1)) for day in (1, 8, 15, 22, 29)
)


@pytest.mark.parametrize(
    "text",
    [
        "ønsker fri i helgene i mai",
        "vil ikke jobbe helg i mai",
        "ønsker ikke helgevakter i mai",
        "kan ikke jobbe alle helger i mai",
        "ønsker fri hver helg i mai",
    ],
)
def test_weekends_in_a_month_are_every_saturday_and_sunday(text: str) -> None:
    """«helgene i mai» is the weekends of May, not the whole month and not this weekend."""
    findings = find_dates(text, Context(today=SATURDAY))

    assert merge([r for mention in findings.mentions for r in mention.ranges]) == MAY_WEEKENDS


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("kan ikke jobbe mandager i januar", (4, 11, 18, 25)),
        ("kan ikke jobbe hver mandag i januar", (4, 11, 18, 25)),
        ("kan ikke jobbe alle mandager uke 2-3", (11, 18)),
        ("kan ikke jobbe mandagene og onsdagene uke 2", (11, 13)),
    ],
)
def test_recurring_weekdays_are_picked_from_the_period(text: str, days: tuple[int, ...]) -> None:
    """«hver mandag i januar» is each Monday of January, not next Monday plus January."""
    findings = find_dates(text, Context(today=SATURDAY))

    ranges = merge([r for mention in findings.mentions for r in mention.ranges])
    assert ranges == tuple(DateRange(dt.date(2027, 1, day), dt.date(2027, 1, day)) for day in days)


@pytest.mark.parametrize("text", ["kan ikke jobbe mandager", "ønsker fri i helgene"])
def test_recurring_days_without_a_period_are_a_problem(text: str) -> None:
    """With no period, recurring days would go on for ever, so the parser names the problem."""
    findings = find_dates(text, Context(today=SATURDAY))

    assert findings.problem is ParseProblem.RECURRING_DAYS_WITHOUT_PERIOD
    assert not any(mention.ranges for mention in findings.mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ønsker fri i helgen", (DateRange(SATURDAY, dt.date(2026, 12, 6)),)),
        ("kan ikke jobbe mandag", (DateRange(dt.date(2026, 12, 7), dt.date(2026, 12, 7)),)),
    ],
)
def test_one_weekend_or_weekday_is_not_recurring(
    text: str, expected: tuple[DateRange, ...]
) -> None:
    """«i helgen» and «mandag» keep their contract meaning: the coming weekend or Monday."""
    findings = find_dates(text, Context(today=SATURDAY))

    assert merge([r for mention in findings.mentions for r in mention.ranges]) == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("syk 30.02 til 5.03", "30.02"),
        ("ferie 3.03 til 31.04", "31.04"),
        ("ferie 30.-31. februar", "30.-31. februar"),
    ],
)
def test_invalid_range_end_is_quoted_alone(text: str, quoted: str) -> None:
    """Only the end that does not exist is quoted back, not the whole range."""
    findings = find_dates(text, Context(today=SATURDAY))
    start, end = findings.problem_span or (0, 0)

    assert findings.problem is ParseProblem.INVALID_DATE
    assert text[start:end] == quoted


def test_week_range_of_most_of_a_year_is_reversed() -> None:
    """«uke 15–10» is written backwards, while «uke 50–2» crosses New Year."""
    backwards = find_dates("lag turnus for uke 15-10", Context(today=SATURDAY))
    crossing = find_dates("lag turnus for uke 50-2", Context(today=SATURDAY))

    assert backwards.problem is ParseProblem.RANGE_REVERSED
    assert crossing.mentions[0].ranges == (DateRange(dt.date(2026, 12, 7), dt.date(2027, 1, 17)),)
