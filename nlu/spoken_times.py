"""Spoken times of day, «halv fire», «kvart på ti» or «half past three», rewritten as clock times.

The time rules of `slots` read digits only, so «kan ikke jobbe etter halv fire» would
lose its time and free the whole day. The message is rewritten to «etter kl 15:30»
before any rule reads it.
"""

from __future__ import annotations

import datetime as dt
import re

from nlu import words
from nlu.date_patterns import alternatives

# Norwegian hour words from one to twelve; «to» counts too, since it is «two» only here.
HOUR_WORDS = {word: hour for word, hour in words.NUMBER_WORDS.items() if hour <= 12}
SPOKEN_HOUR = rf"(?P<hour>\d{{1,2}}|{alternatives(HOUR_WORDS)})"
# «halv fire» is half an hour before four, «kvart over tre» a quarter after three and
# «kvart på fire» a quarter before four, as in Norwegian speech. In English «half past
# three» is half an hour after three, and «a quarter to four» a quarter before four.
SPOKEN_TIME_RULE = re.compile(
    r"\b(?:a\s+)?(?P<form>halv|kvart\s+over|kvart\s+på|kvart\s+paa|half\s+past|quarter\s+past"
    rf"|quarter\s+to)\s+{SPOKEN_HOUR}\b(?![.:/])"
)
MINUTES_FROM_HOUR = {
    "halv": -30,
    "kvart over": 15,
    "kvart på": -15,
    "kvart paa": -15,
    "half past": 30,
    "quarter past": 15,
    "quarter to": -15,
}
# An hour from one to six in a spoken time is read in the afternoon, because work
# starts and ends then far more often than in the night: «halv fire» is 15:30.
LAST_AFTERNOON_HOUR = 6


def spoken_time(form: str, hour_written: str) -> dt.time | None:
    """Return the time of «halv fire» as 15:30, or None for an hour that is not 1 to 12."""
    hour = int(hour_written) if hour_written.isdigit() else HOUR_WORDS[hour_written]
    if not 1 <= hour <= 12:
        return None
    if hour <= LAST_AFTERNOON_HOUR:
        hour += 12
    minutes = hour * 60 + MINUTES_FROM_HOUR[" ".join(form.split())]
    return dt.time(minutes // 60 % 24, minutes % 60)


def as_clock_times(text: str) -> str:
    """Return `text` with each spoken time written as a clock time: «før halv ti» → «før kl 09:30».

    A spoken time with an hour that no clock shows («halv 14») is left as written.
    """

    def clock_time(match: re.Match[str]) -> str:
        time = spoken_time(match["form"], match["hour"])
        return match.group(0) if time is None else f"kl {time:%H:%M}"

    return SPOKEN_TIME_RULE.sub(clock_time, text)


# Hour words after a word of time, read as the digits they stand for: «etter fem» is
# «etter 5», which the bare-hour rule reads as 17:00, as «etter 5» is. «en», «ei» and
# «ein» are left out, because after «til» or «fra» they are mostly articles («til en
# kollega»), and so is a count of days or weeks after the word («etter fem dager»).
TIME_WORD_HOURS = {
    word: hour for word, hour in HOUR_WORDS.items() if word not in ("en", "ei", "ein")
}
NOT_A_COUNT = r"(?!\s*(?:dag|døgn|uke|veke|time|min|måned|månad|mnd|år|day|week|hour|month|year))"
TIME_WORD_HOUR = rf"(?P<{{group}}>{alternatives(TIME_WORD_HOURS)})\b{NOT_A_COUNT}"
HOUR_WORD_AFTER_TIME_WORD_RULE = re.compile(
    r"\b(?:etter|før|fra|frå|til|innen|after|before|from|until)\s+"
    + TIME_WORD_HOUR.format(group="hour")
)
# Both hours of «mellom tre og fem» and «from three to five», whose «mellom», «og» and
# «to» are no words of time by themselves: «mellom to vakter» is left as written.
HOUR_WORD_RANGE_RULE = re.compile(
    rf"\b(?:mellom|between|from)\s+(?P<first>\d{{1,2}}|{alternatives(TIME_WORD_HOURS)})\s+"
    r"(?:og|and|to)\s+" + TIME_WORD_HOUR.format(group="hour")
)


# A message of only an hour word, «fem», which answers the question for a time as «5» does.
ONLY_HOUR_WORD_RULE = re.compile(
    rf"\s*(?P<hour>{alternatives(TIME_WORD_HOURS)})\s*[.!]?\s*", re.IGNORECASE
)


def as_digit_hours(text: str) -> str:
    """Return `text` with hour words after a word of time as digits: «etter fem» → «etter 5».

    The time rules of `slots` then read them as they read digits, the bare-hour rule
    included, and a count such as «om fem dager» is left as written. A message of only
    an hour word («fem») becomes its digits too.
    """
    only_hour = ONLY_HOUR_WORD_RULE.fullmatch(text)
    if only_hour is not None:
        return str(HOUR_WORDS[only_hour["hour"].lower()])
    return HOUR_WORD_AFTER_TIME_WORD_RULE.sub(
        _with_digit_hours, HOUR_WORD_RANGE_RULE.sub(_with_digit_hours, text)
    )


def _with_digit_hours(match: re.Match[str]) -> str:
    """Return the matched text with each hour word of its groups written as digits."""
    written = match.group(0)
    groups = [name for name in ("first", "hour") if name in match.re.groupindex]
    for name in reversed(groups):
        if match[name] not in HOUR_WORDS:
            continue
        start = match.start(name) - match.start()
        end = match.end(name) - match.start()
        written = written[:start] + str(HOUR_WORDS[match[name]]) + written[end:]
    return written


# A spoken time left unread: «halv», «kvart» or «half past» with an hour past twelve
# («halv 14»), or an hour word after «etter», «før» or their English words that
# `as_digit_hours` leaves as written («etter en»), which may be an article. A count of
# days or weeks after it («etter fem dager») is no time.
UNREAD_TIME_RULE = re.compile(
    r"\b(?:halv|kvart|half\s+past|quarter\s+(?:past|to))\b"
    rf"|\b(?:etter|før|after|before)\s+(?:{alternatives(HOUR_WORDS)})\b{NOT_A_COUNT}"
)


def has_unread_time(text: str) -> bool:
    """Tell whether `text`, rewritten by `as_clock_times`, still holds a spoken time."""
    return UNREAD_TIME_RULE.search(text) is not None
