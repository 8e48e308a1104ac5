"""Clean a chat message into the lower-case, spell-corrected text that the grammar reads.

Chat platforms add markup (Slack's `<@U123>` mentions and `<url|label>` links,
Markdown emphasis), people add emoji, and a pasted text may hold control
characters. None of it carries a date or a command word, so it becomes spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nlu import words
from nlu.spelling import correct_word

# A chat command is a sentence or two; the grammar reads no further than this,
# which also bounds the work on a pasted document.
MAXIMUM_LENGTH = 2000

DASHES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "−": "-",
        "‒": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
    }
)

SLACK_LINK = re.compile(r"<(?:https?|mailto):[^|>\s]*\|([^>]*)>")
SLACK_MARKUP = re.compile(r"<[^<>\s]{1,80}>")
MARKDOWN = re.compile(r"[*_~]+|'{3}")
# Punctuation that dates, request numbers, ranges and Slack mentions are written
# with, and «%», which marks «37.5%» as a number and not a date. Every other
# character that is not a letter or a digit becomes a space, control characters included.
NOT_KEPT = re.compile(r"[^\w .,\-/#?!'+:&<>@%]|_")
FROM_ON = re.compile(r"\bf\s?\.\s?o\s?\.\s?m\b\.?|\bfom\b\.?", re.IGNORECASE)
TO_ON = re.compile(r"\bt\s?\.\s?o\s?\.\s?m\b\.?", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SHIFT_CODES = frozenset(words.SHIFT_CODES)


@dataclass(frozen=True, slots=True)
class Message:
    """One message as written, cleaned with its case kept, and as the grammar reads it."""

    original: str
    cleaned: str
    text: str


def normalise(original: str) -> Message:
    cleaned = clean(original)
    return Message(original=original, cleaned=cleaned, text=correct_spelling(cleaned))


def clean(original: str) -> str:
    """Return `original` without markup, emoji and control characters, case kept."""
    text = unicodedata.normalize("NFKC", original[:MAXIMUM_LENGTH]).translate(DASHES)
    if "<" in text:
        text = SLACK_LINK.sub(r" \1 ", text)
        text = SLACK_MARKUP.sub(keep_mention, text)
    text = MARKDOWN.sub(" ", text)
    text = NOT_KEPT.sub(" ", text)
    text = FROM_ON.sub(" fom ", text)
    text = TO_ON.sub(" tom ", text)
    return " ".join(text.split())


def keep_mention(match: re.Match[str]) -> str:
    """Keep a Slack user mention as one word so that it can name a person; drop other markup."""
    markup = match.group(0)
    if markup.startswith("<@"):
        return " " + markup + " "
    return " "


def correct_spelling(cleaned: str) -> str:
    """Lower-case `cleaned` and correct its words, except capitalised words inside a sentence.

    A capital letter inside a sentence marks a name («Kari»), which must not be
    «corrected» into a command word. A shift code written as a capital letter
    («N», «D») stays a capital, so that no rule reads it as a word.
    """

    def corrected(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in SHIFT_CODES:
            return word
        lowered = word.lower()
        if word[0].isupper() and not starts_sentence(cleaned, match.start()):
            # «Tor» the name keeps its capital, so that it is not «tor» for Thursday.
            return word if lowered in words.AMBIGUOUS_WEEKDAY_ABBREVIATIONS else lowered
        return correct_word(lowered)

    return WORD.sub(corrected, cleaned)


def starts_sentence(cleaned: str, index: int) -> bool:
    """Tell whether the word at `index` of the single-spaced `cleaned` begins a sentence."""
    before = cleaned[max(0, index - 2) : index].rstrip()
    return before == "" or before[-1] in ".!?:"


def words_of(text: str) -> list[str]:
    return WORD.findall(text)
