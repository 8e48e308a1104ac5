"""The structured command that the parser makes of one chat message.

This is the contract between the parser (`nlu`) and the core: every adapter hands
the text to the parser, and the core acts only on a `ParsedCommand`. Its JSON form
is what `vaktbot parse` prints, one object a line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Intent(StrEnum):
    REGISTER_UNAVAILABILITY = "register_unavailability"
    REGISTER_AVAILABILITY = "register_availability"
    REGISTER_WISH = "register_wish"
    REGISTER_ABSENCE = "register_absence"
    REQUEST_SWAP = "request_swap"
    OFFER_SHIFT = "offer_shift"
    TAKE_SHIFT = "take_shift"
    APPROVE_REQUEST = "approve_request"
    REJECT_REQUEST = "reject_request"
    CANCEL_REQUEST = "cancel_request"
    LIST_REQUESTS = "list_requests"
    GENERATE_ROSTER = "generate_roster"
    PUBLISH_ROSTER = "publish_roster"
    # Not in the command language: sends the CSV file of a draft or published roster again.
    EXPORT_ROSTER = "export_roster"
    SHOW_SCHEDULE = "show_schedule"
    WHO_WORKS = "who_works"
    MY_DATA = "my_data"
    # «Slett dataene mine»: a request to erase one's data (GDPR art. 17).
    DELETE_MY_DATA = "delete_my_data"
    HELP = "help"
    CONFIRM = "confirm"
    DECLINE = "decline"
    AMEND = "amend"
    # Not in the command language: the core makes it of a negated sick report
    # («ikke syk», «frisk igjen»), which the parser returns as unknown.
    WITHDRAW_ABSENCE = "withdraw_absence"
    # Not in the command language: the core makes it of an offer to work that says
    # «likevel» («kan jobbe fredag likevel»), which takes back an unavailability.
    WITHDRAW_UNAVAILABILITY = "withdraw_unavailability"
    UNKNOWN = "unknown"


class Amendment(StrEnum):
    """How a short follow-up message changes the dates of the request being made."""

    ADD = "add"
    REPLACE = "replace"


class ParseProblem(StrEnum):
    """Why a message that looked like a command could not be completed."""

    MISSING_DATE = "missing_date"
    RANGE_REVERSED = "range_reversed"
    INVALID_DATE = "invalid_date"
    MISSING_REQUEST_ID = "missing_request_id"
    MISSING_PERSON = "missing_person"
    # Absence words that are negated («ikke syk») or «frisk igjen»: nothing to register.
    NEGATED_ABSENCE = "negated_absence"
    # A week number that no ISO year has, such as week 54.
    INVALID_WEEK = "invalid_week"
    # A day after `core.calendar.planning_horizon_end`. The core sets it, not the
    # parser, so that `vaktbot parse` still prints the dates as written.
    DATE_TOO_FAR = "date_too_far"
    # Recurring days («mandager», «helgene») with no period to pick them from.
    RECURRING_DAYS_WITHOUT_PERIOD = "recurring_days_without_period"
    # Leaving early or arriving late («leave early Friday») with no time of day: only
    # whole days are wishes, so the core asks from or until when the day is meant.
    PART_OF_DAY_WITHOUT_TIME = "part_of_day_without_time"
    # The same with no day either («jeg vil gå tidlig»): the core asks for both.
    PART_OF_DAY_WITHOUT_DATE = "part_of_day_without_date"
    # A time of day that no clock shows («13 pm», «25:00»), kept as written in
    # `problem_text`. Nothing is registered, and the reply tells what to write instead.
    INVALID_TIME = "invalid_time"
    # Two or more request numbers in one decision («godkjenn 4 og 5»), kept in
    # `problem_text`. A decision acts on one request, so nothing is done.
    SEVERAL_REQUEST_IDS = "several_request_ids"
    # A range of times that ends before it starts («fra 17 til 15») or where it starts
    # («fra 15 til 15»), kept as written in `problem_text`. Nothing is registered.
    TIME_RANGE_REVERSED = "time_range_reversed"
    TIME_RANGE_EMPTY = "time_range_empty"
    # A range of times that runs over midnight («mellom 22 og 6 fredag»), kept as written
    # in `problem_text` and read in `unavailable_from` and `unavailable_until`. A part of
    # a day is stored for each of its days alike, and from 22:00 until 06:00 on one day is
    # both ends of that day (core.partial_days), so nothing is registered and the reply
    # tells how to write the evening and the next morning.
    TIME_RANGE_OVER_MIDNIGHT = "time_range_over_midnight"
    # Unavailability with a time of day but no «etter», «før», «fra» or «til» («kan
    # ikke jobbe kl 15 fredag»), kept in `time_of_day`. The core asks whether the
    # time is the start or the end of the part, or the whole day is meant.
    TIME_WITHOUT_BEFORE_OR_AFTER = "time_without_before_or_after"
    # A limit on how many shifts one works per week or month («maks to netter per uke»).
    # No chat command stores such a limit, so nothing is registered. The reply tells the
    # sender that the planner sets such limits, and what to write instead.
    SHIFT_COUNT_LIMIT = "shift_count_limit"


class SmallTalk(StrEnum):
    """A message that is only a greeting or a thanks, which gets a short reply."""

    GREETING = "greeting"
    THANKS = "thanks"


class ShiftKind(StrEnum):
    """The kind of shift a message names; a unit maps each kind to its own shift codes."""

    DAY = "D"
    EVENING = "A"
    NIGHT = "N"
    LONG_DAY = "L"


class AbsenceKind(StrEnum):
    SICK = "sick"
    CHILD_SICK = "child_sick"
    VACATION = "vacation"
    LEAVE = "leave"
    COURSE = "course"
    TIME_OFF_IN_LIEU = "time_off_in_lieu"


class Preference(StrEnum):
    OFF = "off"
    WORK = "work"


@dataclass(frozen=True, slots=True)
class DateRange:
    """Days from `start` to `end`, both inclusive."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date range ends before it starts: {self.start} > {self.end}")

    def days(self) -> list[dt.date]:
        count = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=offset) for offset in range(count)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def time_json(moment: dt.time | None) -> str | None:
    """Return a time of day as «15:00», or None."""
    return moment.strftime("%H:%M") if moment is not None else None


def ranges_of(days: list[dt.date]) -> tuple[DateRange, ...]:
    """Group sorted days into ranges of consecutive days."""
    ranges: list[DateRange] = []
    for day in days:
        if ranges and day == ranges[-1].end + dt.timedelta(days=1):
            ranges[-1] = DateRange(ranges[-1].start, day)
        else:
            ranges.append(DateRange(day, day))
    return tuple(ranges)


# English weekday names by `datetime.date.weekday()` number, for the JSON form.
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class WeekdayConflict:
    """A day written with a weekday that it does not fall on, as in «fredag 12. desember 2026»."""

    day: dt.date
    # The weekday as written, numbered as `datetime.date.weekday()` does (0 is Monday).
    written_weekday: int

    def to_json(self) -> dict[str, str]:
        return {
            "date": self.day.isoformat(),
            "written_weekday": WEEKDAY_NAMES[self.written_weekday],
        }

    @classmethod
    def from_json(cls, payload: dict[str, str]) -> WeekdayConflict:
        return cls(
            dt.date.fromisoformat(payload["date"]), WEEKDAY_NAMES.index(payload["written_weekday"])
        )


class DayPartAnswer(StrEnum):
    """An answer to «before or after that time, or the whole day?»: «før», «etter», «hele dagen»."""

    BEFORE = "before"
    AFTER = "after"
    WHOLE_DAY = "whole_day"


class PartOfDay(StrEnum):
    """The part of a working day that a message asks to be free from."""

    # «gå tidlig», «leave early»: from some time until the day's end.
    END = "end"
    # «komme seint», «come in late»: from the day's start until some time.
    START = "start"


@dataclass(frozen=True, slots=True)
class ParsedCommand:
    """What one message asks for; fields that do not apply are None or empty."""

    intent: Intent
    dates: tuple[DateRange, ...] = ()
    shift: ShiftKind | None = None
    absence: AbsenceKind | None = None
    preference: Preference | None = None
    person: str | None = None
    with_dates: tuple[DateRange, ...] = ()
    request_id: int | None = None
    # Set when the parser saw something it could not resolve, for example a range
    # that ends before it starts; the core turns it into a question to the user.
    problem: ParseProblem | None = None
    # The date expression that the problem is about, as the parser read it («35.5»,
    # «uke 54»), when the problem comes from a date.
    problem_text: str | None = None
    # The words the parser did not understand, and for an unknown message the
    # command that comes nearest, so that the reply can suggest it.
    unknown_words: tuple[str, ...] = field(default=())
    suggestion: Intent | None = None
    # For `Intent.AMEND`: whether `dates` are added to the pending request or replace its dates.
    amendment: Amendment | None = None
    # In swaps: the shift kind of the other person's day in `with_dates`.
    with_shift: ShiftKind | None = None
    # With the problem NEGATED_ABSENCE: the absence that the message takes back
    # («ikke syk», «frisk igjen»: sick leave), or None for a wish against time off.
    negated_absence: AbsenceKind | None = None
    # Days whose written weekday is another than the one they fall on. The dates
    # keep the day as written, and the read-back asks the user to check it.
    weekday_conflicts: tuple[WeekdayConflict, ...] = ()
    # The last day was written with no end («friskmeldt fra mandag», «syk fra i dag»),
    # so the message is about that day and every later one.
    open_ended: bool = False
    # Unknown words written right next to a date («i morgen og overimorgn»), which
    # may be days the parser could not read; the read-back says they were left out.
    unread_date_words: tuple[str, ...] = ()
    # For unavailability: the part of each day that cannot be worked, from
    # `unavailable_from` to midnight («etter kl 15») or from midnight to
    # `unavailable_until` («før kl 12»). With both, and `unavailable_from` the
    # earlier, it is the time between them («fra 15 til 17»). None for both means
    # the whole day.
    unavailable_from: dt.time | None = None
    unavailable_until: dt.time | None = None
    # For leaving early or coming in late: which end of the day is meant, so that
    # an answer with only a time («kl 13») can say from or until when.
    part_of_day: PartOfDay | None = None
    # For an unknown message: a time of day written without «etter» or «før» («kl 13»,
    # «13:00»), which may answer the question for a part-day's time. For unavailability
    # with the problem TIME_WITHOUT_BEFORE_OR_AFTER, or lacking its date: the time that
    # the question asks about.
    time_of_day: dt.time | None = None
    # For an unknown message that is only «før», «etter» or «hele dagen», which answers
    # the question about a time written without «etter» or «før».
    day_part_answer: DayPartAnswer | None = None
    # For an unknown message of only a bare hour from one to six («3»): that hour in the
    # afternoon (15:00), as «etter 3» is read. An answer to a question about the time of
    # a part-day takes it, unless the question is about the night or the morning.
    afternoon_time_of_day: dt.time | None = None
    # For unavailability: the message names the night or the morning («om natta»,
    # «nattevakt»), so a bare hour that answers its question is read as written.
    night_or_morning: bool = False
    # For an unknown message: whether it is only a greeting or a thanks.
    small_talk: SmallTalk | None = None
    # In a sick report whose yearless days the command language puts in next year,
    # because this year's lie more than 14 days back: the days read as the latest
    # ones up to today. Sickness is not reported a year ahead, so the core checks these.
    past_dates: tuple[DateRange, ...] = ()
    # For a roster command: the message asks to plan an existing roster again
    # («forbedre turnusen», «lag turnusen på nytt») rather than to make one. Not part
    # of `to_json`, so `vaktbot parse` prints the command language's fields only.
    plan_again: bool = False
    # For an unknown message: the message as the user wrote it, which the reply quotes.
    # It is not part of `to_json`, so `vaktbot parse` does not echo the text.
    written: str = ""

    # The reason given for a rejection or a decline, as written after «fordi», «pga.» or a colon.
    # The dialogue fills it from the message text; the parser leaves it empty, so
    # `to_json` does not show it.
    reason: str = ""

    def all_days(self) -> list[dt.date]:
        return [day for date_range in self.dates for day in date_range.days()]

    def to_json(self) -> dict[str, Any]:
        """Return the object `vaktbot parse` prints for this command."""
        return {
            "intent": self.intent.value,
            "dates": [[r.start.isoformat(), r.end.isoformat()] for r in self.dates],
            "shift": self.shift.value if self.shift else None,
            "absence": self.absence.value if self.absence else None,
            "preference": self.preference.value if self.preference else None,
            "person": self.person,
            "with_dates": [[r.start.isoformat(), r.end.isoformat()] for r in self.with_dates],
            "request_id": self.request_id,
            "problem": self.problem.value if self.problem else None,
            "problem_text": self.problem_text,
            "amendment": self.amendment.value if self.amendment else None,
            "with_shift": self.with_shift.value if self.with_shift else None,
            "unknown_words": list(self.unknown_words),
            "suggestion": self.suggestion.value if self.suggestion else None,
            "weekday_conflicts": [conflict.to_json() for conflict in self.weekday_conflicts],
            "negated_absence": self.negated_absence.value if self.negated_absence else None,
            "open_ended": self.open_ended,
            "unread_date_words": list(self.unread_date_words),
            "unavailable_from": time_json(self.unavailable_from),
            "unavailable_until": time_json(self.unavailable_until),
            "part_of_day": self.part_of_day.value if self.part_of_day else None,
            "time_of_day": time_json(self.time_of_day),
            "small_talk": self.small_talk.value if self.small_talk else None,
            "past_dates": [[r.start.isoformat(), r.end.isoformat()] for r in self.past_dates],
        }
