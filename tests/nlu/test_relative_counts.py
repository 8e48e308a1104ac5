"""dateparser counts days and weeks from today, and its failures never reach the user."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Iterator
from typing import Any

import dateparser
import pytest

from core.calendar import OSLO
from core.commands import DateRange, Intent, ParseProblem
from nlu.parser import parse_message
from nlu.relative_counts import CountFailed, CountUnit, count_from, parsed_day, warm_up

WEDNESDAY = dt.date(2026, 11, 18)
NOW = dt.datetime(2026, 11, 18, 9, 0, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Start and end each test with no counted phrase cached, so dateparser is really called."""
    parsed_day.cache_clear()
    yield
    parsed_day.cache_clear()


@pytest.fixture
def dateparser_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each phrase given to dateparser, which still counts as usual."""
    calls: list[str] = []
    real_parse = dateparser.parse

    def recording_parse(phrase: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(phrase)
        return real_parse(phrase, *args, **kwargs)

    monkeypatch.setattr(dateparser, "parse", recording_parse)
    return calls


@pytest.fixture
def failing_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every call of dateparser raise, as a bug in it or in its language data would."""

    def failing_parse(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("dateparser broke")

    monkeypatch.setattr(dateparser, "parse", failing_parse)


COUNTS: list[tuple[int, CountUnit, bool, dt.date]] = [
    (3, "days", True, dt.date(2026, 11, 21)),
    (1, "days", True, dt.date(2026, 11, 19)),
    (0, "days", True, WEDNESDAY),
    (2, "weeks", True, dt.date(2026, 12, 2)),
    (3, "days", False, dt.date(2026, 11, 15)),
    (2, "weeks", False, dt.date(2026, 11, 4)),
    (44, "days", True, dt.date(2027, 1, 1)),
]


@pytest.mark.parametrize(
    ("count", "unit", "ahead", "expected"),
    COUNTS,
    ids=[f"{'in' if ahead else 'ago'}-{count}-{unit}" for count, unit, ahead, _ in COUNTS],
)
def test_count_from_today(count: int, unit: CountUnit, ahead: bool, expected: dt.date) -> None:
    """dateparser counts days and weeks ahead of or back from the given day."""
    actual = count_from(WEDNESDAY, count, unit, ahead=ahead)

    assert actual == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2027, 3, 27), dt.date(2027, 3, 28)),
        (dt.date(2027, 10, 30), dt.date(2027, 10, 31)),
    ],
    ids=["summer-time-starts", "summer-time-ends"],
)
def test_count_from_across_daylight_saving(today: dt.date, expected: dt.date) -> None:
    """A day's count from the day before a clock change is the day of the change."""
    actual = count_from(today, 1, "days", ahead=True)

    assert actual == expected


@pytest.mark.parametrize(
    ("count", "ahead"), [(3_000_000, True), (800_000, False)], ids=["after-9999", "before-year-1"]
)
def test_count_from_outside_dates_is_none(count: int, ahead: bool) -> None:
    """A count that reaches past year 9999 or before year 1 gives no day."""
    actual = count_from(WEDNESDAY, count, "days", ahead=ahead)

    assert actual is None


def test_count_from_caches_each_phrase(dateparser_calls: list[str]) -> None:
    """The same count on the same day calls dateparser once, and another day calls it again."""
    first = count_from(WEDNESDAY, 3, "days", ahead=True)
    again = count_from(WEDNESDAY, 3, "days", ahead=True)
    next_day = count_from(WEDNESDAY + dt.timedelta(days=1), 3, "days", ahead=True)

    assert first == again == dt.date(2026, 11, 21)
    assert next_day == dt.date(2026, 11, 22)
    assert dateparser_calls == ["in 3 days", "in 3 days"]


@pytest.mark.usefixtures("failing_dateparser")
def test_count_from_raises_count_failed(caplog: pytest.LogCaptureFixture) -> None:
    """An error inside dateparser becomes CountFailed, logged at debug level only."""
    caplog.set_level(logging.DEBUG, logger="nlu.relative_counts")

    with pytest.raises(CountFailed):
        count_from(WEDNESDAY, 3, "days", ahead=True)

    assert [record.levelno for record in caplog.records] == [logging.DEBUG]
    assert caplog.records[0].getMessage() == "dateparser failed on a count of days or weeks"


@pytest.mark.usefixtures("failing_dateparser")
def test_parse_skips_count_that_dateparser_fails_on(caplog: pytest.LogCaptureFixture) -> None:
    """«syk i dag og om tre dager» keeps today when dateparser fails, and logs no text."""
    caplog.set_level(logging.DEBUG)

    command = parse_message("syk i dag og om tre dager", NOW)

    assert command.intent == Intent.REGISTER_ABSENCE
    assert command.dates == (DateRange(WEDNESDAY, WEDNESDAY),)
    assert command.problem is None
    assert [record for record in caplog.records if "syk" in record.getMessage()] == []


@pytest.mark.usefixtures("failing_dateparser")
def test_parse_asks_for_day_when_only_count_fails() -> None:
    """A sick report whose only date dateparser fails on lacks a date, as if none were written."""
    command = parse_message("syk om tre dager", NOW)

    assert command.intent == Intent.REGISTER_ABSENCE
    assert command.dates == ()
    assert command.problem == ParseProblem.MISSING_DATE


@pytest.mark.parametrize(
    "text",
    [
        "syk i dag",
        "ferie 1.-3. juli",
        "hva jobber jeg neste uke?",
        "om natta",
        "tre dager",
        "jobber om dagen",
    ],
)
def test_parse_without_count_skips_dateparser(dateparser_calls: list[str], text: str) -> None:
    """dateparser is called only for a count the grammar found, never for other messages."""
    parse_message(text, NOW)

    assert dateparser_calls == []


def test_parse_calls_dateparser_once_per_count(dateparser_calls: list[str]) -> None:
    """Each count in a message is given to dateparser in English, with its direction."""
    parse_message("syk om tre dagar og for to veker sidan", NOW)

    assert dateparser_calls == ["in 3 days", "2 weeks ago"]


def test_warm_up_loads_dateparser() -> None:
    """After warm_up, dateparser and a counted phrase are in memory."""
    warm_up()

    assert "dateparser" in sys.modules
    assert parsed_day.cache_info().currsize == 1
