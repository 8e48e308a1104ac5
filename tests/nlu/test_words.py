"""The word tables: consistent with each other and with the spelling index."""

from __future__ import annotations

import re

from nlu import words
from nlu.spelling import correct_word, is_known


def test_every_pattern_compiles() -> None:
    """Every word pattern is a valid regular expression."""
    for pattern in words.ALL_PATTERNS:
        re.compile(pattern)


def test_keywords_are_known() -> None:
    """The spelling correction never changes a keyword."""
    changed = [word for word in words.KEYWORDS if correct_word(word) != word]

    assert changed == []


def test_yes_and_no_words_are_known() -> None:
    """The words of yes and no replies are never corrected into command words."""
    phrases = words.CONFIRM_PHRASES | words.DECLINE_PHRASES
    unknown = [
        word
        for phrase in phrases
        for word in phrase.split()
        if word.isalpha() and not is_known(word)
    ]

    assert unknown == []


def test_weekday_abbreviations_are_unique() -> None:
    """No abbreviation is also a full weekday name or a month abbreviation."""
    other_words = set(words.WEEKDAYS) | set(words.MONTH_ABBREVIATIONS)
    clashes = set(words.WEEKDAY_ABBREVIATIONS) & other_words

    assert clashes == set()


def test_number_words_count_one_to_twelve() -> None:
    """Number words cover one to twelve."""
    assert set(words.NUMBER_WORDS.values()) == set(range(1, 13))
