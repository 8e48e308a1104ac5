"""Short replies within a conversation: yes, no, and fragments that amend a pending request.

The core sends questions («Gjelder det fredag 20. november?») and keeps the
request it is building. A reply that is only a yes or a no confirms or declines
it; «og fredag også» adds days to it, and «nei, torsdag» replaces its days.
"""

from __future__ import annotations

import re

from core.commands import Amendment, DayPartAnswer, Intent
from nlu import words
from nlu.dates import DateMention
from nlu.slots import shift_positions

WORD_OR_EMOJI = re.compile(r"[\w']+|[👍✅✔👎❌✖]")
CONFIRM_EMOJI = frozenset("👍✅✔")
DECLINE_EMOJI = frozenset("👎❌✖")

ADDS = re.compile(
    r"^(?:og|and|\+|pluss|plus)\b|\b(?:også|ogso|òg|too|also|dessuten|"
    r"i\s+tillegg|as\s+well)\b"
)
REPLACES = re.compile(
    r"^(?:nei|no|nope|sorry|unnskyld|beklager|oi|oops|feil|ikke|ikkje|not)\b|"
    r"\b(?:i\s+stedet|istedet|i\s+staden|instead|heller|mente|meinte|meant|"
    r"skulle\s+(?:vært|vere|være))\b"
)
# In «ikke fredag, torsdag» the days before the comma are the ones taken back.
NEGATED_PART = re.compile(r"^(?:nei\W+)?(?:ikke|ikkje|not)\b[^,;]*?(?:,|;|\bmen\b|\bbut\b)")
FILLER_WORDS = words.word_set("""
og også ogso òg and also too as well i tillegg dessuten pluss plus nei no nope ikke ikkje
not jeg eg mente meinte meant heller stedet istedet staden instead sorry unnskyld beklager
oi oops feil på den det var skulle vært være vere be should have been it was så da ja men
but the on vakt vakta vakten shift
""")


def reply_to_question(text: str, original: str) -> Intent | None:
    """Return CONFIRM or DECLINE when the whole message is a yes or a no, else None."""
    phrase = " ".join(WORD_OR_EMOJI.findall(text))
    if phrase in words.CONFIRM_PHRASES:
        return Intent.CONFIRM
    if phrase in words.DECLINE_PHRASES:
        return Intent.DECLINE
    if phrase:
        return None
    symbols = {character for character in original if not character.isspace()}
    if symbols and symbols <= CONFIRM_EMOJI | set("!."):
        return Intent.CONFIRM if symbols & CONFIRM_EMOJI else None
    if symbols and symbols <= DECLINE_EMOJI | set("!."):
        return Intent.DECLINE if symbols & DECLINE_EMOJI else None
    return None


# Whole messages that answer «before or after that time, or the whole day?».
DAY_PART_ANSWERS = {
    **dict.fromkeys(["før", "før det", "before", "before that"], DayPartAnswer.BEFORE),
    **dict.fromkeys(["etter", "etter det", "after", "after that"], DayPartAnswer.AFTER),
    **dict.fromkeys(
        [
            "hele dagen",
            "heile dagen",
            "hele dag",
            "heile dag",
            "whole day",
            "the whole day",
            "all day",
        ],
        DayPartAnswer.WHOLE_DAY,
    ),
}


def day_part_answer(text: str) -> DayPartAnswer | None:
    """Return the part of the day that a message of only «før», «etter» or «hele dagen» names."""
    return DAY_PART_ANSWERS.get(" ".join(WORD_OR_EMOJI.findall(text)))


def amendment(text: str, mentions: list[DateMention]) -> Amendment | None:
    """Return how a message made only of amendment words and dates changes a pending request."""
    if not mentions or not only_filler(text, mentions):
        return None
    if REPLACES.search(text):
        return Amendment.REPLACE
    if ADDS.search(text):
        return Amendment.ADD
    return None


def negated_part(text: str) -> tuple[int, int] | None:
    """Return the span of «ikke fredag,» in «ikke fredag, torsdag»: the days taken back."""
    negated = NEGATED_PART.search(text)
    return None if negated is None else negated.span()


def only_filler(text: str, mentions: list[DateMention]) -> bool:
    """Tell whether every word outside the dates is an amendment word or a shift word."""
    residue = blank_spans(text, [(mention.start, mention.end) for mention in mentions])
    shift_spans = [(position, position + 1) for position, _ in shift_positions(residue)]
    for match in re.finditer(r"[^\W\d_]+(?:'[^\W\d_]+)?", residue):
        if match.group(0) in FILLER_WORDS:
            continue
        if any(start == match.start() for start, _ in shift_spans):
            continue
        return False
    return True


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Return `text` with each span replaced by spaces, so that positions stay the same."""
    characters = list(text)
    for start, end in spans:
        characters[start:end] = " " * (end - start)
    return "".join(characters)
