"""The conversation: read back before any change, act only on a yes, ask when unsure.

A message that would change something becomes a *proposal*: the bot writes back
what it understood, with the dates written out, and stores the proposal as the
conversation's pending dialogue. Only a yes (typed, or the «Bekreft» button)
carries it out. A follow-up such as «og fredag også» or «nei, torsdag» amends
the pending proposal, and a message that lacks something (a date, a request
number) gets one specific question whose answer completes it. Any other message,
and any other button (approving a request, say), ends the pending dialogue, even
when its reply is an error, and pending dialogues expire, so an old yes never
confirms something forgotten.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from core import actions
from core.actions.base import Proposal, command_from_json, command_to_json
from core.actions.drafts import without_missing_weeks
from core.actions.help import DATE_PROBLEMS as DATE_PROBLEM_SENTENCES
from core.actions.help import quoted
from core.actions.language_choices import choose_language, is_about_language
from core.actions.registrations import without_passed_weekend_day
from core.actions.registrations_for_others import RegistrationForColleague, check_about_sender
from core.actions.request_refusals import WHICH_REQUEST_QUESTION, which_request_question
from core.actions.shift_requests import rejection_reason, suggest_swap_takers
from core.actions.unavailability_withdrawals import takes_unavailability_back
from core.actions.withdrawals import check_not_replacing_absence
from core.calendar import planning_horizon_end
from core.commands import (
    Amendment,
    DateRange,
    DayPartAnswer,
    Intent,
    ParsedCommand,
    ParseProblem,
    PartOfDay,
    ShiftKind,
)
from core.context import Context
from core.errors import AmbiguousPerson, UserError
from core.i18n import N_
from core.messages import (
    Button,
    ButtonAction,
    ButtonPress,
    ButtonStyle,
    IncomingMessage,
    Outcome,
    Reply,
    ReplyKind,
)
from core.people import choose_among
from core.repairs import PROPOSAL_PREFIX, decide_proposal

logger = logging.getLogger(__name__)

PENDING_LIFETIME = dt.timedelta(minutes=30)

STAGE_CONFIRM = "confirm"
STAGE_QUESTION = "question"

SEVERAL_REQUESTS = N_(
    "You wrote several request numbers (%(numbers)s), and I decide one request at a time, "
    "so I have done nothing yet."
)
QUESTIONS = {
    ParseProblem.MISSING_DATE: N_(
        "Which day? Write for example «fredag», «12. januar» or «uke 3»."
    ),
    ParseProblem.RANGE_REVERSED: N_(
        "The period ends before it starts. Which days do you mean? Write for example «3.–10. mars»."
    ),
    ParseProblem.INVALID_DATE: N_(
        "That date does not exist. Which day do you mean? Write for example «28. februar»."
    ),
    # `_ask` picks the question by the decision: «Avslå 42» is the example for «avslå».
    ParseProblem.MISSING_REQUEST_ID: WHICH_REQUEST_QUESTION,
    # `_ask` adds the question for one number to this sentence, and keeps no question open.
    ParseProblem.SEVERAL_REQUEST_IDS: SEVERAL_REQUESTS,
    ParseProblem.MISSING_PERSON: N_("Who do you want to swap with? Write the colleague's name."),
    ParseProblem.INVALID_WEEK: N_(
        "That week does not exist: a year has weeks 1 to 52, some years 53. "
        "Which week do you mean? Write for example «uke 3»."
    ),
    ParseProblem.RECURRING_DAYS_WITHOUT_PERIOD: N_(
        "For which period? I register recurring days only within a period. Write for example "
        "«Kan ikke jobbe mandager i januar» or «Ønsker fri i helgene uke 10–14»."
    ),
    ParseProblem.PART_OF_DAY_WITHOUT_TIME: N_(
        "From or until what time? I can register that you cannot work after or before a "
        "time of day, so that you can leave early or come in late. Write the day and the "
        "time, for example «Kan ikke jobbe fredag etter kl 15» or «Kan ikke jobbe fredag "
        "før kl 10»."
    ),
    ParseProblem.PART_OF_DAY_WITHOUT_DATE: N_(
        "Which day, and from or until what time? I can register that you cannot work after "
        "or before a time of day, so that you can leave early or come in late. Write the day "
        "and the time, for example «I cannot work Friday after 15:00» or «I cannot work "
        "Friday before 10:00»."
    ),
    ParseProblem.INVALID_TIME: N_(
        "«%(written)s» is not a valid time, so I have not registered anything. Write hours "
        "from 0 to 23 and minutes from 00 to 59, for example «I cannot work Friday after "
        "15:00», or hours from 1 to 12 with am or pm, for example «after 3 pm»."
    ),
    ParseProblem.TIME_RANGE_REVERSED: N_(
        "«%(written)s» ends before it starts, so I have not registered anything. Write the "
        "earlier time first, for example «Kan ikke jobbe fredag fra kl 15 til 17». For the "
        "morning and the evening of one day, write for example «Kan ikke jobbe fredag før "
        "kl 7 eller etter kl 20»."
    ),
    ParseProblem.TIME_RANGE_OVER_MIDNIGHT: N_(
        "«%(written)s» runs over midnight, and I register a part of one day at a time, so "
        "I have not registered anything. Write the evening and the next morning as two "
        "messages: «Kan ikke jobbe %(evening)s etter kl %(start)s», and then «Kan ikke jobbe "
        "%(morning)s før kl %(end)s»."
    ),
    ParseProblem.TIME_RANGE_EMPTY: N_(
        "«%(written)s» starts and ends at the same time, so I have not registered anything. "
        "Write two different times, for example «Kan ikke jobbe fredag fra kl 15 til 17», or "
        "one, for example «Kan ikke jobbe fredag etter kl 15»."
    ),
    ParseProblem.TIME_WITHOUT_BEFORE_OR_AFTER: N_(
        "Do you mean that you cannot work before or after %(time)s, or the whole day? "
        "Answer «før», «etter» or «hele dagen»."
    ),
    ParseProblem.DATE_TOO_FAR: N_(
        "That date is too far ahead. I only take dates up to %(latest)s. "
        "Check the year and write the date again, for example «12. januar»."
    ),
}
# The question after a time of leaving or coming in that no clock shows («kl 25»),
# which a bare hour answers.
INVALID_ANSWERED_TIME = N_(
    "«%(written)s» is not a valid time. Write hours from 0 to 23 and minutes from 00 to 59, "
    "for example «13» or «13:30»."
)
# Questions about a bad date that the parser kept as written («32.13», «uke 54»).
# Each follows the sentence of `core.actions.help.DATE_PROBLEMS` that quotes it.
QUOTING_QUESTIONS = {
    ParseProblem.INVALID_DATE: N_(
        "Which day do you mean? Write the day and then the month, for example «28.2» or "
        "«28. februar»."
    ),
    ParseProblem.INVALID_WEEK: N_("Which week do you mean? Write for example «uke 3»."),
    ParseProblem.RANGE_REVERSED: N_(
        "Which days do you mean? Write the first day first, for example «3.–10. mars»."
    ),
}
# A week number as written in a reversed range: «uke 15–10», «veke 15 til veke 10», «weeks 15-10».
WEEK_NUMBER = re.compile(r"\b(?:uke[nr]?|uka|veke[nr]?|veka|weeks?)\s*\d", re.IGNORECASE)


# Intents that a message about the reply language («bytt språk til nynorsk») may get
# from its other words. A message with any other intent is about something else.
LANGUAGE_INTENTS = (Intent.UNKNOWN, Intent.REQUEST_SWAP, Intent.HELP)


def respond(context: Context, message: IncomingMessage) -> Outcome:
    if message.button is not None:
        return _respond_to_button(context, message.button)
    text = (message.text or "").strip()
    if not text:
        return _respond_to_empty_message(context)
    command = context.services.parse(text, context.now, lang=context.translator.locale)
    if command.intent in LANGUAGE_INTENTS and is_about_language(text):
        return choose_language(context, text)
    if command.intent == Intent.REJECT_REQUEST:
        command = replace(command, reason=rejection_reason(text))
    if takes_unavailability_back(command, text):
        command = replace(command, intent=Intent.WITHDRAW_UNAVAILABILITY)
    logger.debug("parsed %r as %s", text, command.intent)
    try:
        check_about_sender(context, command, text)
    except RegistrationForColleague as refusal:
        return _refuse_for_colleague(context, refusal)
    return _respond_to_command(context, command, text)


def _refuse_for_colleague(context: Context, refusal: RegistrationForColleague) -> Outcome:
    """Refuse a registration about a colleague, and end the pending dialogue as a new command does.

    The pending dialogue must not take the colleague's dates, and a later «ja» must not
    confirm an older read-back.
    """
    pending = context.store.dialogues.get(context.conversation_key, now=context.now)
    context.store.dialogues.clear(context.conversation_key)
    outcome = Outcome((Reply(refusal.render(context.translator), kind=ReplyKind.ERROR),))
    if pending is not None and pending.payload["stage"] == STAGE_CONFIRM:
        return _with_set_aside_note(context, pending.payload, outcome)
    return outcome


def _respond_to_empty_message(context: Context) -> Outcome:
    """Answer a message without text with a hint, and leave any pending dialogue open."""
    if context.store.dialogues.get(context.conversation_key, now=context.now) is not None:
        return _reply(
            context._(
                N_(
                    "Your message was empty. Answer my question above, or write «help» to see "
                    "what I can do."
                )
            )
        )
    return _reply(context._(N_("Your message was empty. Write «help» to see what I can do.")))


def _respond_to_command(context: Context, command: ParsedCommand, text: str) -> Outcome:
    pending = context.store.dialogues.get(context.conversation_key, now=context.now)
    if pending is None:
        return _respond_without_pending(context, command)
    is_read_back = pending.payload["stage"] == STAGE_CONFIRM
    if is_read_back and _leaves_read_back_open(command):
        return _answer_beside_read_back(context, pending.payload, command)

    # An answer that fails keeps the question open for a better one: its error is
    # re-raised, so the whole transaction is rolled back, the ending included.
    pending_command = command_from_json(pending.payload["command"])
    answers_question = _completed_by(pending.payload, pending_command, command, text) is not None
    outcome = _after_ending_pending(
        context,
        lambda: _respond_to_pending(context, pending.payload, command, text),
        keep_on_error=answers_question,
    )
    if is_read_back and not _answers_read_back(command):
        return _with_set_aside_note(context, pending.payload, outcome)
    return outcome


def _leaves_read_back_open(command: ParsedCommand) -> bool:
    """Tell whether a message may be answered while a read-back still waits for its yes.

    A question about the roster, a request list or help changes nothing, and neither
    does a message the parser did not understand, such as small talk, so the read-back
    stays open. A message with a problem becomes a question of its own instead.
    """
    if command.problem is not None or command.intent in (
        Intent.CONFIRM,
        Intent.DECLINE,
        Intent.AMEND,
    ):
        return False
    return actions.mutating(command.intent) is None


def _answers_read_back(command: ParsedCommand) -> bool:
    """Tell whether a message answers or amends the read-back instead of replacing it."""
    if command.intent in (Intent.CONFIRM, Intent.DECLINE):
        return True
    return command.intent == Intent.AMEND and bool(command.dates)


def _answer_beside_read_back(
    context: Context, payload: dict[str, Any], command: ParsedCommand
) -> Outcome:
    """Answer a message that changes nothing, and remind the user of the open read-back.

    The answer may still replace the read-back, for example with a question about a
    date beyond the planning horizon, and then the user is told it was set aside.
    """
    try:
        with context.store.savepoint():
            outcome = _respond_without_pending(context, command)
    except UserError as error:
        outcome = Outcome((Reply(error.render(context.translator), kind=ReplyKind.ERROR),))
    still_pending = context.store.dialogues.get(context.conversation_key, now=context.now)
    if still_pending is None or still_pending.payload.get("token") != payload.get("token"):
        return _with_set_aside_note(context, payload, outcome)
    reminder = context._(
        N_("I am still waiting for your answer to «%(readback)s». Answer «ja» or «nei»."),
        readback=_read_back_summary(payload),
    )
    return replace(outcome, replies=(*outcome.replies, Reply(reminder)))


def _with_set_aside_note(context: Context, payload: dict[str, Any], outcome: Outcome) -> Outcome:
    """Put a note before the replies that the read-back was ended without any change."""
    note = context._(
        N_(
            "I set aside «%(readback)s», which was waiting for your answer; write "
            "it again if you still want it."
        ),
        readback=_read_back_summary(payload),
    )
    return replace(outcome, replies=(Reply(note), *outcome.replies))


def _read_back_summary(payload: dict[str, Any]) -> str:
    """Return the stored read-back without its closing full stop, to quote in a sentence."""
    return str(payload["proposal"]["readback"]).rstrip(" .")


def _respond_to_pending(
    context: Context, payload: dict[str, Any], command: ParsedCommand, text: str
) -> Outcome:
    follow_up = _follow_up(context, payload, command, text)
    if follow_up is not None:
        return follow_up
    return _respond_without_pending(context, command)


def _respond_without_pending(context: Context, command: ParsedCommand) -> Outcome:
    if command.intent in (Intent.CONFIRM, Intent.DECLINE, Intent.AMEND):
        return _reply(context._(N_("There is nothing waiting for an answer from you right now.")))
    return _start(context, command)


def _after_ending_pending(
    context: Context, respond: Callable[[], Outcome], *, keep_on_error: bool = False
) -> Outcome:
    """End the pending dialogue, then respond; a user error ends it too, unless `keep_on_error`.

    Every message ends the pending dialogue: a read-back takes one answer, and a question
    is dropped when the message does not answer it. A follow-up that needs another
    answer saves a new one. A user error undoes only what `respond` changed and becomes
    the reply, so that a later «ja» cannot confirm an older read-back.
    """
    context.store.dialogues.clear(context.conversation_key)
    try:
        with context.store.savepoint():
            return respond()
    except UserError as error:
        if keep_on_error:
            raise
        logger.info(
            "user error %s ended the pending dialogue of employee %s",
            type(error).__name__,
            context.actor.id,
        )
        return Outcome((Reply(error.render(context.translator), kind=ReplyKind.ERROR),))


def _start(context: Context, command: ParsedCommand) -> Outcome:
    """Answer a new command: a question, a read-back to confirm, or a direct answer."""
    if command.problem is None and _is_beyond_horizon(context, command):
        command = replace(command, problem=ParseProblem.DATE_TOO_FAR)
    if command.intent == Intent.GENERATE_ROSTER:
        command = without_missing_weeks(command)
    command = without_passed_weekend_day(context, command)
    # Checked before the question for a missing date, because no answer to it would
    # make a message that withdraws one absence and registers another one command.
    if command.intent == Intent.REGISTER_ABSENCE:
        check_not_replacing_absence(context, command)
    # An unknown command gets no question, because a corrected date would still not
    # say what to do. The reply of `actions.answer` names the problem instead.
    if command.problem in QUESTIONS and command.intent is not Intent.UNKNOWN:
        return _ask(context, command)
    if _takes_back_absence(command):
        command = replace(command, intent=Intent.WITHDRAW_ABSENCE, problem=None)

    try:
        action = actions.mutating(command.intent)
        if action is None:
            return _with_weekday_warnings(context, command, actions.answer(context, command))
        proposal = action.propose(context, command)
    except AmbiguousPerson as question:
        _save_pending(context, STAGE_QUESTION, command, proposal=None, choices=question.candidates)
        return _reply(question.render(context.translator))
    except UserError as error:
        error.notes.extend(_weekday_warnings(context, command))
        raise
    return _read_back(context, proposal)


def _takes_back_absence(command: ParsedCommand) -> bool:
    """Tell whether the message takes back an absence («ikke syk likevel», «ikke kurs fredag»).

    The parser leaves such a message unknown, and the core offers to withdraw the
    registered absence of that kind. A negation that names no absence only gets an
    explanation.
    """
    return command.problem == ParseProblem.NEGATED_ABSENCE and command.negated_absence is not None


def _is_beyond_horizon(context: Context, command: ParsedCommand) -> bool:
    """Tell whether a command names a day after the planning horizon.

    An unknown command is left alone, because its dates only matter as an answer.
    """
    if command.intent is Intent.UNKNOWN:
        return False
    latest = planning_horizon_end(context.today)
    return any(date_range.end > latest for date_range in command.dates + command.with_dates)


def _follow_up(
    context: Context, payload: dict[str, Any], command: ParsedCommand, text: str
) -> Outcome | None:
    """Return the outcome of a message that continues the pending dialogue, or None."""
    pending_command = command_from_json(payload["command"])

    if payload["stage"] == STAGE_CONFIRM:
        if command.intent == Intent.CONFIRM:
            return _execute(context, Proposal.from_json(payload["proposal"]))
        if command.intent == Intent.DECLINE:
            return _reply(context._(N_("OK, I have not changed anything.")))

    if payload["stage"] == STAGE_QUESTION and command.intent == Intent.DECLINE:
        return _reply(
            context._(
                N_(
                    "OK, I will leave it. I have not registered anything; write the whole "
                    "message again when you want to."
                )
            )
        )

    completed = _completed_by(payload, pending_command, command, text)
    if completed is not None:
        return _start(context, completed)

    if command.intent == Intent.AMEND and command.dates:
        amendment = _reparsed_near(context, text, pending_command, command)
        return _start(context, _amend(pending_command, amendment))
    return None


def _completed_by(
    payload: dict[str, Any], pending: ParsedCommand, message: ParsedCommand, text: str
) -> ParsedCommand | None:
    """Return the pending command completed by the answer `message`, or None if it is no answer.

    Only a pending question takes answers: a choice among the names it listed, or the
    date, request number or colleague it asked for.
    """
    if payload["stage"] != STAGE_QUESTION or _is_new_command(pending, message):
        return None
    if payload.get("choices"):
        chosen = choose_among(text, payload["choices"])
        if chosen is not None:
            return replace(pending, person=chosen)
    if _answers_question(pending, message):
        return _complete(pending, message)
    return None


# Words that tie a follow-up to today rather than to the days being discussed.
TODAY_RELATIVE_WORDS = (
    "i dag",
    "i morgen",
    "i morgon",
    "i overmorgen",
    "i går",
    "today",
    "tomorrow",
)


def _reparsed_near(
    context: Context, text: str, pending: ParsedCommand, amendment: ParsedCommand
) -> ParsedCommand:
    """Read a follow-up's weekdays in the week of the days being discussed.

    After «Kan ikke jobbe 20. januar», «og fredag også» means Friday 22 January,
    not the next Friday from today. The follow-up is parsed again as if it were
    written on the Sunday before that week, so a bare weekday falls in it.
    """
    lowered = text.casefold()
    if not pending.dates or any(word in lowered for word in TODAY_RELATIVE_WORDS):
        return amendment
    first_day = min(date_range.start for date_range in pending.dates)
    sunday_before = first_day - dt.timedelta(days=first_day.weekday() + 1)
    reference = dt.datetime.combine(sunday_before, context.now.timetz())
    reparsed = context.services.parse(text, reference, lang=context.translator.locale)
    if reparsed.intent != Intent.AMEND or not reparsed.dates:
        return amendment
    return reparsed


# Intents of fragments such as «fredag», «med Ola», «42» or «og lørdag»: these answer a
# question, while a message with any other intent is a command of its own.
FRAGMENT_INTENTS = (Intent.UNKNOWN, Intent.AMEND, Intent.CONFIRM)
DATE_PROBLEMS = (
    ParseProblem.MISSING_DATE,
    ParseProblem.RANGE_REVERSED,
    ParseProblem.INVALID_DATE,
    ParseProblem.INVALID_WEEK,
    ParseProblem.DATE_TOO_FAR,
)
# Questions about leaving early or coming in late that lack the time, and maybe the day.
PART_OF_DAY_PROBLEMS = (
    ParseProblem.PART_OF_DAY_WITHOUT_TIME,
    ParseProblem.PART_OF_DAY_WITHOUT_DATE,
)
# Problems with the written times of a part-day, which a time with «etter» or «før» answers.
TIME_PROBLEMS = (
    ParseProblem.INVALID_TIME,
    ParseProblem.TIME_RANGE_REVERSED,
    ParseProblem.TIME_RANGE_EMPTY,
    ParseProblem.TIME_RANGE_OVER_MIDNIGHT,
)


def _is_new_command(pending: ParsedCommand, message: ParsedCommand) -> bool:
    """Tell whether `message` is a command of its own that replaces the question about `pending`.

    A complete command is new, and so is an incomplete one of another kind: «Jeg er syk
    1. november» after a question about vacation. The same command still lacking a part
    answers the question, e.g. «bytte med Ola» after «Kan jeg bytte fredag?» asked who.
    """
    if message.problem == ParseProblem.NEGATED_ABSENCE:
        return True  # «Jeg er ikke syk i morgen» must not give its date to a pending absence
    if message.intent in FRAGMENT_INTENTS:
        return False
    if message.problem is None:
        return True
    same_kind = (message.intent, message.absence, message.preference) == (
        pending.intent,
        pending.absence,
        pending.preference,
    )
    return not same_kind


def _answers_question(pending: ParsedCommand, answer: ParsedCommand) -> bool:
    """Tell whether `answer` supplies what the question about `pending` asked for.

    A time that no clock shows («kl 25») answers a question for a part-day's time, so
    that the reply can say what is wrong with it and the question stays open.
    """
    if pending.problem == ParseProblem.TIME_WITHOUT_BEFORE_OR_AFTER:
        has_time = (answer.unavailable_from, answer.unavailable_until) != (None, None)
        return answer.day_part_answer is not None or has_time or answer.problem in TIME_PROBLEMS
    if _asks_for_part_day_time(pending):
        return (
            bool(answer.dates)
            or answer.problem in (*DATE_PROBLEMS, *TIME_PROBLEMS)
            or _answered_times(pending, answer) != (None, None)
            or _hour_past_day(answer) is not None
        )
    if pending.problem in TIME_PROBLEMS:
        # Without leaving early or coming in late, a bare «15» does not say «etter» or «før».
        has_time = answer.unavailable_from is not None or answer.unavailable_until is not None
        return has_time or answer.problem in TIME_PROBLEMS
    if pending.problem in DATE_PROBLEMS:
        return bool(answer.dates) or answer.problem in DATE_PROBLEMS
    if pending.problem == ParseProblem.MISSING_REQUEST_ID:
        return answer.request_id is not None
    if pending.problem == ParseProblem.MISSING_PERSON:
        return bool(answer.person)
    return False


def _amend(pending: ParsedCommand, amendment: ParsedCommand) -> ParsedCommand:
    if amendment.amendment == Amendment.ADD:
        dates = merge_ranges(pending.dates + amendment.dates)
    else:
        dates = amendment.dates
    conflicts = pending.weekday_conflicts + amendment.weekday_conflicts
    return replace(pending, dates=dates, problem=None, weekday_conflicts=conflicts)


def _complete(pending: ParsedCommand, answer: ParsedCommand) -> ParsedCommand:
    """Fill what the pending command lacked from the answer to our question.

    A date answer that is itself wrong (a reversed range again) keeps the question open.
    Recurring days with no period («mandager») are asked about again: a bare period
    in the answer would lose the weekdays, so the whole message must be written again.
    """
    if pending.problem == ParseProblem.RECURRING_DAYS_WITHOUT_PERIOD:
        return pending
    if pending.problem == ParseProblem.TIME_RANGE_OVER_MIDNIGHT:
        # Its times were kept only for the reply, so an answer must name its own.
        pending = replace(pending, unavailable_from=None, unavailable_until=None)
    if pending.problem in (*PART_OF_DAY_PROBLEMS, *TIME_PROBLEMS):
        return _complete_part_of_day(pending, answer)
    if pending.problem == ParseProblem.TIME_WITHOUT_BEFORE_OR_AFTER:
        return _complete_time_without_before_or_after(pending, answer)
    if pending.problem in DATE_PROBLEMS:
        still_wrong = answer.problem if answer.problem in DATE_PROBLEMS else None
        problem = still_wrong
        if problem is None and _has_time_without_before_or_after(pending):
            problem = ParseProblem.TIME_WITHOUT_BEFORE_OR_AFTER
        return replace(
            pending,
            dates=answer.dates,
            problem=problem,
            problem_text=answer.problem_text if still_wrong else None,
            weekday_conflicts=answer.weekday_conflicts,
        )
    if pending.problem == ParseProblem.MISSING_REQUEST_ID:
        return replace(pending, request_id=answer.request_id, problem=None)
    return replace(pending, person=answer.person, problem=None)


def _complete_part_of_day(pending: ParsedCommand, answer: ParsedCommand) -> ParsedCommand:
    """Fill the day or the time that a part-day lacked, and name what it still lacks.

    After «må gå tidlig fredag», «kl 13», «13» and «fredag etter kl 13» complete it,
    while «fredag» alone still lacks the time and is asked about again, and so does
    «kl 25», whose problem names the time that no clock shows.
    """
    unavailable_from, unavailable_until = _answered_times(pending, answer)
    answered_dates = () if _is_time_read_as_date(answer) else answer.dates
    dates = answered_dates or pending.dates
    has_time = (unavailable_from, unavailable_until) != (None, None)
    problem_text: str | None = None
    if answer.problem in (*DATE_PROBLEMS, *TIME_PROBLEMS):
        problem: ParseProblem | None = answer.problem
        problem_text = answer.problem_text
    elif _hour_past_day(answer) is not None:
        problem, problem_text = ParseProblem.INVALID_TIME, _hour_past_day(answer)
    elif not has_time:
        problem = (
            ParseProblem.PART_OF_DAY_WITHOUT_TIME
            if dates
            else ParseProblem.PART_OF_DAY_WITHOUT_DATE
        )
    else:
        problem = None if dates else ParseProblem.MISSING_DATE
    return replace(
        pending,
        dates=dates,
        unavailable_from=unavailable_from,
        unavailable_until=unavailable_until,
        problem=problem,
        problem_text=problem_text,
        weekday_conflicts=answer.weekday_conflicts if answered_dates else pending.weekday_conflicts,
    )


def _complete_time_without_before_or_after(
    pending: ParsedCommand, answer: ParsedCommand
) -> ParsedCommand:
    """Complete «kan ikke jobbe kl 15 fredag» with «før», «etter», «hele dagen» or a time.

    «før» makes it until the time, «etter» from it, and «hele dagen» the whole day. A
    time with «etter» or «før» («etter kl 16») completes it as after the question for a
    part-day's time.
    """
    time = pending.time_of_day
    answered = replace(pending, problem=None, problem_text=None, time_of_day=None)
    if answer.day_part_answer is DayPartAnswer.BEFORE:
        return replace(answered, unavailable_until=time)
    if answer.day_part_answer is DayPartAnswer.AFTER:
        return replace(answered, unavailable_from=time)
    if answer.day_part_answer is DayPartAnswer.WHOLE_DAY:
        return answered
    return _complete_part_of_day(answered, answer)


def _has_time_without_before_or_after(command: ParsedCommand) -> bool:
    """Tell whether an unavailability names a time without «etter» or «før» («kl 15»)."""
    return (
        command.intent is Intent.REGISTER_UNAVAILABILITY
        and command.time_of_day is not None
        and (command.unavailable_from, command.unavailable_until) == (None, None)
    )


def _asks_for_part_day_time(pending: ParsedCommand) -> bool:
    """Tell whether the question about `pending` asks for the time of leaving or coming in."""
    if pending.problem in PART_OF_DAY_PROBLEMS:
        return True
    return pending.problem == ParseProblem.INVALID_TIME and pending.part_of_day is not None


def _hour_past_day(answer: ParsedCommand) -> str | None:
    """Return a bare number past 23 («25»), which the parser reads as a request number.

    Asked for a time, the sender means an hour, so the reply says that no clock shows it.
    """
    if answer.request_id is None or answer.request_id < 24 or answer.time_of_day is not None:
        return None
    if answer.dates or answer.problem is not None:
        return None
    return str(answer.request_id)


def _is_time_read_as_date(answer: ParsedCommand) -> bool:
    """Tell whether the answer's only day is its time read as a date («13.10» as 13 October).

    Asked for a time, the sender means 13:10, so the day is not taken from the answer.
    """
    time = answer.time_of_day
    if time is None or len(answer.dates) != 1 or answer.dates[0].start != answer.dates[0].end:
        return False
    day = answer.dates[0].start
    return (day.day, day.month) == (time.hour, time.minute)


def _answered_times(
    pending: ParsedCommand, answer: ParsedCommand
) -> tuple[dt.time | None, dt.time | None]:
    """Return the times from and until which an answer makes the pending part-day.

    A time with «etter» or «før» says which it is. A bare «kl 13» is the time of
    leaving after «gå tidlig», and the time of coming in after «komme seint».
    """
    if answer.unavailable_from is not None or answer.unavailable_until is not None:
        return answer.unavailable_from, answer.unavailable_until
    time = _answered_time_of_day(pending, answer)
    if time is None:
        return pending.unavailable_from, pending.unavailable_until
    if pending.part_of_day is PartOfDay.START:
        return None, time
    return time, None


def _answered_time_of_day(pending: ParsedCommand, answer: ParsedCommand) -> dt.time | None:
    """Return the time of day an answer names: a bare «3» is 15:00, as «etter 3» is.

    After a question about the night or the morning («må gå tidlig fra nattevakta»),
    the bare hour is read as written.
    """
    about_night = pending.night_or_morning or pending.shift is ShiftKind.NIGHT
    if answer.afternoon_time_of_day is not None and not about_night:
        return answer.afternoon_time_of_day
    return answer.time_of_day


def merge_ranges(ranges: tuple[DateRange, ...]) -> tuple[DateRange, ...]:
    """Sort `ranges` and merge the ones that overlap or touch."""
    merged: list[DateRange] = []
    for date_range in sorted(ranges, key=lambda r: (r.start, r.end)):
        if merged and date_range.start <= merged[-1].end + dt.timedelta(days=1):
            last = merged.pop()
            date_range = DateRange(last.start, max(last.end, date_range.end))
        merged.append(date_range)
    return tuple(merged)


def _ask(context: Context, command: ParsedCommand) -> Outcome:
    assert command.problem is not None
    if command.problem == ParseProblem.SEVERAL_REQUEST_IDS:
        # No question is kept open: a bare number as the answer would act on one
        # request while the sender may believe both were decided.
        several = context._(SEVERAL_REQUESTS, numbers=command.problem_text or "")
        return _reply(f"{several} {context._(which_request_question(command.intent))}")
    _save_pending(context, STAGE_QUESTION, command, proposal=None)
    if command.problem == ParseProblem.DATE_TOO_FAR:
        latest = planning_horizon_end(context.today)
        question = context._(QUESTIONS[command.problem], latest=context.date(latest))
    elif command.problem in QUOTING_QUESTIONS and command.problem_text:
        wrong = context._(
            DATE_PROBLEM_SENTENCES[command.problem], written=quoted(command.problem_text)
        )
        question = f"{wrong} {_quoting_question(context, command.problem, command.problem_text)}"
    elif command.problem == ParseProblem.INVALID_TIME and command.part_of_day is not None:
        question = context._(INVALID_ANSWERED_TIME, written=quoted(command.problem_text or ""))
    elif command.problem == ParseProblem.TIME_RANGE_OVER_MIDNIGHT:
        question = _over_midnight_question(context, command)
    elif command.problem in TIME_PROBLEMS:
        question = context._(QUESTIONS[command.problem], written=quoted(command.problem_text or ""))
    elif command.problem == ParseProblem.TIME_WITHOUT_BEFORE_OR_AFTER:
        time = command.time_of_day or dt.time(0)
        question = context._(QUESTIONS[command.problem], time=time.strftime("%H:%M"))
    elif command.problem == ParseProblem.MISSING_REQUEST_ID:
        question = context._(which_request_question(command.intent))
    else:
        question = context._(QUESTIONS[command.problem])
    if command.problem == ParseProblem.MISSING_PERSON and command.intent == Intent.REQUEST_SWAP:
        takers = suggest_swap_takers(context, command)
        if takers:
            question += " " + takers
    return _reply(question)


def _over_midnight_question(context: Context, command: ParsedCommand) -> str:
    """Return the reply to «mellom 22 og 6 fredag», with the two messages to write instead.

    The evening is the first day written, or today when the message names no day.
    """
    evening = command.dates[0].start if command.dates else context.today
    start = command.unavailable_from or dt.time(0)
    end = command.unavailable_until or dt.time(0)
    return context._(
        QUESTIONS[ParseProblem.TIME_RANGE_OVER_MIDNIGHT],
        written=quoted(command.problem_text or ""),
        evening=context.translator.day_month(evening),
        morning=context.translator.day_month(evening + dt.timedelta(days=1)),
        start=start.strftime("%H:%M"),
        end=end.strftime("%H:%M"),
    )


def _quoting_question(context: Context, problem: ParseProblem, written: str) -> str:
    """Return the question after the sentence that quotes a bad date, with a fitting example.

    A reversed range of weeks gets the same weeks in the right order as its example,
    because a day example would suggest writing days instead.
    """
    if problem == ParseProblem.RANGE_REVERSED and WEEK_NUMBER.search(written):
        week_numbers = sorted(int(number) for number in re.findall(r"\d+", written))
        first, last = week_numbers if len(week_numbers) == 2 else (10, 15)
        return context._(
            N_(
                "Which weeks do you mean? Write the first week first, for example "
                "«uke %(first)s–%(last)s»."
            ),
            first=first,
            last=last,
        )
    return context._(QUOTING_QUESTIONS[problem])


def _read_back(context: Context, proposal: Proposal) -> Outcome:
    token = _save_pending(context, STAGE_CONFIRM, proposal.command, proposal=proposal)
    buttons = (
        Button(
            context._(N_("Confirm")), ButtonPress(ButtonAction.CONFIRM, token), ButtonStyle.PRIMARY
        ),
        Button(
            context._(N_("Cancel")), ButtonPress(ButtonAction.CANCEL, token), ButtonStyle.DANGER
        ),
    )
    readback = " ".join([proposal.readback, *_weekday_warnings(context, proposal.command)])
    text = context._(N_("%(readback)s Is that right?"), readback=readback)
    return Outcome((Reply(text, kind=ReplyKind.CONFIRMATION, buttons=buttons),))


def _with_weekday_warnings(context: Context, command: ParsedCommand, outcome: Outcome) -> Outcome:
    """Add the weekday warnings to the first reply to the sender.

    They go on a line of their own after a reply of several lines, else after its last sentence.
    """
    warnings = _weekday_warnings(context, command)
    replies = list(outcome.replies)
    own = [index for index, reply in enumerate(replies) if reply.recipient_employee_id is None]
    if not warnings or not own:
        return outcome
    first = replies[own[0]]
    separator = "\n" if "\n" in first.text else " "
    replies[own[0]] = replace(first, text=separator.join([first.text, " ".join(warnings)]))
    return replace(outcome, replies=tuple(replies))


def _weekday_warnings(context: Context, command: ParsedCommand) -> list[str]:
    """Warn about each day of the command that was written with another weekday.

    The read-back keeps the date as written and asks the user to check it, because
    either the weekday or the date may be the mistake.
    """
    days = command.dates + command.with_dates
    warnings = []
    for conflict in dict.fromkeys(command.weekday_conflicts):
        if not any(conflict.day in date_range for date_range in days):
            continue  # a day that a follow-up replaced
        day_text = context.translator.day_month(conflict.day)
        if conflict.day.year != context.today.year:
            day_text += f" {conflict.day.year}"
        warnings.append(
            context._(
                N_(
                    "Note: %(day)s is a %(actual)s, not a %(written)s. Check the date, and write "
                    "the right one if it is wrong."
                ),
                day=day_text,
                actual=context.translator.weekday_name(conflict.day.weekday()),
                written=context.translator.weekday_name(conflict.written_weekday),
            )
        )
    if command.unread_date_words:
        warnings.append(
            context._(
                N_(
                    "Note: I did not understand %(words)s, so it is not included. If it is a day, "
                    "write it as a date, for example «7.12»."
                ),
                words=" ".join(f"«{word}»" for word in command.unread_date_words[:3]),
            )
        )
    return warnings


def _save_pending(
    context: Context,
    stage: str,
    command: ParsedCommand,
    proposal: Proposal | None,
    choices: list[str] | None = None,
) -> str:
    token = secrets.token_urlsafe(8)
    payload = {
        "token": token,
        "stage": stage,
        "command": command_to_json(command),
        "proposal": proposal.to_json() if proposal else None,
        "choices": choices or [],
    }
    context.store.dialogues.save(
        context.conversation_key, context.actor.id, payload, context.now + PENDING_LIFETIME
    )
    return token


def _execute(context: Context, proposal: Proposal) -> Outcome:
    action = actions.mutating(proposal.intent)
    if action is None:  # pragma: no cover - proposals are only made for mutating intents
        raise UserError(N_("That can no longer be done."))
    return action.execute(context, proposal)


def _respond_to_button(context: Context, press: ButtonPress) -> Outcome:
    if press.action in (ButtonAction.CONFIRM, ButtonAction.CANCEL):
        return _respond_to_confirmation_button(context, press)
    if context.store.dialogues.get(context.conversation_key, now=context.now) is None:
        return _decide_by_button(context, press)

    # Another button ends the pending dialogue as a typed message does, so that a
    # later «ja» cannot confirm a read-back the user has moved on from.
    outcome = _after_ending_pending(context, lambda: _decide_by_button(context, press))
    note = Reply(
        context._(
            N_(
                "You pressed another button, so what we were doing above has ended without any "
                "change. Write it again if you still want it."
            )
        )
    )
    return replace(outcome, replies=(*outcome.replies, note))


def _decide_by_button(context: Context, press: ButtonPress) -> Outcome:
    """Carry out an approve, reject, accept or decline button on a request or repair proposal."""
    if press.value.startswith(PROPOSAL_PREFIX):
        return decide_proposal(context, press)
    return actions.decide_request(context, press)


def _respond_to_confirmation_button(context: Context, press: ButtonPress) -> Outcome:
    pending = context.store.dialogues.get(context.conversation_key, now=context.now)
    current = pending is not None and pending.payload.get("token") == press.value
    if pending is None or not current or pending.payload["stage"] != STAGE_CONFIRM:
        text = context._(
            N_("That question has expired or was already answered. Nothing was changed.")
        )
        return Outcome((Reply(text, replace_original=True),))

    if press.action == ButtonAction.CANCEL:
        context.store.dialogues.clear(context.conversation_key)
        return _reply(context._(N_("OK, I have not changed anything.")), replace_original=True)
    proposal = Proposal.from_json(pending.payload["proposal"])
    return _replacing_read_back(_after_ending_pending(context, lambda: _execute(context, proposal)))


def _replacing_read_back(outcome: Outcome) -> Outcome:
    """Let the first reply to the sender take the place of the read-back whose button was pressed.

    The read-back then loses its buttons, so it cannot be confirmed twice.
    """
    replies = list(outcome.replies)
    for index, reply in enumerate(replies):
        if reply.recipient_employee_id is None:
            replies[index] = replace(reply, replace_original=True)
            break
    return replace(outcome, replies=tuple(replies))


def _reply(text: str, *, replace_original: bool = False) -> Outcome:
    return Outcome((Reply(text, replace_original=replace_original),))
