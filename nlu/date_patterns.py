"""Find the date expressions of a normalised message, unresolved, with their positions.

One regular expression with a named group per kind of expression scans the
text once. Each match becomes a `DateAtom`; `dates` resolves the atoms against
the reference day and joins them into ranges and lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from nlu import named_days, words
from nlu.relative_counts import CountUnit


class AtomKind(Enum):
    DAY_MONTH = "day_month"  # 12. januar, 12.1, 12.01.2027 (year optional)
    PARTIAL_DAY = "partial_day"  # the «3.» of «3.–5. januar»; takes its month from the end
    BARE_DAY = "bare_day"  # den 12.
    WEEKDAY = "weekday"  # fredag, neste fredag, fredag neste uke
    RELATIVE_DAY = "relative_day"  # i dag, i morgen, i går
    RELATIVE_WEEK = "relative_week"  # denne uka, neste uke, uka etter neste
    RELATIVE_COUNT = "relative_count"  # om tre dager, in 2 weeks, for to uker siden
    WEEKEND = "weekend"  # i helgen, neste helg
    WEEKS = "weeks"  # uke 3, uke 3-8, uke 3, 5 og 7
    SPAN = "span"  # de neste to ukene
    MONTH = "month"  # januar, hele januar 2027
    RELATIVE_MONTH = "relative_month"  # neste måned
    NAMED_DAY = "named_day"  # julaften, i påsken
    REST_OF_PERIOD = "rest_of_period"  # resten av uka, ut måneden


class WeekdayChoice(Enum):
    """The week that a weekday expression falls in, relative to today."""

    UPCOMING = "upcoming"  # fredag: 1 to 7 days ahead
    THIS_WEEK = "this_week"  # fredag denne uka
    NEXT_WEEK = "next_week"  # neste fredag, fredag neste uke
    PREVIOUS_WEEK = "previous_week"  # forrige fredag
    MOST_RECENT = "most_recent"  # sist fredag: 1 to 7 days back
    IN_WEEK_NUMBER = "in_week_number"  # fredag i uke 50


@dataclass(frozen=True, slots=True)
class DateAtom:
    """One date expression as written; fields that its kind does not use keep their defaults."""

    kind: AtomKind
    start: int
    end: int
    day: int = 0
    month: int = 0
    year: int | None = None
    weekday: int = 0
    choice: WeekdayChoice = WeekdayChoice.UPCOMING
    choice_written: bool = False
    offset: int = 0
    count: int = 0
    week_ranges: tuple[tuple[int, int], ...] = ()
    name: str = ""
    # The weekday written before a date («fredag 12. desember»), which the date decides.
    written_weekday: int | None = None
    # A RELATIVE_COUNT counts `count` of this unit, ahead of today when `offset` is 1
    # and back when it is -1. A count written with a minus («om -3 dager») is negative.
    unit: CountUnit = "days"

    def spanning(self, start: int, end: int) -> DateAtom:
        return replace(self, start=start, end=end)


def alternatives(names: Iterable[str]) -> str:
    """Return a regular expression that matches any of `names`, longest first."""
    return "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))


NUMBER = r"\d{1,2}|" + alternatives(words.NUMBER_WORDS)
# Day and week numbers take any count of digits, so that «100. mars» and «uke 123»
# are invalid dates, not the month or no date at all. Without a dot, a day before a
# month name has at most three digits, so that «2027 mars» stays a year and a month.
DAY_NUMBER = r"\d{1,3}|\d+(?=\.)"
WEEK_NUMBER = r"\d+|" + alternatives(words.NUMBER_WORDS)
# Resolving a day of 0 raises InvalidDate; it stands for any day number out of range.
NO_SUCH_DAY = 0
MONTH_NAME = alternatives([*words.MONTHS, *words.MONTH_ABBREVIATIONS])
# Placeholders for the name lists that differ between the Norwegian and the
# English expression (see `compile_date_expression`).
STANDALONE_MONTH = "<standalone months>"
WEEKDAY_NAME = "<weekday names>"
WEEK_WORD = r"uke|uka|uken|veke|veka|week"
# The count and unit of «om tre dager», «in 2 weeks», «om tre tusen dager» and «to
# uker siden». Any count of digits is read, so that «om 999 uker» is a day too far
# ahead rather than no day at all.
COUNT = (
    rf"(?:\d+|{alternatives(words.NUMBER_WORDS)})\s+"
    rf"(?:{alternatives(words.COUNT_MULTIPLIERS)})"
    rf"|{alternatives(words.COUNT_MULTIPLIERS)}|\d+|{alternatives(words.NUMBER_WORDS)}|an?|et"
)
COUNT_UNIT = r"dager|dagar|dag|døgn|days|day|uker|uke|veker|veke|weeks|week"
# Spoken and dialect spellings of «morgen» in «i morgen» (tomorrow). They count only
# after «i», because alone «morra» may be a mother («morra di») and «morn» a greeting.
TOMORROW_DIALECT_WORDS = ("morra", "mårra", "mårrå", "måra", "mårå", "môra", "mårn", "morn")
TOMORROW_DIALECT = "|".join(TOMORROW_DIALECT_WORDS)
# A count above this is read as this, which already lies past year 9999 in days or
# weeks, so that a count of hundreds of digits is never converted to a number.
MAX_COUNT = 100_000_000
MAX_COUNT_DIGITS = len(str(MAX_COUNT))
NAMED_DAY = "|".join(f"(?:{pattern})" for pattern, _ in named_days.PATTERNS)
END = r"(?![\w])"
START = r"(?<![\w.])"
# Two day numbers without a month: «fra 25 til 28», «25.-28.», «mellom den 3. og den 5.».
# «og» joins a range only after «mellom». A month, a further number or a unit after the
# last number makes it something else: «25-28 desember», «25.-28.12», «25-28 dager».
# Whether the numbers are days or hours is decided in `day_number_range`.
DAY_NUMBER_RANGE = (
    rf"(?:(?P<day_range_between>mellom|between)\s+)?{START}"
    r"(?P<day_range_first>(?:den\s+)?(?P<first_day>\d{1,2})(?P<first_dot>\.)?)\s*"
    r"(?:-|til\s+og\s+med|tom|til|to|(?(day_range_between)(?:og|and)|(?!)))\s*"
    r"(?P<day_range_last>(?:den\s+)?(?P<last_day>\d{1,2})\.?)(?![\d:/])(?!\.\d)"
    rf"(?!\.?\s*(?:of\s+)?(?:{MONTH_NAME})\b)"
    rf"(?!\s*(?:{COUNT_UNIT}|timer|time|hours|hour|netter|nights|vakter|shifts)\b)"
)

EXPRESSIONS = (
    rf"(?P<named>{NAMED_DAY}){END}",
    rf"{START}(?P<iso_year>\d{{4}})-(?P<iso_month>\d{{1,2}})-(?P<iso_day>\d{{1,2}})(?!\d)",
    rf"{START}(?P<dmy_day>\d+)[./](?P<dmy_month>\d{{1,2}})[./](?P<dmy_year>\d{{4}}|\d{{2}})"
    r"(?![\d])",
    rf"{START}(?P<dm_day>{DAY_NUMBER})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?P<dm_month>{MONTH_NAME})"
    rf"\.?(?:\s*(?P<dm_year>\d{{4,}}))?{END}",
    rf"{START}(?P<dmn_day>\d{{1,2}})[./](?P<dmn_month>\d{{1,2}})\.?(?![./]?\d)",
    rf"{DAY_NUMBER_RANGE}",
    rf"{START}(?P<partial_day>\d{{1,2}})\.?(?=\s*(?:-|til\s+og\s+med|tom|til|to|og|and|,|\+)"
    rf"\s*(?:den\s+)?(?:(?:{WEEKDAY_NAME})\s+)?\d)",
    rf"\bden\s+(?P<bare_day>\d{{1,2}})\.(?!\s*(?:\d|{MONTH_NAME}))",
    rf"\b(?:{WEEK_WORD}|uker|ukene|veker|vekene|weeks)\s*(?:nr\.?\s*|nummer\s+)?"
    rf"(?P<week_list>(?:{WEEK_NUMBER})\b(?:\s*(?:-|til\s+og\s+med|til|to|og|and|,)\s*"
    rf"(?:(?:{WEEK_WORD})\s*)?(?:{WEEK_NUMBER})\b)*){END}",
    rf"\b(?:(?:de|dei|the)\s+)?(?:neste|kommende|komande|next|coming|følgende)\s+"
    rf"(?P<span_count>{NUMBER})\s+(?P<span_unit>dagene|dager|dagane|dagar|days|ukene|uker|"
    rf"vekene|veker|weeks){END}",
    rf"\b(?:de|dei|the)\s+(?P<span_count_first>{NUMBER})\s+(?:neste|kommende|next|coming)\s+"
    rf"(?P<span_unit_first>dagene|dager|dagane|days|ukene|uker|vekene|weeks){END}",
    r"\b(?P<relative_day>(?:i\s*)?over\s*i\s*morgen|(?:i\s*)?over\s*i\s*morgon"
    rf"|i\s*dag|i\s*morgen|i\s*morgon|i\s*(?:{TOMORROW_DIALECT})"
    r"|(?:i\s*)?overmorgen|(?:i\s*)?overmorgon|i\s*går"
    r"|i\s*forgårs|i\s*forgår|i\s*kveld|i\s*natt|today|tonight|tomorrow|yesterday"
    rf"|(?:the\s+)?day\s+after\s+tomorrow|(?:the\s+)?day\s+before\s+yesterday){END}",
    r"\b(?:(?P<weekday_before>neste|kommende|førstkommende|denne|forrige|sist|siste|next|this"
    rf"|last|coming)\s+)?(?:på\s+|on\s+)?(?P<weekday>{WEEKDAY_NAME}){END}\.?"
    r"(?:\s+(?:i\s+|in\s+)?(?P<weekday_after>(?:neste|denne|forrige|next|this|last)\s+"
    rf"(?:{WEEK_WORD})){END})?",
    r"\b(?:i\s+)?(?P<relative_week>denne|neste|forrige|kommende|this|next|last)\s+"
    rf"(?:{WEEK_WORD}){END}",
    rf"\b(?:om|in)\s+(?P<ahead_count>-?(?:{COUNT}))\s+(?P<ahead_unit>{COUNT_UNIT}){END}",
    rf"\b(?:for\s+)?(?P<ago_count>{COUNT})\s+(?P<ago_unit>{COUNT_UNIT})\s+"
    rf"(?:siden|sidan|ago){END}",
    rf"\b(?P<week_after_next>(?:{WEEK_WORD})\s+(?:etter|over)\s+neste(?:\s+(?:{WEEK_WORD}))?"
    rf"|(?:the\s+)?week\s+after\s+next){END}",
    r"\b(?:(?P<weekend_which>denne|neste|forrige|kommende|this|next|last|the)\s+)?"
    rf"(?P<weekend>helgen|helga|helg|weekend){END}",
    r"\b(?P<relative_month>denne|neste|forrige|this|next|last)\s+"
    rf"(?:måneden|måned|månaden|månad|month){END}",
    r"\b(?:resten\s+av|ut|rest\s+of|for\s+the\s+rest\s+of)\s+(?:(?:denne|this)\s+)?"
    r"(?P<rest_of>uka|uken|veka|veke|week|måneden|månaden|month)(?![\w])",
    rf"\b(?P<md_month>{MONTH_NAME})\.?\s+(?P<md_day>\d{{1,3}})(?:st|nd|rd|th)?(?![\w.])"
    r"(?:,?\s*(?P<md_year>\d{4,}))?(?!\d)",
    r"\b(?:(?:hele|heile|i|in|all|whole|gjennom|the\s+whole\s+of|all\s+of)\s+)?"
    rf"(?P<month>{STANDALONE_MONTH})(?:\s+(?P<month_year>\d{{4}}))?{END}",
)


def compile_date_expression(
    weekday_names: Iterable[str], standalone_months: Iterable[str]
) -> re.Pattern[str]:
    """Compile every expression into one, with the given weekday names and month names.

    Every expression starts a word, and testing that first lets the scan skip the
    inside of words without trying each alternative there.
    """
    joined = "|".join(f"(?:{expression})" for expression in EXPRESSIONS)
    joined = joined.replace(WEEKDAY_NAME, alternatives(weekday_names))
    joined = joined.replace(STANDALONE_MONTH, alternatives(standalone_months))
    return re.compile(r"(?<!\w)(?:" + joined + ")")


DATE_EXPRESSION = compile_date_expression(
    [*words.WEEKDAYS, *words.WEEKDAY_ABBREVIATIONS], words.STANDALONE_MONTHS
)
ENGLISH_DATE_EXPRESSION = compile_date_expression(
    [*words.WEEKDAYS, *words.WEEKDAY_ABBREVIATIONS, *words.ENGLISH_ONLY_WEEKDAY_ABBREVIATIONS],
    [*words.STANDALONE_MONTHS, *words.ENGLISH_ONLY_MONTHS],
)
# Day numbers after a month-first date and a range or list word, which take its month:
# «July 1-14», «July 1 to 14», «July 1 and 14», «July 1, 5 and 14». A day with its own
# month («July 1 - 14 July») is left to the day-and-month rule, and a count («July 1
# and 2 nights») is no day.
MONTH_FIRST_NEXT_DAY = re.compile(
    r"\s*(?:-|til\s+og\s+med|til|to|through|until|till|,\s*and|,\s*og|and|og|,|&|\+)\s*"
    rf"(?P<next_day>\d{{1,2}})(?:st|nd|rd|th)?(?![\w.:])(?!\s*(?:of\s+)?(?:{MONTH_NAME})\b)"
    r"(?!\s*(?:days?|weeks?|hours?|nights?|shifts?|dager|uker|timer|netter|vakter)\b)"
)
# The last hour a clock shows; a number past it can only be a day.
LAST_HOUR = 23
# «kl», «klokka» or «at» right before a number makes it a time («kl 15-17»).
CLOCK_BEFORE = re.compile(r"\b(?:kl\.?|klokka|klokken|klokkå|at)\s*$")
NAMED_DAY_RULES = [(re.compile(pattern), name) for pattern, name in named_days.PATTERNS]

# Units after a number such as «35.5», which make it a decimal and not a day and month.
DECIMAL_UNIT = re.compile(
    r"\s*(?:%|prosent|percent|timer|time|tima|hours|hour|t|h|min|minutter|minutes|kr|kroner"
    r"|stilling|årsverk|dager|dagar|days|uker|veker|weeks)(?![\w])"
)
WEEK_LIST_PART = re.compile(
    rf"(?P<range_word>-|til\s+og\s+med|til|to(?=\s*\d))|(?P<list_word>og|and|,)"
    rf"|(?P<number>{WEEK_NUMBER})\b"
)
RELATIVE_DAY_OFFSETS = {
    "idag": 0,
    "imorgen": 1,
    "imorgon": 1,
    **{f"i{word}": 1 for word in TOMORROW_DIALECT_WORDS},
    "iovermorgen": 2,
    "iovermorgon": 2,
    "igår": -1,
    # «overimorgen» and «over i morgen» are common spellings of «i overmorgen».
    "overmorgen": 2,
    "overmorgon": 2,
    "overimorgen": 2,
    "overimorgon": 2,
    "ioverimorgen": 2,
    "ioverimorgon": 2,
    "iforgårs": -2,
    "iforgår": -2,
    "ikveld": 0,
    "inatt": 0,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "dayaftertomorrow": 2,
    "thedayaftertomorrow": 2,
    "daybeforeyesterday": -2,
    "thedaybeforeyesterday": -2,
}
# The articles of «in a day», «a week ago» and «om et døgn», which count one.
ONE_WORDS = {"a": 1, "an": 1, "et": 1}
WHICH_OFFSETS = {
    "denne": 0,
    "this": 0,
    "the": 0,
    "kommende": 0,
    "neste": 1,
    "next": 1,
    "forrige": -1,
    "last": -1,
}
# «kommende uke» is next week, while «kommende helg» is this weekend.
RELATIVE_WEEK_OFFSETS = {**WHICH_OFFSETS, "kommende": 1}
WEEKDAY_CHOICES = {
    "neste": WeekdayChoice.NEXT_WEEK,
    "next": WeekdayChoice.NEXT_WEEK,
    "denne": WeekdayChoice.THIS_WEEK,
    "forrige": WeekdayChoice.PREVIOUS_WEEK,
    "sist": WeekdayChoice.MOST_RECENT,
    "siste": WeekdayChoice.MOST_RECENT,
    "last": WeekdayChoice.MOST_RECENT,
}
# Words next to «man» or «tor» that show it is a weekday and not a pronoun or verb.
WEEKDAY_NEIGHBOURS = frozenset(
    {
        "på",
        "fra",
        "til",
        "og",
        "fom",
        "tom",
        "neste",
        "denne",
        "forrige",
        "eller",
        "kl",
    }
)


def find_atoms(text: str, *, english: bool = False) -> list[DateAtom]:
    """Return the date expressions of the normalised `text`, in order of position.

    With `english` set, «fri», «sat», «sun» and «may» are dates too.
    """
    expression = ENGLISH_DATE_EXPRESSION if english else DATE_EXPRESSION
    atoms = []
    for match in expression.finditer(text):
        if match.group("day_range_first") is not None:
            atoms.extend(day_number_range(match, text))
            continue
        atom = atom_from(match, text)
        if atom is None:
            continue
        atoms.append(atom)
        if match.group("md_month") is not None:
            atoms.extend(month_first_next_days(atom, text))
    return atoms


def day_number_range(match: re.Match[str], text: str) -> list[DateAtom]:
    """Return the two days of «fra 25 til 28» or «25.-28.», or none when they are hours.

    Two numbers are days when the first is past 23, which no hour is, or when «den» or a
    dot after the first marks a day. «15-17» and «fra 15 til 17» are left to the time
    rules, and so are «fra 15 til 25», whose end no clock shows, and a range after «kl».
    """
    first_day, last_day = int(match["first_day"]), int(match["last_day"])
    if not (1 <= first_day <= 31 and 1 <= last_day <= 31):
        return []
    if CLOCK_BEFORE.search(text, 0, match.start()):
        return []
    marked_as_day = match["first_dot"] is not None or "den" in match["day_range_first"]
    if not marked_as_day and first_day <= LAST_HOUR:
        return []
    return [
        DateAtom(AtomKind.BARE_DAY, *match.span("day_range_first"), day=first_day),
        DateAtom(AtomKind.BARE_DAY, *match.span("day_range_last"), day=last_day),
    ]


def month_first_next_days(start: DateAtom, text: str) -> list[DateAtom]:
    """Return the bare days after a month-first date («14» of «July 1-14» or «July 1 and 14»).

    No other expression reads a lone number after a range or list word, so without
    this the range or list would shrink to its first day. Each day takes the month
    and year of `start`.
    """
    days = []
    position = start.end
    while (match := MONTH_FIRST_NEXT_DAY.match(text, position)) is not None:
        days.append(
            DateAtom(
                AtomKind.DAY_MONTH,
                match.start("next_day"),
                match.end(),
                day=day_number(match.group("next_day")),
                month=start.month,
                year=start.year,
            )
        )
        position = match.end()
    return days


def atom_from(match: re.Match[str], text: str) -> DateAtom | None:
    """Return the atom for one match, or None when the match is not a date after all."""
    groups = match.groupdict()
    start, end = match.span()
    for group, build in BUILDERS:
        if groups.get(group) is not None:
            return build(groups, start, end, text)
    return None


def number_value(written: str) -> int:
    return int(written) if written.isdigit() else words.NUMBER_WORDS[written]


def week_number(written: str) -> int:
    """Return the week number as written; 0, which no year has, for more than two digits."""
    digits = written.lstrip("0") or "0"
    return 0 if digits.isdigit() and len(digits) > 2 else number_value(digits)


def day_number(written: str | None) -> int:
    """Return the day of the month as written, or NO_SUCH_DAY when no month has it."""
    digits = (written or "").lstrip("0") or "0"
    if len(digits) > 2 or not 1 <= int(digits) <= 31:
        return NO_SUCH_DAY
    return int(digits)


def year_value(written: str | None) -> int | None:
    if written is None or not year_fits(written):
        return None
    year = int(written)
    return year + 2000 if year < 100 else year


def named_day(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    written = text[start:end]
    for pattern, name in NAMED_DAY_RULES:
        if pattern.fullmatch(written):
            return DateAtom(AtomKind.NAMED_DAY, start, end, name=name)
    return None


def iso_date(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    return day_month_atom(groups["iso_day"], groups["iso_month"], groups["iso_year"], start, end)


def numeric_date_with_year(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    return day_month_atom(groups["dmy_day"], groups["dmy_month"], groups["dmy_year"], start, end)


def day_and_month_name(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    month = month_number(groups["dm_month"])
    day = day_number(groups["dm_day"]) if year_fits(groups["dm_year"]) else NO_SUCH_DAY
    return DateAtom(
        AtomKind.DAY_MONTH, start, end, day=day, month=month, year=year_value(groups["dm_year"])
    )


def month_and_day(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    month = month_number(groups["md_month"])
    day = day_number(groups["md_day"]) if year_fits(groups["md_year"]) else NO_SUCH_DAY
    return DateAtom(
        AtomKind.DAY_MONTH, start, end, day=day, month=month, year=year_value(groups["md_year"])
    )


def year_fits(written: str | None) -> bool:
    """Return False for a year of five digits or more, which makes the whole date invalid.

    Dropping such a year instead would read «1. januar 10000» as next 1 January.
    """
    return written is None or len(written) <= 4


def numeric_date(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    """Return «12.1» or «12/1» as a date, or None for a time of day («kl 12.30») or a decimal.

    A two-digit day that no month has («32.3», «45/2») is an invalid date. A unit
    after it («35.5 timer», «37.5%») makes it a decimal number instead. A month
    that does not exist makes a time of day of a first number up to 31 («16.30»,
    «10.13»), and an invalid date of a larger one («32.13»), which no clock shows.
    """
    if re.search(r"\bkl\.?\s*$|\bklokka\s*$|\bat\s*$", text[:start]):
        return None
    day_written = groups["dmn_day"] or ""
    if day_number(day_written) == NO_SUCH_DAY and (
        len(day_written) < 2 or DECIMAL_UNIT.match(text, end)
    ):
        return None
    if not is_month(groups["dmn_month"]) and int(day_written) <= 31:
        return None
    return day_month_atom(day_written, groups["dmn_month"], None, start, end)


def day_month_atom(
    day_written: str | None,
    month_written: str | None,
    year_written: str | None,
    start: int,
    end: int,
) -> DateAtom:
    """Return a numeric date, keeping an impossible day or month («32.03.2027», «1.13.2027»).

    Resolving such an atom raises InvalidDate, so the message gets the invalid-date
    question rather than the one for a missing day.
    """
    return DateAtom(
        AtomKind.DAY_MONTH,
        start,
        end,
        day=day_number(day_written),
        month=int(month_written or 0),
        year=year_value(year_written),
    )


def is_month(written: str | None) -> bool:
    return 1 <= int(written or 0) <= 12


def partial_day(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    day = int(groups["partial_day"] or 0)
    if not 1 <= day <= 31:
        return None
    return DateAtom(AtomKind.PARTIAL_DAY, start, end, day=day)


def bare_day(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    day = int(groups["bare_day"] or 0)
    if not 1 <= day <= 31:
        return None
    return DateAtom(AtomKind.BARE_DAY, start, end, day=day)


def week_numbers(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    """Return «uke 3», «uke 3–8» or «uke 3, 5 og 7» as week ranges, by their numbers."""
    written = re.sub(rf"\b(?:{WEEK_WORD})\b", " ", groups["week_list"] or "")
    ranges: list[tuple[int, int]] = []
    joins_range = False
    for part in WEEK_LIST_PART.finditer(written):
        if part.group("range_word"):
            joins_range = True
        elif part.group("list_word"):
            joins_range = False
        elif joins_range and ranges:
            ranges[-1] = (ranges[-1][0], week_number(part.group("number")))
            joins_range = False
        else:
            week = week_number(part.group("number"))
            ranges.append((week, week))
    return DateAtom(AtomKind.WEEKS, start, end, week_ranges=tuple(ranges))


def span(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    count = number_value(groups.get("span_count") or groups.get("span_count_first") or "0")
    unit = groups.get("span_unit") or groups.get("span_unit_first") or ""
    days_per_unit = 1 if unit.startswith(("dag", "day")) else 7
    return DateAtom(AtomKind.SPAN, start, end, count=count * days_per_unit)


def relative_day(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    key = "".join((groups["relative_day"] or "").split())
    return DateAtom(AtomKind.RELATIVE_DAY, start, end, offset=RELATIVE_DAY_OFFSETS[key])


def weekday(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    """Return a weekday with the choice its neighbours make («neste», «denne uka»)."""
    name = groups["weekday"] or ""
    before, after = groups["weekday_before"], groups["weekday_after"]
    is_ambiguous = (
        name in words.AMBIGUOUS_WEEKDAY_ABBREVIATIONS and before is None and after is None
    )
    if is_ambiguous and not stands_as_date(text, start, end):
        return None
    number = {
        **words.WEEKDAYS,
        **words.WEEKDAY_ABBREVIATIONS,
        **words.ENGLISH_ONLY_WEEKDAY_ABBREVIATIONS,
    }.get(name, 0)
    written = before or (after.split()[0] if after else None)
    choice = WEEKDAY_CHOICES.get(written or "", WeekdayChoice.UPCOMING)
    return DateAtom(
        AtomKind.WEEKDAY,
        start,
        end,
        weekday=number,
        choice=choice,
        choice_written=choice is not WeekdayChoice.UPCOMING,
    )


def stands_as_date(text: str, start: int, end: int) -> bool:
    """Tell whether «man» or «tor» at `start` is in a date's place, not a pronoun or verb."""
    previous = text[:start].split()[-1:] or [""]
    following = text[end:].strip()
    if previous[0] in WEEKDAY_NEIGHBOURS or previous[0].endswith(("-", ",")):
        return True
    return (
        following == ""
        or following[0] in "-,.?!0123456789"
        or following.startswith(("og ", "til ", "neste", "denne", "eller "))
    )


def relative_count(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    """Return «om tre dager», «in 2 weeks» or «for to uker siden» as a count of days or weeks."""
    ahead = groups.get("ahead_count") is not None
    written = (groups["ahead_count"] if ahead else groups["ago_count"]) or "0"
    unit = (groups["ahead_unit"] if ahead else groups["ago_unit"]) or ""
    return DateAtom(
        AtomKind.RELATIVE_COUNT,
        start,
        end,
        count=count_value(written),
        offset=1 if ahead else -1,
        unit="days" if unit.startswith(("dag", "day", "døgn")) else "weeks",
    )


def count_value(written: str) -> int:
    """Return the count that «tre», «12», «a», «tre tusen» or «-3» names, at most MAX_COUNT."""
    sign = -1 if written.startswith("-") else 1
    value = 1
    for word in written.lstrip("-").split():
        if word.isdigit():
            value *= int(word) if len(word) <= MAX_COUNT_DIGITS else MAX_COUNT
        else:
            value *= ONE_WORDS.get(word) or words.COUNT_MULTIPLIERS.get(word) or number_value(word)
    return sign * min(value, MAX_COUNT)


def week_after_next(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    return DateAtom(AtomKind.RELATIVE_WEEK, start, end, offset=2)


def relative_week(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    return DateAtom(
        AtomKind.RELATIVE_WEEK,
        start,
        end,
        offset=RELATIVE_WEEK_OFFSETS[groups["relative_week"] or "denne"],
    )


def weekend(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    return DateAtom(
        AtomKind.WEEKEND,
        start,
        end,
        offset=WHICH_OFFSETS.get(groups["weekend_which"] or "denne", 0),
    )


def relative_month(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    return DateAtom(
        AtomKind.RELATIVE_MONTH,
        start,
        end,
        offset=WHICH_OFFSETS[groups["relative_month"] or "denne"],
    )


def month(groups: dict[str, str | None], start: int, end: int, text: str) -> DateAtom | None:
    return DateAtom(
        AtomKind.MONTH,
        start,
        end,
        month=month_number(groups["month"]),
        year=year_value(groups["month_year"]),
    )


def rest_of_period(
    groups: dict[str, str | None], start: int, end: int, text: str
) -> DateAtom | None:
    """Return «resten av uka» (count 7) or «ut måneden» (count 31): today to the period's end."""
    is_week = (groups["rest_of"] or "").startswith(("uk", "ve", "we"))
    return DateAtom(AtomKind.REST_OF_PERIOD, start, end, count=7 if is_week else 31)


def month_number(written: str | None) -> int:
    name = (written or "").rstrip(".")
    return words.MONTHS.get(name) or words.MONTH_ABBREVIATIONS.get(name, 0)


BUILDERS = (
    ("named", named_day),
    ("iso_year", iso_date),
    ("dmy_day", numeric_date_with_year),
    ("dm_day", day_and_month_name),
    ("dmn_day", numeric_date),
    ("partial_day", partial_day),
    ("bare_day", bare_day),
    ("week_list", week_numbers),
    ("span_count", span),
    ("span_count_first", span),
    ("relative_day", relative_day),
    ("weekday", weekday),
    ("ahead_count", relative_count),
    ("ago_count", relative_count),
    ("week_after_next", week_after_next),
    ("relative_week", relative_week),
    ("weekend", weekend),
    ("relative_month", relative_month),
    ("rest_of", rest_of_period),
    ("md_month", month_and_day),
    ("month", month),
)
