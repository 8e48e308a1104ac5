"""Read the details of a command: shift, absence, preference, person and request number."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from core.commands import AbsenceKind, PartOfDay, Preference, ShiftKind
from nlu import bare_hours, words
from nlu.intents import any_of, rule
from nlu.spelling import is_known

SHIFT_WORD = rule(
    "|".join(
        f"(?P<{kind.name}>{any_of(patterns)})" for kind, patterns in words.SHIFT_PATTERNS.items()
    )
)
DAY_WORD = re.compile(r"\bdag\b(?![-.]\d)")
# Shift codes stay upper case in the normalised text (see `normalise`), so they
# cannot be confused with the words «a» or «i».
SHIFT_CODE = re.compile(r"(?<![\w'-])([DAKNL])(?![\w'])")
ENGLISH_MARKERS = re.compile(r"\b(?:the|my|can|shift|work|please|swap|with|take|you|is|on)\b")
# One expression per priority: any sick-child word wins over the other absence
# words, and among those the first in the message wins.
CHILD_SICK_RULE = rule(
    any_of([pattern for kind, pattern in words.ABSENCE_PATTERNS if kind is AbsenceKind.CHILD_SICK])
)
OTHER_ABSENCE_RULE = rule(
    "|".join(
        f"(?P<{kind.name}>{pattern})"
        for kind, pattern in words.ABSENCE_PATTERNS
        if kind is not AbsenceKind.CHILD_SICK
    )
)
OFF_RULE = rule(any_of(words.OFF_PATTERNS))
PAST_TENSE_RULE = rule(any_of(words.PAST_TENSE_PATTERNS))
NEGATION_PREFIX = (
    rf"(?:{any_of(words.NEGATION_PATTERNS)})\s+"
    rf"(?:(?:{any_of(words.NEGATION_FILLER_PATTERNS)})\s+){{0,3}}"
)
# The sick-child words come first, so that «ikke sykt barn» ends where «sykt barn» ends.
NEGATED_ABSENCE_RULE = rule(
    NEGATION_PREFIX
    + "(?:"
    + any_of([pattern for _, pattern in words.ABSENCE_PATTERNS])
    + ")"
    + r"|no\s+(?:more\s+)?(?:"
    + any_of(words.NO_NEGATED_ABSENCE_PATTERNS)
    + ")"
)
NEGATED_OFF_RULE = rule(NEGATION_PREFIX + "(?:" + any_of(words.NEGATED_OFF_PATTERNS) + ")")
RECOVERED_RULE = rule(any_of(words.RECOVERED_PATTERNS))

NAME_WORD = r"(?:[A-ZÆØÅ][a-zæøåéèüäöA-ZÆØÅ'-]*[a-zæøåéèüäö]|<@[A-Z0-9]+>)"
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}"
NAME_AFTER_PREPOSITION = re.compile(rf"\b(?:med|til|mot|with|for|åt|against)\s+({NAME})")
NAME_BEFORE_POSSESSIVE = re.compile(rf"({NAME})(?:\s+(?:sin|si|sitt|sine)\b|'s\b)")
TRAILING_NAME = re.compile(rf",\s*({NAME})\s*[?.!]*\s*$")
LEADING_NAME = re.compile(rf"^\s*({NAME})(?:\s*[,:]|\s+og\s+(?:jeg|eg|I)\b)")
# A name alone answers the core's question «Who do you want to swap with?».
ONLY_NAME = re.compile(rf"^\s*({NAME})\s*[.!?]*\s*$")
SCHEDULE_SUBJECT = re.compile(rf"\b(?i:jobber|jobbar|arbeider)\s+({NAME})")
# Capitalised words that are not names even where a name may stand.
NOT_NAMES = frozenset(
    {
        *words.WEEKDAYS,
        *words.STANDALONE_MONTHS,
        "jeg",
        "eg",
        "du",
        "han",
        "hun",
        "ho",
        "vi",
        "dere",
        "de",
        "meg",
        "deg",
        "oss",
        "dem",
        "henne",
        "ham",
        "honom",
        "i",
        "you",
        "me",
        "him",
        "her",
        "we",
        "they",
        "the",
        "a",
        "uke",
        "veke",
        "turnus",
        "turnusen",
        "vakt",
        "vakta",
        "vakten",
        "hei",
        "hallo",
        "ok",
        "ja",
        "nei",
        "takk",
        "hjelp",
        "kan",
        "vil",
        "skal",
        "noen",
        "alle",
        "ingen",
        "hvem",
        "når",
        "hva",
        "jul",
        "påske",
        "dag",
        "natt",
        "kveld",
        "ferie",
        "bytte",
        "bytt",
        "godkjenn",
        "avslå",
        "lag",
        "vis",
        "publiser",
        "kurs",
        "sykmeldt",
        "syk",
        "mandagen",
        "helgen",
        "helga",
        "nav",
    }
)

EXPLICIT_REQUEST_NUMBER = re.compile(
    r"(?:#\s*|\bnr\.?\s*|\bnummer\s+|\bno\.\s*|\b(?:bytte|byttet|forespørsel\w*|søknad\w*|"
    r"request|sak|saken|ønske)\s+(?:nr\.?\s*|#\s*)?)(\d{1,6})(?![\w])"
)
BARE_NUMBER = re.compile(r"(?<![\w.,/:-])(\d{1,6})(?![\w/:-]|[.,]\d)")
# A request number alone («42», «#42», «nr. 42») answers the question «Which request?».
ONLY_REQUEST_NUMBER = re.compile(r"\s*(?:#\s*|nr\.?\s*|nummer\s+)?\d{1,6}\s*[.!?]*\s*")


@lru_cache(maxsize=64)
def shift_positions(text: str) -> tuple[tuple[int, ShiftKind], ...]:
    """Return each shift word in `text` with its position, in order of position."""
    found = [
        (match.start(), ShiftKind[match.lastgroup or ""]) for match in SHIFT_WORD.finditer(text)
    ]
    found += [
        (match.start(), ShiftKind.DAY)
        for match in DAY_WORD.finditer(text)
        if names_day_shift(text, match.start())
    ]
    english = ENGLISH_MARKERS.search(text) is not None
    for match in SHIFT_CODE.finditer(text):
        if match.group(1) == "A" and english:
            continue  # the article «a», not the evening code
        found.append((match.start(), words.SHIFT_CODES[match.group(1)]))
    return tuple(sorted(found, key=lambda item: item[0]))


def names_day_shift(text: str, position: int) -> bool:
    """Tell whether «dag» at `position` is the day shift, not part of «i dag» or «hver dag»."""
    previous = text[max(0, position - 12) : position].split()
    return not previous or previous[-1] not in words.DAY_NOT_SHIFT_BEFORE


def first_shift(text: str, start: int = 0, end: int | None = None) -> ShiftKind | None:
    """Return the first shift named between `start` and `end` in `text`."""
    stop = len(text) if end is None else end
    for position, kind in shift_positions(text):
        if start <= position < stop:
            return kind
    return None


def absence_kind(text: str) -> AbsenceKind | None:
    """Return the absence a message names: a sick child first, else the first absence word.

    Negated absence words count only when every absence word is negated, so
    «ikke sykt barn, men syk selv» names sick leave and «ikke syk» still names it.
    """
    negated = _negated_spans(text)
    stated = [match for match in _absence_matches(text) if not _is_negated(match.span(), negated)]
    return _first_kind(stated or _absence_matches(text))


def negated_absence_kind(text: str) -> AbsenceKind | None:
    """Return the absence a message negates next to one it states, or None.

    In «ikke sykt barn, men syk selv» it is the sick child. A message whose
    absence words are all negated takes the absence back instead, see
    `takes_absence_back`.
    """
    negated = _negated_spans(text)
    matches = _absence_matches(text)
    if all(_is_negated(match.span(), negated) for match in matches):
        return None
    return _first_kind([match for match in matches if _is_negated(match.span(), negated)])


def _absence_matches(text: str) -> list[re.Match[str]]:
    """Return the matches of the sick-child words, then those of the other absence words."""
    return [
        *CHILD_SICK_RULE.finditer(text),
        *OTHER_ABSENCE_RULE.finditer(text),
    ]


def _first_kind(matches: list[re.Match[str]]) -> AbsenceKind | None:
    """Return a sick child if a match names one, else the kind of the first match in the text."""
    if not matches:
        return None
    child_sick = [match for match in matches if match.re is CHILD_SICK_RULE]
    if child_sick:
        return AbsenceKind.CHILD_SICK
    first = min(matches, key=lambda match: match.start())
    return AbsenceKind[first.lastgroup or ""]


def _negated_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in NEGATED_ABSENCE_RULE.finditer(text)]


def takes_absence_back(text: str, *, wish: bool) -> bool:
    """Tell whether the message negates its absence, or says the sender is well again.

    Every absence word must be negated: in «Ferie i juli, ikke avspasering» the
    vacation stands. An absence word counts as negated when a negation ends where it
    ends («barnet er ikke sykt») or when it lies inside a negated phrase: the «sykt»
    of «ikke sykt barn» is also a sick-leave word. In a wish, a negated «fri» counts
    too («Vil ikke ha fri fredag»).
    """
    if RECOVERED_RULE.search(text):
        return True
    negated = _negated_spans(text)
    absences = [match.span() for match in _absence_matches(text)]
    if negated and all(_is_negated(absence, negated) for absence in absences):
        return True
    return wish and NEGATED_OFF_RULE.search(text) is not None


def _is_negated(absence: tuple[int, int], negated: list[tuple[int, int]]) -> bool:
    start, end = absence
    return any(
        end == negated_end or (negated_start <= start and end <= negated_end)
        for negated_start, negated_end in negated
    )


def reports_recovery(text: str) -> bool:
    """Tell whether the message reports that the sender is well again («frisk igjen»)."""
    return RECOVERED_RULE.search(text) is not None


# Words that ask to plan a roster that exists again, as opposed to making a new one.
PLAN_AGAIN_RULE = rule(
    any_of(
        [
            r"forbedr\w*",
            r"forbetr\w*",
            r"optimaliser\w*",
            r"reoptimaliser\w*",
            r"på\s+nytt",
            r"på\s+ny",
            r"om\s+igjen",
            r"igjen",
            r"improve\w*",
            r"re-?optimi[sz]e\w*",
            r"optimi[sz]e\w*",
            r"again",
        ]
    )
)


def asks_to_plan_again(text: str) -> bool:
    """Tell whether a roster command asks to plan a roster again («forbedre turnusen»)."""
    return PLAN_AGAIN_RULE.search(text) is not None


def preference(text: str) -> Preference:
    """Return whether a wish requests time off or work."""
    return Preference.OFF if OFF_RULE.search(text) else Preference.WORK


# A time of day after «kl», «klokka» or «klokken», written with a colon, or in English
# with am or pm: «kl 15», «kl. 15.30», «klokka 9», «15:00», «3 pm», «3:30pm». Elsewhere
# a bare number is a date or a count, but after «etter» or «før» see `BARE_TIME`.
CLOCK_TIME = (
    r"(?:(?:kl\.?|klokka|klokken|klokkå)\s*(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
    r"|(?P<meridiem_hour>\d{1,2})(?::(?P<meridiem_minute>\d{2}))?\s*"
    r"(?P<meridiem>am|pm|a\.m\.|p\.m\.)(?![\w.])"
    r"|(?P<colon_hour>\d{1,2}):(?P<colon_minute>\d{2}))"
)
CLOCK_TIME_RULE = re.compile(rf"\b{CLOCK_TIME}")
# After a word of time, a bare hour from 0 to 23 is a time too: «etter 15», «før 10»,
# «from 16.30». A number that a date or a count goes on with is not: «etter 15. mai»,
# «fra 3/5», «etter 2 uker». Dates without the dot («fra 3 til 5 mai») are left out
# by their place in the text, see `time_after`.
# NOTE: «fra 12.10» is the date 12 October, as the date rules read it, and so no time.
BARE_TIME = (
    r"(?P<bare_hour>\d{1,2})(?:[:.](?P<bare_minute>\d{2}))?"
    r"(?![\d.:/-])(?!\s*(?:dag|døgn|uke|veke|time|min|måned|månad|mnd|år|day|week|hour"
    r"|month|year))"
)
TIME_AFTER_RULE = re.compile(rf"\b(?:etter|fra|frå|after|from)\s+(?:{CLOCK_TIME}|{BARE_TIME})")
TIME_BEFORE_RULE = re.compile(rf"\b(?:før|til|innen|before|until)\s+(?:{CLOCK_TIME}|{BARE_TIME})")

FIRST_NUMBER_RULE = re.compile(r"\d")

# Two times that the part of a day lies between: «mellom kl 15 og 17», «between 3 and 5»,
# «between 3 pm and 5 pm», «kl 15-17». A dash joins bare numbers only after «kl», because
# «15-17» alone is days.
CLOCK_WORD = r"(?:kl\.?|klokka|klokken|klokkå)"
MERIDIEM = r"(?:am|pm|a\.m\.|p\.m\.)(?![\w.])"
START_HOUR = (
    r"(?P<start_hour>\d{1,2})(?:[:.](?P<start_minute>\d{2}))?\s*"
    rf"(?:(?P<start_meridiem>{MERIDIEM})\s*)?"
)
END_HOUR = (
    rf"\s*(?:{CLOCK_WORD}\s*)?(?P<end_hour>\d{{1,2}})(?:[:.](?P<end_minute>\d{{2}}))?"
    r"(?![\d.:/-])(?:\s*(?P<meridiem>am|pm|a\.m\.|p\.m\.)(?![\w.]))?"
)
TIME_BETWEEN_RULES = (
    re.compile(rf"\b(?:mellom|between)\s+(?:{CLOCK_WORD}\s*)?{START_HOUR}(?:og|and){END_HOUR}"),
    re.compile(rf"\b{CLOCK_WORD}\s*{START_HOUR}[-–]{END_HOUR}"),
)
# Two hours joined by a dash without «kl»: «15-17», «15:00-17:00», «3-5 pm». They are a
# time only in a message that names a day («kan ikke jobbe 15-17 fredag»), because
# alone they may be days, and a date rule reads «15.-17.» and «15-17. desember» first.
# A dot after the end may close the sentence: «fredag 15-17.».
HOUR_RANGE_RULE = re.compile(
    r"(?<![\w.:/-])(?P<start_hour>\d{1,2})(?:[:.](?P<start_minute>\d{2}))?\s*-\s*"
    r"(?P<end_hour>\d{1,2})(?:[:.](?P<end_minute>\d{2}))?(?!\d|[.:/]\d|-)"
    r"(?:\s*(?P<meridiem>am|pm|a\.m\.|p\.m\.)(?![\w.]))?"
)
CLOCK_WORD_RULE = re.compile(rf"\b{CLOCK_WORD}")
CLOCK_WORD_BEFORE_RULE = re.compile(rf"\b{CLOCK_WORD}\s*$")


def time_after(text: str, date_spans: Sequence[tuple[int, int]] = ()) -> dt.time | None:
    """Return the time in «etter kl 15» or «fra 15.30», from which the day is meant.

    A number inside one of `date_spans`, the places of the dates in `text`, is no time.
    """
    return _first_time_outside(TIME_AFTER_RULE, text, date_spans)


def time_before(text: str, date_spans: Sequence[tuple[int, int]] = ()) -> dt.time | None:
    """Return the time in «før kl 12» or «til 12», until which the day is meant.

    A number inside one of `date_spans`, the places of the dates in `text`, is no time.
    """
    return _first_time_outside(TIME_BEFORE_RULE, text, date_spans)


def time_between(
    text: str, date_spans: Sequence[tuple[int, int]] = ()
) -> tuple[dt.time, dt.time] | None:
    """Return the two times in «mellom kl 15 og 17» or «kl 15-17», in the order written.

    A number inside one of `date_spans`, the places of the dates in `text`, is no time,
    so «mellom 3 og 5 mai» gives none, and neither does an hour that no clock shows.
    """
    for match in _between_matches(text, date_spans):
        start, end = _between_times(match)
        if start is not None and end is not None:
            return start, end
    return None


def _between_times(match: re.Match[str]) -> tuple[dt.time | None, dt.time | None]:
    """Return the start and end of a match of two times, or None for one no clock shows.

    An «am» or «pm» after the end counts for the start too, unless the start hour is
    later on the twelve-hour clock: «between 11 and 1 pm» starts at 11:00. Without
    «kl», am or pm, small hours are read in the afternoon (`bare_hours`).
    """
    # `HOUR_RANGE_RULE` has no «am» or «pm» on the start, so it lacks the group.
    if match.groupdict().get("start_meridiem"):
        return _times_after_start_meridiem(match)

    meridiem = match["meridiem"]
    if not meridiem:
        start = _time_of(match["start_hour"], match["start_minute"])
        end = _time_of(match["end_hour"], match["end_minute"])
        if start is None or end is None or CLOCK_WORD_RULE.search(match.group(0)):
            return start, end
        return bare_hours.afternoon_range(
            start,
            end,
            match.string,
            start_is_bare_hour=not match["start_minute"],
            end_is_bare_hour=not match["end_minute"],
        )
    start_hour, end_hour = int(match["start_hour"]), int(match["end_hour"])
    start_meridiem = meridiem
    if start_hour % 12 > end_hour % 12:
        start_meridiem = "am" if meridiem.startswith("p") else "pm"
    return (
        _twelve_hour_time(start_hour, int(match["start_minute"] or 0), start_meridiem),
        _twelve_hour_time(end_hour, int(match["end_minute"] or 0), meridiem),
    )


def _times_after_start_meridiem(match: re.Match[str]) -> tuple[dt.time | None, dt.time | None]:
    """Return the start and end of «between 3 pm and 5 pm» or «between 3 pm and 5».

    An end without its own «am» or «pm» takes the start's, unless its hour is earlier on
    the twelve-hour clock: «between 11 am and 1» ends at 13:00.
    """
    start_hour, end_hour = int(match["start_hour"]), int(match["end_hour"])
    start_meridiem = match["start_meridiem"]
    end_meridiem = match["meridiem"]
    if not end_meridiem:
        end_meridiem = start_meridiem
        if start_hour % 12 > end_hour % 12:
            end_meridiem = "am" if start_meridiem.startswith("p") else "pm"
    return (
        _twelve_hour_time(start_hour, int(match["start_minute"] or 0), start_meridiem),
        _twelve_hour_time(end_hour, int(match["end_minute"] or 0), end_meridiem),
    )


def _between_matches(text: str, date_spans: Sequence[tuple[int, int]]) -> list[re.Match[str]]:
    """Return the matches of two times that the part of a day lies between, outside dates.

    «15-17» without «kl» counts only when `date_spans` places a day in the message.
    """
    matches = [
        match for between_rule in TIME_BETWEEN_RULES for match in between_rule.finditer(text)
    ]
    if date_spans:
        matches += [
            match
            for match in HOUR_RANGE_RULE.finditer(text)
            if not CLOCK_WORD_BEFORE_RULE.search(text, 0, match.start())
        ]
    return sorted(
        (
            match
            for match in matches
            if not any(start <= match.start("start_hour") < end for start, end in date_spans)
        ),
        key=lambda match: match.start(),
    )


RANGE_START_WORDS = ("fra", "frå", "from")
RANGE_END_RULE = re.compile(rf"\s*(?:til|until|to)\s+(?:{CLOCK_TIME}|{BARE_TIME})")


def written_time_range(
    text: str, date_spans: Sequence[tuple[int, int]] = ()
) -> tuple[str, dt.time, dt.time] | None:
    """Return the first range of two times as written, with its start and end, or None.

    A range is «fra 15 til 17», «mellom kl 15 og 17», «kl 15-17», or «15-17» in a
    message that names a day, whereas «før kl 9 eller etter kl 20» are two separate
    limits. A number inside one of `date_spans` is a day and no time. Bare small hours
    are read in the afternoon: «fra 2 til 4» is 14:00 to 16:00.
    """
    for match in TIME_AFTER_RULE.finditer(text):
        if not match.group(0).startswith(RANGE_START_WORDS):
            continue
        end = RANGE_END_RULE.match(text, match.end())
        number = FIRST_NUMBER_RULE.search(text, match.start())
        if end is None or number is None:
            continue
        if any(start <= number.start() < stop for start, stop in date_spans):
            continue
        start_time, end_time = _clock_time(match), _clock_time(end)
        if start_time is None or end_time is None:
            continue
        if match["bare_hour"] and end["bare_hour"]:
            start_time, end_time = bare_hours.afternoon_range(
                start_time,
                end_time,
                text,
                start_is_bare_hour=not match["bare_minute"],
                end_is_bare_hour=not end["bare_minute"],
            )
        return text[match.start() : end.end()], start_time, end_time
    for between in _between_matches(text, date_spans):
        start_time, end_time = _between_times(between)
        if start_time is not None and end_time is not None:
            return between.group(0), start_time, end_time
    return None


def _time_of(hour: str, minute: str | None) -> dt.time | None:
    """Return the time of the written hour and minute, or None when no clock shows it."""
    if int(hour) > 23 or int(minute or 0) > 59:
        return None
    return dt.time(int(hour), int(minute or 0))


def _first_time_outside(
    time_rule: re.Pattern[str], text: str, date_spans: Sequence[tuple[int, int]]
) -> dt.time | None:
    """Return the first time `time_rule` finds whose number is not part of a date.

    A bare hour from one to six is read in the afternoon (`bare_hours`).
    """
    for match in time_rule.finditer(text):
        number = FIRST_NUMBER_RULE.search(text, match.start())
        number_start = number.start() if number is not None else match.start()
        if not any(start <= number_start < end for start, end in date_spans):
            return _bare_hour_in_afternoon(match)
    return None


def _bare_hour_in_afternoon(match: re.Match[str]) -> dt.time | None:
    """Return the matched time, with a bare hour from one to six in the afternoon («etter 3»)."""
    time = _clock_time(match)
    if time is None or not match["bare_hour"] or match["bare_minute"]:
        return time
    return bare_hours.afternoon_time(time, match.string)


# A verb of leaving or arriving, then early or late, with at most three small words
# between: «må gå hjem tidligere», «leave work early», «komme litt seinere», «come in
# late». Other words may not come between, so «drar på ferie tidlig i juli» is no part-day.
PART_OF_DAY_FILLER = (
    r"(?:\s+(?:hjem|heim|home|fra|frå|from|jobb|jobben|work|av|på|litt|noe|noko|a|bit"
    r"|little|in|to|off)){0,3}"
)
LEAVE_EARLY_RULE = re.compile(
    r"\b(?:gå|går|dra|drar|reise|slutte|slutta|sluttar|slutter|leave|leaving|go|going|finish"
    rf"|finishing|head|get\s+off){PART_OF_DAY_FILLER}\s+"
    r"(?:tidlig|tidligere|tidleg|tidlegare|early|earlier)\b"
)
ARRIVE_LATE_RULE = re.compile(
    r"\b(?:komme|kommer|kome|kjem|møte|møter|begynne|begynner|byrje|byrjar|starte|starter"
    rf"|come|coming|arrive|arriving|start|starting|begin|get\s+in){PART_OF_DAY_FILLER}\s+"
    r"(?:sent|seint|senere|seinere|seinare|late|later)\b"
)

# Leaving at a time of day frees the rest of the day too: «må gå kl 13», «drar hjem
# klokka 14», «leave at 2 pm». Only words for home or work may come between, so that
# «gå på jobb kl 7» is no leaving.
LEAVE_AT_TIME_RULE = re.compile(
    r"\b(?:gå|går|dra|drar|reise|reiser|leave|leaving|go|going|head)"
    r"(?:\s+(?:hjem|heim|home|off|(?:fra|frå|from)\s+(?:jobb|jobben|work)))?\s+(?:at\s+)?"
    rf"(?={CLOCK_TIME})"
)

# Working late frees the end of the day, as leaving early does: «kan ikke jobbe sent»,
# «can't work late», «jobbe så seint», «sent på kvelden», «late in the evening»,
# «utover kvelden». A bare «kveld» is the evening shift, not a part of the day.
WORK_LATE_VERB = (
    r"\b(?:jobbe|jobb|jobbar|jobber|arbeide|arbeid|arbeidar|arbeider|work|working|stay)"
    r"(?:\s+(?:så|so|too|for|litt|noe|noko|a|bit|little)){0,2}\s+"
)
WORK_LATE_RULE = re.compile(
    rf"(?:{WORK_LATE_VERB})?\b(?:sent|seint|late)\s+(?:på|om|in\s+the)\s+"
    r"(?:kvelden|kvelda|evening)\b"
    rf"|(?:{WORK_LATE_VERB})?\b(?:utover|into\s+the)\s+(?:kvelden|kvelda|evening)\b"
    rf"|{WORK_LATE_VERB}(?:sent|seint|late)\b"
)
# A modal verb before leaving early or coming in late: «jeg vil gå tidlig», «må gå
# tidlig», «eg må kome seint», «I need to leave early». Such a message is a part-day even
# without a date, while «jeg kommer senere tilbake til det» is not.
WANTS_PART_OF_DAY_RULE = re.compile(
    r"\b(?:vil|ville|må|skal|ønsker\s+å|ønskjer\s+å|trenger\s+å|treng\s+å"
    r"|want\s+to|wanna|need\s+to|have\s+to|must|would\s+like\s+to)\s+"
    rf"(?:{LEAVE_EARLY_RULE.pattern}|{LEAVE_AT_TIME_RULE.pattern}|{ARRIVE_LATE_RULE.pattern}"
    rf"|{WORK_LATE_RULE.pattern})"
)


def part_of_day(text: str) -> PartOfDay | None:
    """Return the part of the day that leaving early, arriving late or working late frees."""
    if any(rule.search(text) for rule in (LEAVE_EARLY_RULE, LEAVE_AT_TIME_RULE, WORK_LATE_RULE)):
        return PartOfDay.END
    if ARRIVE_LATE_RULE.search(text):
        return PartOfDay.START
    return None


def wants_part_of_day(text: str) -> bool:
    """Tell whether the sender writes that they want or need to leave early or come in late."""
    return WANTS_PART_OF_DAY_RULE.search(text) is not None


def without_part_of_day(text: str) -> str:
    """Return `text` without its words of leaving early, arriving late or working late."""
    for part_of_day_rule in (
        LEAVE_EARLY_RULE,
        LEAVE_AT_TIME_RULE,
        ARRIVE_LATE_RULE,
        WORK_LATE_RULE,
    ):
        text = part_of_day_rule.sub(" ", text)
    return text


# A message of only an hour, with or without minutes: «13», «13.30», «9:15».
ONLY_BARE_TIME_RULE = re.compile(rf"\s*{BARE_TIME}\s*")


def clock_time(text: str) -> dt.time | None:
    """Return the first time of day written in the message («kl 14», «14:30»).

    A message of only a bare hour («13», «13.30») is that time too, because it answers
    the question for a part-day's time. «13.10» is also the date 13 October, and
    the date rules keep reading it so.
    """
    return _clock_time(CLOCK_TIME_RULE.search(text) or ONLY_BARE_TIME_RULE.fullmatch(text))


def written_clock_time(
    text: str, date_spans: Sequence[tuple[int, int]] = ()
) -> tuple[str, dt.time] | None:
    """Return the first clock time outside the dates as written, with its time: «kl 15».

    A clock time is one with «kl», a colon or am/pm, and one that no clock shows is
    left to `invalid_time`.
    """
    for match in CLOCK_TIME_RULE.finditer(text):
        if any(start <= match.start() < end for start, end in date_spans):
            continue
        time = _clock_time(match)
        if time is not None:
            return match.group(0), time
    return None


def bare_hour_in_afternoon(text: str) -> dt.time | None:
    """Return a message of only a bare hour from one to six in the afternoon: «3» gives 15:00.

    Returns None for any other message, an hour with minutes («3.30») included, because
    the bare-hour rule reads only hours written without «kl», minutes or am/pm.
    """
    only_time = ONLY_BARE_TIME_RULE.fullmatch(text)
    if only_time is None or only_time["bare_minute"]:
        return None
    time = _clock_time(only_time)
    if time is None:
        return None
    afternoon = bare_hours.afternoon_time(time, text)
    return afternoon if afternoon != time else None


# A time written as a clock shows one, with hours or minutes that no clock shows:
# «13 pm», «kl 13 pm», «25:00», «kl 25», «kl 14.75». A number before am or pm may have
# «kl» before it, so that «kl 13 pm» is one time and not «kl 13» with «pm» after it.
WRITTEN_TIME_RULE = re.compile(
    r"\b(?:(?:kl\.?|klokka|klokken|klokkå)\s*)?(?P<meridiem_hour>\d{1,3})"
    r"(?::(?P<meridiem_minute>\d{2}))?\s*(?P<meridiem>am|pm|a\.m\.|p\.m\.)(?![\w.])"
    r"|\b(?:kl\.?|klokka|klokken|klokkå)\s*(?P<hour>\d{1,3})(?:[:.](?P<minute>\d{2}))?(?!\d)"
    r"|\b(?P<colon_hour>\d{1,3}):(?P<colon_minute>\d{2})(?!\d)"
)


# «fra 25 til 28» is a range of days whose month is missing, because no hour is 25.
DAY_NUMBER_RANGE_RULE = re.compile(
    r"\b(?:fra|frå|from)\s+(?P<first>\d{1,2})\s*(?:til|to|-|–)\s*\d{1,2}(?![\d.:/])"
)


def invalid_time(text: str, date_spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """Return the first time of day written that no clock shows, or None.

    That is a written time such as «13 pm», «25:00» or «kl 25», a bare hour after
    «etter», «før», «fra» or «til» such as the «25» of «etter 25 onsdag», or a message
    of only an hour and minutes such as «13.75». A message of only «25» is left to be
    a request number. A number inside one of `date_spans`, the places of the dates in
    `text`, is a day and no time («fra 25 til 28 desember»), and so is a range of day
    numbers that starts past 23 («fra 25 til 28»).
    """
    found = [
        (match.start(), match.group(0))
        for match in WRITTEN_TIME_RULE.finditer(text)
        if _clock_time(match) is None
    ]
    only_time = ONLY_BARE_TIME_RULE.fullmatch(text)
    if only_time is not None and only_time["bare_minute"] and _clock_time(only_time) is None:
        found.append((only_time.start("bare_hour"), text.strip()))
    day_spans = [*date_spans, *_day_number_ranges(text)]
    for match in _between_matches(text, day_spans):
        for side, time in zip(("start", "end"), _between_times(match), strict=True):
            if time is None:
                found.append(_written_time(match, side))
    for time_rule in (TIME_AFTER_RULE, TIME_BEFORE_RULE):
        for match in time_rule.finditer(text):
            start = match.start("bare_hour")
            if start < 0 or _clock_time(match) is not None:
                continue
            if not any(span_start <= start < span_end for span_start, span_end in day_spans):
                found.append((start, text[start : match.end()]))
    return min(found)[1] if found else None


def _written_time(match: re.Match[str], side: str) -> tuple[int, str]:
    """Return the place and text of the start or end time of a match of two times."""
    start = match.start(f"{side}_hour")
    minute_group = f"{side}_minute" if match[f"{side}_minute"] else f"{side}_hour"
    # «between 13 pm and 5 pm» quotes «13 pm», the time as the user wrote it.
    meridiem_group = "start_meridiem" if side == "start" else "meridiem"
    if match.groupdict().get(meridiem_group):
        minute_group = meridiem_group
    return start, match.string[start : match.end(minute_group)]


def _day_number_ranges(text: str) -> list[tuple[int, int]]:
    """Return the places of «fra 25 til 28», ranges of numbers that only days can be."""
    return [
        match.span() for match in DAY_NUMBER_RANGE_RULE.finditer(text) if int(match["first"]) > 23
    ]


def _clock_time(match: re.Match[str] | None) -> dt.time | None:
    """Return the matched time of day, or None when there is none or no clock shows it."""
    if match is None:
        return None
    # Each rule has some of these groups: only the rules after «etter», «før» and their
    # like, and the one of a message of only an hour, have those of a bare hour.
    groups = match.groupdict()
    if groups.get("meridiem"):
        return _twelve_hour_time(
            int(groups["meridiem_hour"]), int(groups["meridiem_minute"] or 0), groups["meridiem"]
        )
    hour = int(groups.get("hour") or groups.get("colon_hour") or groups["bare_hour"])
    minute = int(
        groups.get("minute") or groups.get("colon_minute") or groups.get("bare_minute") or 0
    )
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _twelve_hour_time(hour: int, minute: int, meridiem: str) -> dt.time | None:
    """Return «3 pm» as 15:00; «12 am» is midnight and «12 pm» noon, and «13 pm» no time."""
    if not 1 <= hour <= 12 or minute > 59:
        return None
    afternoon = 12 if meridiem.startswith("p") else 0
    return dt.time(hour % 12 + afternoon, minute)


def is_past_tense(text: str) -> bool:
    return PAST_TENSE_RULE.search(text) is not None


def person(cleaned: str) -> str | None:
    """Return the person a message names, as written, or None.

    A name is one to three capitalised words after «med», «til» or «mot», before
    «sin»/«sitt», or after a comma at the end («…, Per»). Except after those
    prepositions, a capitalised word that the grammar reads («Who's») is no name.
    A Slack mention counts as a name, and the core resolves it against the staff list.
    """
    for match in NAME_AFTER_PREPOSITION.finditer(cleaned):
        name = name_words(match.group(1))
        if name:
            return name
    for pattern in (
        NAME_BEFORE_POSSESSIVE,
        TRAILING_NAME,
        SCHEDULE_SUBJECT,
        LEADING_NAME,
        ONLY_NAME,
    ):
        for match in pattern.finditer(cleaned):
            name = name_words(match.group(1))
            if name and not is_known(name.split()[0].lower()):
                return name
    return None


def name_words(written: str) -> str:
    """Return the leading words of `written` that can be part of a name."""
    name_parts: list[str] = []
    for word in written.split():
        if word.lower() in NOT_NAMES:
            break
        if word.endswith("'s"):  # «Lars's Sunday»: the name ends at the possessive
            name_parts.append(word.removesuffix("'s"))
            break
        name_parts.append(word)
    return " ".join(name_parts)


def is_only_request_number(text: str) -> bool:
    return ONLY_REQUEST_NUMBER.fullmatch(text) is not None


def request_numbers(text: str, taken_spans: list[tuple[int, int]]) -> list[int]:
    """Return every request number in `text` outside dates, bare ones too, in order and once.

    «Godkjenn 4 og 5» gives [4, 5]: a decision acts on one request, so the core asks
    for one number instead of acting on the first only.
    """
    found: list[tuple[int, int]] = []
    for pattern in (EXPLICIT_REQUEST_NUMBER, BARE_NUMBER):
        for match in pattern.finditer(text):
            position = match.start(1)
            if not any(start <= position < end for start, end in taken_spans):
                found.append((position, int(match.group(1))))
    numbers: list[int] = []
    for _, number in sorted(found):
        if number not in numbers:
            numbers.append(number)
    return numbers


def request_number(text: str, taken_spans: list[tuple[int, int]], *, bare: bool) -> int | None:
    """Return the request number in `text`, skipping numbers inside dates.

    «#42», «nr. 42» and «bytte 42» always count; a bare «42» only when `bare` is set,
    for the commands that act on a request.
    """
    for pattern in (EXPLICIT_REQUEST_NUMBER, BARE_NUMBER) if bare else (EXPLICIT_REQUEST_NUMBER,):
        for match in pattern.finditer(text):
            position = match.start(1)
            if not any(start <= position < end for start, end in taken_spans):
                return int(match.group(1))
    return None
