"""A request to delete one's personal data (GDPR art. 17), which a manager approves.

«Slett dataene mine» is read back with what a deletion removes and what it keeps,
and a yes registers a request that waits for the unit's managers, with the same
cards, numbers and withdrawal as an absence request. A manager's own request goes
to the unit's other managers, or to its administrators when it has no other
manager, and never to the manager who asks. An approval deletes the
wishes, the days the employee has said they can or cannot work, and the pending
dialogues. The links to the employee's chat users are deleted by the server's
housekeeping a day later (`core.housekeeping`), so that the employee still gets
the answer. Shifts, absences with the shifts they removed, requests and the audit
log are kept, because the employer must keep an overview of the hours each
employee has worked (arbeidsmiljøloven § 10-7).
"""

from __future__ import annotations

import logging

from core.absences import Availability, Unavailability
from core.actions.base import Proposal
from core.actions.shift_requests import approval_requests, deciders_of, store_decision
from core.commands import Intent, ParsedCommand
from core.context import Context
from core.errors import UserError
from core.i18n import N_, ngettext_noop
from core.messages import Outcome, Reply
from core.shift_requests import RequestEvent, RequestKind, RequestState, ShiftRequest

logger = logging.getLogger(__name__)

READ_BACK = N_(
    "Sending %(deciders)s a request to delete your personal data. Once it is approved, your "
    "wishes and the days you have said you can or cannot work are deleted, and a day later "
    "the links to your chat users, so that the answer reaches you first. After that I no "
    "longer know you in the chat until you are linked again. Your shifts, absences and the "
    "log of changes are kept, because the employer must keep an overview of the hours each "
    "employee has worked (arbeidsmiljøloven § 10-7)."
)
ALREADY_WAITING = N_(
    "Your request #%(request_id)s to delete your personal data is already waiting for a "
    "manager. To withdraw it, write «trekk tilbake %(request_id)s»."
)
SENT = N_(
    "Request #%(request_id)s to delete your personal data is sent to %(deciders)s. Nothing "
    "is deleted before it is approved."
)
DELETED = ngettext_noop(
    "Request #%(request_id)s is approved, and %(count)s of your wishes and registrations of "
    "days you can or cannot work has been deleted. The links to your chat users are "
    "deleted within a day. Your shifts, absences and the log of changes are kept "
    "(arbeidsmiljøloven § 10-7).",
    "Request #%(request_id)s is approved, and %(count)s of your wishes and registrations of "
    "days you can or cannot work have been deleted. The links to your chat users are "
    "deleted within a day. Your shifts, absences and the log of changes are kept "
    "(arbeidsmiljøloven § 10-7).",
)
DELETED_FOR_MANAGER = ngettext_noop(
    "%(count)s wish or registration of days %(name)s can or cannot work has been deleted, "
    "and the links to their chat users are deleted within a day.",
    "%(count)s wishes and registrations of days %(name)s can or cannot work have been "
    "deleted, and the links to their chat users are deleted within a day.",
)


def open_deletion_request(context: Context, employee_id: int) -> ShiftRequest | None:
    """Return the employee's deletion request that waits for a manager, or None."""
    for request in context.store.shift_requests.list_for_employee(employee_id, open_only=True):
        if request.kind == RequestKind.DATA_DELETION:
            return request
    return None


def new_deletion_request(context: Context) -> ShiftRequest:
    """Return the actor's deletion request, not yet stored, waiting for a manager."""
    return ShiftRequest(
        0,
        context.unit.id,
        RequestKind.DATA_DELETION,
        RequestState.ACCEPTED,
        context.actor.id,
        context.today,
        "",
    )


def check_no_open_deletion_request(context: Context) -> None:
    waiting = open_deletion_request(context, context.actor.id)
    if waiting is not None:
        raise UserError(ALREADY_WAITING, request_id=waiting.id)


def propose_deletion_request(context: Context, command: ParsedCommand) -> Proposal | None:
    """Read back the deletion request, or return None when nobody in the unit can decide it."""
    check_no_open_deletion_request(context)
    deciders = deciders_of(context, new_deletion_request(context))
    if not deciders:
        return None
    readback = context._(
        READ_BACK, deciders=context.translator.join([decider.name for decider in deciders])
    )
    return Proposal(Intent.DELETE_MY_DATA, readback, command)


def do_register_deletion_request(context: Context) -> Outcome:
    """Store the actor's deletion request and send it to the managers who decide it."""
    check_no_open_deletion_request(context)
    request = context.store.shift_requests.add(
        new_deletion_request(context), actor_id=context.actor.id
    )
    logger.info(
        "employee %s asked to delete their data in request %s", context.actor.id, request.id
    )
    deciders = deciders_of(context, request)
    sent = context._(
        SENT,
        request_id=request.id,
        deciders=context.translator.join([decider.name for decider in deciders]),
    )
    replies = [Reply(sent, request_id=request.id), *approval_requests(context, request)]
    return Outcome(tuple(replies))


def decide_deletion(
    context: Context, request: ShiftRequest, event: RequestEvent, **changes: object
) -> Outcome:
    """Apply a checked event to a deletion request. An approval deletes what may be deleted."""
    updated, replies = store_decision(context, request, event, **changes)
    if event != RequestEvent.APPROVE:
        return Outcome(tuple(replies))

    count = do_delete_planning_data(context, updated.requester_id)
    logger.info(
        "request %s deleted %s registrations of employee %s",
        updated.id,
        count,
        updated.requester_id,
    )
    employee = context.store.employees.get(updated.requester_id)
    name = employee.name if employee is not None else "?"
    replies.append(Reply(context.translator.ngettext(*DELETED_FOR_MANAGER, count, name=name)))
    to_requester = context.for_recipient(updated.requester_id)
    deleted = to_requester.translator.ngettext(*DELETED, count, request_id=updated.id)
    replies.append(Reply(deleted, recipient_employee_id=updated.requester_id))
    return Outcome(tuple(replies))


def do_delete_planning_data(context: Context, employee_id: int) -> int:
    """Delete the employee's wishes, availability, unavailability and pending dialogues.

    Returns how many wishes and registrations of days were deleted, counted as the
    employee registered them (`registrations_of`). Each deletion is
    recorded in the audit log with its days, not with its content.
    """
    absences = context.store.absences
    actor_id = context.actor.id
    wishes = absences.list_wishes(employee_id=employee_id)
    available = absences.list_availability(employee_id=employee_id)
    unavailable = absences.list_unavailability(employee_id=employee_id)
    for wish in wishes:
        absences.delete_wish(wish.id, actor_id=actor_id)
    for availability in available:
        absences.delete_availability(availability.id, actor_id=actor_id)
    for unavailability in unavailable:
        absences.delete_unavailability(unavailability.id, actor_id=actor_id)
    for dialogue in context.store.dialogues.for_employee(employee_id):
        context.store.dialogues.clear(dialogue.conversation_key)
    return len(wishes) + registrations_of(available) + registrations_of(unavailable)


def registrations_of(items: list[Availability] | list[Unavailability]) -> int:
    """Count the registrations the employee wrote, as «hva vet dere om meg» counts them.

    «Kan ikke jobbe etter kl 15» is stored as one row per shift kind it rules out,
    evening and night, but the employee wrote one registration, so rows with the same
    days count once.
    """
    return len({item.days for item in items})
