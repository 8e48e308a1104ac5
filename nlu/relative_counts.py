"""Count days and weeks from today with dateparser: the day of «om tre dager» or «2 uker siden».

The grammar in `date_patterns` finds the phrase and reads its count, unit and
direction, because dateparser's Norwegian data (version 1.5) lacks nynorsk
(«om tre dagar», «to veker sidan») and number words such as «elleve» and «syv».
dateparser then counts from today in Oslo. It is given the phrase in English
(«in 3 days», «2 weeks ago»), so that a count gives the same day whichever
language it was written in.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache
from typing import Literal

logger = logging.getLogger(__name__)

CountUnit = Literal["days", "weeks"]

# Noon, so that a daylight-saving change on the way cannot move the counted day.
NOON = dt.time(12)
# Messages repeat the same few counts («om to uker»), so a thousand pairs of
# phrase and day cover many days of chat.
CACHE_SIZE = 1024


class CountFailed(Exception):
    """dateparser raised on a count, so the phrase gives no date."""


def count_from(today: dt.date, count: int, unit: CountUnit, *, ahead: bool) -> dt.date | None:
    """Return the day `count` days or weeks after `today`, or before it unless `ahead`.

    Returns None when dateparser finds no date, which for these phrases happens
    when the day lies outside years 1 to 9999. Raises CountFailed when dateparser
    raises.
    """
    phrase = f"in {count} {unit}" if ahead else f"{count} {unit} ago"
    return parsed_day(phrase, today)


@lru_cache(maxsize=CACHE_SIZE)
def parsed_day(phrase: str, today: dt.date) -> dt.date | None:
    """Return the day that dateparser reads `phrase` as, counted from `today`.

    The result is cached per phrase and day, so a message costs dateparser's
    time only for a phrase it has not counted today.
    """
    # Imported on first use, so a process whose messages count no days never
    # loads dateparser and its language data.
    import dateparser

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(today, NOON),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception as error:  # dateparser raises assorted errors, and the caller skips the phrase
        logger.debug("dateparser failed on a count of days or weeks", exc_info=True)
        raise CountFailed() from error
    return parsed.date() if isinstance(parsed, dt.datetime) else None


def warm_up() -> None:
    """Load dateparser and its English data now, so that the first count is not slow.

    Importing dateparser and its first call, which reads its language data, took
    0.14 s together with dateparser 1.5 on a 2-core Xeon, and a chat reply should
    not wait for that.
    """
    count_from(dt.date(2000, 1, 1), 1, "days", ahead=True)
