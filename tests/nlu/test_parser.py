"""The parser's entry point: every string gives a command, and the command's JSON form.

The property tests call `parse_message`, the parser without its last-resort
exception handler, so that a bug in the grammar fails the test instead of
hiding behind the handler in `parse`.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.calendar import OSLO
from core.commands import (
    AbsenceKind,
    Amendment,
    DateRange,
    Intent,
    ParsedCommand,
    ParseProblem,
    PartOfDay,
    ShiftKind,
)
from nlu import parse
from nlu.parser import edit_distance, parse_message

NOW = dt.datetime(2026, 11, 18, 9, 0, tzinfo=OSLO)  # a Wednesday
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS_OF_THE_GRAMMAR = st.sampled_from(
    [
        "syk",
        "i dag",
        "fredag",
        "neste",
        "uke",
        "3",
        "-",
        "5.",
        "januar",
        "til",
        "og",
        "fra",
        "bytte",
        "med",
        "Kari",
        "#42",
        "godkjenn",
        "ikke",
        "ferie",
        "12.1",
        "31.02",
        "påsken",
        "mellom",
        "de neste to ukene",
        "Tor",
        "man",
        "den",
        "12.",
        "nei,",
        "også",
        "kveld",
        "N",
        "fom",
        "tom",
        "2027-01-12",
        "uke 53",
        "uke 3, 5 og 7",
        "29.02",
        "0.0",
        "99.99",
        "uke 0",
        "fri",
        "sat",
        "sun",
        "may",
        "resten av uka",
        "ut måneden",
        "om tre dager",
        "jul",
        "Kari,",
        "om",
        "-3",
        "tusen",
        "dagar",
        "veker",
        "sidan",
        "in 2 weeks",
        "ago",
        "99999999999",
        "et døgn",
    ]
)
INJECTION_TEXTS = [
    "'; DROP TABLE employees; --",
    "Robert'); DELETE FROM shifts WHERE 1=1; --",
    "<script>alert('syk i dag')</script>",
    "<img src=x onerror=alert(1)> ferie fredag",
    "<@U123ABC> kan du bytte fredag?",
    "<!channel> syk i dag",
    "<https://example.com|klikk her> ferie uke 3",
    "**Syk** _i dag_ ~fredag~ `kode` ```blokk```",
    "# Overskrift\n- ferie 1.-3. juli\n> sitat",
    "${jndi:ldap://127.0.0.1/a} syk",
    "{{7*7}} ferie {% raw %}",
    "\x00\x01\x02syk\x1b[31m i dag\x7f",
    "\u202eyks i dag\u202c",
    "syk\u200b i\u200d dag",
    "🤒 syk i dag 🤧🏥",
    "👍🏽",
]


@FAST
@given(st.text())
def test_parse_message_arbitrary_unicode(text: str) -> None:
    """Any unicode string parses without an exception."""
    command = parse_message(text, NOW)

    assert isinstance(command, ParsedCommand)


@FAST
@given(
    st.lists(WORDS_OF_THE_GRAMMAR, max_size=25).map(" ".join),
    st.sampled_from([None, "nb", "nn", "en", "xx"]),
)
def test_parse_message_grammar_word_soup(text: str, lang: str | None) -> None:
    """Random sequences of the grammar's own words parse without an exception, in any language."""
    command = parse_message(text, NOW, lang)

    assert isinstance(command, ParsedCommand)


@FAST
@given(
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 12, 31)),
)
def test_parse_message_any_reference_time(text: str, now: dt.datetime) -> None:
    """Any reference time from 1990 to 2090, naive or not, gives a command."""
    command = parse_message(text + " fredag 29.02 uke 53 påsken", now)

    assert isinstance(command, ParsedCommand)


def ten_kilobytes(piece: str) -> str:
    return (piece * (10_000 // len(piece) + 1))[:10_000]


@settings(max_examples=10, deadline=None)
@given(st.text(min_size=1, max_size=300).map(ten_kilobytes))
def test_parse_message_ten_kilobytes(text: str) -> None:
    """A 10 kB message parses without an exception."""
    command = parse_message(text, NOW)

    assert isinstance(command, ParsedCommand)


@settings(max_examples=10, deadline=None)
@given(st.lists(WORDS_OF_THE_GRAMMAR, min_size=1, max_size=30).map(" ".join).map(ten_kilobytes))
def test_parse_message_ten_kilobytes_of_dates(text: str) -> None:
    """A 10 kB message full of date expressions parses without an exception."""
    command = parse_message(text, NOW)

    assert isinstance(command, ParsedCommand)


@FAST
@given(st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "So", "Sk"])))
def test_parse_message_control_characters_and_emoji(text: str) -> None:
    """Control, format and symbol characters alone give an unknown command or a yes/no reply."""
    command = parse_message(text, NOW)

    assert command.intent in (Intent.UNKNOWN, Intent.CONFIRM, Intent.DECLINE)


@pytest.mark.parametrize("text", INJECTION_TEXTS, ids=range(len(INJECTION_TEXTS)))
def test_parse_message_injection_like_text(text: str) -> None:
    """SQL, HTML, template and Slack or Markdown markup are parsed as plain text."""
    command = parse_message(text, NOW)

    assert isinstance(command, ParsedCommand)
    assert json.loads(json.dumps(command.to_json()))["intent"] == command.intent.value


def test_parse_markup_keeps_the_meaning() -> None:
    """Markdown and Slack markup around the words do not change what they mean."""
    plain = parse("syk i dag", NOW)
    marked = parse("**Syk** _i dag_ 🤒", NOW)

    assert marked == plain


def test_parse_slack_mention_is_the_person() -> None:
    """A Slack user mention after «med» is the person, as written."""
    command = parse("Kan jeg bytte fredag med <@U123ABC>?", NOW)

    assert command.person == "<@U123ABC>"


def test_parse_returns_unknown_when_the_grammar_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure inside the parser is logged, and parse returns an unknown command."""

    def failing_parse_message(
        text: str, now: dt.datetime, lang: str | None = None
    ) -> ParsedCommand:
        raise RuntimeError("simulated grammar bug")

    monkeypatch.setattr("nlu.parser.parse_message", failing_parse_message)

    assert parse("syk i dag", NOW) == ParsedCommand(intent=Intent.UNKNOWN)


def test_parse_accepts_a_language_hint() -> None:
    """The hint "nn" does not change how a nynorsk message is read."""
    with_hint = parse("Eg er sjuk i dag", NOW, lang="nn")
    without_hint = parse("Eg er sjuk i dag", NOW)

    assert with_hint == without_hint


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Can't work fri", "2026-11-20"),
        ("Sick on sat", "2026-11-21"),
        ("Can't work sun", "2026-11-22"),
        ("Off all of may", "2027-05-01"),
    ],
)
def test_parse_english_hint_adds_english_date_words(text: str, day: str) -> None:
    """With the hint "en", «fri», «sat», «sun» and «may» are dates; without it they are not."""
    english = parse(text, NOW, lang="en")
    unhinted = parse(text, NOW)

    assert [date_range.start.isoformat() for date_range in english.dates] == [day]
    assert unhinted.dates == ()


def test_parse_reads_now_in_oslo() -> None:
    """A reference time in UTC late in the evening is the next day in Oslo."""
    late_evening_utc = dt.datetime(2026, 11, 18, 23, 30, tzinfo=dt.UTC)

    command = parse("syk i dag", late_evening_utc)

    assert [date_range.start for date_range in command.dates] == [dt.date(2026, 11, 19)]


PROBLEMS = [
    ("swap without a date", "Kan jeg bytte med Kari?", ParseProblem.MISSING_DATE),
    ("absence without a date", "Jeg er syk", ParseProblem.MISSING_DATE),
    ("offer without a date", "Kan noen ta vakta mi?", ParseProblem.MISSING_DATE),
    ("roster without a period", "Lag turnus", ParseProblem.MISSING_DATE),
    ("reversed range", "Ferie fra 10. til 3. mars", ParseProblem.RANGE_REVERSED),
    ("31 February", "Ferie 31.02", ParseProblem.INVALID_DATE),
    ("week 54", "Ferie uke 54", ParseProblem.INVALID_WEEK),
    ("day 100 of March", "Kan ikke jobbe 100. mars", ParseProblem.INVALID_DATE),
    ("approve without number", "Godkjenn", ParseProblem.MISSING_REQUEST_ID),
    ("reject without number", "Avslå byttet", ParseProblem.MISSING_REQUEST_ID),
    ("cancel without number", "Trekk tilbake", ParseProblem.MISSING_REQUEST_ID),
    ("swap without person", "Kan jeg bytte fredag?", ParseProblem.MISSING_PERSON),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in PROBLEMS], ids=[case[0] for case in PROBLEMS]
)
def test_parse_names_the_problem(text: str, expected: ParseProblem) -> None:
    """An incomplete or inconsistent command names what the core must ask about."""
    actual = parse(text, NOW).problem

    assert actual == expected


def test_parse_reversed_range_has_no_dates() -> None:
    """A range that ends before it starts gives no dates at all."""
    command = parse("Kan ikke jobbe fra 10. til 3. mars", NOW)

    assert command.dates == ()


def test_parse_complete_command_has_no_problem() -> None:
    """A complete command has no problem."""
    command = parse("Kan jeg bytte nattevakta mi fredag med Kari?", NOW)

    assert command.problem is None


def test_parse_take_by_number_needs_no_date() -> None:
    """Taking an open shift by its number needs no date."""
    command = parse("Jeg tar 57", NOW)

    assert command.problem is None
    assert command.request_id == 57


AMENDMENTS = [
    ("og fredag også", Amendment.ADD, "2026-11-20"),
    ("og lørdag", Amendment.ADD, "2026-11-21"),
    ("også mandag", Amendment.ADD, "2026-11-23"),
    ("and Friday too", Amendment.ADD, "2026-11-20"),
    ("nei, torsdag", Amendment.REPLACE, "2026-11-19"),
    ("nei, jeg mente torsdag", Amendment.REPLACE, "2026-11-19"),
    ("ikke fredag, torsdag", Amendment.REPLACE, "2026-11-19"),
    ("torsdag i stedet", Amendment.REPLACE, "2026-11-19"),
    ("no, I meant Thursday", Amendment.REPLACE, "2026-11-19"),
]


@pytest.mark.parametrize(
    ("text", "amendment", "day"), AMENDMENTS, ids=[case[0] for case in AMENDMENTS]
)
def test_parse_amendment_of_pending_request(text: str, amendment: Amendment, day: str) -> None:
    """A fragment made of amendment words and days adds or replaces the pending days."""
    command = parse(text, NOW)

    assert command.intent == Intent.AMEND
    assert command.amendment == amendment
    assert [date_range.start.isoformat() for date_range in command.dates] == [day]


def test_parse_amendment_keeps_the_shift() -> None:
    """An amendment that names a shift keeps it."""
    command = parse("og natt lørdag også", NOW)

    assert command.shift == ShiftKind.NIGHT


def test_parse_bare_date_is_unknown_with_dates() -> None:
    """A date alone is no command, but its dates are kept for a question the core asked."""
    command = parse("fredag", NOW)

    assert command.intent == Intent.UNKNOWN
    assert command.amendment is None
    assert [date_range.start.isoformat() for date_range in command.dates] == ["2026-11-20"]


PROBLEM_TEXTS = [
    ("bare decimal", "35.5", ParseProblem.INVALID_DATE, "35.5"),
    ("day and month invalid", "syk 32.13", ParseProblem.INVALID_DATE, "32.13"),
    ("day of month name", "Ferie 32. Mars", ParseProblem.INVALID_DATE, "32. mars"),
    ("week", "uke 54", ParseProblem.INVALID_WEEK, "uke 54"),
    ("reversed range", "fra 10. til 3. mars", ParseProblem.RANGE_REVERSED, "10. til 3. mars"),
]


@pytest.mark.parametrize(
    ("text", "problem", "written"),
    [case[1:] for case in PROBLEM_TEXTS],
    ids=[case[0] for case in PROBLEM_TEXTS],
)
def test_parse_date_problem_quotes_the_expression(
    text: str, problem: ParseProblem, written: str
) -> None:
    """A date problem comes with the expression that caused it, as the parser read it."""
    command = parse(text, NOW)

    assert command.problem == problem
    assert command.problem_text == written
    assert command.to_json()["problem_text"] == written


def test_parse_missing_date_quotes_nothing() -> None:
    """A problem that no date expression caused has no problem text."""
    command = parse("Jeg er syk", NOW)

    assert command.problem == ParseProblem.MISSING_DATE
    assert command.problem_text is None


@pytest.mark.parametrize("text", ["35.5 timer", "37.5%", "Har 35.5 timer i uka"])
def test_parse_number_with_unit_is_no_date(text: str) -> None:
    """A decimal followed by a unit is a number: no dates and no date problem."""
    command = parse(text, NOW)

    assert command.dates == ()
    assert command.problem is None
    assert command.problem_text is None


@pytest.mark.parametrize(
    ("text", "intent", "absence"),
    [
        pytest.param(
            "kann ikke jobbe fredag", Intent.REGISTER_UNAVAILABILITY, None, id="kann ikke"
        ),
        pytest.param("jeg er syyk i dag", Intent.REGISTER_ABSENCE, AbsenceKind.SICK, id="syyk"),
    ],
)
def test_parse_doubled_letter_typo(text: str, intent: Intent, absence: AbsenceKind | None) -> None:
    """A short command word with a letter written twice is read as that word."""
    command = parse(text, NOW)

    assert command.intent == intent
    assert command.absence == absence
    assert command.unknown_words == ()


UNKNOWN_WITH_HINTS = [
    ("typo of bytte", "bttye vakt fredag", Intent.REQUEST_SWAP, ("bttye",)),
    ("short typo", "byt vakt", Intent.REQUEST_SWAP, ("byt",)),
    ("greeting", "Hei!", Intent.HELP, ()),
    ("weather", "Hva blir været i morgen?", None, ("været",)),
    ("nonsense", "asdfgh", None, ("asdfgh",)),
]


@pytest.mark.parametrize(
    ("text", "suggestion", "unknown_words"),
    [case[1:] for case in UNKNOWN_WITH_HINTS],
    ids=[case[0] for case in UNKNOWN_WITH_HINTS],
)
def test_parse_unknown_names_words_and_suggestion(
    text: str, suggestion: Intent | None, unknown_words: tuple[str, ...]
) -> None:
    """An unknown message lists the words not understood and suggests the nearest command."""
    command = parse(text, NOW)

    assert command.intent == Intent.UNKNOWN
    assert command.suggestion == suggestion
    assert command.unknown_words == unknown_words


def test_to_json_has_contract_fields_first() -> None:
    """The JSON form contains every contract field, and the extra fields after them."""
    command = parse("Vil bytte dagvakt 2. desember mot Ola sin kveldsvakt 4. desember", NOW)

    actual = command.to_json()

    assert list(actual)[:9] == [
        "intent",
        "dates",
        "shift",
        "absence",
        "preference",
        "person",
        "with_dates",
        "request_id",
        "problem",
    ]
    assert actual["with_shift"] == "A"
    assert actual["amendment"] is None


EDIT_DISTANCES = [
    ("bytte", "bytte", 0),
    ("byte", "bytte", 1),
    ("bytet", "bytte", 1),
    ("bttye", "bytte", 2),
    ("abc", "abcdef", 3),
    ("", "ab", 2),
]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    EDIT_DISTANCES,
    ids=[f"{first}-{second}" for first, second, _ in EDIT_DISTANCES],
)
def test_edit_distance(first: str, second: str, expected: int) -> None:
    """The edit distance counts insertions, deletions, substitutions and adjacent swaps."""
    assert edit_distance(first, second) == expected


ANSWERS = [
    ("a first name", "Kari", {"person": "Kari"}),
    ("a full name", "Kari Nordmann.", {"person": "Kari Nordmann"}),
    ("a name after med", "med Ola", {"person": "Ola"}),
    ("a bare number", "42", {"request_id": 42}),
    ("a number with hash", "#42", {"request_id": 42}),
    ("a number with nr", "nr. 7", {"request_id": 7}),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in ANSWERS], ids=[case[0] for case in ANSWERS]
)
def test_parse_answer_to_a_question(text: str, expected: dict[str, object]) -> None:
    """A name or a number alone is no command but keeps what it answers."""
    command = parse(text, NOW).to_json()

    assert command["intent"] == "unknown"
    assert {field: command[field] for field in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Syk i morgen og overimorgen",
        "Syk i morgen og i overmorgen",
        "Syk i morgen og over i morgen",
        "Sjuk i morgon og overmorgon",
    ],
)
def test_parse_reads_the_day_after_tomorrow_in_every_spelling(text: str) -> None:
    """«overimorgen» and «over i morgen» are common spellings of «i overmorgen»."""
    command = parse(text, NOW)

    assert command.dates == (DateRange(dt.date(2026, 11, 19), dt.date(2026, 11, 20)),)
    assert command.unknown_words == ()


@pytest.mark.parametrize(
    "text",
    [
        "Syk i mårra",
        "Syk imorra",
        "Syk i morra",
        "Sjuk i môra",
        "Sjuk imårå",
        "Sjuk i måra",
        "Sjuk i mårn",
        "Sjuk i morn",
    ],
)
def test_parse_reads_tomorrow_in_dialect_spellings(text: str) -> None:
    """Spoken spellings of «i morgen» such as «i mårra» and «i môra» mean tomorrow."""
    command = parse(text, NOW)

    assert command.dates == (DateRange(dt.date(2026, 11, 19), dt.date(2026, 11, 19)),)
    assert command.unknown_words == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mora mi er syk i dag", (DateRange(dt.date(2026, 11, 18), dt.date(2026, 11, 18)),)),
        ("Morn! Syk i dag", (DateRange(dt.date(2026, 11, 18), dt.date(2026, 11, 18)),)),
        ("Morra di", ()),
    ],
    ids=["mother", "greeting", "no i before"],
)
def test_parse_dialect_tomorrow_needs_i_before(text: str, expected: tuple[DateRange, ...]) -> None:
    """Without «i» before it, «mora», «morra» or «morn» is no date."""
    command = parse(text, NOW)

    assert command.dates == expected


def test_parse_names_unknown_words_next_to_dates() -> None:
    """«overimorgn» next to «i morgen» may be a day, so the command names it as unread."""
    command = parse("Syk i morgen og overimorgn", NOW)

    assert command.dates == (DateRange(dt.date(2026, 11, 19), dt.date(2026, 11, 19)),)
    assert command.unread_date_words == ("overimorgn",)


def test_parse_leaves_unknown_words_away_from_dates_out_of_the_unread_dates() -> None:
    """A word far from the date («håper») is not taken for a day that was not read."""
    command = parse("Håper jeg kan få fri fredag", NOW)

    assert command.unread_date_words == ()


@pytest.mark.parametrize(
    ("text", "open_ended"),
    [
        ("Jeg er syk fra i dag", True),
        ("Syk fra mandag", True),
        ("Syk fra mandag til onsdag", False),
        ("Syk i dag", False),
    ],
)
def test_parse_marks_a_start_with_no_end(text: str, open_ended: bool) -> None:
    """«syk fra i dag» is open-ended: the day and every day after it, until the user says."""
    assert parse(text, NOW).open_ended is open_ended


def test_parse_greeting_after_a_date_is_not_an_unread_date() -> None:
    """In «sjuk på fredag, hilsen Åse» the greeting is not a day left out."""
    assert parse("Jeg er sjuk på fredag, hilsen Åse", NOW).unread_date_words == ()
    assert parse("Jeg er syk på fredag – hilsen Kari", NOW).unread_date_words == ()


WISH_OR_REQUEST = [
    ("do not want to work", "I do not want to work 1 May", "en", Intent.REGISTER_WISH, None, "off"),
    (
        "don't want nights",
        "I don't want night shifts in April",
        "en",
        Intent.REGISTER_WISH,
        None,
        "off",
    ),
    ("want vacation", "I want vacation 1-14 July", "en", Intent.REGISTER_ABSENCE, "vacation", None),
    ("need vacation", "I need vacation July 1-14", "en", Intent.REGISTER_ABSENCE, "vacation", None),
    (
        "vil ha ferie",
        "Jeg vil ha ferie 1.–14. juli",
        None,
        Intent.REGISTER_ABSENCE,
        "vacation",
        None,
    ),
    (
        "eg vil ha ferie",
        "Eg vil ha ferie 1.–14. juli",
        "nn",
        Intent.REGISTER_ABSENCE,
        "vacation",
        None,
    ),
    ("søker ferie", "Søker ferie 1.–14. juli", None, Intent.REGISTER_ABSENCE, "vacation", None),
    ("ønsker ferie", "Jeg ønsker ferie 1.–14. juli", None, Intent.REGISTER_WISH, "vacation", "off"),
    ("ønsker fri", "Ønsker fri 1.–14. juli", None, Intent.REGISTER_WISH, None, "off"),
    ("ber om ferie", "Ber om ferie i juli", None, Intent.REGISTER_ABSENCE, "vacation", None),
    ("søker fri", "Søker fri fredag", None, Intent.REGISTER_WISH, None, "off"),
    ("søkjer om fri", "Eg søkjer om fri fredag", "nn", Intent.REGISTER_WISH, None, "off"),
]

ABSENCE_APPLICATIONS = [
    ("Søker ferie 1.–14. juli", None, "vacation"),
    ("Søker om ferie 1.–14. juli", None, "vacation"),
    ("Jeg søker om permisjon fredag", None, "leave"),
    ("Jeg vil søke om avspasering 12. mars", None, "time_off_in_lieu"),
    ("Eg søkjer om ferie i juli", "nn", "vacation"),
    ("I'm applying for leave on Friday", "en", "leave"),
]


@pytest.mark.parametrize(("text", "lang", "absence"), ABSENCE_APPLICATIONS)
def test_parse_application_for_absence_is_a_request(
    text: str, lang: str | None, absence: str
) -> None:
    """«søker (om)» and «apply for» before an absence request it, and every word is understood."""
    command = parse(text, NOW, lang=lang)

    assert command.intent == Intent.REGISTER_ABSENCE
    assert command.absence is not None
    assert command.absence.value == absence
    assert command.unknown_words == ()


@pytest.mark.parametrize(
    ("text", "lang", "intent", "absence", "preference"),
    [case[1:] for case in WISH_OR_REQUEST],
    ids=[case[0] for case in WISH_OR_REQUEST],
)
def test_parse_wish_or_absence_request(
    text: str, lang: str | None, intent: Intent, absence: str | None, preference: str | None
) -> None:
    """A negated wish is a wish to be off, and «vil ha ferie» requests the vacation itself.

    «ønsker» is a wish verb, so «Jeg ønsker ferie» stays a wish to be off.
    """
    command = parse(text, NOW, lang=lang)
    absence_written = None if command.absence is None else command.absence.value
    preference_written = None if command.preference is None else command.preference.value

    assert command.intent == intent
    assert absence_written == absence
    assert preference_written == preference


@pytest.mark.parametrize(
    ("text", "lang", "first", "last"),
    [
        ("I do not want to work 1 May", "en", "2027-05-01", "2027-05-01"),
        ("I want vacation 1-14 July", "en", "2027-07-01", "2027-07-14"),
        ("I need vacation July 1-14", "en", "2027-07-01", "2027-07-14"),
        ("Jeg vil ha permisjon fredag", None, "2026-11-20", "2026-11-20"),
    ],
)
def test_parse_wish_or_absence_request_dates(
    text: str, lang: str | None, first: str, last: str
) -> None:
    """Wishes and absence requests keep the whole range that was written."""
    command = parse(text, NOW, lang=lang)

    assert command.dates == (DateRange(dt.date.fromisoformat(first), dt.date.fromisoformat(last)),)


DECEMBER_5 = dt.datetime(2026, 12, 5, 9, 0, tzinfo=OSLO)  # a Saturday
PASSED_OVER_SICK_DAYS = [
    pytest.param(
        "syk 1. november", "2027-11-01", "2027-11-01", [("2026-11-01", "2026-11-01")], id="day"
    ),
    pytest.param(
        "sykt barn 1.–3.11", "2027-11-01", "2027-11-03", [("2026-11-01", "2026-11-03")], id="range"
    ),
    pytest.param("syk 30. november", "2026-11-30", "2026-11-30", [], id="within 14 days"),
    pytest.param("syk 1.11.2027", "2027-11-01", "2027-11-01", [], id="year written"),
    pytest.param("ferie 1. november", "2027-11-01", "2027-11-01", [], id="vacation"),
]


@pytest.mark.parametrize(("text", "first", "last", "past_dates"), PASSED_OVER_SICK_DAYS)
def test_parse_sick_report_keeps_passed_over_days(
    text: str, first: str, last: str, past_dates: list[tuple[str, str]]
) -> None:
    """A sick day over 14 days back reads as next year's, and is kept as this year's too."""
    command = parse(text, DECEMBER_5)
    expected_past = tuple(
        DateRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        for start, end in past_dates
    )

    assert command.dates == (DateRange(dt.date.fromisoformat(first), dt.date.fromisoformat(last)),)
    assert command.past_dates == expected_past


PART_OF_DAY_MESSAGES = [
    pytest.param("I want to leave early Friday", "en", None, None, id="leave early"),
    pytest.param("Can I leave early on Friday?", "en", None, None, id="can i leave early"),
    pytest.param("I want to come in late Friday", "en", None, None, id="come in late"),
    pytest.param("Må gå hjem tidligere fredag", None, None, None, id="gå hjem tidligere"),
    pytest.param("Ønsker å gå tidlig fredag", None, None, None, id="ønsker å gå tidlig"),
    pytest.param("Eg må gå tidleg fredag", "nn", None, None, id="gå tidleg"),
    pytest.param("Må gå tidlig fredag kl 14", None, dt.time(14), None, id="gå tidlig kl 14"),
    pytest.param("Kommer seint fredag, kl 10", None, None, dt.time(10), id="kommer seint kl 10"),
    pytest.param("Kan ikke jobbe sent fredag", None, None, None, id="jobbe sent"),
    pytest.param("Kan ikkje jobbe seint fredag", "nn", None, None, id="jobbe seint"),
    pytest.param("I can't work late Friday", "en", None, None, id="work late"),
    pytest.param("Kan ikke jobbe sent på kvelden fredag", None, None, None, id="sent på kvelden"),
    pytest.param("Kan ikke jobbe utover kvelden fredag", None, None, None, id="utover kvelden"),
    pytest.param(
        "Kan ikke jobbe sent fredag, etter kl 18", None, dt.time(18), None, id="sent etter kl 18"
    ),
    pytest.param("Kan ikke jobbe sent fredag kl 19", None, dt.time(19), None, id="sent kl 19"),
    pytest.param(
        "I can't work late in the evening Friday after 8 pm",
        "en",
        dt.time(20),
        None,
        id="late in the evening after 8 pm",
    ),
]


@pytest.mark.parametrize(("text", "lang", "after", "before"), PART_OF_DAY_MESSAGES)
def test_parse_leaving_early_is_part_of_a_day(
    text: str, lang: str | None, after: dt.time | None, before: dt.time | None
) -> None:
    """Leaving early or coming late is unavailability for part of the day, with its time if written.

    Without a time the problem says so, so that no whole day is registered.
    """
    command = parse(text, NOW, lang=lang)
    expected_problem = None if after or before else ParseProblem.PART_OF_DAY_WITHOUT_TIME

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (DateRange(dt.date(2026, 11, 20), dt.date(2026, 11, 20)),)
    assert command.absence is None
    assert command.unavailable_from == after
    assert command.unavailable_until == before
    assert command.problem == expected_problem
    assert command.unknown_words == ()
    assert command.shift is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("jeg vil gå tidlig", None, id="jeg vil gå tidlig"),
        pytest.param("Må gå tidlig", None, id="må gå tidlig"),
        pytest.param("Eg må kome seint", "nn", id="eg må kome seint"),
        pytest.param("I need to leave early", "en", id="need to leave early"),
        pytest.param("I want to leave early", "en", id="want to leave early"),
    ],
)
def test_parse_leaving_early_without_day(text: str, lang: str | None) -> None:
    """Wanting to leave early with no day and no time is a part-day that lacks both."""
    command = parse(text, NOW, lang=lang)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == ()
    assert command.problem == ParseProblem.PART_OF_DAY_WITHOUT_DATE
    assert command.unavailable_from is None
    assert command.unavailable_until is None


def test_parse_leaving_early_at_a_time_without_day() -> None:
    """«jeg vil gå tidlig kl 14» keeps the time and lacks only the day."""
    command = parse("jeg vil gå tidlig kl 14", NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.problem == ParseProblem.MISSING_DATE
    assert command.unavailable_from == dt.time(14)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("må gå kl 13 på fredag", None, id="må gå kl 13"),
        pytest.param("Eg må dra heim klokka 13 fredag", "nn", id="dra heim klokka 13"),
        pytest.param("I have to leave at 1 pm on Friday", "en", id="leave at 1 pm"),
    ],
)
def test_parse_leaving_at_a_time(text: str, lang: str | None) -> None:
    """Leaving at a time of day is unavailability from that time, as leaving early is."""
    command = parse(text, NOW, lang=lang)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (DateRange(dt.date(2026, 11, 20), dt.date(2026, 11, 20)),)
    assert command.unavailable_from == dt.time(13)
    assert command.part_of_day == PartOfDay.END
    assert command.problem is None


def test_going_to_work_is_no_leaving() -> None:
    """«gå på jobb kl 7» names when work starts, so it frees no part of the day."""
    command = parse("må gå på jobb kl 7 fredag", NOW)

    assert command.intent != Intent.REGISTER_UNAVAILABILITY
    assert command.unavailable_from is None


@pytest.mark.parametrize(
    ("text", "after", "before", "time_of_day"),
    [
        pytest.param("kl 13", None, None, dt.time(13), id="kl 13"),
        pytest.param("13:00", None, None, dt.time(13), id="13:00"),
        pytest.param("fredag etter kl 13", dt.time(13), None, None, id="fredag etter kl 13"),
        pytest.param("før 10", None, dt.time(10), None, id="før 10"),
        pytest.param("13", None, None, dt.time(13), id="13"),
        pytest.param("13.30", None, None, dt.time(13, 30), id="13.30"),
        pytest.param("9:15", None, None, dt.time(9, 15), id="9:15"),
    ],
)
def test_parse_time_fragment_keeps_the_time(
    text: str, after: dt.time | None, before: dt.time | None, time_of_day: dt.time | None
) -> None:
    """A message of only a time, which may answer a question for one, keeps that time."""
    command = parse(text, NOW)

    assert command.intent == Intent.UNKNOWN
    assert command.unavailable_from == after
    assert command.unavailable_until == before
    assert command.time_of_day == time_of_day


BARE_HOUR_MESSAGES = [
    pytest.param("kan ikke jobbe etter 15 fredag", None, dt.time(15), None, id="etter 15"),
    pytest.param("can't work before 10 on friday", "en", None, dt.time(10), id="before 10"),
    pytest.param("kan ikkje jobbe fredag frå 16.30", "nn", dt.time(16, 30), None, id="frå 16.30"),
    pytest.param("Kan ikke jobbe fredag til 9:15", None, None, dt.time(9, 15), id="til 9:15"),
    pytest.param("cannot work Friday after 0", "en", dt.time(0), None, id="after 0"),
    pytest.param(
        "kan ikke jobbe fra 15 til 17 fredag", None, dt.time(15), dt.time(17), id="fra 15 til 17"
    ),
    pytest.param(
        "kan ikke jobbe mellom kl 15 og 17 fredag",
        None,
        dt.time(15),
        dt.time(17),
        id="mellom kl 15 og 17",
    ),
    pytest.param("kan ikke jobbe kl 15-17 fredag", None, dt.time(15), dt.time(17), id="kl 15-17"),
    pytest.param(
        "cannot work between 3 and 5 pm on friday",
        "en",
        dt.time(15),
        dt.time(17),
        id="between 3 and 5 pm",
    ),
    pytest.param(
        "I can't work between 3 pm and 5 pm on Friday",
        "en",
        dt.time(15),
        dt.time(17),
        id="between 3 pm and 5 pm",
    ),
    pytest.param(
        "I can't work between 15:00 and 17:00 on Friday",
        "en",
        dt.time(15),
        dt.time(17),
        id="between 15:00 and 17:00",
    ),
]


@pytest.mark.parametrize(("text", "lang", "after", "before"), BARE_HOUR_MESSAGES)
def test_parse_bare_hour_after_time_word(
    text: str, lang: str | None, after: dt.time | None, before: dt.time | None
) -> None:
    """A bare hour after «etter», «før», «fra», «til» or their English words is a time."""
    command = parse(text, NOW, lang=lang)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (DateRange(dt.date(2026, 11, 20), dt.date(2026, 11, 20)),)
    assert command.unavailable_from == after
    assert command.unavailable_until == before


AFTERNOON_HOUR_MESSAGES = [
    pytest.param("kan ikke jobbe etter 3 fredag", None, dt.time(15), None, id="etter 3"),
    pytest.param("kan ikke jobbe før 4 fredag", None, None, dt.time(16), id="før 4"),
    pytest.param("can't work after 3 on friday", "en", dt.time(15), None, id="after 3"),
    pytest.param("kan ikke jobbe før kl 7 fredag", None, None, dt.time(7), id="før kl 7"),
    pytest.param("kan ikke jobbe før 7 fredag", None, None, dt.time(7), id="før 7"),
    pytest.param("kan ikke jobbe etter kl 3 fredag", None, dt.time(3), None, id="etter kl 3"),
    pytest.param("kan ikke jobbe etter 3.30 fredag", None, dt.time(3, 30), None, id="3.30"),
    pytest.param("kan ikke jobbe etter 3 om natta fredag", None, dt.time(3), None, id="natta"),
    pytest.param(
        "kan ikke jobbe fra 5 til 8 fredag", None, dt.time(17), dt.time(20), id="fra 5 til 8"
    ),
    pytest.param(
        "kan ikke jobbe fra 10 til 3 fredag", None, dt.time(10), dt.time(15), id="fra 10 til 3"
    ),
    pytest.param(
        "kan ikke jobbe mellom 2 og 4 fredag", None, dt.time(14), dt.time(16), id="mellom 2 og 4"
    ),
    pytest.param(
        "kan bare jobbe fra 7 til 3 fredag", None, dt.time(15), dt.time(7), id="bare fra 7 til 3"
    ),
]


HOUR_RANGE_MESSAGES = [
    pytest.param("kan ikke jobbe 15-17 fredag", None, dt.time(15), dt.time(17), id="15-17"),
    pytest.param("kan ikke jobbe 15–17 fredag", None, dt.time(15), dt.time(17), id="en dash"),
    pytest.param(
        "kan ikke jobbe 15:00-17:00 fredag", None, dt.time(15), dt.time(17), id="15:00-17:00"
    ),
    pytest.param("Kan ikke jobbe fredag 15-17.", None, dt.time(15), dt.time(17), id="final dot"),
    pytest.param("kan ikke jobbe 3-5 fredag", None, dt.time(15), dt.time(17), id="3-5"),
    pytest.param(
        "can't work from 15:00 to 17:00 on friday",
        "en",
        dt.time(15),
        dt.time(17),
        id="from 15:00 to 17:00",
    ),
    pytest.param(
        "can't work from 3 to 5 on friday", "en", dt.time(15), dt.time(17), id="from 3 to 5"
    ),
]


@pytest.mark.parametrize(
    ("text", "lang", "after", "before"), [*AFTERNOON_HOUR_MESSAGES, *HOUR_RANGE_MESSAGES]
)
def test_parse_hours_without_clock_word(
    text: str, lang: str | None, after: dt.time | None, before: dt.time | None
) -> None:
    """Bare hours one to six are afternoon, and «15-17» beside a day is part of that day.

    «kl», minutes or the night keep a small hour as written.
    """
    command = parse(text, NOW, lang=lang)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (DateRange(dt.date(2026, 11, 20), dt.date(2026, 11, 20)),)
    assert command.problem is None
    assert command.unavailable_from == after
    assert command.unavailable_until == before


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("Kan ikke jobbe 15-17. desember", "2026-12-15", "2026-12-17", id="month"),
        pytest.param("Kan ikke jobbe 15.-17.", "2026-12-15", "2026-12-17", id="dots"),
        pytest.param("Kan ikke jobbe uke 15-17", "2027-04-12", "2027-05-02", id="weeks"),
    ],
)
def test_parse_day_range_is_no_hour_range(text: str, start: str, end: str) -> None:
    """«15-17. desember», «15.-17.» and «uke 15-17» are days, with no time of day."""
    command = parse(text, NOW)

    assert command.dates == (DateRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end)),)
    assert command.unavailable_from is None
    assert command.unavailable_until is None


def test_parse_hour_range_without_day_asks_for_day() -> None:
    """«15-17» alone may be days or hours, so the day is asked for and no time is kept."""
    command = parse("kan ikke jobbe 15-17", NOW)

    assert command.problem == ParseProblem.MISSING_DATE
    assert command.unavailable_from is None
    assert command.unavailable_until is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param(
            "Kan ikke jobbe etter 15. mai", dt.date(2027, 5, 15), None, id="etter 15. mai"
        ),
        pytest.param("Kan ikke jobbe 15 mai", dt.date(2027, 5, 15), None, id="15 mai"),
        pytest.param(
            "Kan ikke jobbe fra 3 til 5 mai",
            dt.date(2027, 5, 3),
            dt.date(2027, 5, 5),
            id="fra 3 til 5 mai",
        ),
        pytest.param(
            "Kan ikke jobbe fra 1.12 til 4.12",
            dt.date(2026, 12, 1),
            dt.date(2026, 12, 4),
            id="fra 1.12 til 4.12",
        ),
        pytest.param("Kan ikke jobbe til 20/11", dt.date(2026, 11, 20), None, id="til 20/11"),
        pytest.param(
            "Kan ikke jobbe fra 25 til 28 desember",
            dt.date(2026, 12, 25),
            dt.date(2026, 12, 28),
            id="fra 25 til 28 desember",
        ),
        pytest.param("Kan ikke jobbe etter 25 des", dt.date(2026, 12, 25), None, id="etter 25 des"),
        pytest.param(
            "Kan ikke jobbe mellom 3 og 5 mai",
            dt.date(2027, 5, 3),
            dt.date(2027, 5, 5),
            id="mellom 3 og 5 mai",
        ),
    ],
)
def test_parse_date_after_time_word_is_no_time(
    text: str, start: dt.date, end: dt.date | None
) -> None:
    """A day number after «etter», «fra» or «til» stays a date and sets no time of day."""
    command = parse(text, NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates[0].start == start
    assert command.dates[-1].end == (end or start)
    assert command.unavailable_from is None
    assert command.unavailable_until is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        pytest.param("Kan ikke jobbe fredag etter 13 pm", "13 pm", id="13 pm"),
        pytest.param("Kan ikke jobbe fredag etter 25:00", "25:00", id="25:00"),
        pytest.param("Kan ikke jobbe fredag før kl 25", "kl 25", id="kl 25"),
        pytest.param("Kan ikke jobbe fredag etter kl 14.75", "kl 14.75", id="kl 14.75"),
        pytest.param("Må gå tidlig fredag kl 13 pm", "kl 13 pm", id="gå tidlig kl 13 pm"),
        pytest.param("Kan ikke jobbe sent fredag, etter 25:00", "25:00", id="jobbe sent 25:00"),
        pytest.param("kan ikke jobbe etter 25 fredag", "25", id="etter 25"),
        pytest.param("Kan ikke jobbe fredag etter 24", "24", id="etter 24"),
        pytest.param("Kan ikke jobbe før 30 på fredag", "30", id="før 30"),
        pytest.param("Kan ikke jobbe fredag fra 15 til 25", "25", id="fra 15 til 25"),
        pytest.param("Kan ikke jobbe fredag etter 14.75", "14.75", id="etter 14.75"),
    ],
)
def test_parse_invalid_time_registers_nothing(text: str, written: str) -> None:
    """A time that no clock shows is the problem, quoted as written, with no time kept."""
    command = parse(text, NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.problem == ParseProblem.INVALID_TIME
    assert command.problem_text == written
    assert command.unavailable_from is None
    assert command.unavailable_until is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Kan ikke jobbe fra 25. til 28.", id="fra 25. til 28."),
        pytest.param("Kan ikke jobbe fra 25 til 28", id="fra 25 til 28"),
        pytest.param("Kan ikke jobbe 25-28", id="25-28"),
    ],
)
def test_parse_day_numbers_without_month_are_days(text: str) -> None:
    """Day numbers past 23 without a month are the next such days, as «den 25.» is."""
    command = parse(text, NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.dates == (DateRange(dt.date(2026, 11, 25), dt.date(2026, 11, 28)),)
    assert command.problem is None
    assert command.unavailable_from is None
    assert command.unavailable_until is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        pytest.param("kl 25", "kl 25", id="kl 25"),
        pytest.param("13.75", "13.75", id="13.75"),
        pytest.param("fredag etter 25", "25", id="fredag etter 25"),
    ],
)
def test_parse_invalid_time_fragment(text: str, written: str) -> None:
    """A fragment with a time that no clock shows names it as the problem, with no time kept."""
    command = parse(text, NOW)

    assert command.intent == Intent.UNKNOWN
    assert command.problem == ParseProblem.INVALID_TIME
    assert command.problem_text == written
    assert command.time_of_day is None
    assert command.unavailable_from is None


def test_parse_bare_number_stays_request_number() -> None:
    """A bare «25», which no clock shows, is a request number and no problem."""
    command = parse("25", NOW)

    assert command.request_id == 25
    assert command.problem is None
    assert command.time_of_day is None


def test_parse_invalid_date_comes_before_invalid_time() -> None:
    """A date that does not exist is asked about first, as for any command."""
    command = parse("Kan ikke jobbe 32.13 etter kl 25", NOW)

    assert command.problem == ParseProblem.INVALID_DATE


def test_parse_evening_shift_stays_a_shift() -> None:
    """A bare «kveld» is the evening shift, not working late, so the whole shift is meant."""
    command = parse("Kan ikke jobbe kveld fredag", NOW)

    assert command.intent == Intent.REGISTER_UNAVAILABILITY
    assert command.shift == ShiftKind.EVENING
    assert command.problem is None
    assert command.unavailable_from is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Syk i dag, måtte gå tidlig", Intent.REGISTER_ABSENCE),
        ("Jeg kommer senere tilbake til det", Intent.UNKNOWN),
        ("Kan jobbe sent fredag", Intent.REGISTER_AVAILABILITY),
        ("I want to leave Friday", Intent.REGISTER_WISH),
        ("Jeg drar på ferie tidlig i juli", Intent.REGISTER_ABSENCE),
    ],
    ids=["sick", "no date", "work late", "leave without early", "vacation early in july"],
)
def test_parse_part_of_day_needs_leaving_early(text: str, intent: Intent) -> None:
    """A named absence, a message without a date, or no «early» or «late» keeps its command."""
    command = parse(text, NOW)

    assert command.intent == intent
    assert command.problem != ParseProblem.PART_OF_DAY_WITHOUT_TIME


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Godkjenn 4 og 5", "4, 5"),
        ("avslå 12, 13 og 14", "12, 13, 14"),
        ("trekk tilbake #7 og nr 8", "7, 8"),
    ],
)
def test_decision_with_several_numbers_is_a_problem(text: str, numbers: str) -> None:
    command = parse(text, NOW)

    assert command.problem is ParseProblem.SEVERAL_REQUEST_IDS
    assert command.problem_text == numbers


@pytest.mark.parametrize(
    "text", ["Godkjenn 42", "godkjenn #4 #4", "godkjenn ferien 1.–14. juli, nr 42"]
)
def test_decision_with_one_number_has_no_problem(text: str) -> None:
    command = parse(text, NOW)

    assert command.problem is None
    assert command.request_id is not None


@pytest.mark.parametrize(
    ("text", "problem", "times"),
    [
        pytest.param(
            "kan ikke jobbe mellom 22 og 6 fredag",
            ParseProblem.TIME_RANGE_OVER_MIDNIGHT,
            (dt.time(22), dt.time(6)),
            id="22 to 6 is a night",
        ),
        pytest.param(
            "kan ikke jobbe fra 20 til 8 fredag",
            ParseProblem.TIME_RANGE_OVER_MIDNIGHT,
            (dt.time(20), dt.time(8)),
            id="12 hours is a night",
        ),
        pytest.param(
            "kan ikke jobbe fra 17 til 15 fredag",
            ParseProblem.TIME_RANGE_REVERSED,
            (None, None),
            id="22 hours is reversed",
        ),
    ],
)
def test_parse_time_range_over_midnight(
    text: str, problem: ParseProblem, times: tuple[dt.time | None, dt.time | None]
) -> None:
    """A range of at most 12 hours over midnight is a night, and a longer one is reversed."""
    command = parse(text, NOW)

    assert command.problem == problem
    assert (command.unavailable_from, command.unavailable_until) == times


@pytest.mark.parametrize(
    ("text", "time"),
    [
        pytest.param("kan ikke jobbe kl 15 fredag", dt.time(15), id="kl 15"),
        pytest.param("kan ikke jobbe fredag 15:30", dt.time(15, 30), id="15:30"),
        pytest.param("can't work half past three friday", dt.time(15, 30), id="half past three"),
        pytest.param("kan ikke jobbe fredag 3 pm", dt.time(15), id="3 pm"),
    ],
)
def test_parse_time_without_before_or_after(text: str, time: dt.time) -> None:
    """A clock time with no «etter» or «før» keeps the day whole and asks about the time."""
    command = parse(text, NOW)

    assert command.problem == ParseProblem.TIME_WITHOUT_BEFORE_OR_AFTER
    assert command.time_of_day == time
    assert (command.unavailable_from, command.unavailable_until) == (None, None)


def test_parse_named_shift_with_time_asks_nothing() -> None:
    """«nattevakt fredag kl 22» names the shift, so its time only describes it."""
    command = parse("kan ikke jobbe nattevakt fredag kl 22", NOW)

    assert command.problem is None
    assert command.shift == ShiftKind.NIGHT


@pytest.mark.parametrize(
    ("text", "afternoon"),
    [
        pytest.param("3", dt.time(15), id="3 is 15:00"),
        pytest.param("6", dt.time(18), id="6 is 18:00"),
        pytest.param("7", None, id="7 stays"),
        pytest.param("3.30", None, id="minutes stay"),
        pytest.param("kl 3", None, id="kl stays"),
    ],
)
def test_parse_bare_hour_answer(text: str, afternoon: dt.time | None) -> None:
    """A message of only a bare hour from one to six also carries its afternoon reading."""
    assert parse(text, NOW).afternoon_time_of_day == afternoon
