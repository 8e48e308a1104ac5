"""Spelling correction: missing æ, ø and å, one-edit typos, and words left alone."""

from __future__ import annotations

import pytest

from nlu.spelling import SpellingIndex, ascii_variants, correct_word, is_one_edit

CORRECTIONS = [
    ("lordag", "lørdag"),
    ("sondag", "søndag"),
    ("onsker", "ønsker"),
    ("foresporsel", "forespørsel"),
    ("paaske", "påske"),
    ("skjaertorsdag", "skjærtorsdag"),
    ("nattevagt", "nattevakt"),
    ("sykmelt", "sykmeldt"),
    ("egenmeldig", "egenmelding"),
    ("permisjom", "permisjon"),
    ("avspassering", "avspasering"),
    ("tilgjengleg", "tilgjengeleg"),
    ("utilgjengleig", "utilgjengelig"),
    ("godkjnen", "godkjenn"),
    ("julafen", "julaften"),
    # A three-letter command word with a letter written twice.
    ("kann", "kan"),
    ("syyk", "syk"),
    ("sykk", "syk"),
    ("ukke", "uke"),
]


@pytest.mark.parametrize(
    ("written", "expected"), CORRECTIONS, ids=[case[0] for case in CORRECTIONS]
)
def test_correct_word_fixes(written: str, expected: str) -> None:
    """A word without æ/ø/å, or one edit from a command word, becomes that word."""
    assert correct_word(written) == expected


LEFT_ALONE = [
    "ferje",
    "hele",
    "helt",
    "rekker",
    "godt",
    "feire",
    "jobben",
    "kari",
    "fra",
    "asdfgh",
    "pa",
    "ola",
    # One edit from «mars», but everyday words: «maks to netter i uka» names no March.
    "maks",
    "mark",
    "marg",
    "mais",
    # A doubled letter is undone only towards a three-letter command word.
    "takk",
    "kanne",
    "sakk",
]


@pytest.mark.parametrize("word", LEFT_ALONE)
def test_correct_word_leaves_other_words(word: str) -> None:
    """Everyday words, short words and words far from any command word stay as written."""
    assert correct_word(word) == word


def test_ascii_variants_of_each_letter() -> None:
    """æ, ø and å each have their usual ASCII spellings."""
    assert ascii_variants("bær") >= {"baer", "bar", "ber"}
    assert ascii_variants("før") >= {"for", "foer"}
    assert ascii_variants("får") >= {"far", "faar"}
    assert ascii_variants("dag") == set()


@pytest.mark.parametrize(
    ("word", "target", "expected"),
    [
        ("sykmelt", "sykmeldt", True),
        ("sykmledt", "sykmeldt", True),
        ("sykmeldtt", "sykmeldt", True),
        ("sukmeldt", "sykmeldt", True),
        ("smykeldt", "sykmeldt", False),
        ("sykmeldt", "sykmeldt", False),
    ],
)
def test_is_one_edit(word: str, target: str, expected: bool) -> None:
    """One insertion, deletion, substitution or adjacent swap is one edit."""
    assert is_one_edit(word, target) is expected


def test_index_prefers_the_same_length() -> None:
    """Between candidates, a changed letter wins over an added or dropped one."""
    index = SpellingIndex(known_words=["vakta", "vakter"], target_words=["vakta", "vakter"])

    assert index.correct("vaktr") == "vakta"
