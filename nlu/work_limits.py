"""«Kan bare jobbe til 15», rewritten as the unavailability it means: «kan ikke jobbe etter 15».

Saying when one can work names the rest of the day as the time one cannot. The
unavailability rules read «kan ikke jobbe etter/før», so the message is rewritten to
that form before any rule reads it:

- «kan bare jobbe til 15» → «kan ikke jobbe etter 15»;
- «kan bare jobbe fra 10» → «kan ikke jobbe før 10»;
- «kan bare jobbe mellom 10 og 15» or «fra 10 til 15» → «kan ikke jobbe før 10 eller etter 15».
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


def as_unavailability(text: str) -> str:
    """Return `text` with «kan bare jobbe …» written as «kan ikke jobbe …»."""
    text = BETWEEN_RULE.sub(
        lambda match: f"kan ikke jobbe før {match['start']} eller etter {match['end']}", text
    )
    text = UNTIL_RULE.sub(lambda match: f"kan ikke jobbe etter {match['end']}", text)
    return FROM_RULE.sub(lambda match: f"kan ikke jobbe før {match['start']}", text)
