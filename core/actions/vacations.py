"""Vacation (ferie) as a request that a manager approves or rejects.

Under ferieloven § 6 (1) the employer discusses the timing of holiday with the
employee in good time, and sets it when they do not agree. So vacation written in
the chat is a request that waits for a manager. It has the same buttons, numbers
and withdrawal («trekk tilbake N») as a swap. Once approved it is registered as an
absence, which blocks planning and frees published shifts like any other absence.
Sick leave (egenmelding, sykmelding) is not approved by anyone and stays a
registration, see `core.actions.registrations`.

NOTE: ferieloven § 6 (1) lets an employee over 60 set the time of the extra
vacation week alone. vaktbot stores no age, so that week is a request as well.
"""

from __future__ import annotations

from dataclasses import replace

from core.absences import Absence
from core.actions.base import Proposal
from core.actions.contradictions import (
    do_replace,
    open_vacation_requests,
    registrations_phrase,
    replaced_by,
    replaced_sentence,
    vacation_days,
)
from core.actions.phrases import dates_phrase
from core.actions.registrations import (
    RegisterAbsence,
    managers_of_unit,
    release_shifts,
    repair_for,
)
from core.actions.shift_requests import approval_requests, notify_transition
from core.commands import AbsenceKind, DateRange, Intent, ParsedCommand
from core.context import Context
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply
from core.rosters import Assignment
from core.shift_requests import RequestEvent, RequestKind, RequestState, ShiftRequest


class RegisterAbsenceOrRequestVacation:
    """register_absence: vacation becomes a request to a manager, other absences are registered."""

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        if command.absence == AbsenceKind.VACATION:
            return RequestVacation().propose(context, command)
        return RegisterAbsence().propose(context, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        if proposal.command.absence == AbsenceKind.VACATION:
            return RequestVacation().execute(context, proposal)
        return RegisterAbsence().execute(context, proposal)


class RequestVacation:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        # The checks of a registered absence apply unchanged: dates from today on, a
        # last day, no day registered twice, and no published shift on the days.
        command = RegisterAbsence().propose(context, command).command
        check_no_open_vacation_request(context, command.dates)
        readback = context._(
            N_(
                "Asking your manager for vacation %(dates)s. The employer sets the time of "
                "vacation after talking with you, so it counts once a manager approves it."
            ),
            dates=dates_phrase(context, command.dates),
        )
        readback += approval_replaces_sentence(context, command)
        return Proposal(Intent.REGISTER_ABSENCE, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        check_no_open_vacation_request(context, proposal.command.dates)
        replies = []
        for days in proposal.command.dates:
            request = context.store.shift_requests.add(
                vacation_request(context, days), actor_id=context.actor.id
            )
            replies.append(
                Reply(
                    context._(
                        N_(
                            "Request #%(id)s for vacation %(dates)s is sent to your manager. "
                            "I will tell you when it is approved or rejected."
                        ),
                        id=request.id,
                        dates=dates_phrase(context, (days,)),
                    ),
                    request_id=request.id,
                )
            )
            replies.extend(approval_requests(context, request))
        return Outcome(tuple(replies))


def approval_replaces_sentence(context: Context, command: ParsedCommand) -> str:
    """Return a sentence, led by a space, naming the offers and wishes to work approval removes.

    Until a manager approves the vacation, those registrations stay, and an offer or
    wish to work made while the request waits leaves its days out.
    """
    replaced = replaced_by(context, Intent.REGISTER_ABSENCE, command)
    if not replaced:
        return ""
    sentence = context._(
        N_("Once it is approved, it replaces what you registered before: %(registrations)s."),
        registrations=registrations_phrase(context, replaced),
    )
    return f" {sentence}"


def vacation_request(context: Context, days: DateRange) -> ShiftRequest:
    """Return a new vacation request of the actor; it waits for a manager only."""
    return ShiftRequest(
        0,
        context.unit.id,
        RequestKind.VACATION,
        RequestState.ACCEPTED,
        context.actor.id,
        days.start,
        "",
        last_day=days.end,
    )


def check_no_open_vacation_request(context: Context, ranges: tuple[DateRange, ...]) -> None:
    """Raise a UserError naming the actor's open vacation request that covers one of the days."""
    for request in open_vacation_requests(context):
        requested = vacation_days(request)
        if any(overlap(days, requested) for days in ranges):
            raise UserError(
                N_(
                    "You have already asked for vacation %(dates)s, and request #%(id)s is "
                    "waiting for a manager. Write «trekk tilbake %(id)s» to withdraw it first "
                    "if you want other days."
                ),
                dates=dates_phrase(context, (requested,)),
                id=request.id,
            )


def check_no_waiting_vacation(context: Context, ranges: tuple[DateRange, ...]) -> None:
    """Raise a UserError naming the actor's waiting vacation request on these days, if any.

    Vacation that waits for a manager is not registered yet, so «ikke ferie likevel»
    finds nothing to withdraw, and the reply says how to withdraw the request instead.
    With no days given, any waiting vacation request counts.
    """
    for request in open_vacation_requests(context):
        requested = vacation_days(request)
        if ranges and not any(overlap(days, requested) for days in ranges):
            continue
        raise UserError(
            N_(
                "Your vacation %(dates)s is not approved yet, so it is not registered. "
                "Write «trekk tilbake %(id)s» to withdraw request #%(id)s."
            ),
            dates=dates_phrase(context, (requested,)),
            id=request.id,
        )


def overlap(first: DateRange, second: DateRange) -> bool:
    return first.start <= second.end and second.start <= first.end


def decide_vacation(
    context: Context, request: ShiftRequest, event: RequestEvent, **changes: object
) -> Outcome:
    """Apply a checked event to a vacation request; an approval registers the vacation."""
    updated = request.after(event, **changes)
    if event in (RequestEvent.APPROVE, RequestEvent.REJECT):
        updated = replace(updated, decided_by_id=context.actor.id)
    context.store.shift_requests.update(updated, actor_id=context.actor.id)
    replies = notify_transition(context, updated, event)
    if event != RequestEvent.APPROVE:
        return Outcome(tuple(replies))

    days = vacation_days(updated)
    replies.extend(replace_contradictions(context, updated.requester_id, days))
    absence = Absence(0, updated.requester_id, AbsenceKind.VACATION, days)
    context.store.absences.add_absence(absence, actor_id=context.actor.id)
    opened = release_shifts(context, updated.requester_id, (days,))
    replies.extend(opened_shift_notices(context, updated, opened))
    return Outcome(tuple(replies), job=repair_for(context, opened))


def replace_contradictions(context: Context, employee_id: int, days: DateRange) -> list[Reply]:
    """Remove the employee's offers and wishes to work on the approved days, as an absence does.

    The approving manager is recorded as the actor, and the employee is told what went.
    """
    employee = context.store.employees.get(employee_id)
    if employee is None:
        return []
    vacation = ParsedCommand(Intent.REGISTER_ABSENCE, (days,), absence=AbsenceKind.VACATION)
    replaced = replaced_by(replace(context, actor=employee), Intent.REGISTER_ABSENCE, vacation)
    do_replace(context, replaced)
    sentence = replaced_sentence(context.for_recipient(employee_id), replaced, done=True)
    if not sentence:
        return []
    return [Reply(sentence.strip(), recipient_employee_id=employee_id)]


def opened_shift_notices(
    context: Context, request: ShiftRequest, opened: list[Assignment]
) -> list[Reply]:
    """Tell the employee and the unit's managers which of the employee's shifts were opened.

    Vacation is requested only for days without published shifts, so this happens
    only when a roster with shifts on those days was published while it waited.
    """
    if not opened:
        return []
    employee = context.store.employees.get(request.requester_id)
    name = employee.name if employee is not None else "?"
    to_employee = context.for_recipient(request.requester_id)
    replies = [
        Reply(
            to_employee._(
                N_("Your shifts %(shifts)s are now open, because your vacation was approved."),
                shifts=_shifts_phrase(to_employee, opened),
            ),
            recipient_employee_id=request.requester_id,
        )
    ]
    managers = [None, *(m.id for m in managers_of_unit(context) if m.id != request.requester_id)]
    for manager_id in managers:
        to_manager = context if manager_id is None else context.for_recipient(manager_id)
        text = to_manager._(
            N_(
                "%(name)s has approved vacation, so these shifts are open: %(shifts)s. If the "
                "staffing falls below the minimum, a repair proposal follows."
            ),
            name=name,
            shifts=_shifts_phrase(to_manager, opened),
        )
        replies.append(Reply(text, recipient_employee_id=manager_id))
    return replies


def _shifts_phrase(context: Context, shifts: list[Assignment]) -> str:
    return context.translator.join([f"{a.shift_code} {context.date(a.day)}" for a in shifts])
