"""Replies within a conversation: yes, no, and fragments that amend a pending request."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import Amendment, Intent
from nlu.dates import Context, find_dates
from nlu.normalise import normalise
from nlu.replies import amendment, blank_spans, negated_part, reply_to_question

CONFIRMATIONS = [
    "ja",
    "Ja takk!",
    "jepp",
    "japp",
    "stemmer",
    "det stemmer",
    "ok",
    "OK 👍",
    "bekreft",
    "yes",
    "Ja, det stemmer.",
    "👍",
    "✅",
]
DECLINES = ["nei", "Nei takk", "avbryt", "Stopp!", "no", "nope", "glem det", "👎"]


@pytest.mark.parametrize("text", CONFIRMATIONS)
def test_reply_confirms(text: str) -> None:
    """A message that is only a yes confirms."""
    assert reply_to_question(normalise(text).text, text) == Intent.CONFIRM


@pytest.mark.parametrize("text", DECLINES)
def test_reply_declines(text: str) -> None:
    """A message that is only a no declines."""
    assert reply_to_question(normalise(text).text, text) == Intent.DECLINE


@pytest.mark.parametrize(
    "text",
    [
        "Avbryt forespørsel nr 12",
        "Nei til bytte 42",
        "ja til 8",
        "nei, torsdag",
        "ok, syk i dag",
        "🤒",
        "",
    ],
)
def test_reply_none_for_more_than_yes_or_no(text: str) -> None:
    """A yes or no followed by more words is no plain reply."""
    assert reply_to_question(normalise(text).text, text) is None


def amendment_of(text: str) -> Amendment | None:
    normalised = normalise(text).text
    mentions = find_dates(normalised, Context(today=dt.date(2026, 11, 18))).mentions
    return amendment(normalised, mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("og fredag også", Amendment.ADD),
        ("også mandag", Amendment.ADD),
        ("og natt lørdag", Amendment.ADD),
        ("nei, torsdag", Amendment.REPLACE),
        ("ikke fredag, torsdag", Amendment.REPLACE),
        ("jeg mente torsdag", Amendment.REPLACE),
        ("fredag", None),
        ("og", None),
        ("syk fredag også", None),
        ("og fredag ble det regn", None),
    ],
)
def test_amendment(text: str, expected: Amendment | None) -> None:
    """Only amendment words, shift words and dates make an amendment."""
    assert amendment_of(text) == expected


def test_negated_part_ends_at_the_comma() -> None:
    """In «ikke fredag, torsdag» the days taken back end at the comma."""
    assert negated_part("ikke fredag, torsdag") == (0, 12)


def test_blank_spans_keeps_positions() -> None:
    """Blanked spans become spaces of the same length."""
    assert blank_spans("syk fredag nå", [(4, 10)]) == "syk        nå"
