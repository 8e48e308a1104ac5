"""Turn one chat message into a `ParsedCommand`: the entry point of the parser."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace

from core.calendar import OSLO
from core.commands import (
    AbsenceKind,
    Amendment,
    DateRange,
    Intent,
    ParsedCommand,
    ParseProblem,
    PartOfDay,
    ShiftKind,
)
from nlu import (
    bare_hours,
    intents,
    replies,
    slots,
    spelling,
    spoken_times,
    words,
    work_limits,
)
from nlu.date_patterns import find_atoms
from nlu.dates import Context, DateFindings, DateMention, find_dates, merge
from nlu.normalise import Message, normalise
from nlu.small_talk import small_talk

logger = logging.getLogger(__name__)

NEEDS_DATES = frozenset(
    {
        Intent.REGISTER_UNAVAILABILITY,
        Intent.REGISTER_AVAILABILITY,
        Intent.REGISTER_WISH,
        Intent.REGISTER_ABSENCE,
        Intent.REQUEST_SWAP,
        Intent.OFFER_SHIFT,
        Intent.TAKE_SHIFT,
        Intent.GENERATE_ROSTER,
    }
)
NEEDS_REQUEST_NUMBER = frozenset(
    {
        Intent.APPROVE_REQUEST,
        Intent.REJECT_REQUEST,
        Intent.CANCEL_REQUEST,
    }
)
SICK_REPORTS = frozenset({AbsenceKind.SICK, AbsenceKind.CHILD_SICK})
# Commands that leaving early or arriving late turns into unavailability for part of a day.
PART_OF_DAY_INTENTS = frozenset(
    {
        Intent.REGISTER_WISH,
        Intent.REGISTER_UNAVAILABILITY,
        Intent.REGISTER_ABSENCE,
        Intent.UNKNOWN,
    }
)
# A sick report whose days all start further ahead than this got them from a yearless
# date whose occurrence this year lay more than 14 days back («syk 1. november» on
# 5 December). Sickness is not reported half a year ahead, so the past days are kept too.
PASSED_OVER_AHEAD = dt.timedelta(days=183)
# The maximum range of times over midnight that is read as a night: «fra 20 til 8».
MAX_RANGE_OVER_MIDNIGHT = dt.timedelta(hours=12)
# Commands that a negation («ikke syk») or «frisk igjen» turns into a question.
TAKEN_BACK_INTENTS = frozenset({Intent.REGISTER_ABSENCE, Intent.REGISTER_WISH, Intent.UNKNOWN})
# In a swap, what follows these words is the other person's side («… mot Ola sin
# kveldsvakt 4. desember», «du har dag søndag»).
PARTNER_SIDE = re.compile(
    r"\b(?:mot|du\s+har|du\s+tar|du\s+jobber|hun\s+har|han\s+har|ho\s+har|for\s+(?:din|di|"
    r"ditt|dine|hans|hennes|your|his|her)|sin|sitt|si|sine|you\s+have|you\s+take|for\s+the)\b"
    r"|'s\b"
)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Join words between a date and an unknown word that may be a date too: «i morgen og overimorgn».
# A comma, space or dash alone is not enough: «fredag – hilsen Kari» is a greeting.
NEXT_TO_DATE = re.compile(r"[\s,]*(?:og|og\s+i|eller|til|fra|frå|and|or|samt)[\s,]*")


@dataclass(frozen=True, slots=True)
class Sides:
    """The sender's days and shift, and in a swap the other person's."""

    dates: tuple[DateRange, ...]
    with_dates: tuple[DateRange, ...]
    shift: ShiftKind | None
    with_shift: ShiftKind | None


def parse(text: str, now: dt.datetime, *, lang: str | None = None) -> ParsedCommand:
    """Return the command that the chat message `text` means, relative to `now`.

    `lang` ("nb", "nn" or "en") is a hint only: every message is read with the
    bokmål, nynorsk and English words at once, and "en" adds the English date
    words that are Norwegian words too («fri», «sat», «sun», «may»).

    Does not raise: an exception inside the parser is logged with its traceback
    but without the message text, and an unknown command is returned.
    """
    try:
        return parse_message(str(text), now, lang)
    except Exception:  # a chat message must get a reply, whatever fails in the parser
        logger.exception("the parser failed on a message of %d characters", len(str(text)))
        return ParsedCommand(intent=Intent.UNKNOWN)


def parse_message(text: str, now: dt.datetime, lang: str | None = None) -> ParsedCommand:
    """Read the message in steps: yes/no replies, command, dates, details, problems."""
    message = normalise(text)
    message = replace(message, text=spoken_times.as_clock_times(message.text))
    message = replace(message, text=spoken_times.as_digit_hours(message.text))
    message = replace(message, text=work_limits.as_unavailability(message.text))
    reply = replies.reply_to_question(message.text, text)
    if reply is not None:
        return ParsedCommand(intent=reply)
    if work_limits.states_shift_count_limit(message.text):
        # Its days («i januar») are kept out: they only name where the limit applies.
        return ParsedCommand(intent=Intent.UNKNOWN, problem=ParseProblem.SHIFT_COUNT_LIMIT)

    # Step 1: the command, which decides how dates are read.
    absence = slots.absence_kind(message.text)
    intent = intents.classify(message.text, message.cleaned, absence)
    part_of_day = slots.part_of_day(message.text)
    if part_of_day is not None and is_about_part_of_day(message, intent):
        intent, absence = Intent.REGISTER_UNAVAILABILITY, None
    else:
        part_of_day = None
    sick_report = intent is Intent.REGISTER_ABSENCE and absence in SICK_REPORTS
    context = Context(
        today=today_in_oslo(now),
        sick_report=sick_report,
        past_tense=sick_report and slots.is_past_tense(message.text),
        english=lang == "en",
    )

    # Step 2: the dates.
    findings = find_dates(message.text, context)

    # Step 3: the details, which depend on the command.
    if intent in TAKEN_BACK_INTENTS and slots.takes_absence_back(
        message.text, wish=intent is Intent.REGISTER_WISH
    ):
        return absence_taken_back(message, absence, findings)
    if intent is Intent.UNKNOWN:
        return unknown_or_amendment(message, findings, context)
    command = command_with_details(intent, absence, message, findings)
    written_time = slots.invalid_time(message.text, date_spans(findings))
    if command.intent is Intent.REGISTER_UNAVAILABILITY and written_time is not None:
        command = with_invalid_time(command, written_time, part_of_day)
    elif part_of_day is not None:
        command = with_part_of_day(command, part_of_day, message.text)
    elif command.intent is Intent.REGISTER_UNAVAILABILITY:
        command = with_unread_time(command, message.text)
        command = with_time_without_before_or_after(command, message.text, date_spans(findings))
    # A range of times that no day can make right is named before the day is asked for.
    if command.intent is Intent.REGISTER_UNAVAILABILITY and command.problem in (
        None,
        ParseProblem.MISSING_DATE,
    ):
        command = with_time_range_checked(command, message.text, date_spans(findings))
    if sick_report and not context.past_tense:
        command = replace(command, past_dates=passed_over_days(message, context, command.dates))
    return command


def date_spans(findings: DateFindings) -> list[tuple[int, int]]:
    """Return the places of the dates in the message, the one it could not read included."""
    spans = [(mention.start, mention.end) for mention in findings.mentions]
    if findings.problem_span is not None:
        spans.append(findings.problem_span)
    return spans


def is_about_part_of_day(message: Message, intent: Intent) -> bool:
    """Tell whether leaving early or arriving late is what the message asks for.

    «I want to leave early Friday» is no wish for the whole day, and its «leave»
    is no leave of absence. An absence named elsewhere («syk, må gå tidlig») wins.
    A message the grammar does not know counts only with a date, or when the sender
    writes that they want or need to («jeg vil gå tidlig»).
    """
    if intent not in PART_OF_DAY_INTENTS:
        return False
    if slots.absence_kind(slots.without_part_of_day(message.text)) is not None:
        return False
    if intent is not Intent.UNKNOWN:
        return True
    return bool(find_atoms(message.text)) or slots.wants_part_of_day(message.text)


def with_invalid_time(
    command: ParsedCommand, written: str, part_of_day: PartOfDay | None = None
) -> ParsedCommand:
    """Set the problem of a time that no clock shows («13 pm», «25:00»), quoting it.

    A whole day must not be registered in its place, so no time is kept. A problem
    with the dates comes first, because its question is asked before any other. The
    part of the day that leaving early or coming in late names is kept, so that a bare
    «13» can answer the question.
    """
    if command.problem not in (None, ParseProblem.MISSING_DATE):
        return command
    return replace(
        command,
        problem=ParseProblem.INVALID_TIME,
        problem_text=written,
        unavailable_from=None,
        unavailable_until=None,
        part_of_day=part_of_day,
    )


def with_unread_time(command: ParsedCommand, text: str) -> ParsedCommand:
    """Ask for the time when a spoken one was not read, instead of freeing the whole day.

    «kan ikke jobbe etter fem lørdag» may mean 05:00 or 17:00, so it gets the question
    for the time that a part-day without one gets.
    """
    has_time = (command.unavailable_from, command.unavailable_until) != (None, None)
    if has_time or not spoken_times.has_unread_time(text):
        return command
    if command.problem == ParseProblem.MISSING_DATE:
        return replace(command, problem=ParseProblem.PART_OF_DAY_WITHOUT_DATE)
    if command.problem is not None:
        return command
    return replace(command, problem=ParseProblem.PART_OF_DAY_WITHOUT_TIME)


def with_time_without_before_or_after(
    command: ParsedCommand, text: str, spans: list[tuple[int, int]]
) -> ParsedCommand:
    """Ask about a time written without «etter» or «før», instead of freeing the whole day.

    «kan ikke jobbe kl 15 fredag» may mean before or after 15:00, or the whole day,
    so the time is kept in `time_of_day` for the question. A named shift («nattevakt
    fredag kl 22») is registered as a whole, so the time then only describes it.
    """
    has_time = (command.unavailable_from, command.unavailable_until) != (None, None)
    if has_time or command.shift is not None:
        return command
    written = slots.written_clock_time(text, spans)
    if written is None:
        return command
    written_time, time = written
    if command.problem == ParseProblem.MISSING_DATE:
        # The question for the date comes first, and its answer then asks about the time.
        return replace(command, time_of_day=time)
    if command.problem is not None:
        return command
    return replace(
        command,
        problem=ParseProblem.TIME_WITHOUT_BEFORE_OR_AFTER,
        problem_text=written_time,
        time_of_day=time,
    )


def with_time_range_checked(
    command: ParsedCommand, text: str, spans: list[tuple[int, int]]
) -> ParsedCommand:
    """Set a problem for a range of times that ends before or where it starts.

    «fra 17 til 15» and «fra 15 til 15» name no part of a day, so no time is kept
    and the written range is quoted in the question. «mellom 22 og 6» runs over
    midnight, and keeps its times, so that the reply can show how to write it.
    """
    time_range = slots.written_time_range(text, spans)
    if time_range is None:
        return command
    written, start, end = time_range
    if start < end:
        return command
    if runs_over_midnight(start, end):
        return replace(
            command,
            problem=ParseProblem.TIME_RANGE_OVER_MIDNIGHT,
            problem_text=written,
            unavailable_from=start,
            unavailable_until=end,
        )
    problem = ParseProblem.TIME_RANGE_EMPTY if start == end else ParseProblem.TIME_RANGE_REVERSED
    return replace(
        command,
        problem=problem,
        problem_text=written,
        unavailable_from=None,
        unavailable_until=None,
    )


def runs_over_midnight(start: dt.time, end: dt.time) -> bool:
    """Tell whether a range whose end comes before its start is a night, not a slip.

    «mellom 22 og 6» lasts 8 hours over midnight. A range of more than
    `MAX_RANGE_OVER_MIDNIGHT` over midnight, such as the 22 hours of «fra 17 til 15», is more
    likely written in the wrong order.
    """
    start_minutes = start.hour * 60 + start.minute
    end_minutes = end.hour * 60 + end.minute
    over_midnight = dt.timedelta(minutes=24 * 60 - start_minutes + end_minutes)
    return end < start and over_midnight <= MAX_RANGE_OVER_MIDNIGHT


def with_part_of_day(command: ParsedCommand, part: PartOfDay, text: str) -> ParsedCommand:
    """Set the time a part-day message names, or the problem that it names no time or day.

    «gå tidlig kl 14» and «jobbe sent, etter kl 18» are unavailability from that time
    on, and «komme seint kl 10» until 10:00.
    """
    if command.shift is not None and slots.first_shift(slots.without_part_of_day(text)) is None:
        # «sent på kvelden» is late in the day, not the evening shift.
        command = replace(command, shift=None)
    unavailable_from = command.unavailable_from
    unavailable_until = command.unavailable_until
    if part is PartOfDay.END and unavailable_from is None:
        unavailable_from = slots.clock_time(text)
    if part is PartOfDay.START and unavailable_until is None:
        unavailable_until = slots.clock_time(text)
    command = replace(command, part_of_day=part)
    if unavailable_from is None and unavailable_until is None:
        if command.problem == ParseProblem.MISSING_DATE:
            return replace(command, problem=ParseProblem.PART_OF_DAY_WITHOUT_DATE)
        if command.problem is not None:
            return command
        return replace(command, problem=ParseProblem.PART_OF_DAY_WITHOUT_TIME)
    return replace(command, unavailable_from=unavailable_from, unavailable_until=unavailable_until)


def passed_over_days(
    message: Message, context: Context, dates: tuple[DateRange, ...]
) -> tuple[DateRange, ...]:
    """Return a sick report's days read in the past tense, if `dates` passed them over.

    Returns no days when the present reading is near enough or the same.
    """
    if not dates or min(r.start for r in dates) - context.today <= PASSED_OVER_AHEAD:
        return ()
    past = all_ranges(find_dates(message.text, replace(context, past_tense=True)).mentions)
    return past if past != dates else ()


def today_in_oslo(now: dt.datetime) -> dt.date:
    if now.tzinfo is None:
        return now.date()
    return now.astimezone(OSLO).date()


def command_with_details(
    intent: Intent, absence: AbsenceKind | None, message: Message, findings: DateFindings
) -> ParsedCommand:
    """Fill in the fields of a recognised command and name what it lacks."""
    text = message.text
    spans = [(mention.start, mention.end) for mention in findings.mentions]
    residue = replies.blank_spans(text, spans)
    sides = (
        swap_sides(residue, findings)
        if intent is Intent.REQUEST_SWAP
        else one_side(residue, findings)
    )
    person = slots.person(message.cleaned)
    request_id = slots.request_number(
        text, spans, bare=intent in NEEDS_REQUEST_NUMBER | {Intent.TAKE_SHIFT}
    )
    problem = command_problem(intent, sides.dates, request_id, person, findings)
    problem_text = date_problem_text(text, findings, problem)
    numbers = slots.request_numbers(text, spans) if intent in NEEDS_REQUEST_NUMBER else []
    if problem is None and len(numbers) > 1:
        problem = ParseProblem.SEVERAL_REQUEST_IDS
        problem_text = ", ".join(str(number) for number in numbers)
    unknown = unknown_words(residue, person)
    unavailable_from, unavailable_until = part_of_day_times(text, spans)
    return ParsedCommand(
        intent=intent,
        dates=sides.dates,
        shift=sides.shift,
        absence=absence if intent in (Intent.REGISTER_ABSENCE, Intent.REGISTER_WISH) else None,
        preference=slots.preference(text) if intent is Intent.REGISTER_WISH else None,
        person=person,
        with_dates=sides.with_dates,
        request_id=request_id,
        problem=problem,
        problem_text=problem_text,
        unknown_words=unknown,
        with_shift=sides.with_shift,
        weekday_conflicts=tuple(findings.weekday_conflicts),
        unread_date_words=words_next_to_dates(text, residue, unknown, findings.mentions),
        open_ended=ends_open(findings),
        negated_absence=(
            slots.negated_absence_kind(text) if intent is Intent.REGISTER_ABSENCE else None
        ),
        unavailable_from=unavailable_from if intent is Intent.REGISTER_UNAVAILABILITY else None,
        unavailable_until=(unavailable_until if intent is Intent.REGISTER_UNAVAILABILITY else None),
        plan_again=intent is Intent.GENERATE_ROSTER and slots.asks_to_plan_again(text),
        night_or_morning=(
            intent is Intent.REGISTER_UNAVAILABILITY and bare_hours.is_about_night_or_morning(text)
        ),
    )


def part_of_day_times(
    text: str, spans: list[tuple[int, int]]
) -> tuple[dt.time | None, dt.time | None]:
    """Return the times from and until which the message's days cannot be worked.

    «etter kl 15» and «før kl 12» give one each, and a range such as «fra 15 til 17»,
    «mellom kl 15 og 17» or «kl 15-17» both. A range is read as a whole, so that «fra 5
    til 8» is 17:00 to 20:00 and not after 17:00 and before 08:00. A number inside one
    of `spans`, the places of the dates, is no time.
    """
    time_range = slots.written_time_range(text, spans)
    if time_range is not None:
        _, start, end = time_range
        return start, end
    return slots.time_after(text, spans), slots.time_before(text, spans)


def all_ranges(mentions: list[DateMention]) -> tuple[DateRange, ...]:
    return merge([date_range for mention in mentions for date_range in mention.ranges])


def one_side(residue: str, findings: DateFindings) -> Sides:
    """Return the days and shift of a command that has no other person's side."""
    shift = slots.first_shift(residue) or findings.implied_shift
    return Sides(dates=all_ranges(findings.mentions), with_dates=(), shift=shift, with_shift=None)


def swap_sides(residue: str, findings: DateFindings) -> Sides:
    """Split a swap into my days and shift and the other person's, at words like «mot»."""
    mentions = findings.mentions
    first_date = mentions[0].start if mentions else 0
    marker = PARTNER_SIDE.search(residue, first_date)
    split = marker.start() if marker else len(residue)
    mine = [mention for mention in mentions if mention.start < split]
    theirs = [mention for mention in mentions if mention.start >= split]
    return Sides(
        dates=all_ranges(mine),
        with_dates=all_ranges(theirs),
        shift=slots.first_shift(residue, 0, split) or findings.implied_shift,
        with_shift=slots.first_shift(residue, split) if marker else None,
    )


def command_problem(
    intent: Intent,
    dates: tuple[DateRange, ...],
    request_id: int | None,
    person: str | None,
    findings: DateFindings,
) -> ParseProblem | None:
    """Return the one thing the core must ask about before it can act, if any."""
    if findings.problem is not None and not dates:
        return findings.problem
    if intent in NEEDS_REQUEST_NUMBER and request_id is None:
        return ParseProblem.MISSING_REQUEST_ID
    if intent in NEEDS_DATES and not dates:
        if intent is Intent.TAKE_SHIFT and request_id is not None:
            return None
        return ParseProblem.MISSING_DATE
    if intent is Intent.REQUEST_SWAP and person is None:
        return ParseProblem.MISSING_PERSON
    return findings.problem


def date_problem_text(
    text: str, findings: DateFindings, problem: ParseProblem | None
) -> str | None:
    """Return the date expression that `problem` is about, if the dates caused it."""
    if problem is None or problem is not findings.problem or findings.problem_span is None:
        return None
    start, end = findings.problem_span
    return text[start:end]


def absence_taken_back(
    message: Message, absence: AbsenceKind | None, findings: DateFindings
) -> ParsedCommand:
    """Return an unknown command naming the absence taken back, so «ikke syk» registers nothing.

    The command language gives a negated absence no meaning. The problem and the
    negated absence let the core offer to withdraw a registered sick leave, or
    explain how to report an absence, instead of a general help text. «Frisk
    igjen» names no absence word but takes back sick leave, and «friskmeldt fra
    mandag» takes it back from Monday on.
    """
    if absence is None and slots.reports_recovery(message.text):
        absence = AbsenceKind.SICK
    return ParsedCommand(
        intent=Intent.UNKNOWN,
        dates=all_ranges(findings.mentions),
        problem=ParseProblem.NEGATED_ABSENCE,
        negated_absence=absence,
        weekday_conflicts=tuple(findings.weekday_conflicts),
        open_ended=ends_open(findings),
    )


def ends_open(findings: DateFindings) -> bool:
    """Return whether the last date was written with no end («syk fra mandag»)."""
    dated = sorted(
        (mention for mention in findings.mentions if mention.ranges),
        key=lambda mention: mention.start,
    )
    return bool(dated) and dated[-1].open_ended


def unknown_or_amendment(
    message: Message, findings: DateFindings, context: Context
) -> ParsedCommand:
    """Return an amendment of the pending request, or an unknown command with hints."""
    text = message.text
    spans = [(mention.start, mention.end) for mention in findings.mentions]
    residue = replies.blank_spans(text, spans)
    change = replies.amendment(text, findings.mentions)
    if change is not None:
        return amendment_command(change, text, residue, findings, context)

    # The dates, person, number and times are kept: they may answer a question from the core.
    person = slots.person(message.cleaned)
    unavailable_from, unavailable_until = part_of_day_times(text, spans)
    problem, problem_text = findings.problem, date_problem_text(text, findings, findings.problem)
    written_time = slots.invalid_time(text, date_spans(findings))
    if problem is None and written_time is not None:
        problem, problem_text = ParseProblem.INVALID_TIME, written_time
    command = ParsedCommand(
        intent=Intent.UNKNOWN,
        small_talk=None if findings.mentions else small_talk(text),
        written=message.original,
        dates=all_ranges(findings.mentions),
        person=person,
        request_id=slots.request_number(text, spans, bare=slots.is_only_request_number(text)),
        problem=problem,
        problem_text=problem_text,
        unknown_words=unknown_words(residue, person),
        suggestion=suggestion(text),
        weekday_conflicts=tuple(findings.weekday_conflicts),
        unavailable_from=unavailable_from,
        unavailable_until=unavailable_until,
        time_of_day=(
            slots.clock_time(text) if unavailable_from is unavailable_until is None else None
        ),
        afternoon_time_of_day=slots.bare_hour_in_afternoon(text),
        day_part_answer=replies.day_part_answer(text),
    )
    if problem is not None:
        return command
    return with_time_range_checked(command, text, spans)


def amendment_command(
    change: Amendment, text: str, residue: str, findings: DateFindings, context: Context
) -> ParsedCommand:
    """Return the AMEND command; «ikke fredag, torsdag» keeps only the days after the comma."""
    mentions = findings.mentions
    negated = replies.negated_part(text)
    if change is Amendment.REPLACE and negated is not None:
        replacing = find_dates(replies.blank_spans(text, [negated]), context).mentions
        mentions = replacing or mentions
    return ParsedCommand(
        intent=Intent.AMEND,
        dates=all_ranges(mentions),
        amendment=change,
        shift=slots.first_shift(residue) or findings.implied_shift,
        weekday_conflicts=tuple(findings.weekday_conflicts),
    )


def unknown_words(residue: str, person: str | None) -> tuple[str, ...]:
    """Return the words outside dates and names that the parser has no use for, in order."""
    name_words = set((person or "").lower().split())
    found: list[str] = []
    for word in WORD.findall(residue):
        if len(word) < 2 or word.removesuffix("'s") in name_words or spelling.is_understood(word):
            continue
        if word not in found:
            found.append(word)
    return tuple(found)


def words_next_to_dates(
    text: str, residue: str, unknown: tuple[str, ...], mentions: list[DateMention]
) -> tuple[str, ...]:
    """Return the unknown words written right next to a date, which may be dates themselves.

    In «syk i morgen og overimorgn» the last word is likely a day that the parser
    could not read, so the read-back states that it was left out instead of dropping it.
    """
    found: list[str] = []
    for match in WORD.finditer(residue):
        word = match.group()
        if word not in unknown or word in found:
            continue
        for mention in mentions:
            if mention.end <= match.start():
                gap = text[mention.end : match.start()]
            elif match.end() <= mention.start:
                gap = text[match.end() : mention.start]
            else:
                continue
            if NEXT_TO_DATE.fullmatch(gap):
                found.append(word)
                break
    return tuple(found)


def suggestion(text: str) -> Intent | None:
    """Return the command whose typical word is nearest a word of `text`, if one is near."""
    for word in WORD.findall(text):
        if word in words.SUGGESTION_WORDS:
            return words.SUGGESTION_WORDS[word]
        if len(word) < 3 or spelling.is_known(word):
            continue
        for typical, intent in words.SUGGESTION_WORDS.items():
            if edit_distance(word, typical) <= allowed_distance(typical):
                return intent
    return None


def allowed_distance(word: str) -> int:
    """Return how many edits away from `word` still count as near: more for longer words."""
    if len(word) < 3:
        return 0
    if len(word) < 5:
        return 1
    return 2


def edit_distance(first: str, second: str) -> int:
    """Return the Damerau–Levenshtein distance (with adjacent swaps) between two words."""
    if abs(len(first) - len(second)) > 2:
        return 3
    previous_row: list[int] = []
    row = list(range(len(second) + 1))
    for index, letter in enumerate(first, start=1):
        before_previous, previous_row = previous_row, row
        row = [index] + [0] * len(second)
        for column, other in enumerate(second, start=1):
            cost = 0 if letter == other else 1
            row[column] = min(
                previous_row[column] + 1, row[column - 1] + 1, previous_row[column - 1] + cost
            )
            swapped = (
                index > 1
                and column > 1
                and letter == second[column - 2]
                and (first[index - 2] == other)
            )
            if swapped:
                row[column] = min(row[column], before_previous[column - 2] + 1)
    return row[-1]
