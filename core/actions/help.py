"""Help, and the answer to a message the bot did not understand."""

from __future__ import annotations

from core.commands import Intent, ParsedCommand, ParseProblem, SmallTalk
from core.context import Context
from core.employees import Role
from core.i18n import N_
from core.messages import Outcome, Reply

# The examples are English in the source and Norwegian in the nb and nn catalogs, each
# written as the parser reads it in that language, so that every example works as typed.
EXAMPLES = {
    Intent.REGISTER_ABSENCE: N_("«I am sick today», «Vacation 1–14 July», «Course on Tuesday»"),
    Intent.REGISTER_UNAVAILABILITY: N_(
        "«I can't work Friday», «Can't take night shifts in week 3»"
    ),
    Intent.REGISTER_AVAILABILITY: N_("«I can take extra shifts this weekend»"),
    Intent.REGISTER_WISH: N_(
        "«I would like Christmas Eve off», «I'd like night shifts in February»"
    ),
    Intent.REQUEST_SWAP: N_("«Can I swap my night shift on Friday with Kari?»"),
    Intent.OFFER_SHIFT: N_("«Can someone take my evening shift on Saturday?»"),
    Intent.TAKE_SHIFT: N_("«I'll take the open shift on 14 January», «I take 57»"),
    Intent.CANCEL_REQUEST: N_("«Withdraw request 42»"),
    Intent.LIST_REQUESTS: N_("«Show pending swaps»"),
    Intent.SHOW_SCHEDULE: N_("«When do I work next week?»"),
    Intent.WHO_WORKS: N_("«Who has the night shift on Saturday?»"),
    Intent.MY_DATA: N_("«What data do you have about me?»"),
    Intent.APPROVE_REQUEST: N_("«Approve 42», «Reject 42»"),
    Intent.GENERATE_ROSTER: N_("«Make a roster for weeks 3–8», «Publish the roster»"),
    Intent.EXPORT_ROSTER: N_("«Export the roster», «Export the roster for weeks 10–15»"),
}

EMPLOYEE_INTENTS = (
    Intent.REGISTER_ABSENCE,
    Intent.REGISTER_UNAVAILABILITY,
    Intent.REGISTER_AVAILABILITY,
    Intent.REGISTER_WISH,
    Intent.REQUEST_SWAP,
    Intent.OFFER_SHIFT,
    Intent.TAKE_SHIFT,
    Intent.CANCEL_REQUEST,
    Intent.LIST_REQUESTS,
    Intent.SHOW_SCHEDULE,
    Intent.WHO_WORKS,
    Intent.MY_DATA,
)


def help_text(context: Context) -> str:
    intents = list(EMPLOYEE_INTENTS)
    if context.actor.has_role(Role.MANAGER):
        intents.append(Intent.APPROVE_REQUEST)
    if context.actor.has_role(Role.PLANNER):
        intents.append(Intent.GENERATE_ROSTER)
    if context.actor.has_role(Role.PLANNER) or context.actor.has_role(Role.MANAGER):
        intents.append(Intent.EXPORT_ROSTER)
    lines = [context._(N_("You can write to me in English or Norwegian, for example:"))]
    lines += [f"  • {context._(EXAMPLES[intent])}" for intent in intents]
    lines.append(context._(N_("I always read back what I understood before I change anything.")))
    return "\n".join(lines)


class Help:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        return Outcome((Reply(help_text(context)),))


# The first sentence of the reply to a message with a bad date and no command. The
# parser may read a number such as «35.5» as a date, so the sentence states only
# that no such date exists.
DATE_PROBLEMS = {
    ParseProblem.INVALID_DATE: N_("«%(written)s» is not a date that exists."),
    ParseProblem.INVALID_WEEK: N_(
        "«%(written)s» is not a week that exists, because a year has weeks 1 to 52, and "
        "some years 53."
    ),
    ParseProblem.RANGE_REVERSED: N_("The period «%(written)s» ends before it starts."),
}


# The reply to «maks to netter per uke»: the chat commands store days, not a count of shifts.
SHIFT_COUNT_LIMIT_TEXT = N_(
    "I cannot store a limit on how many shifts you work per week or month, so I have not "
    "registered anything. The planner sets such limits, so talk to the planner about it. "
    "In the chat, write the days you cannot work, for example «I can't work nights on "
    "15 January», or the shifts you would rather not have, for example «I don't want "
    "night shifts on Friday»."
)


GREETING_EXAMPLES = N_("«I am sick today», «I can't work Friday» or «When do I work next week?»")


def small_talk_text(context: Context, small_talk: SmallTalk) -> str:
    """Return the reply to a greeting (a short help) or to a thanks."""
    if small_talk == SmallTalk.THANKS:
        return context._(N_("You're welcome!"))
    return context._(
        N_(
            "Hi, %(name)s! I am vaktbot, and I help you with your shifts. Write for example "
            "%(examples)s. Write «help» to see everything I can do."
        ),
        name=context.actor.first_name,
        examples=context._(GREETING_EXAMPLES),
    )


class Unknown:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        if command.small_talk is not None:
            text = small_talk_text(context, command.small_talk)
        elif command.problem == ParseProblem.NEGATED_ABSENCE:
            text = context._(
                N_(
                    "I have not registered anything, because the message says that you are not "
                    "absent. To report an absence, write for example «I am sick tomorrow»."
                )
            )
        elif command.problem == ParseProblem.SHIFT_COUNT_LIMIT:
            text = context._(SHIFT_COUNT_LIMIT_TEXT)
        elif command.problem in DATE_PROBLEMS and command.problem_text:
            text = date_problem_text(context, command.problem, command.problem_text)
        elif command.problem == ParseProblem.INVALID_TIME and command.problem_text:
            text = context._(
                N_(
                    "«%(written)s» is not a valid time, and I did not understand what you want "
                    "to do either. Write what you want, the day and the time, for example "
                    "«I cannot work Friday after 15:00»."
                ),
                written=quoted(command.problem_text),
            )
        elif command.suggestion is not None and command.suggestion in EXAMPLES:
            text = context._(
                N_("I did not quite understand that. Did you mean something like %(example)s?"),
                example=context._(EXAMPLES[command.suggestion]),
            )
        elif command.unknown_words:
            # The message as written, not the words the parser lower-cased and corrected.
            written = as_written(command.written) or " ".join(command.unknown_words)
            text = context._(
                N_("I did not understand «%(written)s»."),
                written=quoted(written, limit=MAX_QUOTED_MESSAGE_LENGTH),
            )
            text += "\n" + help_text(context)
        else:
            text = context._(N_("I did not understand that.")) + "\n" + help_text(context)
        return Outcome((Reply(text),))


def date_problem_text(context: Context, problem: ParseProblem, written: str) -> str:
    """Say what is wrong with the date `written`, and what to write instead."""
    wrong = context._(DATE_PROBLEMS[problem], written=quoted(written))
    instead = context._(
        N_(
            "I did not understand what you want to do either. Write what you want and which "
            "day, for example «I am sick 25 May» or «Cannot work 25 May»."
        )
    )
    return f"{wrong} {instead}"


# A word or a message quoted back is cut to this many characters, so that a reply
# stays readable.
MAX_QUOTED_WORD_LENGTH = 40
MAX_QUOTED_MESSAGE_LENGTH = 60


def as_written(message: str) -> str:
    """Return `message` on one line and without control characters, for quoting it back."""
    printable = "".join(character if character.isprintable() else " " for character in message)
    return " ".join(printable.split())


def quoted(word: str, *, limit: int = MAX_QUOTED_WORD_LENGTH) -> str:
    """Return `word`, cut to `limit` characters with «…» after it, for quoting it in a reply."""
    return word if len(word) <= limit else word[:limit].rstrip() + "…"
