"""Resolve the date expressions of a message into inclusive date ranges.

Every expression resolves against the reference day in Europe/Oslo, with ISO
weeks from Monday to Sunday. Expressions joined by «til», «-» or «t.o.m.» form
one range. Expressions joined by «og» or a comma stay separate, and ranges that
touch are merged at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from core.calendar import iso_week_monday, monday_of
from core.commands import DateRange, ParseProblem, ShiftKind, WeekdayConflict
from nlu import named_days, words
from nlu.date_patterns import AtomKind, DateAtom, WeekdayChoice, find_atoms
from nlu.relative_counts import CountFailed, count_from

# A sick report may name a day up to this far back without a year: «12. januar»
# written on 20 January is this year's, not next year's. A sick report in the past
# tense («var syk 28.11») takes the latest occurrence up to today instead, however
# far back, because sickness reported afterwards is never in the future.
SICK_REPORT_LOOKBACK = dt.timedelta(days=14)
# How many years back a past-tense date without a year is looked for: 29 February
# may be up to eight years back.
PAST_YEARS = 9
# A yearless range that ends in an earlier month than it starts («20. desember
# til 3. januar») crosses New Year only if it stays this short; a longer one is
# taken as written backwards.
MAX_NEW_YEAR_CROSSING = dt.timedelta(days=183)
DAY = dt.timedelta(days=1)

# Kinds of atom that name one day of a month, which a weekday before them joins.
DAY_KINDS = (AtomKind.DAY_MONTH, AtomKind.BARE_DAY, AtomKind.PARTIAL_DAY)

RANGE_JOIN = re.compile(r"-|til\s+og\s+med|tom|til|to|through|until|till|t\.o\.m\.")
LIST_JOIN = re.compile(r"og|,|,\s*og|and|,\s*and|&|\+|eller|or|samt")
BETWEEN = re.compile(r"\b(?:mellom|between)\s*$")
# «fra mandag» with no end after it: from that day on, for as long as it lasts.
OPEN_START = re.compile(r"\b(?:fra|frå|fom|fra\s+og\s+med|frå\s+og\s+med|from|starting)\s*$")
WEEK_NUMBER_JOIN = re.compile(r"|i|in|på")
# Days that recur in a period: «hver mandag», «alle mandager», «mandagene», and
# weekends: «helgene», «hver helg», «helgevakter», «helg i mai». The period
# written with them («i mai», «uke 3–8») is cut down to those weekdays.
RECURRING_WEEKDAY = re.compile(
    r"\b(?:(?P<every>hver|hvert|kvar|alle|every)\s+)?(?P<name>"
    + "|".join(sorted(words.WEEKDAYS, key=len, reverse=True))
    + r")(?P<plural>er|ene|ar|ane|s)?\b"
)
RECURRING_WEEKEND = re.compile(
    r"\b(?:(?:hver|kvar|alle|every)\s+(?:helg|weekend)\w*|helgene|helger|helgar|helgane"
    r"|weekends|helgevakter|helgevaktene|helgevaktane|helgevakt(?=\s+(?:i|in|på)\b)"
    r"|helg(?=\s+(?:i|in)\s+(?!helg)\w))"
)
WEEKEND_DAYS = frozenset({5, 6})


class InvalidDate(Exception):
    """A date that does not exist, such as 31 February or week 54."""


class InvalidWeek(InvalidDate):
    """A week number that no ISO year has, such as week 0 or week 54."""


class ReversedRange(Exception):
    """A range that ends before it starts."""


@dataclass(frozen=True, slots=True)
class Context:
    """What resolving a date depends on besides the expression itself."""

    today: dt.date
    sick_report: bool = False
    past_tense: bool = False
    # The message is in English: «fri», «sat», «sun» and «may» are dates.
    english: bool = False

    @property
    def earliest(self) -> dt.date:
        """Return the first day that a yearless date may fall on."""
        return self.today - SICK_REPORT_LOOKBACK if self.sick_report else self.today


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression, or a range or list of them, with its place in the text."""

    start: int
    end: int
    ranges: tuple[DateRange, ...]
    # Written as «fra mandag» with no end: the day and every day after it.
    open_ended: bool = False


@dataclass(slots=True)
class DateFindings:
    mentions: list[DateMention] = field(default_factory=list)
    problem: ParseProblem | None = None
    # Where in the text the expression that caused `problem` starts and ends.
    problem_span: tuple[int, int] | None = None
    implied_shift: ShiftKind | None = None
    weekday_conflicts: list[WeekdayConflict] = field(default_factory=list)


def find_dates(text: str, context: Context) -> DateFindings:
    """Find, join and resolve every date expression in the normalised `text`."""
    findings = DateFindings()
    recurring = recurring_days(text)
    atoms = absorb_neighbours(find_atoms(text, english=context.english), text)
    atoms = [
        atom for atom in atoms if not any(start <= atom.start < end for start, end in recurring)
    ]
    findings.implied_shift = implied_shift(text, atoms)
    for chain, joins in chains(atoms, text):
        chain = share_months(share_weekday_choices(chain, joins), joins)
        resolve_chain(
            chain,
            joins,
            context,
            findings,
            open_ended=not joins and bool(OPEN_START.search(text[: chain[0].start])),
        )
    if recurring:
        keep_recurring_days(findings, recurring)
    return findings


def recurring_days(text: str) -> dict[tuple[int, int], frozenset[int]]:
    """Return where the text names recurring days («mandager», «helgene»), and which weekdays."""
    found: dict[tuple[int, int], frozenset[int]] = {}
    for match in RECURRING_WEEKEND.finditer(text):
        found[match.span()] = WEEKEND_DAYS
    for match in RECURRING_WEEKDAY.finditer(text):
        if match["every"] or match["plural"]:
            found[match.span()] = frozenset({words.WEEKDAYS[match["name"]]})
    return found


def keep_recurring_days(
    findings: DateFindings, recurring: dict[tuple[int, int], frozenset[int]]
) -> None:
    """Cut every period down to the recurring weekdays, or ask for a period if there is none.

    «helgene i mai» is every Saturday and Sunday in May. The contract gives a
    weekday name alone the next such day, but «mandager» with no period would be
    every Monday for ever, so the user is asked which period they mean.
    """
    weekdays = frozenset().union(*recurring.values())
    periods = [mention for mention in findings.mentions if mention.ranges]
    if not periods and findings.problem is None:
        findings.problem = ParseProblem.RECURRING_DAYS_WITHOUT_PERIOD
        findings.problem_span = min(recurring)
    for index, mention in enumerate(findings.mentions):
        days = [
            day
            for date_range in mention.ranges
            for day in date_range.days()
            if day.weekday() in weekdays
        ]
        if days:
            findings.mentions[index] = replace(
                mention, ranges=merge([DateRange(day, day) for day in days])
            )
    findings.mentions.extend(DateMention(start, end, ()) for start, end in recurring)


def merge(ranges: list[DateRange]) -> tuple[DateRange, ...]:
    """Return `ranges` sorted, with overlapping or touching ranges merged."""
    merged: list[DateRange] = []
    for date_range in sorted(ranges, key=lambda item: (item.start, item.end)):
        if merged and date_range.start <= merged[-1].end + DAY:
            last = merged[-1]
            merged[-1] = DateRange(last.start, max(last.end, date_range.end))
        else:
            merged.append(date_range)
    return tuple(merged)


def implied_shift(text: str, atoms: list[DateAtom]) -> ShiftKind | None:
    """Return the shift that «i kveld» (evening) or «i natt» (night) names along with the day."""
    for atom in atoms:
        if atom.kind is AtomKind.RELATIVE_DAY:
            written = text[atom.start : atom.end]
            if "kveld" in written or "tonight" in written:
                return ShiftKind.EVENING
            if "natt" in written:
                return ShiftKind.NIGHT
    return None


# Joining atoms --------------------------------------------------------------


def absorb_neighbours(atoms: list[DateAtom], text: str) -> list[DateAtom]:
    """Join a weekday to the date or week number written right after it.

    «fredag 20. november» is one day, so the weekday gives way to the date and is
    kept only to check it against the date. In «fredag i uke 50» the week number
    picks the Friday.
    """
    joined: list[DateAtom] = []
    for atom in atoms:
        previous = joined[-1] if joined else None
        if previous is not None and previous.kind is AtomKind.WEEKDAY:
            gap = text[previous.end : atom.start].strip()
            if atom.kind in DAY_KINDS and gap in ("", "den", ","):
                joined[-1] = replace(atom, start=previous.start, written_weekday=previous.weekday)
                continue
            if is_single_week(atom) and WEEK_NUMBER_JOIN.fullmatch(gap):
                joined[-1] = replace(
                    previous,
                    end=atom.end,
                    choice=WeekdayChoice.IN_WEEK_NUMBER,
                    choice_written=True,
                    count=atom.week_ranges[0][0],
                )
                continue
        joined.append(atom)
    return joined


def is_single_week(atom: DateAtom) -> bool:
    return (
        atom.kind is AtomKind.WEEKS
        and len(atom.week_ranges) == 1
        and (atom.week_ranges[0][0] == atom.week_ranges[0][1])
    )


def chains(atoms: list[DateAtom], text: str) -> list[tuple[list[DateAtom], list[str]]]:
    """Group the atoms into chains joined by range or list words; each join is «range» or «list»."""
    grouped: list[tuple[list[DateAtom], list[str]]] = []
    for atom in atoms:
        if grouped:
            chain, joins = grouped[-1]
            join = join_kind(text, chain, atom)
            if join is not None:
                chain.append(atom)
                joins.append(join)
                continue
        grouped.append(([atom], []))
    return grouped


def join_kind(text: str, chain: list[DateAtom], atom: DateAtom) -> str | None:
    previous = chain[-1]
    gap = " ".join(text[previous.end : atom.start].split())
    if RANGE_JOIN.fullmatch(gap):
        return "range"
    if gap in ("og", "and") and len(chain) == 1 and BETWEEN.search(text[: previous.start]):
        return "range"
    if LIST_JOIN.fullmatch(gap):
        return "list"
    return None


def share_weekday_choices(chain: list[DateAtom], joins: list[str]) -> list[DateAtom]:
    """Give a bare weekday the week that another weekday of its chain names.

    In «tirsdag og onsdag neste uke» both days are in the next week, and in
    «neste mandag og tirsdag» too.
    """
    named = [atom for atom in chain if atom.kind is AtomKind.WEEKDAY and atom.choice_written]
    if not named:
        return chain
    shared = []
    for index, atom in enumerate(chain):
        if atom.kind is AtomKind.WEEKDAY and not atom.choice_written:
            later = [other for other in chain[index:] if other in named]
            source = later[0] if later else named[-1]
            atom = replace(atom, choice=source.choice, count=source.count)
        shared.append(atom)
    return shared


def share_months(chain: list[DateAtom], joins: list[str]) -> list[DateAtom]:
    """Give a day without a month («3.» in «3.–5. januar») the month and year of a later date."""
    shared = list(chain)
    for index in range(len(shared) - 2, -1, -1):
        atom, following = shared[index], shared[index + 1]
        following_has_month = following.kind in (AtomKind.DAY_MONTH, AtomKind.PARTIAL_DAY) and (
            following.month != 0
        )
        if atom.kind is AtomKind.PARTIAL_DAY and following_has_month:
            shared[index] = replace(atom, month=following.month, year=following.year)
    return shared


# Resolving atoms ------------------------------------------------------------


def resolve_chain(
    chain: list[DateAtom],
    joins: list[str],
    context: Context,
    findings: DateFindings,
    *,
    open_ended: bool = False,
) -> None:
    """Resolve one chain into ranges and add it to `findings`, or record why it failed.

    NOTE: a range without an end («fra og med 1. desember») resolves to its first
    day only, with `open_ended` set, because the command language has no such range.
    """
    ranges: list[DateRange] = []
    index = 0
    while index < len(chain):
        is_range = index < len(joins) and joins[index] == "range"
        span = (chain[index].start, chain[index + 1 if is_range else index].end)
        try:
            if is_range:
                date_range = resolve_range(chain[index], chain[index + 1], context)
                check_weekday(chain[index], date_range.start, findings)
                check_weekday(chain[index + 1], date_range.end, findings)
                ranges.append(date_range)
            else:
                resolved = resolve(chain[index], context)
                if resolved:
                    check_weekday(chain[index], resolved[0].start, findings)
                ranges.extend(resolved)
        except InvalidWeek:
            note_problem(findings, ParseProblem.INVALID_WEEK, span)
        except InvalidDate:
            if is_range:
                span = invalid_end_span(chain[index], chain[index + 1], context)
            note_problem(findings, ParseProblem.INVALID_DATE, span)
        except ReversedRange:
            note_problem(findings, ParseProblem.RANGE_REVERSED, span)
        index += 2 if is_range else 1
    if ranges:
        findings.mentions.append(
            DateMention(chain[0].start, chain[-1].end, tuple(ranges), open_ended=open_ended)
        )


def note_problem(findings: DateFindings, problem: ParseProblem, span: tuple[int, int]) -> None:
    """Record `problem` and where it was written, unless an earlier expression had one."""
    if findings.problem is None:
        findings.problem = problem
        findings.problem_span = span


def check_weekday(atom: DateAtom, day: dt.date, findings: DateFindings) -> None:
    """Record a conflict when the weekday written with `atom` is not the weekday of `day`."""
    if atom.written_weekday is not None and atom.written_weekday != day.weekday():
        findings.weekday_conflicts.append(WeekdayConflict(day, atom.written_weekday))


def invalid_end_span(first: DateAtom, last: DateAtom, context: Context) -> tuple[int, int]:
    """Return where the end that does not exist is written («30.02» of «30.02 til 5.03»).

    Each end is resolved alone, with the month of the last end shared as in the range.
    Both ends are returned when each is valid alone.
    """
    first, last = share_months([first, last], ["range"])
    for atom in (first, last):
        try:
            resolve(atom, context)
        except InvalidDate:
            if atom.kind is AtomKind.PARTIAL_DAY:
                break  # «30.» alone does not say which date, so the whole range is quoted
            return atom.start, atom.end
    return first.start, last.end


def resolve(atom: DateAtom, context: Context) -> list[DateRange]:
    """Resolve one atom on its own into the ranges it means."""
    if atom.kind is AtomKind.WEEKS:
        return [
            DateRange(*week_range(first, last, context.today)) for first, last in atom.week_ranges
        ]
    if atom.kind is AtomKind.RELATIVE_COUNT:
        return relative_count(atom, context)
    if atom.kind is AtomKind.PARTIAL_DAY:
        if atom.month == 0:
            return []  # a lone number such as a request id, not a date
        atom = replace(atom, kind=AtomKind.DAY_MONTH)
    start, end = RESOLVERS[atom.kind](atom, context)
    return [DateRange(start, end)]


def resolve_range(first: DateAtom, last: DateAtom, context: Context) -> DateRange:
    """Resolve «X til Y»: Y is the first of its kind on or after X unless Y gives its year."""
    if first.kind in (AtomKind.DAY_MONTH, AtomKind.PARTIAL_DAY) and last.kind is AtomKind.DAY_MONTH:
        return day_month_range(first, last, context)
    if first.kind is AtomKind.BARE_DAY and last.kind is AtomKind.BARE_DAY:
        return bare_day_range(first.day, last.day, context)
    start = resolve_start(first, context)
    end = resolve_end(last, start, context)
    if end < start:
        raise ReversedRange()
    return DateRange(start, end)


def resolve_start(atom: DateAtom, context: Context) -> dt.date:
    ranges = resolve(atom, context)
    if not ranges:
        raise InvalidDate()
    return ranges[0].start


def resolve_end(atom: DateAtom, start: dt.date, context: Context) -> dt.date:
    """Resolve the end of a range as the first such day or month on or after `start`."""
    if atom.kind is AtomKind.WEEKDAY and atom.choice is WeekdayChoice.UPCOMING:
        return start + dt.timedelta(days=(atom.weekday - start.weekday()) % 7)
    if atom.kind is AtomKind.DAY_MONTH and atom.year is None:
        return next_occurrence(atom.month, atom.day, start)
    if atom.kind is AtomKind.MONTH and atom.year is None:
        year = start.year if atom.month >= start.month else start.year + 1
        return month_range(year, atom.month)[1]
    if atom.kind is AtomKind.WEEKS and atom.week_ranges:
        week = atom.week_ranges[-1][1]
        return week_range(week, week, start)[1] if week else start
    ranges = resolve(atom, context)
    if not ranges:
        raise InvalidDate()
    return ranges[-1].end


def day_month_range(first: DateAtom, last: DateAtom, context: Context) -> DateRange:
    """Resolve a range between two days of the year, placing it in one year or across New Year.

    Without years the range is the first one that has not ended (in a sick report:
    that ended at most 14 days ago). A year written on either end fixes both.
    """
    first_day = (first.month, first.day)
    last_day = (last.month, last.day)
    # Both ends are checked first, so that «3.–32. mars» is an invalid date and not a
    # reversed range. In 2000, a leap year, only a day that no year has raises.
    make_date(2000, *first_day)
    make_date(2000, *last_day)
    crosses_new_year = last_day < first_day
    if crosses_new_year and last.month == first.month:
        raise ReversedRange()
    if first.year is not None or last.year is not None:
        return written_year_range(first, last, crosses_new_year)
    if context.past_tense:
        return past_day_month_range(first_day, last_day, crosses_new_year, context.today)
    for year in range(context.today.year - 1, context.today.year + 9):
        try:
            start = dt.date(year, *first_day)
            end = dt.date(year + (1 if crosses_new_year else 0), *last_day)
        except ValueError:
            continue
        if end >= context.earliest:
            return checked_range(start, end, crosses_new_year)
    raise InvalidDate()


def past_day_month_range(
    first_day: tuple[int, int], last_day: tuple[int, int], crosses_new_year: bool, today: dt.date
) -> DateRange:
    """Return the latest yearless range that starts on or before `today`."""
    for year in range(today.year, today.year - PAST_YEARS, -1):
        try:
            start = dt.date(year, *first_day)
            end = dt.date(year + (1 if crosses_new_year else 0), *last_day)
        except ValueError:
            continue
        if start <= today:
            return checked_range(start, end, crosses_new_year)
    raise InvalidDate()


def written_year_range(first: DateAtom, last: DateAtom, crosses_new_year: bool) -> DateRange:
    """Resolve a range of which one end or both have a year; the other end follows it."""
    years_crossed = 1 if crosses_new_year else 0
    start_year = first.year if first.year is not None else (last.year or 0) - years_crossed
    end_year = last.year if last.year is not None else start_year + years_crossed
    start = make_date(start_year, first.month, first.day)
    return checked_range(start, make_date(end_year, last.month, last.day), crosses_new_year)


def checked_range(start: dt.date, end: dt.date, crosses_new_year: bool) -> DateRange:
    if end < start or (crosses_new_year and end - start > MAX_NEW_YEAR_CROSSING):
        raise ReversedRange()
    return DateRange(start, end)


def make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise InvalidDate() from error


def next_occurrence(month: int, day: int, earliest: dt.date) -> dt.date:
    """Return the first (month, day) on or after `earliest`; 29 February waits for a leap year."""
    for year in range(earliest.year, earliest.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= earliest:
            return candidate
    raise InvalidDate()


def previous_occurrence(month: int, day: int, latest: dt.date) -> dt.date:
    """Return the last (month, day) on or before `latest`; 29 February looks back to a leap year."""
    for year in range(latest.year, latest.year - PAST_YEARS, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= latest:
            return candidate
    raise InvalidDate()


def day_month(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    if atom.year is not None:
        day = make_date(atom.year, atom.month, atom.day)
        return day, day
    make_date(2000, atom.month, atom.day)  # a leap year, so only impossible dates raise
    if context.past_tense:
        day = previous_occurrence(atom.month, atom.day, context.today)
    else:
        day = next_occurrence(atom.month, atom.day, context.earliest)
    return day, day


def bare_day(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    """Resolve «den 12.» as the next 12th on or after today, or in the past tense the last one."""
    step = -1 if context.past_tense else 1
    months = context.today.year * 12 + context.today.month - 1
    for _ in range(13):
        try:
            candidate = dt.date(months // 12, months % 12 + 1, atom.day)
        except ValueError:
            candidate = None
        if candidate is not None and (candidate - context.today).days * step >= 0:
            return candidate, candidate
        months += step
    raise InvalidDate()


def bare_day_range(first_day: int, last_day: int, context: Context) -> DateRange:
    """Resolve «fra 25 til 28» as the first such range of days of a month that has not ended.

    The start is the 25th of a month, and the end the next 28th from it, so «fra 28 til
    3» runs into the next month. As for «den 25.», a range in the past tense is the last
    one that started on or before today. A month that lacks a day is skipped.
    """
    step = -1 if context.past_tense else 1
    months = context.today.year * 12 + context.today.month - 1 - step
    for _ in range(14):
        months += step
        try:
            start = dt.date(months // 12, months % 12 + 1, first_day)
            end_months = months + (1 if last_day < first_day else 0)
            end = dt.date(end_months // 12, end_months % 12 + 1, last_day)
        except ValueError:
            continue
        if (context.past_tense and start <= context.today) or (
            not context.past_tense and end >= context.earliest
        ):
            return DateRange(start, end)
    raise InvalidDate()


def weekday(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    """Resolve a weekday by its choice; a bare one is 1 to 7 days ahead, never today."""
    choice = atom.choice
    if choice is WeekdayChoice.UPCOMING and context.past_tense:
        choice = WeekdayChoice.MOST_RECENT
    day = weekday_by_choice(atom.weekday, choice, atom.count, context.today)
    return day, day


def weekday_by_choice(
    weekday_number: int, choice: WeekdayChoice, week_number: int, today: dt.date
) -> dt.date:
    if choice is WeekdayChoice.UPCOMING:
        return today + dt.timedelta(days=(weekday_number - today.weekday() - 1) % 7 + 1)
    if choice is WeekdayChoice.MOST_RECENT:
        return today - dt.timedelta(days=(today.weekday() - weekday_number - 1) % 7 + 1)
    if choice is WeekdayChoice.IN_WEEK_NUMBER:
        return week_range(week_number, week_number, today)[0] + dt.timedelta(days=weekday_number)
    week_offsets = {
        WeekdayChoice.THIS_WEEK: 0,
        WeekdayChoice.NEXT_WEEK: 1,
        WeekdayChoice.PREVIOUS_WEEK: -1,
    }
    this_week = monday_of(today) + dt.timedelta(days=weekday_number)
    return this_week + dt.timedelta(weeks=week_offsets[choice])


def relative_day(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    day = context.today + dt.timedelta(days=atom.offset)
    return day, day


def relative_count(atom: DateAtom, context: Context) -> list[DateRange]:
    """Resolve «om tre dager» as the day dateparser counts to, and «om to uker» as its ISO week.

    A count of weeks is the whole week it lands in, as «neste uke» is, so «hva jobber
    jeg om to uker?» shows that week. A count that dateparser fails on gives no range,
    and one that reaches past year 9999 or is negative («om -3 dager») is invalid.
    """
    if atom.count < 0:
        raise InvalidDate()
    try:
        day = count_from(context.today, atom.count, atom.unit, ahead=atom.offset > 0)
    except CountFailed:
        return []
    if day is None:
        raise InvalidDate()
    if atom.unit == "days":
        return [DateRange(day, day)]
    monday = monday_of(day)
    return [DateRange(monday, monday + dt.timedelta(days=6))]


def relative_week(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    monday = monday_of(context.today) + dt.timedelta(weeks=atom.offset)
    return monday, monday + dt.timedelta(days=6)


def weekend(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    """Resolve «i helgen» as this week's Saturday and Sunday, or another week's by the offset."""
    saturday = monday_of(context.today) + dt.timedelta(days=5, weeks=atom.offset)
    return saturday, saturday + DAY


def week_range(first: int, last: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """Resolve weeks `first` to `last` of this ISO year, or of the next if `first` has ended."""
    if not (1 <= first <= 53 and 1 <= last <= 53):
        raise InvalidWeek()
    iso_year = today.isocalendar().year
    for year in (iso_year, iso_year + 1):
        try:
            monday = iso_week_monday(year, first)
        except ValueError:
            continue
        if monday + dt.timedelta(days=6) >= today:
            return monday, last_week_sunday(year, first, last)
    raise InvalidWeek()


def last_week_sunday(year: int, first: int, last: int) -> dt.date:
    """Return the Sunday of week `last`, in the next ISO year when `last` is below `first`.

    «uke 50–2» crosses New Year, but a range of more than half a year, such as
    «uke 15–10», is taken as written backwards and raises `ReversedRange`.
    """
    end_year = year if last >= first else year + 1
    try:
        sunday = iso_week_monday(end_year, last) + dt.timedelta(days=6)
    except ValueError as error:
        raise InvalidWeek() from error
    if last < first and sunday - iso_week_monday(year, first) > MAX_NEW_YEAR_CROSSING:
        raise ReversedRange()
    return sunday


def week_numbers(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    first, last = atom.week_ranges[0]
    return week_range(first, last, context.today)


def span(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    """Resolve «de neste N dagene» as today and the N − 1 days after it."""
    if atom.count < 1:
        raise InvalidDate()
    return context.today, context.today + dt.timedelta(days=atom.count - 1)


def rest_of_period(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    """Resolve «resten av uka» as today to Sunday, and «ut måneden» as today to the month's end."""
    if atom.count == 7:
        return context.today, monday_of(context.today) + dt.timedelta(days=6)
    return context.today, month_range(context.today.year, context.today.month)[1]


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first, following - DAY


def month(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    """Resolve a month as this year's unless it has ended, then next year's.

    In the past tense («var syk i november») the month is the latest that has begun.
    """
    if atom.year is not None:
        return month_range(atom.year, atom.month)
    if context.past_tense:
        year = context.today.year if atom.month <= context.today.month else context.today.year - 1
        return month_range(year, atom.month)
    year = context.today.year if atom.month >= context.today.month else context.today.year + 1
    return month_range(year, atom.month)


def relative_month(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    months = context.today.year * 12 + context.today.month - 1 + atom.offset
    return month_range(months // 12, months % 12 + 1)


def named_day(atom: DateAtom, context: Context) -> tuple[dt.date, dt.date]:
    """Resolve a holiday as its first occurrence that has not ended (sick reports: 14 days back)."""
    rule = named_days.RULES[atom.name]
    if context.past_tense:
        for year in range(context.today.year, context.today.year - 2, -1):
            start, end = rule(year)
            if start <= context.today:
                return start, end
    for year in range(context.today.year - 1, context.today.year + 2):
        start, end = rule(year)
        if end >= context.earliest:
            return start, end
    raise InvalidDate()


RESOLVERS = {
    AtomKind.DAY_MONTH: day_month,
    AtomKind.BARE_DAY: bare_day,
    AtomKind.WEEKDAY: weekday,
    AtomKind.RELATIVE_DAY: relative_day,
    AtomKind.RELATIVE_WEEK: relative_week,
    AtomKind.WEEKEND: weekend,
    AtomKind.WEEKS: week_numbers,
    AtomKind.SPAN: span,
    AtomKind.MONTH: month,
    AtomKind.RELATIVE_MONTH: relative_month,
    AtomKind.NAMED_DAY: named_day,
    AtomKind.REST_OF_PERIOD: rest_of_period,
}
