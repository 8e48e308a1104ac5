"""An employee's own data: what is stored about them, and an export of it (GDPR art. 15, 20)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from core.absences import AbsenceRequestStatus
from core.actions.base import Proposal
from core.actions.deletion_requests import do_register_deletion_request, propose_deletion_request
from core.actions.phrases import POSITION_NAMES
from core.commands import ParsedCommand
from core.context import Context
from core.employees import Employee, Role
from core.errors import UserError
from core.i18n import N_, Translator
from core.messages import Outcome, Reply
from core.output_files import write_text_file
from core.rosters import RosterStatus
from core.shift_requests import RequestKind

# Sections of the export and how each is named in the summary.
SECTION_NAMES = {
    "absences": N_("absences"),
    "removed_shifts": N_("shifts an absence took out of the roster"),
    "unavailability": N_("unavailable days"),
    "availability": N_("available days"),
    "wishes": N_("wishes"),
    "requests": N_("shift requests"),
    "deletion_requests": N_("requests to delete your data"),
    "absence_requests": N_("absence requests"),
    "assignments": N_("shifts in published rosters in force now or later"),
    "chat_links": N_("chat links"),
    "audit": N_("logged changes"),
}

# Sections the summary names only when they have an entry: a deletion request is rare,
# and a shift is taken out by an absence only when the absence hits a published roster.
SECTIONS_NAMED_WHEN_FILLED = frozenset({"deletion_requests", "removed_shifts"})

# An absence request's status, as the export writes it out in the employee's language.
ABSENCE_REQUEST_STATUS_NAMES = {
    AbsenceRequestStatus.WAITING: N_("waiting for a manager"),
    AbsenceRequestStatus.APPROVED: N_("approved"),
    AbsenceRequestStatus.REJECTED: N_("rejected"),
    AbsenceRequestStatus.WITHDRAWN: N_("withdrawn"),
}


def count_entries(value: Any) -> int:
    return len(value) if isinstance(value, list | dict) else 0


def count_registrations(entries: list[dict[str, Any]]) -> int:
    """Count entries with the same days once.

    «Kan ikke jobbe etter kl 15» is stored as one row per shift kind it rules out,
    evening and night, but the employee wrote one registration.
    """
    return len({(entry["start"], entry["end"]) for entry in entries})


def count_current_shifts(context: Context, assignments: list[dict[str, Any]]) -> int:
    """Count the shifts of published rosters whose last day is today or later.

    The export also lists shifts of drafts, proposed repairs and rosters a newer one
    replaced, which the employee will not work, so the summary leaves them out.
    """
    published = {
        entry["roster_id"]
        for entry in assignments
        if entry["roster_status"] == RosterStatus.PUBLISHED.value
    }
    current = {
        roster_id
        for roster_id in published
        if (roster := context.store.rosters.get(roster_id)) is not None
        and roster.end >= context.today
    }
    return sum(1 for entry in assignments if entry["roster_id"] in current)


def summary_counts(context: Context, data: dict[str, Any]) -> dict[str, int]:
    """Return the number the summary gives for each section, as the employee counts them."""
    counts = {section: count_entries(data.get(section)) for section in SECTION_NAMES}
    deletions = [r for r in data["requests"] if r["kind"] == RequestKind.DATA_DELETION.value]
    counts["requests"] -= len(deletions)
    counts["deletion_requests"] = len(deletions)
    counts["unavailability"] = count_registrations(data["unavailability"])
    counts["availability"] = count_registrations(data["availability"])
    counts["assignments"] = count_current_shifts(context, data["assignments"])
    return counts


def with_status_texts(context: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Return the export with each absence request's status written out as state_text."""
    absence_requests = [
        {
            **request,
            "state_text": context._(
                ABSENCE_REQUEST_STATUS_NAMES[AbsenceRequestStatus(request["state"])]
            ),
        }
        for request in data["absence_requests"]
    ]
    return {**data, "absence_requests": absence_requests}


OWN_DATA_ONLY = N_(
    "I can only show you your own data, so I have shown nothing about %(name)s. To see "
    "yours, write «hvilke opplysninger har dere om meg?». %(name)s can ask for theirs the "
    "same way, and your manager can answer questions about the ward's data."
)
OWN_DELETION_ONLY = N_(
    "You can only ask to have your own data deleted, so nothing about %(name)s was deleted. "
    "%(name)s can ask for it by writing «slett dataene mine»."
)
# A manager or planner asking for a colleague's data: how the colleague asks, and whom
# the manager asks, because no command of the vaktbot program exports or deletes one
# employee's data.
NOT_SHOWN_TO_MANAGER = N_(
    "I only show each person their own data, so I have shown nothing about %(name)s."
)
NOT_DELETED_FOR_MANAGER = N_(
    "I only take a deletion request from the person it is about, so nothing about %(name)s "
    "was deleted."
)
HOW_EMPLOYEES_ASK = N_(
    "%(name)s can see their data by writing «hva vet dere om meg?» and ask to have it "
    "deleted by writing «slett dataene mine»."
)
NO_COMMAND_FOR_OTHERS = N_(
    "vaktbot has no command that exports or deletes an employee's data, so for anything "
    "else ask the data protection officer (personvernombud) of %(employer)s."
)
# The employer (the organisation) is the data controller, and the unit's managers
# decide requests about personal data on its behalf (core.actions.deletion_requests).
# Why a deletion message registers no request: nobody else in the unit can decide it, and
# nobody decides their own request.
NO_REQUEST_WITHOUT_DECIDER = N_(
    "Nobody in your unit can decide a deletion request, so nothing was deleted."
)
NO_DECIDER_BUT_YOURSELF = N_(
    "Nobody decides their own request, and your unit has no other manager or administrator "
    "who can decide a deletion request, so nothing was deleted."
)
NOTHING_DELETED = N_(
    "%(reason)s Your shifts, absences and the log of changes must be kept, because the "
    "employer must keep an overview of the hours each employee has worked "
    "(arbeidsmiljøloven § 10-7). %(whom)s To see what is stored about you, write «hvilke "
    "opplysninger har dere om meg?»."
)
ASK_ADMINISTRATOR = N_(
    "To have other data corrected or deleted, for example when you leave, ask the vaktbot "
    "administrator of %(employer)s."
)
# Managers and planners handle their colleagues' personal data, so for what the chat does
# not do they are sent to the employer, the data controller, rather than to a colleague.
ASK_DATA_PROTECTION_OFFICER = N_(
    "To have other data corrected or deleted, for example when you leave, ask the data "
    "protection officer (personvernombud) of %(employer)s, which is the data controller "
    "for your data."
)
# Follows each sentence that sends someone to the data protection officer, when the unit's
# set-up stores a contact.
DATA_PROTECTION_OFFICER_CONTACT = N_("You can reach the data protection officer at %(contact)s.")
WRONG_DATA_ASK_MANAGER = N_("Ask your manager if something is wrong.")
WRONG_DATA_ASK_DATA_PROTECTION_OFFICER = N_(
    "If something is wrong, ask the data protection officer (personvernombud) of "
    "%(employer)s, which is the data controller for your data."
)


def handles_colleagues_data(employee: Employee) -> bool:
    """Tell whether the employee sees or decides colleagues' data: a manager, planner or admin."""
    return employee.has_role(Role.MANAGER) or employee.has_role(Role.PLANNER)


def employer_name(context: Context) -> str:
    """Return the name of the organisation, the data controller, or the unit's without one."""
    organisation = context.store.organisations.get_organisation(context.unit.organisation_id)
    return organisation.name if organisation is not None else context.unit.name


def ask_data_protection_officer(context: Context, sentence: str) -> str:
    """Return `sentence`, which sends the actor to the data protection officer, with the contact.

    A unit without a stored contact names the officer by role only.
    """
    contact = context.unit.data_protection_officer
    if contact is None:
        return sentence
    return " ".join([sentence, context._(DATA_PROTECTION_OFFICER_CONTACT, contact=contact)])


def other_person_named(context: Context, command: ParsedCommand) -> str | None:
    """Return the name of someone else that a request for data names, or None.

    The parser reads a name after «til» («eksporter dataene til Ola») as the person.
    After «om» it leaves the name as unknown words, and in a request for data every
    word the parser does not know is taken for a name. The actor's own name is no
    other person.
    """
    written = command.person or " ".join(word.capitalize() for word in command.unknown_words)
    if not written:
        return None
    own_name_words = set(context.actor.name.lower().split())
    if set(written.lower().split()) <= own_name_words:
        return None
    return written


def not_for_another_person(context: Context, name: str, *, deletion: bool) -> Reply:
    """Return the reply to a request for someone else's data, which shows and deletes nothing."""
    if not handles_colleagues_data(context.actor):
        refusal = OWN_DELETION_ONLY if deletion else OWN_DATA_ONLY
        return Reply(context._(refusal, name=name))
    refusal = NOT_DELETED_FOR_MANAGER if deletion else NOT_SHOWN_TO_MANAGER
    sentences = [
        context._(refusal, name=name),
        context._(HOW_EMPLOYEES_ASK, name=name),
        ask_data_protection_officer(
            context, context._(NO_COMMAND_FOR_OTHERS, employer=employer_name(context))
        ),
    ]
    return Reply(" ".join(sentences))


def whom_to_ask(context: Context) -> str:
    """Return the sentence naming whom to ask to have data corrected or deleted.

    An employee asks here only when no manager or administrator of the unit can decide a
    deletion request.
    """
    employer = employer_name(context)
    if handles_colleagues_data(context.actor):
        return ask_data_protection_officer(
            context, context._(ASK_DATA_PROTECTION_OFFICER, employer=employer)
        )
    return context._(ASK_ADMINISTRATOR, employer=employer)


def nothing_deleted(context: Context, reason: str) -> str:
    """Return the answer to a deletion message that registers no request, led by `reason`."""
    return context._(NOTHING_DELETED, reason=context._(reason), whom=whom_to_ask(context))


def no_decider_reason(context: Context) -> str:
    """Return why nobody can decide the actor's deletion request, as an untranslated message."""
    could_decide = context.actor.has_role(Role.MANAGER) or context.actor.has_role(Role.ADMIN)
    return NO_DECIDER_BUT_YOURSELF if could_decide else NO_REQUEST_WITHOUT_DECIDER


class AnswerInsteadOfRequest(UserError):
    """A deletion message that registers no request; the reply says why and whom to ask."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, translator: Translator) -> str:
        return " ".join([self.text, *self.notes])


class DeleteMyData:
    """«Slett dataene mine»: read back a deletion request that a manager decides.

    A manager's or planner's own request goes to the unit's other managers, as an
    employee's does, and never to the one who asks (`deciders_of`). Someone asking about
    a colleague, and anyone whom nobody else in the unit can decide for, get an answer
    instead, which deletes nothing.
    """

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        other_person = other_person_named(context, command)
        if other_person is not None:
            raise AnswerInsteadOfRequest(
                not_for_another_person(context, other_person, deletion=True).text
            )
        proposal = propose_deletion_request(context, command)
        if proposal is None:
            raise AnswerInsteadOfRequest(nothing_deleted(context, no_decider_reason(context)))
        return proposal

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        return do_register_deletion_request(context)


class MyData:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        other_person = other_person_named(context, command)
        if other_person is not None:
            return Outcome((not_for_another_person(context, other_person, deletion=False),))
        data = with_status_texts(context, context.store.personal_data(context.actor.id))
        section_counts = summary_counts(context, data)
        counts = [
            context._(N_("%(count)s %(what)s"), count=section_counts[section], what=context._(name))
            for section, name in SECTION_NAMES.items()
            if section_counts[section] or section not in SECTIONS_NAMED_WHEN_FILLED
        ]
        attachment = self._export(context, data)
        text = context._(
            N_(
                "I store this about you: your name, e-mail, position (%(position)s, "
                "%(percent)s %%), competences and roles, and %(counts)s."
            ),
            position=context._(POSITION_NAMES[context.actor.position]),
            percent=context.actor.position_percent,
            counts=context.translator.join(counts),
        )
        if handles_colleagues_data(context.actor):
            wrong_data = context._(
                WRONG_DATA_ASK_DATA_PROTECTION_OFFICER, employer=employer_name(context)
            )
            text += " " + ask_data_protection_officer(context, wrong_data)
        else:
            text += " " + context._(WRONG_DATA_ASK_MANAGER)
        if attachment is not None:
            text += " " + context._(N_("The attached file contains all of it."))
        return Outcome((Reply(text, attachment=attachment, title=context._(N_("Your data"))),))

    def _export(self, context: Context, data: dict[str, Any]) -> Path | None:
        folder = context.services.export_folder
        if folder is None:
            return None
        path = Path(folder) / f"mine-data-{context.actor.id}-{context.today.isoformat()}.json"
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)

        def write_json(stream: TextIO) -> None:
            stream.write(text)

        return write_text_file(path, write_json, overwrite=True)
