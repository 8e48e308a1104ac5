"""Unavailability for part of a day: «kan ikke jobbe etter kl 15 på fredag».

The part of the day becomes unavailability for the shift kinds it rules out
(core.partial_days), so the planner keeps the shifts that still fit: a day shift
that ends at 15:00 stays possible after «etter kl 15».

An earlier offer to work extra, or wish to work, on a ruled-out shift is replaced,
as a whole-day unavailability replaces it (core.actions.contradictions). An offer
for every shift on such a day stays for the shift kinds that still fit, and the
reply names both what was replaced and what stays.

A waiting request of the sender to take an open shift that the part of the day
rules out is withdrawn, and the reply names it. A colleague's request that would
give the sender such a shift is not theirs to withdraw, so the reply names it and
asks them to tell the manager, who can reject it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from core.absences import Availability, Unavailability, Wish
from core.actions.base import Proposal
from core.actions.contradictions import (
    Replaced,
    do_replace,
    offers_to_work,
    registrations_phrase,
    replaced_sentence,
)
from core.actions.phrases import dates_phrase, shift_kind_name
from core.actions.registrations import RegisterUnavailability, check_no_published_shifts
from core.actions.shift_requests import decide, describe_request, received_shifts
from core.commands import DateRange, Intent, ParsedCommand, ShiftKind, ranges_of
from core.context import Context
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply
from core.partial_days import ruled_out_shifts
from core.shift_requests import RequestEvent, RequestKind, ShiftRequest


def is_part_of_day(command: ParsedCommand) -> bool:
    """Tell whether the message limits the days to a part, and names no shift itself."""
    limited = command.unavailable_from is not None or command.unavailable_until is not None
    return limited and command.shift is None


class RegisterWholeOrPartDayUnavailability:
    """register_unavailability: the whole days, or the shifts a part of the days rules out."""

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        if is_part_of_day(command):
            return RegisterPartDayUnavailability().propose(context, command)
        return RegisterUnavailability().propose(context, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        if is_part_of_day(proposal.command):
            return RegisterPartDayUnavailability().execute(context, proposal)
        return RegisterUnavailability().execute(context, proposal)


class RegisterPartDayUnavailability:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        ruled_out = ruled_out_by(context, command)
        for kind, ranges in ruled_out.items():
            check_no_published_shifts(context, ranges, kind)
        readback = context._(
            N_("Registering that you cannot work %(part)s %(dates)s, so not %(shifts)s."),
            part=part_phrase(context, command),
            dates=dates_phrase(context, command.dates),
            shifts=shifts_phrase(context, ruled_out),
        )
        readback += contradicted_offers(context, ruled_out).sentences(context, done=False)
        readback += ruled_out_requests_sentences(context, ruled_out, done=False)
        return Proposal(Intent.REGISTER_UNAVAILABILITY, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        ruled_out = ruled_out_by(context, proposal.command)
        contradicted = contradicted_offers(context, ruled_out)
        contradicted.do_replace(context)
        for kind, ranges in ruled_out.items():
            for days in ranges:
                unavailability = Unavailability(0, context.actor.id, days, kind)
                context.store.absences.add_unavailability(unavailability, actor_id=context.actor.id)
        text = context._(
            N_("Registered. You will not be given %(shifts)s."),
            shifts=shifts_phrase(context, ruled_out),
        )
        text += contradicted.sentences(context, done=True)
        text += ruled_out_requests_sentences(context, ruled_out, done=True)
        withdrawals = withdraw_ruled_out_takes(context, ruled_out)
        return Outcome((Reply(text), *withdrawals))


@dataclass(frozen=True, slots=True)
class ContradictedOffers:
    """The offers and wishes to work that a part-day unavailability replaces, and what stays.

    `kept` are new registrations, for the shift kinds that still fit, of offers for
    every shift that `replaced` takes off those days.
    """

    replaced: list[Replaced]
    kept: list[Availability | Wish]

    def do_replace(self, context: Context) -> None:
        """Delete the replaced days of each offer and register what stays of them."""
        do_replace(context, self.replaced)
        absences = context.store.absences
        for registration in self.kept:
            if isinstance(registration, Availability):
                absences.add_availability(registration, actor_id=context.actor.id)
            else:
                absences.add_wish(registration, actor_id=context.actor.id)

    def sentences(self, context: Context, *, done: bool) -> str:
        """Return the sentences, each led by a space, naming what is replaced and what stays."""
        text = replaced_sentence(context, self.replaced, done=done)
        if self.kept:
            kept = [Replaced(registration, (registration.days,)) for registration in self.kept]
            text += " " + context._(
                N_("What still fits stays registered: %(registrations)s."),
                registrations=registrations_phrase(context, kept),
            )
        return text


def contradicted_offers(
    context: Context, ruled_out: dict[ShiftKind, tuple[DateRange, ...]]
) -> ContradictedOffers:
    """Return the actor's offers and wishes to work on the ruled-out shifts, and what stays.

    An offer of one shift kind is replaced on the days that kind is ruled out. An offer
    of every shift is replaced on each day with a ruled-out kind, and stays there for
    the unit's other kinds.
    """
    kinds_by_day = ruled_out_kinds_by_day(ruled_out)
    unit_kinds = {t.kind for t in context.store.organisations.shift_types(context.unit.id)}
    within = DateRange(min(kinds_by_day), max(kinds_by_day))
    replaced: list[Replaced] = []
    kept: list[Availability | Wish] = []
    for registration in offers_to_work(context, within):
        contradicted = [
            day
            for day in registration.days.days()
            if registration.shift_kind in kinds_by_day.get(day, set())
            or (registration.shift_kind is None and day in kinds_by_day)
        ]
        if not contradicted:
            continue
        replaced.append(Replaced(registration, ranges_of(contradicted)))
        if registration.shift_kind is None:
            for kind in (kind for kind in ShiftKind if kind in unit_kinds):
                fitting = [day for day in contradicted if kind not in kinds_by_day[day]]
                kept += [
                    replace(registration, id=0, days=days, shift_kind=kind)
                    for days in ranges_of(fitting)
                ]
    return ContradictedOffers(replaced, kept)


def ruled_out_requests(
    context: Context, ruled_out: dict[ShiftKind, tuple[DateRange, ...]]
) -> list[ShiftRequest]:
    """Return the sender's open requests that would give them a shift of a ruled-out kind.

    These are their takes of open shifts, offers they have taken, and swaps in which
    they receive such a shift, in request order.
    """
    kinds_by_day = ruled_out_kinds_by_day(ruled_out)
    shift_types = context.store.organisations.shift_types(context.unit.id)
    kind_of_code = {shift_type.code: shift_type.kind for shift_type in shift_types}
    actor_id = context.actor.id

    def rules_out(request: ShiftRequest) -> bool:
        if request.kind != RequestKind.TAKE and request.counterpart_id is None:
            return False
        return any(
            employee_id == actor_id and kind_of_code.get(code) in kinds_by_day.get(day, set())
            for employee_id, day, code in received_shifts(request)
        )

    requests = context.store.shift_requests.list_for_employee(actor_id, open_only=True)
    return [request for request in requests if rules_out(request)]


def is_own_take(context: Context, request: ShiftRequest) -> bool:
    """Tell whether the sender asked to take this open shift, and so may withdraw the request."""
    return request.kind == RequestKind.TAKE and request.requester_id == context.actor.id


# The sentence on a waiting take of an open shift that the unavailability withdraws,
# in the read-back (False) and once registered (True).
WITHDRAWN_TAKE_TEXTS = {
    False: N_(
        "Your waiting request #%(id)s to take the open %(code)s shift on %(day)s is then "
        "withdrawn, because you cannot work it."
    ),
    True: N_(
        "Your waiting request #%(id)s to take the open %(code)s shift on %(day)s is withdrawn, "
        "because you cannot work it."
    ),
}
# The sentence on a colleague's waiting request that would give the sender a ruled-out shift.
RULED_OUT_REQUEST_TEXT = N_(
    "Request %(request)s would give you a shift you cannot work, and only a manager can stop "
    "it now. Tell your manager, who can reject it with «avslå %(id)s»."
)


def ruled_out_requests_sentences(
    context: Context, ruled_out: dict[ShiftKind, tuple[DateRange, ...]], *, done: bool
) -> str:
    """Return sentences, each led by a space, on the waiting requests that are ruled out.

    The sender's own takes of open shifts are withdrawn. Other requests that give
    them a ruled-out shift are named, with the advice to tell the manager.
    """
    text = ""
    for request in ruled_out_requests(context, ruled_out):
        if is_own_take(context, request):
            sentence = context._(
                WITHDRAWN_TAKE_TEXTS[done],
                id=request.id,
                code=request.shift_code,
                day=context.date(request.day),
            )
        else:
            sentence = context._(
                RULED_OUT_REQUEST_TEXT, request=describe_request(context, request), id=request.id
            )
        text += f" {sentence}"
    return text


def withdraw_ruled_out_takes(
    context: Context, ruled_out: dict[ShiftKind, tuple[DateRange, ...]]
) -> list[Reply]:
    """Withdraw the sender's waiting takes of ruled-out open shifts, as «trekk tilbake N» does.

    Returns the decisions, which update the managers' cards of those requests. None of
    them takes the read-back's place, because the registration's reply does.
    """
    replies: list[Reply] = []
    for request in ruled_out_requests(context, ruled_out):
        if not is_own_take(context, request):
            continue
        outcome = decide(context, request, RequestEvent.CANCEL)
        replies += [replace(reply, replace_original=False) for reply in outcome.replies]
    return replies


def ruled_out_kinds_by_day(
    ruled_out: dict[ShiftKind, tuple[DateRange, ...]],
) -> dict[dt.date, set[ShiftKind]]:
    """Return the ruled-out shift kinds of each day."""
    kinds_by_day: dict[dt.date, set[ShiftKind]] = {}
    for kind, ranges in ruled_out.items():
        for date_range in ranges:
            for day in date_range.days():
                kinds_by_day.setdefault(day, set()).add(kind)
    return kinds_by_day


def ruled_out_by(
    context: Context, command: ParsedCommand
) -> dict[ShiftKind, tuple[DateRange, ...]]:
    """Return the shift kinds and days the message rules out; raise if it rules out none."""
    ruled_out = ruled_out_shifts(
        context.store.organisations.shift_types(context.unit.id),
        command.dates,
        unavailable_from=command.unavailable_from,
        unavailable_until=command.unavailable_until,
    )
    if not ruled_out:
        raise UserError(
            N_(
                "None of the unit's shifts falls %(part)s, so there is nothing to register. "
                "To register the whole day, write for example «kan ikke jobbe %(day)s»."
            ),
            part=part_phrase(context, command),
            day=context.translator.day_month(command.dates[0].start),
        )
    return ruled_out


def part_phrase(context: Context, command: ParsedCommand) -> str:
    """Name the part of the day: «etter kl. 15:00», «før kl. 12:00» or both."""
    after, before = command.unavailable_from, command.unavailable_until
    if after is not None and before is not None:
        return context._(
            N_("before %(until)s or after %(from)s"),
            until=before.strftime("%H:%M"),
            **{"from": after.strftime("%H:%M")},
        )
    if after is not None:
        return context._(N_("after %(time)s"), time=after.strftime("%H:%M"))
    assert before is not None
    return context._(N_("before %(time)s"), time=before.strftime("%H:%M"))


def shifts_phrase(context: Context, ruled_out: dict[ShiftKind, tuple[DateRange, ...]]) -> str:
    """Name the ruled-out shifts with their days, kinds on the same days together."""
    kinds_by_days: dict[tuple[DateRange, ...], list[ShiftKind]] = {}
    for kind, ranges in ruled_out.items():
        kinds_by_days.setdefault(ranges, []).append(kind)
    parts = [
        context._(
            N_("%(shifts)s %(dates)s"),
            shifts=context.translator.join(
                [shift_kind_name(context, kind, plural=True) for kind in kinds]
            ),
            dates=dates_phrase(context, ranges),
        )
        for ranges, kinds in kinds_by_days.items()
    ]
    return context.translator.join(parts)
