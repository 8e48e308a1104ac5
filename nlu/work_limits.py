"""Limits on work: «kan bare jobbe til 15» as unavailability, and limits on a count of shifts.

Saying when one can work names the rest of the day as the time one cannot. The
unavailability rules read «kan ikke jobbe etter/før», so the message is rewritten to
that form before any rule reads it:

- «kan bare jobbe til 15» → «kan ikke jobbe etter 15»;
- «kan bare jobbe fra 10» → «kan ikke jobbe før 10»;
- «kan bare jobbe mellom 10 og 15» or «fra 10 til 15» → «kan ikke jobbe før 10 eller etter 15».

A limit on how many shifts one works («maks to netter per uke») is only recognised,
because no chat command stores it.
"""

from __future__ import annotations

import re

from nlu.date_patterns import MONTH_NAME

CAN_ONLY_WORK = r"\bkan\s+(?:bare|kun|berre)\s+(?:jobbe|arbeide|jobba|arbeida)\s+"
# An hour, with minutes after «.» or «:»; a number followed by a month or a «.» ends a
# date («fra 25. til 28. desember»), which stays a date.
CLOCK = rf"(?:kl\.?\s*)?\d{{1,2}}(?:[.:]\d{{2}})?(?!\d|\.|\s*(?:{MONTH_NAME})\b)"
BETWEEN_RULE = re.compile(
    rf"{CAN_ONLY_WORK}(?:mellom|fra|frå)\s+(?P<start>{CLOCK})\s+(?:og|til)\s+(?P<end>{CLOCK})"
)
UNTIL_RULE = re.compile(rf"{CAN_ONLY_WORK}(?:til|fram\s+til|frem\s+til)\s+(?P<end>{CLOCK})")
# «fra 25 til 28 desember» is a range of days, which the between rule leaves alone.
FROM_RULE = re.compile(
    rf"{CAN_ONLY_WORK}(?:fra|frå|etter)\s+(?P<start>{CLOCK})(?!\s+(?:til|og)\s+\d)"
)


# A limit on how many shifts one works in a week or a month: «mer enn to netter per uke»,
# «maks 3 vakter i uka», «no more than two nights a week». Such a limit names no day,
# and the chat commands store no limit of this kind, so it must not be read as days.
LIMIT_WORD = (
    r"(?:mer|meir|flere|fleire|more)\s+(?:enn|than)|maks(?:imalt|imum)?|max(?:imum)?|"
    r"høyst|høgst|at\s+most|ikke\s+over|ikkje\s+over"
)
COUNT = (
    r"(?:\d{1,2}|en|ei|ett|eitt|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|"
    r"one|two|three|four|five|six|seven)"
)
# The shift words in their Norwegian and English inflections: «netter», «nattevakter»,
# «kvelder», «helger», «nights», «shifts». An adjective may come first: «to lange vakter».
SHIFTS = (
    r"(?:[^\W\d_]+\s+)?(?:[^\W\d_]*vakt[^\W\d_]*|natt[^\W\d_]*|nett[^\W\d_]*|"
    r"kveld[^\W\d_]*|dag(?:er|ar)?|helg[^\W\d_]*|nights?|shifts?|evenings?|days?|weekends?)"
)
PERIOD = (
    r"(?:per|pr\.?|hver|kvar|every|each|a)\s+(?:uke|veke|måned|månad|week|month)|"
    r"i\s+(?:uka|uken|veka|måneden|månaden)|(?:i|på)\s+(?:en|ei)\s+(?:uke|veke)"
)
SHIFT_COUNT_LIMIT = re.compile(rf"\b(?:{LIMIT_WORD})\s+{COUNT}\s+{SHIFTS}\s+(?:{PERIOD})\b")


def states_shift_count_limit(text: str) -> bool:
    """Tell whether the message limits how many shifts one works per week or month."""
    return SHIFT_COUNT_LIMIT.search(text) is not None


def as_unavailability(text: str) -> str:
    """Return `text` with «kan bare jobbe …» written as «kan ikke jobbe …»."""
    text = BETWEEN_RULE.sub(
        lambda match: f"kan ikke jobbe før {match['start']} eller etter {match['end']}", text
    )
    text = UNTIL_RULE.sub(lambda match: f"kan ikke jobbe etter {match['end']}", text)
    return FROM_RULE.sub(lambda match: f"kan ikke jobbe før {match['start']}", text)
