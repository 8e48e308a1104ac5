"""Named days and holiday periods of the Norwegian year, fixed or counted from Easter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

DayRange = tuple[dt.date, dt.date]


def easter_sunday(year: int) -> dt.date:
    """Return Easter Sunday of `year` in the Gregorian calendar (Meeus/Jones/Butcher algorithm)."""
    golden_number = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_remainder = divmod(century, 4)
    lunar_correction = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden_number + century - leap_centuries - lunar_correction + 15) % 30
    leap_years, year_remainder = divmod(year_of_century, 4)
    weekday_offset = (32 + 2 * century_remainder + 2 * leap_years - epact - year_remainder) % 7
    correction = (golden_number + 11 * epact + 22 * weekday_offset) // 451
    month, day = divmod(epact + weekday_offset - 7 * correction + 114, 31)
    return dt.date(year, month, day + 1)


def fixed(
    month: int, day: int, last_month: int | None = None, last_day: int | None = None
) -> Callable[[int], DayRange]:
    """Return a rule for a day (or a period) on the same calendar days every year."""

    def days_of(year: int) -> DayRange:
        start = dt.date(year, month, day)
        if last_month is None or last_day is None:
            return start, start
        end_year = year if (last_month, last_day) >= (month, day) else year + 1
        return start, dt.date(end_year, last_month, last_day)

    return days_of


def from_easter(first_offset: int, last_offset: int | None = None) -> Callable[[int], DayRange]:
    """Return a rule for a day (or a period) counted in days from Easter Sunday."""

    def days_of(year: int) -> DayRange:
        sunday = easter_sunday(year)
        last = first_offset if last_offset is None else last_offset
        return sunday + dt.timedelta(days=first_offset), sunday + dt.timedelta(days=last)

    return days_of


RULES: dict[str, Callable[[int], DayRange]] = {
    "julaften": fixed(12, 24),
    "første juledag": fixed(12, 25),
    "andre juledag": fixed(12, 26),
    "første og andre juledag": fixed(12, 25, 12, 26),
    "jula": fixed(12, 24, 12, 26),
    "romjula": fixed(12, 27, 12, 30),
    "nyttårsaften": fixed(12, 31),
    "nyttårsdag": fixed(1, 1),
    "nyttår": fixed(12, 31, 1, 1),
    "arbeidernes dag": fixed(5, 1),
    "grunnlovsdagen": fixed(5, 17),
    "skjærtorsdag": from_easter(-3),
    "langfredag": from_easter(-2),
    "påskeaften": from_easter(-1),
    "første påskedag": from_easter(0),
    "andre påskedag": from_easter(1),
    "første og andre påskedag": from_easter(0, 1),
    # «i påsken» means the holidays, Maundy Thursday to Easter Monday.
    "påsken": from_easter(-3, 1),
    "kristi himmelfartsdag": from_easter(39),
    "første pinsedag": from_easter(49),
    "andre pinsedag": from_easter(50),
    "første og andre pinsedag": from_easter(49, 50),
    # NOTE: «pinsen» is taken as the two public holidays; some wards count the
    # Saturday before as well.
    "pinsen": from_easter(49, 50),
}

FIRST = r"(?:1\.|første|fyrste|first)\s*"
SECOND = r"(?:2\.|andre|second)\s*"

# The written forms of each name, in the order they are tried: a longer name
# comes before any name that it starts with.
PATTERNS: tuple[tuple[str, str], ...] = (
    (FIRST + r"(?:og|-|,)\s*" + SECOND + r"juledag(?:en)?", "første og andre juledag"),
    (FIRST + r"(?:og|-|,)\s*" + SECOND + r"påskedag(?:en)?", "første og andre påskedag"),
    (FIRST + r"(?:og|-|,)\s*" + SECOND + r"pinsedag(?:en)?", "første og andre pinsedag"),
    (r"julaften(?:en)?|julaftan|christmas\s+eve", "julaften"),
    (FIRST + r"juledag(?:en)?|christmas\s+day|juledag(?:en)?", "første juledag"),
    (SECOND + r"juledag(?:en)?|boxing\s+day", "andre juledag"),
    (r"nyttårsaften(?:en)?|nyttårsaftan|new\s+year'?s\s+eve", "nyttårsaften"),
    (FIRST + r"nyttårsdag(?:en)?|nyttårsdag(?:en)?|new\s+year'?s\s+day", "nyttårsdag"),
    (r"romjula|romjulen|romjul|romjola", "romjula"),
    (r"jula|julen|jul|jola|christmas|xmas", "jula"),
    (r"nyttåret|nyttår|new\s+year", "nyttår"),
    (r"arbeidernes\s+dag|labou?r\s+day", "arbeidernes dag"),
    (r"grunnlovsdag(?:en)?|nasjonaldag(?:en)?|constitution\s+day", "grunnlovsdagen"),
    (r"skjærtorsdag(?:en)?|maundy\s+thursday", "skjærtorsdag"),
    (r"langfredag(?:en)?|good\s+friday", "langfredag"),
    (r"påskeaften(?:en)?|påskeaftan|easter\s+saturday|holy\s+saturday", "påskeaften"),
    (FIRST + r"påskedag(?:en)?|easter\s+sunday|easter\s+day|påskedag(?:en)?", "første påskedag"),
    (SECOND + r"påskedag(?:en)?|easter\s+monday", "andre påskedag"),
    (r"påskeferien|påskeferie|påskehelga|påskehelgen|påsken|påska|påske|easter", "påsken"),
    (
        r"(?:kristi\s+)?himmelfartsdag(?:en)?|(?:kristi\s+)?himmelfart|ascension(?:\s+day)?",
        "kristi himmelfartsdag",
    ),
    (FIRST + r"pinsedag(?:en)?|whit\s+sunday|pinsedag(?:en)?", "første pinsedag"),
    (SECOND + r"pinsedag(?:en)?|whit\s+monday", "andre pinsedag"),
    (r"pinsen|pinsa|pinse|pentecost", "pinsen"),
)
