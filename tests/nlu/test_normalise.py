"""Cleaning a chat message: markup, emoji and control characters go; names keep their case."""

from __future__ import annotations

import pytest

from nlu.normalise import MAXIMUM_LENGTH, clean, normalise, starts_sentence

CLEANED = [
    ("slack mention", "bytt med <@U123ABC>", "bytt med <@U123ABC>"),
    ("slack link", "se <https://example.com|turnusen>", "se turnusen"),
    ("slack channel", "<!channel> syk", "syk"),
    ("markdown", "**Syk** _i dag_ ~nå~", "Syk i dag nå"),
    ("emoji", "syk 🤒 i dag 🏥", "syk i dag"),
    ("control characters", "syk\x00\x07 i\x1b dag", "syk i dag"),
    ("en dash", "3.–5. januar", "3.-5. januar"),
    ("curly apostrophe", "I’m sick", "I'm sick"),
    ("f.o.m. and t.o.m.", "f.o.m. 3.1 t.o.m. 5.1", "fom 3.1 tom 5.1"),
    ("spaces", "  syk \n\t i   dag ", "syk i dag"),
]


@pytest.mark.parametrize(
    ("original", "expected"), [case[1:] for case in CLEANED], ids=[case[0] for case in CLEANED]
)
def test_clean(original: str, expected: str) -> None:
    """Markup and symbols become spaces; the words, digits and date punctuation stay."""
    assert clean(original) == expected


def test_clean_reads_no_further_than_the_maximum() -> None:
    """A pasted document is cut at the maximum length before any work is done on it."""
    cleaned = clean("a" * (MAXIMUM_LENGTH + 500))

    assert len(cleaned) == MAXIMUM_LENGTH


def test_normalise_lower_cases_and_corrects() -> None:
    """The grammar's text is lower case with misspellings corrected."""
    message = normalise("Kan ikke jobbe lordag")

    assert message.text == "kan ikke jobbe lørdag"


def test_normalise_keeps_names_inside_a_sentence() -> None:
    """A capitalised word inside a sentence is a name and is not corrected."""
    message = normalise("Bytte med Kurt")

    assert message.text == "bytte med kurt"


def test_normalise_keeps_the_name_tor() -> None:
    """«Tor» inside a sentence keeps its capital, so that it is not Thursday."""
    message = normalise("bytte med Tor")

    assert message.text == "bytte med Tor"


def test_normalise_keeps_shift_codes() -> None:
    """A shift code written as a capital letter stays a capital."""
    message = normalise("Jeg har N fredag")

    assert message.text == "jeg har N fredag"


def test_normalise_keeps_the_original() -> None:
    """The original text and the cleaned text with its case are both kept."""
    message = normalise("Syk 🤒 i dag")

    assert message.original == "Syk 🤒 i dag"
    assert message.cleaned == "Syk i dag"


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("Syk i dag", 0, True),
        ("Hei. Syk", 5, True),
        ("Bytte? Jeg", 7, True),
        ("bytte med Kari", 10, False),
    ],
)
def test_starts_sentence(text: str, index: int, expected: bool) -> None:
    """A word starts a sentence at the beginning or after «.», «?», «!» or «:»."""
    assert starts_sentence(text, index) is expected
