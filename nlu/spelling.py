"""Spelling correction of single words: missing æ, ø and å, and one-edit typos.

A word that the parser reads is never changed. Any other word of four letters
or more is replaced by a known word that it matches once æ, ø and å are written
the ASCII way («lordag», «foresporsel», «paaske»), or else by a known word one
edit away (one letter added, dropped, changed, or two neighbours swapped). The
edit search uses a deletion index, so a lookup costs a few dictionary probes.
A three-letter command word is too short for that search, because most one-edit
neighbours of «syk» or «kan» are other words, so only a doubled letter is undone
there: «syyk», «kann».
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from nlu import intents, words

MINIMUM_LENGTH = 4

# The spellings of æ, ø and å by a writer without a Norwegian keyboard.
ASCII_SPELLINGS: dict[str, tuple[str, ...]] = {
    "æ": ("ae", "a", "e"),
    "ø": ("o", "oe"),
    "å": ("a", "aa"),
}


def ascii_variants(word: str) -> set[str]:
    """Return every spelling of `word` with æ, ø and å written the ASCII way."""
    choices = [(letter, *ASCII_SPELLINGS.get(letter, ())) for letter in word]
    if all(len(options) == 1 for options in choices):
        return set()
    return {"".join(parts) for parts in itertools.product(*choices)} - {word}


def doubled_letters(word: str) -> set[str]:
    """Return the spellings of `word` with one of its letters written twice («syk» → «syyk»)."""
    return {word[:index] + word[index] + word[index:] for index in range(len(word))}


def single_deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


class SpellingIndex:
    """Known words, their ASCII spellings and a deletion index for one-edit lookups."""

    def __init__(self, known_words: Iterable[str], target_words: Iterable[str]) -> None:
        self.known_words = frozenset(known_words)
        self.ascii_spellings: dict[str, str] = {}
        self.doubled_letter_spellings: dict[str, str] = {}
        self.deletions: dict[str, set[str]] = {}
        for word in sorted(set(target_words)):
            if len(word) == MINIMUM_LENGTH - 1 and word.isalpha():
                for doubled in doubled_letters(word):
                    self.doubled_letter_spellings.setdefault(doubled, word)
            if len(word) < MINIMUM_LENGTH or not word.isalpha():
                continue
            for variant in ascii_variants(word):
                self.ascii_spellings.setdefault(variant, word)
            for deleted in single_deletions(word):
                self.deletions.setdefault(deleted, set()).add(word)
            self.deletions.setdefault(word, set()).add(word)

    def correct(self, word: str) -> str:
        """Return the known word meant by `word`, or `word` itself when none is near."""
        if word in self.known_words or len(word) < MINIMUM_LENGTH or not word.isalpha():
            return word
        restored = self.ascii_spellings.get(word) or self.doubled_letter_spellings.get(word)
        if restored is not None:
            return restored
        candidates = self.one_edit_candidates(word)
        if not candidates:
            return word
        return min(candidates, key=lambda candidate: (abs(len(candidate) - len(word)), candidate))

    def one_edit_candidates(self, word: str) -> set[str]:
        """Return the target words one insertion, deletion, substitution or swap from `word`."""
        candidates = set(self.deletions.get(word, ()))  # a letter too few
        for deleted in single_deletions(word):
            for target in self.deletions.get(deleted, ()):
                if is_one_edit(word, target):
                    candidates.add(target)
        return candidates


def is_one_edit(word: str, target: str) -> bool:
    """Tell whether `target` is one insertion, deletion, substitution or adjacent swap away."""
    if abs(len(word) - len(target)) > 1 or word == target:
        return False
    if len(word) != len(target):
        shorter, longer = sorted((word, target), key=len)
        return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))
    differences = [index for index in range(len(word)) if word[index] != target[index]]
    if len(differences) == 1:
        return True
    first, second = differences[0], differences[-1]
    return (
        len(differences) == 2
        and second == first + 1
        and word[first] == target[second]
        and word[second] == target[first]
    )


def pattern_words(patterns: Iterable[str]) -> set[str]:
    """Return the literal words of regular expressions, which the grammar must see unchanged."""
    found: set[str] = set()
    for pattern in patterns:
        without_escapes = re.sub(r"\\[A-Za-z]", " ", pattern)  # \b, \s, \w are no words
        found |= set(re.findall(r"[a-zæøå']{2,}", without_escapes))
    return found


def target_words() -> frozenset[str]:
    """Return the command, weekday and month words that a misspelt word may become."""
    return frozenset(words.KEYWORDS | set(words.MONTHS) | set(words.WEEKDAYS))


def grammar_words() -> frozenset[str]:
    """Return every word the grammar reads, including the words of its own patterns."""
    known = set(target_words()) | words.COMMON_WORDS | set(words.NUMBER_WORDS)
    known |= set(words.WEEKDAY_ABBREVIATIONS) | set(words.MONTH_ABBREVIATIONS)
    for phrase in words.CONFIRM_PHRASES | words.DECLINE_PHRASES:
        known |= set(phrase.split())
    known |= pattern_words(words.ALL_PATTERNS) | pattern_words(intents.PATTERN_TEXTS)
    return frozenset(known)


GRAMMAR_WORDS = grammar_words()
# Everyday words are left as written but are not understood (see `is_understood`).
INDEX = SpellingIndex(GRAMMAR_WORDS | words.EVERYDAY_WORDS, target_words())


@lru_cache(maxsize=8192)
def correct_word(word: str) -> str:
    """Return the known word meant by the lower-case `word` (cached)."""
    return INDEX.correct(word)


def is_known(word: str) -> bool:
    return word in INDEX.known_words


def is_understood(word: str) -> bool:
    """Tell whether `word` belongs to the grammar, unlike an everyday word that it ignores."""
    return word in GRAMMAR_WORDS
