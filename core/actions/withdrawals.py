"""Withdrawing an absence the employee no longer has: «ikke syk likevel», «ikke kurs fredag».

Registering an absence needs no manager's approval, so withdrawing one needs none
either. The unit's managers get a notice of each withdrawal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from core.absences import HEALTH_ABSENCES, Absence
from core.actions.absence_requests import check_no_waiting_absence
from core.actions.base import Proposal
from core.actions.contradictions import (
    REGISTRATION_EXAMPLES,
    WITHDRAWAL_EXAMPLES,
    open_absence_requests,
    requested_day_set,
)
from core.actions.phrases import absence_name, dates_phrase
from core.actions.registrations import managers_of_unit
from core.commands import AbsenceKind, DateRange, Intent, ParsedCommand, ranges_of
from core.context import Context
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply
from core.shift_requests import absence_request_kind


class WithdrawAbsence:
    """Withdrawal of the sender's registered days of the negated absence kind, from today on.

    Without dates in the message every such day from today on is withdrawn, and
    with dates only those of them; «fra mandag» withdraws Monday and the rest of
    the absence after it. Days before today stay registered, because
    their shifts were already opened and perhaps taken. An absence that also has
    days outside the withdrawn ones keeps them as a new, shorter absence.
    """

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        kind = negated_kind(command)
        if command.open_ended and command.dates:
            withdrawn = withdrawn_from_day_on(context, command, kind)
        else:
            check_not_only_past(context, command, kind)
            withdrawn = registered_days(context, kind)
            if command.dates:
                withdrawn &= set(command.all_days())
        if not withdrawn and absence_request_kind(kind) is not None:
            check_no_waiting_absence(context, kind, command.dates)
        if not withdrawn:
            raise nothing_registered(context, command, kind)
        command = replace(command, dates=ranges_of(sorted(withdrawn)))
        readback = context._(
            N_("Withdrawing %(absence)s registered %(dates)s."),
            absence=absence_name(context, kind),
            dates=dates_phrase(context, command.dates),
        )
        return Proposal(Intent.WITHDRAW_ABSENCE, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        command = proposal.command
        kind = negated_kind(command)
        withdrawn = registered_days(context, kind) & set(command.all_days())
        if not withdrawn:
            raise nothing_registered(context, command, kind)
        for absence in absences_on(context, kind, withdrawn):
            shorten_absence(context, absence, withdrawn)
        dates = ranges_of(sorted(withdrawn))
        return Outcome(
            (Reply(withdrawn_text(context, kind, dates)), *manager_notices(context, kind, dates))
        )


def check_not_replacing_absence(context: Context, command: ParsedCommand) -> None:
    """Raise a UserError when a message negates a registered absence and states another.

    «ikke sykt barn, men syk selv» would withdraw one absence and register
    another, but a message is one command, so the error asks for the two as separate
    messages. A negated absence that is neither registered on the named
    days (from today on when none are named) nor requested is only a
    clarification, as in «Ferie i juli, ikke avspasering», and the message stands.
    """
    stated, negated = command.absence, command.negated_absence
    if stated is None or negated is None or stated == negated:
        return
    replaced_days = sorted(
        absent_days(context, negated, command) | requested_days_of(context, negated, command)
    )
    if not replaced_days:
        return
    first_day = min(command.all_days(), default=replaced_days[0])
    day = context.translator.day_month(first_day)
    raise UserError(
        N_(
            "One message can withdraw %(withdrawn)s or register %(registered)s, but not both. "
            "Write them as two messages: first «%(withdrawal)s», then «%(registration)s»."
        ),
        withdrawn=absence_name(context, negated),
        registered=absence_name(context, stated),
        withdrawal=context._(WITHDRAWAL_EXAMPLES[negated], day=day),
        registration=context._(REGISTRATION_EXAMPLES[stated], day=day),
    )


def absent_days(context: Context, kind: AbsenceKind, command: ParsedCommand) -> set[dt.date]:
    """Return the sender's days registered as `kind`: on the command's days, or from today on."""
    if not command.dates:
        return registered_days(context, kind)
    named = set(command.all_days())
    absences = context.store.absences.list_absences(employee_id=context.actor.id)
    return {
        day for absence in absences if absence.kind == kind for day in absence.days.days()
    } & named


def requested_days_of(context: Context, kind: AbsenceKind, command: ParsedCommand) -> set[dt.date]:
    """Return the days of the sender's waiting requests for `kind`, limited like `absent_days`."""
    requested = {
        day
        for request in open_absence_requests(context)
        if request.absence_kind == kind
        for day in requested_day_set(request)
    }
    if command.dates:
        return requested & set(command.all_days())
    return {day for day in requested if day >= context.today}


def withdrawn_text(context: Context, kind: AbsenceKind, dates: tuple[DateRange, ...]) -> str:
    """Return the confirmation. Only sickness opens published shifts, and they stay open."""
    if kind in HEALTH_ABSENCES:
        return context._(
            N_(
                "I have withdrawn %(absence)s registered %(dates)s. Shifts that were opened "
                "because of it are still open, so ask your manager if you want them back."
            ),
            absence=absence_name(context, kind),
            dates=dates_phrase(context, dates),
        )
    return context._(
        N_("I have withdrawn %(absence)s registered %(dates)s, so you can be given shifts then."),
        absence=absence_name(context, kind),
        dates=dates_phrase(context, dates),
    )


def withdrawn_from_day_on(
    context: Context, command: ParsedCommand, kind: AbsenceKind
) -> set[dt.date]:
    """Return the days a message such as «friskmeldt fra mandag» withdraws.

    They are the named days before the open-ended one, and the days from the
    open-ended one on of the absence that covers it, with any absence right
    after it. A later, separate absence of the same kind stays. Days before today
    are never withdrawn.
    """
    *named, open_range = command.dates
    first_day = max(open_range.start, context.today)
    registered = registered_days(context, kind)
    withdrawn = registered & {day for date_range in named for day in date_range.days()}
    day = first_day
    while day in registered:
        withdrawn.add(day)
        day += dt.timedelta(days=1)
    return withdrawn


def negated_kind(command: ParsedCommand) -> AbsenceKind:
    return command.negated_absence or AbsenceKind.SICK


def current_absences(context: Context, kind: AbsenceKind) -> list[Absence]:
    """Return the sender's absences of `kind` that last until today or later."""
    absences = context.store.absences.list_absences(employee_id=context.actor.id)
    return [
        absence
        for absence in absences
        if absence.kind == kind and absence.days.end >= context.today
    ]


def registered_days(context: Context, kind: AbsenceKind) -> set[dt.date]:
    """Return the days from today on on which the sender has an absence of `kind`."""
    return {
        day
        for absence in current_absences(context, kind)
        for day in absence.days.days()
        if day >= context.today
    }


def absences_on(context: Context, kind: AbsenceKind, days: set[dt.date]) -> list[Absence]:
    return [
        absence
        for absence in current_absences(context, kind)
        if any(day in absence.days for day in days)
    ]


def shorten_absence(context: Context, absence: Absence, withdrawn: set[dt.date]) -> None:
    """Delete `absence` and register again the days of it that are not withdrawn."""
    context.store.absences.delete_absence(absence.id, actor_id=context.actor.id)
    remaining_days = sorted(set(absence.days.days()) - withdrawn)
    for days in ranges_of(remaining_days):
        context.store.absences.add_absence(
            Absence(0, absence.employee_id, absence.kind, days, created_at=absence.created_at),
            actor_id=context.actor.id,
        )


def check_not_only_past(context: Context, command: ParsedCommand, kind: AbsenceKind) -> None:
    """Raise a UserError when the message names only days before today, and one is registered."""
    named = set(command.all_days())
    if not named or any(day >= context.today for day in named):
        return
    absences = context.store.absences.list_absences(employee_id=context.actor.id)
    if any(absence.kind == kind and day in absence.days for absence in absences for day in named):
        raise UserError(
            N_(
                "I can only withdraw %(absence)s from today on. Ask your manager to correct "
                "%(dates)s."
            ),
            absence=absence_name(context, kind),
            dates=dates_phrase(context, command.dates),
        )


def nothing_registered(context: Context, command: ParsedCommand, kind: AbsenceKind) -> UserError:
    """Return the error for a withdrawal that finds no registered day to remove."""
    if command.open_ended and command.dates:
        return UserError(
            N_(
                "Nothing is registered as %(absence)s from %(day)s on, so I have not changed "
                "anything."
            ),
            absence=absence_name(context, kind),
            day=context.date(max(command.dates[-1].start, context.today)),
        )
    if command.dates:
        return UserError(
            N_("Nothing is registered as %(absence)s %(dates)s, so I have not changed anything."),
            absence=absence_name(context, kind),
            dates=dates_phrase(context, command.dates),
        )
    return UserError(
        N_("Nothing is registered as %(absence)s from today on, so I have not changed anything."),
        absence=absence_name(context, kind),
    )


def manager_notices(
    context: Context, kind: AbsenceKind, dates: tuple[DateRange, ...]
) -> list[Reply]:
    """Tell the unit's managers that the sender is no longer absent on these days.

    The notice of withdrawn sickness does not name the kind, because sickness is
    health data (GDPR art. 9) that a manager learns only where needed.
    """
    notices = []
    for manager in managers_of_unit(context):
        to_manager = context.for_recipient(manager.id)
        if kind in HEALTH_ABSENCES:
            text = to_manager._(
                N_(
                    "%(name)s is no longer absent %(dates)s. Shifts that were opened because of "
                    "the absence are still open."
                ),
                name=context.actor.name,
                dates=dates_phrase(to_manager, dates),
            )
        else:
            text = to_manager._(
                N_("%(name)s has withdrawn %(absence)s registered %(dates)s."),
                name=context.actor.name,
                absence=absence_name(to_manager, kind),
                dates=dates_phrase(to_manager, dates),
            )
        notices.append(Reply(text, recipient_employee_id=manager.id))
    return notices
