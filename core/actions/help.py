"""Help, and the answer to a message the bot did not understand."""

from __future__ import annotations

from core.commands import Intent, ParsedCommand, ParseProblem, SmallTalk
from core.context import Context
from core.employees import Role
from core.i18n import N_
from core.messages import Outcome, Reply

EXAMPLES = {
    Intent.REGISTER_ABSENCE: N_("«Jeg er syk i dag», «Ferie 1.–14. juli», «Kurs tirsdag»"),
    Intent.REGISTER_UNAVAILABILITY: N_("«Kan ikke jobbe fredag», «Kan ikke ta nattevakter uke 3»"),
    Intent.REGISTER_AVAILABILITY: N_("«Kan ta ekstravakter i helgen»"),
    Intent.REGISTER_WISH: N_("«Ønsker fri julaften», «Vil gjerne ha nattevakter i februar»"),
    Intent.REQUEST_SWAP: N_("«Kan jeg bytte nattevakta mi fredag med Kari?»"),
    Intent.OFFER_SHIFT: N_("«Kan noen ta kveldsvakta mi lørdag?»"),
    Intent.TAKE_SHIFT: N_("«Jeg tar den ledige vakta 14. januar», «Jeg tar 57»"),
    Intent.CANCEL_REQUEST: N_("«Trekk tilbake 42»"),
    Intent.LIST_REQUESTS: N_("«Vis ventende bytter»"),
    Intent.SHOW_SCHEDULE: N_("«Når jobber jeg neste uke?»"),
    Intent.WHO_WORKS: N_("«Hvem har nattevakt lørdag?»"),
    Intent.MY_DATA: N_("«Hvilke opplysninger har dere om meg?»"),
    Intent.APPROVE_REQUEST: N_("«Godkjenn 42», «Avslå 42»"),
    Intent.GENERATE_ROSTER: N_("«Lag turnus for uke 3–8», «Publiser turnusen»"),
    Intent.EXPORT_ROSTER: N_("«Eksporter turnusen», «Send turnusfila for uke 10–15»"),
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
    lines = [context._(N_("You can write to me in ordinary Norwegian, for example:"))]
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


GREETING_EXAMPLES = N_("«Jeg er syk i dag», «Kan ikke jobbe fredag» or «Når jobber jeg neste uke?»")


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
                    "absent. To report an absence, write for example «Jeg er syk i morgen»."
                )
            )
        elif command.problem in DATE_PROBLEMS and command.problem_text:
            text = date_problem_text(context, command.problem, command.problem_text)
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
            "day, for example «Jeg er syk 25.5» or «Kan ikke jobbe 25. mai»."
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
