"""Registrations written about a colleague, refused instead of stored as the sender's own.

Absence, unavailability, availability and wishes are always stored for the sender.
«Kari Nordmann er syk i morgen» or «Registrer ferie for Ola 1. mars» would otherwise
take the sender's own shifts off them, so nothing is registered, and the reply names
who can register it. vaktbot has no command that registers for someone else, for
managers and planners neither, so they are refused the same way.

A colleague counts as named when an unknown word of the message is their first name,
or their first name and surname, or when the parser reads a name after «for» as the
person («ferie for Ola»). An offer to work keeps such a name, because «kan jobbe for
Ola» offers to cover Ola's shift, and a name after «med» or «til» is someone the
sender works with. Swaps and questions about a colleague's shifts are not checked.

NOTE: a first name that is also an everyday word the parser does not know, such as
«per» in «syk per i dag» with a Per on the unit, is taken as the colleague. Only «per»
before a unit of time («to netter per uke») is told apart. The reply shows how to
write the registration without a name.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from core.actions.contradictions import REGISTRATION_EXAMPLES, WITHDRAWAL_EXAMPLES
from core.commands import AbsenceKind, Intent, ParsedCommand, ParseProblem, Preference
from core.context import Context
from core.employees import Employee, Role
from core.errors import UserError
from core.i18n import N_, Translator
from core.people import fold, matching_staff

logger = logging.getLogger(__name__)

# The refusal's first sentence, by what the message would register.
OWN_ONLY = {
    Intent.REGISTER_ABSENCE: N_(
        "You can only register your own absence, so I have registered nothing for %(name)s "
        "or for you."
    ),
    Intent.REGISTER_UNAVAILABILITY: N_(
        "You can only register the days you yourself cannot work, so I have registered "
        "nothing for %(name)s or for you."
    ),
    Intent.REGISTER_AVAILABILITY: N_(
        "You can only offer to work extra yourself, so I have registered nothing for "
        "%(name)s or for you."
    ),
    Intent.REGISTER_WISH: N_(
        "You can only register your own wishes, so I have registered nothing for %(name)s "
        "or for you."
    ),
}
OWN_CHANGES_ONLY = N_(
    "You can only change your own registrations, so I have changed nothing for %(name)s or for you."
)
# Managers and planners decide colleagues' requests, but nobody registers for another.
NO_COMMAND_FOR_OTHERS = N_("vaktbot has no command that registers this for a colleague.")
ASK_COLLEAGUE = N_(
    "%(name)s can write it to me themselves, for example «%(example)s», or tell your manager."
)
ASK_COLLEAGUE_AS_MANAGER = N_(
    "Ask %(name)s to write it to me themselves, for example «%(example)s»."
)
IF_ABOUT_YOURSELF = N_("If it is about you, write it without the name, for example «%(example)s».")

# Examples of the same registration written by oneself, for the first day of the message.
EXAMPLES = {
    Intent.REGISTER_UNAVAILABILITY: N_("kan ikke jobbe %(day)s"),
    Intent.REGISTER_AVAILABILITY: N_("kan jobbe %(day)s"),
    Intent.REGISTER_WISH: N_("ønsker fri %(day)s"),
    Intent.WITHDRAW_UNAVAILABILITY: N_("kan jobbe %(day)s likevel"),
}
WISH_TO_WORK_EXAMPLE = N_("ønsker å jobbe %(day)s")

# Intents that store something for the sender, and the intents the core makes of
# a message that takes back the sender's own registration.
REGISTERING_INTENTS = (*OWN_ONLY, Intent.WITHDRAW_UNAVAILABILITY)


class RegistrationForColleague(UserError):
    """A registration about a colleague; its text tells that nothing was stored and why."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, translator: Translator) -> str:
        return " ".join([self.text, *self.notes])


def check_about_sender(context: Context, command: ParsedCommand, text: str) -> None:
    """Raise RegistrationForColleague when a registration names a colleague as its subject."""
    if not registers_for_sender(command):
        return
    named = named_colleague(context, command, text)
    if named is None:
        return

    name, colleague = named
    logger.info(
        "rejected a registration by employee %s about colleague %s",
        context.actor.id,
        colleague.id if colleague is not None else "not found",
    )
    raise RegistrationForColleague(refusal(context, command, name))


def registers_for_sender(command: ParsedCommand) -> bool:
    """Tell whether the command registers or takes back something of the sender's."""
    if command.intent in REGISTERING_INTENTS:
        return True
    return command.problem == ParseProblem.NEGATED_ABSENCE and command.negated_absence is not None


def named_colleague(
    context: Context, command: ParsedCommand, text: str
) -> tuple[str, Employee | None] | None:
    """Return the colleague a registration is about, as written or in full, or None.

    The employee is None for a name after «for» that fits nobody on the unit.
    """
    staff = [
        employee
        for employee in context.store.employees.list_for_unit(context.unit.id)
        if employee.active
    ]
    by_person = person_after_for(context, command, text, staff)
    if by_person is not None:
        return by_person
    return colleague_in_unknown_words(context, command, text, staff)


def person_after_for(
    context: Context, command: ParsedCommand, text: str, staff: list[Employee]
) -> tuple[str, Employee | None] | None:
    """Return the person of «ferie for Ola», unless it is the sender or an offer to cover.

    «Kan jobbe for Ola» offers to work Ola's shift, so an offer to work keeps its person.
    """
    person = command.person
    if person is None or offers_work(command):
        return None
    if not re.search(rf"\bfor\s+{re.escape(person)}", text, re.IGNORECASE):
        return None
    matches = matching_staff(staff, person)
    if any(employee.id == context.actor.id for employee in matches) and (
        len(matches) == 1 or fold(person) == fold(context.actor.name)
    ):
        return None
    others = [employee for employee in matches if employee.id != context.actor.id]
    if len(others) == 1:
        return others[0].name, others[0]
    return person, None


def offers_work(command: ParsedCommand) -> bool:
    if command.intent == Intent.REGISTER_AVAILABILITY:
        return True
    return command.intent == Intent.REGISTER_WISH and command.preference == Preference.WORK


def colleague_in_unknown_words(
    context: Context, command: ParsedCommand, text: str, staff: list[Employee]
) -> tuple[str, Employee | None] | None:
    """Return the colleague whose first name, or full name, is among the unknown words.

    A first name that the sender shares counts only with the colleague's surname, so
    «Kari er syk» from Kari Nordmann is about herself, and «Kari Hansen er syk» is not.
    A first name that fits several colleagues is returned as written, without an employee.
    """
    words = {fold(word) for word in written_words(command, text)}
    if RATE_PER.search(text):
        words.discard("per")
    own_first_name = fold(context.actor.first_name)
    colleagues = [employee for employee in staff if employee.id != context.actor.id]
    by_full_name = [e for e in colleagues if set(fold(e.name).split()) <= words]
    if by_full_name:
        return by_full_name[0].name, by_full_name[0]
    by_first_name = [
        employee
        for employee in colleagues
        if fold(employee.first_name) in words and fold(employee.first_name) != own_first_name
    ]
    if len(by_first_name) == 1:
        return by_first_name[0].name, by_first_name[0]
    if by_first_name:
        return by_first_name[0].first_name, None
    return None


# «per» before a unit of time is the word for «each» («to netter per uke»), not Per.
RATE_PER = re.compile(
    r"\bper\s+(?:uke|uka|veke|veka|dag|døgn|måned|månad|natt|vakt|helg|week|day|month|night"
    r"|shift)\b",
    re.IGNORECASE,
)


def written_words(command: ParsedCommand, text: str) -> list[str]:
    """Return the words that may name the person a registration is about.

    The parser keeps no unknown words of a negated absence («Ola er ikke syk likevel»),
    so there every word of the message counts.
    """
    if command.problem == ParseProblem.NEGATED_ABSENCE:
        return re.findall(r"\w+", text)
    return list(command.unknown_words)


def refusal(context: Context, command: ParsedCommand, name: str) -> str:
    """Return the refusal: that nothing was registered, who can register it, and for oneself."""
    own_only = OWN_ONLY.get(command.intent, OWN_CHANGES_ONLY)
    example = example_for(context, command)
    sentences = [context._(own_only, name=name)]
    if context.actor.has_role(Role.MANAGER) or context.actor.has_role(Role.PLANNER):
        sentences.append(context._(NO_COMMAND_FOR_OTHERS))
        sentences.append(context._(ASK_COLLEAGUE_AS_MANAGER, name=name, example=example))
    else:
        sentences.append(context._(ASK_COLLEAGUE, name=name, example=example))
    sentences.append(context._(IF_ABOUT_YOURSELF, example=example))
    return " ".join(sentences)


def example_for(context: Context, command: ParsedCommand) -> str:
    """Return the example of the same registration written by oneself, in the user's language."""
    first_days = [date_range.start for date_range in command.dates]
    day = min(first_days) if first_days else context.today + dt.timedelta(days=1)
    day_text = context.translator.day_month(day)
    if command.intent == Intent.REGISTER_ABSENCE:
        kind = command.absence or AbsenceKind.SICK
        return context._(REGISTRATION_EXAMPLES[kind], day=day_text)
    if command.negated_absence is not None and command.intent not in EXAMPLES:
        return context._(WITHDRAWAL_EXAMPLES[command.negated_absence], day=day_text)
    if command.intent == Intent.REGISTER_WISH and command.preference == Preference.WORK:
        return context._(WISH_TO_WORK_EXAMPLE, day=day_text)
    return context._(EXAMPLES[command.intent], day=day_text)
