"""Planned absence as a request that a manager approves or rejects.

Vacation, leave (permisjon) and time off in lieu (avspasering) take an employee out
of the roster on days the employer plans, so the employer decides them (see
APPROVAL_REASONS). Written in the chat, each is a request that waits for a manager.
It has the same buttons, numbers and withdrawal («trekk tilbake N») as a swap. Once
approved it is registered as an absence of the same kind, which blocks planning and
opens published shifts like any other absence. A request may cover days with
published shifts: the manager's card names them, and an approval opens them.

Sick leave (egenmelding, sykmelding, sykt barn) is not approved by anyone and stays
a registration, see `core.actions.registrations`. So does a course on days without
published shifts: the employer usually arranges it, and the employee reports it. A
course over published shifts (a night running into its first day included) is a
request like vacation, because approving it opens those shifts and the ward must
cover them. The approval starts the same repair proposal as sick leave does.

NOTE: ferieloven § 6 (1) lets an employee over 60 set the time of the extra
vacation week alone. vaktbot stores no age, so that week is a request as well.
NOTE: some leave is a statutory right that the employer cannot refuse, such as
care leave under arbeidsmiljøloven chapter 12. The parser reads every «permisjon»
alike, so that leave is a request too, and the manager approves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from core.absences import Absence
from core.actions.base import Proposal
from core.actions.contradictions import (
    REGISTRATION_EXAMPLES,
    do_replace,
    open_absence_requests,
    registrations_phrase,
    replaced_by,
    replaced_sentence,
    requested_days,
)
from core.actions.personal_data import employer_name
from core.actions.phrases import absence_name, dates_phrase
from core.actions.registrations import (
    RegisterAbsence,
    checked_absence,
    managers_of_unit,
    open_status_sentence,
    published_shifts_on,
    record_removed_shifts,
    release_shifts,
    remove_missed_shifts,
    repair_for,
    shifts_phrase,
    shifts_under_way,
)
from core.actions.shift_requests import approval_requests, deciders_of, store_decision
from core.actions.vacated_shifts import NewAbsence, lock_requests_moving, outdate_vacated
from core.commands import AbsenceKind, DateRange, Intent, ParsedCommand
from core.context import Context
from core.employees import Role
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply
from core.rosters import Assignment, RosterStatus
from core.shift_requests import (
    RequestEvent,
    RequestState,
    ShiftRequest,
    absence_request_kind,
)

# Reason each planned absence waits for a manager, given in the read-back to the employee.
# The kinds missing here (sickness and a course) are registered at once, except a course
# over published shifts (COURSE_OVER_SHIFTS_REASON).
APPROVAL_REASONS = {
    # ferieloven § 6 (1): the employer discusses the time of holiday with the employee
    # in good time and sets it when they do not agree.
    AbsenceKind.VACATION: N_(
        "The employer sets the time of vacation after talking with you, so it counts once "
        "a manager approves it."
    ),
    # Leave beyond the statutory rights is granted at the employer's discretion.
    AbsenceKind.LEAVE: N_("The employer grants leave, so it counts once a manager approves it."),
    # Banked hours are taken off at a time agreed with the employer, so that the ward
    # stays staffed.
    AbsenceKind.TIME_OFF_IN_LIEU: N_(
        "Time off in lieu is taken at a time agreed with the employer, so it counts once "
        "a manager approves it."
    ),
}


# A course is registered at once, but approving it opens the published shifts it covers,
# and the ward has to cover them, so over such shifts the employer decides.
COURSE_OVER_SHIFTS_REASON = N_(
    "A course is registered at once on days without shifts, but you have published shifts "
    "on these days, so a manager must approve it first."
)

# The proposal data key that marks a read-back of a request rather than a registration.
AS_REQUEST = "as_request"


def needs_approval(kind: AbsenceKind | None) -> bool:
    """Tell whether the absence is always a request, whatever shifts it covers."""
    return kind in APPROVAL_REASONS


class RegisterAbsenceOrRequest:
    """register_absence: a request for APPROVAL_REASONS' kinds and a course over shifts.

    The other absences are registered at once.
    """

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        if needs_approval(command.absence) or course_over_shifts(context, command):
            return RequestAbsence().propose(context, command)
        return RegisterAbsence().propose(context, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        command = proposal.command
        if needs_approval(command.absence) or proposal.data.get(AS_REQUEST):
            return RequestAbsence().execute(context, proposal)
        if command.absence == AbsenceKind.COURSE:
            check_no_shifts_since_read_back(context, command)
        vacated = lock_requests_moving(
            context,
            shifts_around(context, context.actor.id, command.dates),
            NewAbsence(context.actor.id, command.dates),
        )
        outcome = RegisterAbsence().execute(context, proposal)
        closed = outdate_vacated(context, vacated)
        return replace(outcome, replies=(*outcome.replies, *closed))


def shifts_around(
    context: Context, employee_id: int, ranges: tuple[DateRange, ...]
) -> list[Assignment]:
    """Return the employee's published shifts on these days and the evening before each range.

    These are all the shifts registering an absence over the days may remove, the
    night running into its first day and shifts already over included.
    """
    return [
        shift
        for days in ranges
        for shift in context.store.rosters.assignments_between(
            context.unit.id, days.start - dt.timedelta(days=1), days.end
        )
        if shift.employee_id == employee_id
    ]


def course_over_shifts(context: Context, command: ParsedCommand) -> list[Assignment]:
    """Return the actor's published shifts that a course would open, or [] for other absences.

    These are the shifts an approval opens, as for vacation: the night from the evening
    before the first day counts, because it runs into that day. A shift of any kind that
    has started does not, because it stays with the employee (`absence_overlap`). The
    dates are checked as for any absence first, so bad dates get that error.
    """
    if command.absence != AbsenceKind.COURSE:
        return []
    _, remaining, _ = checked_absence(context, command)
    return published_shifts_on(context, context.actor.id, remaining.dates)


def check_no_shifts_since_read_back(context: Context, command: ParsedCommand) -> None:
    """Raise a UserError if shifts were published on a course's days after it was read back.

    The read-back promised a registration without a manager, which no longer applies.
    """
    shifts = published_shifts_on(context, context.actor.id, command.dates)
    if not shifts:
        return
    raise UserError(
        N_(
            "Since I read the course back, a roster was published with your shifts on those "
            "days: %(shifts)s. Nothing is registered. Write «%(example)s» again, and it goes "
            "to your manager as a request."
        ),
        shifts=shifts_phrase(context, shifts),
        example=context._(
            REGISTRATION_EXAMPLES[AbsenceKind.COURSE],
            day=context.translator.day_month(command.dates[0].start),
        ),
    )


class RequestAbsence:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        # The checks of a registered absence apply, except that published shifts on
        # the days are allowed: the manager's card names them, and approval opens them.
        _, command, registered = checked_absence(context, command)
        kind = command.absence
        assert kind is not None
        check_no_open_absence_request(context, command.dates)
        check_someone_decides(context, kind, command.dates)
        asking = context._(
            N_("Asking your manager for %(absence)s %(dates)s."),
            absence=absence_name(context, kind),
            dates=dates_phrase(context, command.dates),
        )
        if registered:
            asking += " " + context._(
                N_("You already have %(absence)s %(dates)s, so those days are left out."),
                absence=absence_name(context, kind),
                dates=dates_phrase(context, registered),
            )
        if kind in APPROVAL_REASONS:
            reason = context._(APPROVAL_REASONS[kind])
        else:
            reason = context._(COURSE_OVER_SHIFTS_REASON)
        shifts = published_shifts_on(context, context.actor.id, command.dates)
        readback = f"{asking} {reason}"
        readback += published_shifts_sentence(context, shifts)
        readback += approval_replaces_sentence(context, command)
        return Proposal(Intent.REGISTER_ABSENCE, readback, command, {AS_REQUEST: True})

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        kind = proposal.command.absence
        assert kind is not None
        check_no_open_absence_request(context, proposal.command.dates)
        check_someone_decides(context, kind, proposal.command.dates)
        replies: list[Reply] = []
        for ranges in requested_groups(kind, proposal.command.dates):
            request = context.store.shift_requests.add(
                absence_request(context, kind, ranges), actor_id=context.actor.id
            )
            sent = Reply(
                context._(
                    N_(
                        "Request #%(id)s for %(absence)s %(dates)s is sent to your "
                        "manager. I will tell you when it is approved or rejected."
                    ),
                    id=request.id,
                    absence=absence_name(context, kind),
                    dates=dates_phrase(context, ranges),
                ),
                request_id=request.id,
            )
            replies += [sent, *approval_requests(context, request)]
        return Outcome(tuple(replies))


# Why an absence request is not sent: nobody decides their own request, and a unit
# without a manager or administrator has nobody to send it to. Nothing is stored then,
# as for a deletion request (core.actions.deletion_requests).
NO_DECIDER_BUT_YOURSELF = N_(
    "Nobody decides their own request, and your unit has no other manager or administrator "
    "who can decide a request for %(absence)s %(dates)s, so I have not sent a request or "
    "registered anything. Agree it with your own manager outside vaktbot, or ask an "
    "administrator to give another employee of the unit the manager role with «vaktbot "
    'employee role NAME leder --unit "%(unit)s"» and write it again.'
)
NO_DECIDER = N_(
    "Your unit has no manager or administrator who can decide a request for %(absence)s "
    "%(dates)s, so I have not sent a request or registered anything. Ask the vaktbot "
    "administrator of %(employer)s to give your manager the manager role in vaktbot, and "
    "write it again."
)


def check_someone_decides(
    context: Context, kind: AbsenceKind, ranges: tuple[DateRange, ...]
) -> None:
    """Raise a UserError when nobody but the actor could decide the actor's absence request."""
    if deciders_of(context, absence_request(context, kind, ranges)):
        return
    could_decide = context.actor.has_role(Role.MANAGER)
    raise UserError(
        NO_DECIDER_BUT_YOURSELF if could_decide else NO_DECIDER,
        absence=absence_name(context, kind),
        dates=dates_phrase(context, ranges),
        unit=context.unit.name,
        employer=employer_name(context),
    )


def requested_groups(
    kind: AbsenceKind, ranges: tuple[DateRange, ...]
) -> list[tuple[DateRange, ...]]:
    """Split the ranges of one message into the requests a manager decides one by one.

    The ranges of a course, such as «kurs 3.–4. mars og 10. mars», are the sessions of
    one course, so they are one request, approved or rejected as a whole. Periods of
    vacation, leave or time off in lieu are agreed each on its own, so each is a request.
    """
    if kind == AbsenceKind.COURSE:
        return [ranges]
    return [(days,) for days in ranges]


def published_shifts_sentence(context: Context, shifts: list[Assignment]) -> str:
    """Return a sentence, led by a space, naming the actor's published shifts on the days.

    Those shifts stay the actor's while the request waits, and an approval opens them.
    """
    if not shifts:
        return ""
    sentence = context._(
        N_(
            "You have published shifts then: %(shifts)s. Your manager sees them in the "
            "request, and they become open shifts if it is approved. Until then they are "
            "yours."
        ),
        shifts=shifts_phrase(context, shifts),
    )
    return f" {sentence}"


def approval_replaces_sentence(context: Context, command: ParsedCommand) -> str:
    """Return a sentence, led by a space, naming the offers and wishes to work approval removes.

    Until a manager approves the absence, those registrations stay, and an offer or
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


def absence_request(
    context: Context, kind: AbsenceKind, ranges: tuple[DateRange, ...]
) -> ShiftRequest:
    """Return a new absence request of the actor over `ranges`; it waits for a manager only."""
    request_kind = absence_request_kind(kind)
    assert request_kind is not None
    return ShiftRequest(
        0,
        context.unit.id,
        request_kind,
        RequestState.ACCEPTED,
        context.actor.id,
        ranges[0].start,
        "",
        last_day=ranges[-1].end,
        day_ranges=ranges if len(ranges) > 1 else (),
    )


def check_no_open_absence_request(context: Context, ranges: tuple[DateRange, ...]) -> None:
    """Raise a UserError naming the actor's open absence request that covers one of the days."""
    for request in open_absence_requests(context):
        requested = requested_days(request)
        if any(overlap(days, other) for days in ranges for other in requested):
            assert request.absence_kind is not None
            raise UserError(
                N_(
                    "You have already asked for %(absence)s %(dates)s, and request #%(id)s is "
                    "waiting for a manager. Write «trekk tilbake %(id)s» to withdraw it first "
                    "if you want other days."
                ),
                absence=absence_name(context, request.absence_kind),
                dates=dates_phrase(context, requested),
                id=request.id,
            )


def check_no_waiting_absence(
    context: Context, kind: AbsenceKind, ranges: tuple[DateRange, ...]
) -> None:
    """Raise a UserError naming the actor's waiting request for this absence on these days.

    An absence that waits for a manager is not registered yet, so «ikke ferie likevel»
    finds nothing to withdraw, and the error names the request and how to withdraw it.
    With no days given, any waiting request for the absence counts.
    """
    for request in open_absence_requests(context):
        requested = requested_days(request)
        if request.absence_kind != kind:
            continue
        if ranges and not any(overlap(days, other) for days in ranges for other in requested):
            continue
        raise UserError(
            N_(
                "Your request for %(absence)s %(dates)s is not approved yet, so nothing is "
                "registered. Write «trekk tilbake %(id)s» to withdraw request #%(id)s."
            ),
            absence=absence_name(context, kind),
            dates=dates_phrase(context, requested),
            id=request.id,
        )


def overlap(first: DateRange, second: DateRange) -> bool:
    return first.start <= second.end and second.start <= first.end


def decide_absence(
    context: Context, request: ShiftRequest, event: RequestEvent, **changes: object
) -> Outcome:
    """Apply a checked event to an absence request; an approval registers the absence."""
    updated, replies = store_decision(context, request, event, **changes)
    if event != RequestEvent.APPROVE:
        return Outcome(tuple(replies))
    ranges = requested_days(updated)
    vacated = lock_requests_moving(
        context,
        shifts_around(context, updated.requester_id, ranges),
        NewAbsence(updated.requester_id, ranges),
    )
    lock_published_rosters(context, DateRange(ranges[0].start, ranges[-1].end))

    kind = updated.absence_kind
    assert kind is not None
    replies.extend(replace_contradictions(context, updated.requester_id, kind, ranges))
    absences = [
        context.store.absences.add_absence(
            Absence(0, updated.requester_id, kind, days, created_at=context.now),
            actor_id=context.actor.id,
        )
        for days in ranges
    ]
    opened = release_shifts(context, updated.requester_id, ranges)
    missed = remove_missed_shifts(context, updated.requester_id, ranges)
    record_removed_shifts(context, absences, opened + missed)
    replies.extend(opened_shift_notices(context, updated, opened))
    replies.extend(missed_shift_notices_on_approval(context, updated, missed))
    replies.extend(outdate_vacated(context, vacated))
    replies.extend(
        started_shift_notices(
            context, updated, shifts_under_way(context, updated.requester_id, ranges)
        )
    )
    return Outcome(tuple(replies), job=repair_for(context, opened))


def started_shift_notices(
    context: Context, request: ShiftRequest, started: list[Assignment]
) -> list[Reply]:
    """Tell the approving manager and the employee that a shift under way stays the employee's."""
    if not started:
        return []

    def text_for(to_recipient: Context, name: str) -> str:
        return to_recipient.translator.ngettext(
            "The shift %(shifts)s had already started when request #%(id)s was approved, so "
            "%(name)s has worked part of it. It stays theirs in the roster and is not opened.",
            "The shifts %(shifts)s had already started when request #%(id)s was approved, so "
            "%(name)s has worked part of them. They stay theirs in the roster and are not "
            "opened.",
            len(started),
            shifts=shifts_phrase(to_recipient, started),
            id=request.id,
            name=name,
        )

    return notices_to_decider_and_requester(context, request, text_for)


def missed_shift_notices_on_approval(
    context: Context, request: ShiftRequest, missed: list[Assignment]
) -> list[Reply]:
    """Tell the approving manager and the employee which shifts that were over left the roster.

    The approval records that the employee was absent on those days, so the shifts
    were not worked, and the roster must not list them next to the absence.
    """
    if not missed:
        return []

    def text_for(to_recipient: Context, name: str) -> str:
        return to_recipient.translator.ngettext(
            "The shift %(shifts)s was over when request #%(id)s was approved, so it has been "
            "taken out of the roster of %(name)s, and nobody is asked to take it.",
            "The shifts %(shifts)s were over when request #%(id)s was approved, so they have "
            "been taken out of the roster of %(name)s, and nobody is asked to take them.",
            len(missed),
            shifts=shifts_phrase(to_recipient, missed),
            id=request.id,
            name=name,
        )

    return notices_to_decider_and_requester(context, request, text_for)


def notices_to_decider_and_requester(
    context: Context, request: ShiftRequest, text_for: Callable[[Context, str], str]
) -> list[Reply]:
    """Return one notice to the deciding manager and one to the requester, each in their language.

    `text_for` gets the recipient's context and the requester's name.
    """
    employee = context.store.employees.get(request.requester_id)
    name = employee.name if employee is not None else "?"
    replies = []
    for recipient_id in (None, request.requester_id):
        to_recipient = context if recipient_id is None else context.for_recipient(recipient_id)
        replies.append(Reply(text_for(to_recipient, name), recipient_employee_id=recipient_id))
    return replies


def lock_published_rosters(context: Context, days: DateRange) -> None:
    """Lock the published rosters whose shifts an absence over `days` opens, in a fixed order.

    A shift request's approval locks its roster the same way, so an absence approved
    at the same moment as a swap of one of its shifts waits for it, and then opens
    the shifts as the swap left them.
    """
    evening_before = days.start - dt.timedelta(days=1)
    rosters = context.store.rosters.overlapping(
        context.unit.id, evening_before, days.end, RosterStatus.PUBLISHED
    )
    for roster in rosters:
        context.store.rosters.get_for_update(roster.id)


def replace_contradictions(
    context: Context, employee_id: int, kind: AbsenceKind, ranges: tuple[DateRange, ...]
) -> list[Reply]:
    """Remove the employee's offers and wishes to work on the approved days, as an absence does.

    The approving manager is recorded as the actor, and the employee is told what went.
    """
    employee = context.store.employees.get(employee_id)
    if employee is None:
        return []
    absence = ParsedCommand(Intent.REGISTER_ABSENCE, ranges, absence=kind)
    replaced = replaced_by(replace(context, actor=employee), Intent.REGISTER_ABSENCE, absence)
    do_replace(context, replaced)
    sentence = replaced_sentence(context.for_recipient(employee_id), replaced, done=True)
    if not sentence:
        return []
    return [Reply(sentence.strip(), recipient_employee_id=employee_id)]


def opened_shift_notices(
    context: Context, request: ShiftRequest, opened: list[Assignment]
) -> list[Reply]:
    """Tell the employee and the unit's managers which of the employee's shifts were opened.

    These are the published shifts the manager's card named, and shifts of a roster
    published while the request waited.
    """
    if not opened:
        return []
    assert request.absence_kind is not None
    employee = context.store.employees.get(request.requester_id)
    name = employee.name if employee is not None else "?"
    to_employee = context.for_recipient(request.requester_id)
    replies = [
        Reply(
            to_employee.translator.ngettext(
                "You have been taken off the shift %(shifts)s, because request #%(id)s "
                "for %(absence)s was approved.",
                "You have been taken off the shifts %(shifts)s, because request #%(id)s "
                "for %(absence)s was approved.",
                len(opened),
                shifts=shifts_phrase(to_employee, opened),
                id=request.id,
                absence=absence_name(to_employee, request.absence_kind),
            ),
            recipient_employee_id=request.requester_id,
        )
    ]
    managers = [None, *(m.id for m in managers_of_unit(context) if m.id != request.requester_id)]
    for manager_id in managers:
        to_manager = context if manager_id is None else context.for_recipient(manager_id)
        text = to_manager._(
            N_(
                "%(name)s has %(absence)s approved and does not work these shifts: "
                "%(shifts)s. %(open)s If the staffing falls below the minimum, a repair "
                "proposal follows."
            ),
            name=name,
            absence=absence_name(to_manager, request.absence_kind),
            shifts=shifts_phrase(to_manager, opened),
            open=open_status_sentence(to_manager, opened),
        )
        replies.append(Reply(text, recipient_employee_id=manager_id))
    return replies
