"""Relative day counts («om tre dager», «in 2 weeks», «3 dager siden») through dateparser.

The contract's expressions are all handled by the grammar in `dates`; these
counts are not in it. dateparser reads them well but takes milliseconds per
call, so it gets only the matched phrase, and only when the grammar found no date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import dateparser

from nlu import words
from nlu.date_patterns import alternatives

logger = logging.getLogger(__name__)

COUNT = rf"(?:\d{{1,3}}|{alternatives(words.NUMBER_WORDS)})"
UNIT = r"(?:dag|dager|dagar|døgn|uke|uker|veke|veker|days?|weeks?)"
RELATIVE_COUNT = re.compile(
    rf"\b(?:om|in)\s+{COUNT}\s+{UNIT}\b|\b{COUNT}\s+{UNIT}\s+(?:siden|sidan|ago)\b"
)
SETTINGS = {"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}


def find_relative_count(text: str, today: dt.date) -> tuple[int, int, dt.date] | None:
    """Return the span and the day of a relative day count in `text`, or None."""
    match = RELATIVE_COUNT.search(text)
    if match is None:
        return None
    base = dt.datetime.combine(today, dt.time(12))
    try:
        parsed = dateparser.parse(match.group(0), languages=["nb", "en"],
                                  settings={**SETTINGS, "RELATIVE_BASE": base})
    except Exception:  # dateparser raises assorted errors on odd input; the phrase is skipped
        logger.debug("dateparser failed on a relative day count", exc_info=True)
        return None
    if not isinstance(parsed, dt.datetime):
        return None
    return match.start(), match.end(), parsed.date()
