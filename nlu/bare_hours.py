"""Bare hours from one to six, as in «etter 3» or «fra 2 til 4», read in the afternoon.

In a working day «kan ikke jobbe etter 3» means 15:00: work starts and ends in the
afternoon far more often than in the night, as `spoken_times` reads «halv fire» as
15:30. The read-back shows the time read, so a user who meant 03:00 sees it before
confirming. An hour written with «kl», minutes or am/pm, or in a message about the
night or the morning («etter 3 om natta», «nattevakt»), is read as written.
"""

from __future__ import annotations

import datetime as dt
import re

from nlu.spoken_times import LAST_AFTERNOON_HOUR

AFTERNOON = 12
# Words for the night or the morning, which keep a small hour as written. «i morgen»
# (tomorrow) is no such word, but «om morgenen» (in the morning) is.
NIGHT_OR_MORNING_RULE = re.compile(
    r"\b(?:natt\w*|nattevakt\w*|nattvakt\w*|night\w*|morgenen|morgonen|morran|mårran"
    r"|morning|formiddag\w*|føremiddag\w*)\b"
)


def is_about_night_or_morning(text: str) -> bool:
    """Tell whether the message names the night or the morning, or a night shift."""
    return NIGHT_OR_MORNING_RULE.search(text) is not None


def afternoon_time(time: dt.time, text: str) -> dt.time:
    """Return a bare hour from one to six in the afternoon: 3 gives 15:00.

    `time` must be an hour written without «kl», minutes or am/pm. Another hour, or
    one in a message about the night or the morning, is returned as it is.
    """
    if not 1 <= time.hour <= LAST_AFTERNOON_HOUR or is_about_night_or_morning(text):
        return time
    return time.replace(hour=time.hour + AFTERNOON)


def afternoon_range(
    start: dt.time,
    end: dt.time,
    text: str,
    *,
    start_is_bare_hour: bool,
    end_is_bare_hour: bool,
) -> tuple[dt.time, dt.time]:
    """Return a range of bare times read in the afternoon: «fra 2 til 4» gives 14:00–16:00.

    The caller checks that neither time has «kl» or am/pm, and sets `*_is_bare_hour`
    when that time also has no minutes. The end moves to the afternoon in two cases.
    It is a bare hour from one to six after a daytime start («fra 10 til 3» ends at
    15:00). Or the start moved past it («fra 5 til 8» is 17:00–20:00, and «fra 2 til
    4.30» ends at 16:30). An end that would then come before the start stays as written, so
    «mellom 22 og 6» still runs over midnight.
    """
    if is_about_night_or_morning(text):
        return start, end
    read_start = afternoon_time(start, text) if start_is_bare_hour else start
    start_moved = read_start != start
    end_in_afternoon = end.replace(hour=end.hour + AFTERNOON) if end.hour < AFTERNOON else end
    after_daytime_start = (
        end_is_bare_hour
        and 1 <= end.hour <= LAST_AFTERNOON_HOUR
        and read_start.hour > LAST_AFTERNOON_HOUR
    )
    before_moved_start = start_moved and end < read_start
    if end_in_afternoon > read_start and (after_daytime_start or before_moved_start):
        return read_start, end_in_afternoon
    return read_start, end
