"""Registrations that contradict each other on a day, and which one stays.

An employee who is absent (sick, on vacation, on leave, on a course, on time off in
lieu), cannot work or wishes to be off cannot at the same time offer to work extra
or wish to work. When a new registration contradicts an earlier one, the newer
statement replaces the older on the days they share, and the reply names what was
replaced. The exception is an absence: an employer acts on it (sickness opens the
published shifts and tells the manager), so an offer or a wish to work does not
replace it. Those days are left out, and the reply says how to withdraw the absence.
An absence request (vacation, leave, a course, time off in lieu) that waits for a
manager is treated the same way, because its approval would register the absence:
the reply says how to withdraw the request.

A replaced registration is deleted and registered again without the shared days, so
the audit log keeps its first entry next to the deletion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from core.absences import Absence, Availability, Unavailability, Wish
from core.actions.phrases import absence_name, dates_phrase, shift_kind_name
from core.commands import (
    AbsenceKind,
    DateRange,
    Intent,
    ParsedCommand,
    Preference,
    ShiftKind,
    ranges_of,
)
from core.context import Context
from core.errors import UserError
from core.i18n import N_
from core.shift_requests import ShiftRequest

Registration = Unavailability | Availability | Wish

# A registered absence is withdrawn with these messages, which the parser reads as
# the negated absence («ikke kurs 8.1»).
WITHDRAWAL_EXAMPLES = {
    AbsenceKind.SICK: N_("ikke syk %(day)s"),
    AbsenceKind.CHILD_SICK: N_("barnet er ikke sykt %(day)s"),
    AbsenceKind.VACATION: N_("ikke ferie %(day)s"),
    AbsenceKind.LEAVE: N_("ikke permisjon %(day)s"),
    AbsenceKind.COURSE: N_("ikke kurs %(day)s"),
    AbsenceKind.TIME_OFF_IN_LIEU: N_("ikke avspasering %(day)s"),
}
# An absence is registered, or requested, with these messages.
REGISTRATION_EXAMPLES = {
    AbsenceKind.SICK: N_("syk %(day)s"),
    AbsenceKind.CHILD_SICK: N_("sykt barn %(day)s"),
    AbsenceKind.VACATION: N_("ferie %(day)s"),
    AbsenceKind.LEAVE: N_("permisjon %(day)s"),
    AbsenceKind.COURSE: N_("kurs %(day)s"),
    AbsenceKind.TIME_OFF_IN_LIEU: N_("avspasering %(day)s"),
}


@dataclass(frozen=True, slots=True)
class Replaced:
    """An earlier registration and the days of it that a new registration replaces."""

    registration: Registration
    days: tuple[DateRange, ...]


def offers_work(intent: Intent, command: ParsedCommand) -> bool:
    """Tell whether the command offers work: an availability or a wish to work."""
    if intent == Intent.REGISTER_AVAILABILITY:
        return True
    return intent == Intent.REGISTER_WISH and command.preference == Preference.WORK


def replaced_by(context: Context, intent: Intent, command: ParsedCommand) -> list[Replaced]:
    """Return the actor's earlier registrations that the new one contradicts, with the days."""
    days = set(command.all_days())
    if not days:
        return []
    within = DateRange(min(days), max(days))
    absences = context.store.absences
    earlier: list[Registration]
    if offers_work(intent, command):
        earlier = [
            *absences.list_unavailability(employee_id=context.actor.id, within=within),
            *[
                wish
                for wish in absences.list_wishes(employee_id=context.actor.id, within=within)
                if wish.preference == Preference.OFF
            ],
        ]
    else:
        earlier = [*offers_to_work(context, within)]
    shift = None if intent == Intent.REGISTER_ABSENCE else command.shift
    replaced = []
    for registration in earlier:
        shared = days & set(registration.days.days())
        if shared and _shift_kinds_overlap(registration.shift_kind, shift):
            replaced.append(Replaced(registration, ranges_of(sorted(shared))))
    return replaced


def offers_to_work(context: Context, within: DateRange) -> list[Availability | Wish]:
    """Return the actor's offers to work extra and wishes to work that share a day with `within`."""
    absences = context.store.absences
    wishes = absences.list_wishes(employee_id=context.actor.id, within=within)
    return [
        *absences.list_availability(employee_id=context.actor.id, within=within),
        *[wish for wish in wishes if wish.preference == Preference.WORK],
    ]


def _shift_kinds_overlap(first: ShiftKind | None, second: ShiftKind | None) -> bool:
    """Tell whether two registrations are about a shared shift; None means every shift."""
    return first is None or second is None or first == second


def do_replace(context: Context, replaced: list[Replaced]) -> None:
    """Delete each replaced registration and register again the days of it that stay."""
    absences = context.store.absences
    actor_id = context.actor.id
    for item in replaced:
        registration = item.registration
        shared = {day for days in item.days for day in days.days()}
        staying = ranges_of(sorted(set(registration.days.days()) - shared))
        if isinstance(registration, Availability):
            absences.delete_availability(registration.id, actor_id=actor_id)
            for days in staying:
                absences.add_availability(replace(registration, id=0, days=days), actor_id=actor_id)
        elif isinstance(registration, Unavailability):
            absences.delete_unavailability(registration.id, actor_id=actor_id)
            for days in staying:
                absences.add_unavailability(
                    replace(registration, id=0, days=days), actor_id=actor_id
                )
        else:
            absences.delete_wish(registration.id, actor_id=actor_id)
            for days in staying:
                absences.add_wish(replace(registration, id=0, days=days), actor_id=actor_id)


def replaced_sentence(context: Context, replaced: list[Replaced], *, done: bool) -> str:
    """Return the sentence, led by a space, naming what a registration replaces, or ""."""
    if not replaced:
        return ""
    registrations = registrations_phrase(context, replaced)
    if done:
        sentence = context._(
            N_("Replaced what you registered before: %(registrations)s."),
            registrations=registrations,
        )
    else:
        sentence = context._(
            N_("This replaces what you registered before: %(registrations)s."),
            registrations=registrations,
        )
    return f" {sentence}"


def registrations_phrase(context: Context, replaced: list[Replaced]) -> str:
    """Name each replaced registration with its days: «your wish to work fredag 8. januar»."""
    return context.translator.join([_registration_phrase(context, item) for item in replaced])


def _registration_phrase(context: Context, item: Replaced) -> str:
    registration = item.registration
    dates = dates_phrase(context, item.days)
    shift = registration.shift_kind
    shifts = shift_kind_name(context, shift, plural=True) if shift is not None else None
    if isinstance(registration, Availability) and shifts is not None:
        return context._(
            N_("your offer to work extra %(shifts)s %(dates)s"), shifts=shifts, dates=dates
        )
    if isinstance(registration, Availability):
        return context._(N_("your offer to work extra %(dates)s"), dates=dates)
    if isinstance(registration, Unavailability) and shifts is not None:
        return context._(
            N_("that you cannot work %(shifts)s %(dates)s"), shifts=shifts, dates=dates
        )
    if isinstance(registration, Unavailability):
        return context._(N_("that you cannot work %(dates)s"), dates=dates)
    if registration.preference == Preference.OFF:
        return context._(N_("your wish to be off %(dates)s"), dates=dates)
    if shifts is not None:
        return context._(N_("your wish to work %(shifts)s %(dates)s"), shifts=shifts, dates=dates)
    return context._(N_("your wish to work %(dates)s"), dates=dates)


def without_absent_days(context: Context, command: ParsedCommand) -> tuple[ParsedCommand, str]:
    """Leave out the days of an offer or wish to work on which the actor will not work.

    Those are the days of a registered absence and of an absence request that waits
    for a manager, because working them contradicts what the actor asked for.
    Returns the command with the other days, and sentences led by a space that name
    the days left out ("" when there are none). When no day is left, raises a UserError
    that says what to withdraw first.
    """
    days = set(command.all_days())
    if not days:
        return command, ""
    absences = _absences_on(context, days)
    requests = _absence_requests_on(context, days)
    if not absences and not requests:
        return command, ""

    absent = days & {day for absence in absences for day in absence.days.days()}
    requested = (days - absent) & {
        day for request in requests for day in requested_day_set(request)
    }
    if absent | requested == days:
        if absent:
            raise _absent_error(context, absences, absent)
        raise _absence_request_error(context, requests[0])

    sentences = []
    if absent:
        sentences.append(
            context._(
                N_("You have registered %(absences)s, so it is only for the other days."),
                absences=absences_phrase(context, absences, absent),
            )
        )
    sentences += _absence_request_notes(context, requests, requested)
    other_days = ranges_of(sorted(days - absent - requested))
    return replace(command, dates=other_days), "".join(f" {text}" for text in sentences)


def absent_days_note(context: Context, command: ParsedCommand) -> str:
    """Return a sentence, led by a space, naming the actor's absences on the command's days.

    Unavailability on a day of vacation or sick leave changes nothing while the
    absence is registered, so the read-back names the absence. The days stay in the
    registration, because it still applies if the absence is withdrawn. Returns ""
    without absences.
    """
    days = set(command.all_days())
    absences = _absences_on(context, days) if days else []
    if not absences:
        return ""
    absent = days & {day for absence in absences for day in absence.days.days()}
    return " " + context._(
        N_("You already have %(absences)s, so you get no shifts then anyway."),
        absences=absences_phrase(context, absences, absent),
    )


def _absences_on(context: Context, days: set[dt.date]) -> list[Absence]:
    within = DateRange(min(days), max(days))
    return [
        absence
        for absence in context.store.absences.list_absences(
            employee_id=context.actor.id, within=within
        )
        if days & set(absence.days.days())
    ]


def _absence_requests_on(context: Context, days: set[dt.date]) -> list[ShiftRequest]:
    return [
        request for request in open_absence_requests(context) if days & requested_day_set(request)
    ]


def _absent_error(context: Context, absences: list[Absence], absent: set[dt.date]) -> UserError:
    return UserError(
        N_(
            "You have registered %(absences)s, so you cannot work then, and I have not "
            "registered anything. If that has changed, withdraw it first, for example "
            "«%(example)s», and then write your message again."
        ),
        absences=absences_phrase(context, absences, absent),
        example=_withdrawal_example(context, absences[0], absent),
    )


def _absence_request_error(context: Context, request: ShiftRequest) -> UserError:
    assert request.absence_kind is not None
    return UserError(
        N_(
            "You have asked for %(absence)s %(dates)s, and request #%(id)s is waiting for a "
            "manager, so I have not registered anything. If you would rather work then, "
            "withdraw the request first with «trekk tilbake %(id)s», and then write your "
            "message again."
        ),
        absence=absence_name(context, request.absence_kind),
        dates=dates_phrase(context, requested_days(request)),
        id=request.id,
    )


def _absence_request_notes(
    context: Context, requests: list[ShiftRequest], requested: set[dt.date]
) -> list[str]:
    """Name each waiting absence request whose days are left out, and how to withdraw it."""
    notes = []
    for request in requests:
        left_out = requested & requested_day_set(request)
        if not left_out or request.absence_kind is None:
            continue
        notes.append(
            context._(
                N_(
                    "You have asked for %(absence)s %(dates)s in request #%(id)s, which is "
                    "waiting for a manager, so it is only for the other days. Write «trekk "
                    "tilbake %(id)s» if you would rather work then."
                ),
                absence=absence_name(context, request.absence_kind),
                dates=dates_phrase(context, ranges_of(sorted(left_out))),
                id=request.id,
            )
        )
    return notes


def absences_phrase(context: Context, absences: list[Absence], days: set[dt.date]) -> str:
    """Name each absence kind with its days among `days`: «sykefravær fredag 8. januar»."""
    by_kind: dict[AbsenceKind, set[dt.date]] = {}
    for absence in absences:
        by_kind.setdefault(absence.kind, set()).update(days & set(absence.days.days()))
    return context.translator.join(
        [
            f"{absence_name(context, kind)} {dates_phrase(context, ranges_of(sorted(kind_days)))}"
            for kind, kind_days in by_kind.items()
        ]
    )


def _withdrawal_example(context: Context, absence: Absence, days: set[dt.date]) -> str:
    first_day = min(days & set(absence.days.days()))
    return context._(WITHDRAWAL_EXAMPLES[absence.kind], day=context.translator.day_month(first_day))


def requested_days(request: ShiftRequest) -> tuple[DateRange, ...]:
    """Return the days an absence request covers, as ranges in order."""
    return request.requested_ranges


def requested_day_set(request: ShiftRequest) -> set[dt.date]:
    """Return each day an absence request covers."""
    return {day for days in request.requested_ranges for day in days.days()}


def open_absence_requests(context: Context) -> list[ShiftRequest]:
    """Return the actor's absence requests that wait for a manager."""
    requests = context.store.shift_requests.list_for_employee(context.actor.id, open_only=True)
    return [request for request in requests if request.absence_kind is not None]
