"""Unavailability for part of a day: «kan ikke jobbe etter kl 15 på fredag».

The part of the day becomes unavailability for the shift kinds it rules out
(core.partial_days), so the planner keeps the shifts that still fit: a day shift
that ends at 15:00 stays possible after «etter kl 15».

An earlier offer to work extra, or wish to work, on a ruled-out shift is replaced,
as a whole-day unavailability replaces it (core.actions.contradictions). An offer
for every shift on such a day stays for the shift kinds that still fit, and the
reply names both what was replaced and what stays.

A waiting request of the sender to take an open shift that the unavailability
rules out, for part of a day or for whole days, is withdrawn, and a colleague's
request that would give them such a shift is named (core.actions.ruled_out_requests).
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
from core.actions.registrations import (
    RegisterUnavailability,
    blocking_published_shifts,
    check_dates,
)
from core.actions.ruled_out_requests import (
    ruled_out_kinds_by_day,
    ruled_out_requests_sentences,
    withdraw_ruled_out_takes,
)
from core.commands import DateRange, Intent, ParsedCommand, ShiftKind, ranges_of
from core.context import Context
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply
from core.partial_days import is_between, ruled_out_shifts
from core.rosters import Assignment


def is_part_of_day(command: ParsedCommand) -> bool:
    """Tell whether the message limits the days to a part, and names no shift itself."""
    limited = command.unavailable_from is not None or command.unavailable_until is not None
    return limited and command.shift is None


class RegisterWholeOrPartDayUnavailability:
    """register_unavailability: the whole days, or the shifts a part of the days rules out."""

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        if is_part_of_day(command):
            return RegisterPartDayUnavailability().propose(context, command)
        proposal = RegisterUnavailability().propose(context, command)
        ruled_out = whole_days_ruled_out(context, proposal.command)
        readback = proposal.readback + ruled_out_requests_sentences(context, ruled_out, done=False)
        return replace(proposal, readback=readback)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        if is_part_of_day(proposal.command):
            return RegisterPartDayUnavailability().execute(context, proposal)
        ruled_out = whole_days_ruled_out(context, proposal.command)
        sentences = ruled_out_requests_sentences(context, ruled_out, done=True)
        registered, *others = RegisterUnavailability().execute(context, proposal).replies
        withdrawals = withdraw_ruled_out_takes(context, ruled_out)
        registered = replace(registered, text=registered.text + sentences)
        return Outcome((registered, *others, *withdrawals))


def whole_days_ruled_out(
    context: Context, command: ParsedCommand
) -> dict[ShiftKind, tuple[DateRange, ...]]:
    """Return the shift kinds a whole-day unavailability rules out, each with its days.

    That is the named shift kind, or else every kind the unit has, on the registered
    days. A whole day also rules out a night from the evening before, because its
    early hours are on that day, as the planner blocks it (`core.planning.blocked_days`).
    """
    if command.shift is not None:
        return {command.shift: command.dates}
    shift_types = context.store.organisations.shift_types(context.unit.id)
    days = {day for date_range in command.dates for day in date_range.days()}
    with_evenings_before = days | {day - dt.timedelta(days=1) for day in days}
    return {
        shift_type.kind: (
            ranges_of(sorted(with_evenings_before))
            if shift_type.crosses_midnight
            else command.dates
        )
        for shift_type in shift_types
    }


class RegisterPartDayUnavailability:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        check_dates(context, command)
        check_part_not_passed(context, command)
        ruled_out, colliding = registrable(context, command)
        ruled_out, registered = without_registered(context, command, ruled_out)
        readback = context._(
            N_("Registering that you cannot work %(part)s %(dates)s, so not %(shifts)s."),
            part=part_phrase(context, command),
            dates=dates_phrase(context, command.dates),
            shifts=shifts_phrase(context, ruled_out),
        )
        if registered:
            readback += " " + context._(
                N_("You have already registered that you cannot take %(shifts)s, and that stays."),
                shifts=shifts_phrase(context, registered),
            )
        readback += collision_sentence(context, command, colliding)
        readback += contradicted_offers(context, ruled_out).sentences(context, done=False)
        readback += ruled_out_requests_sentences(context, ruled_out, done=False)
        return Proposal(Intent.REGISTER_UNAVAILABILITY, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        ruled_out, _ = registrable(context, proposal.command)
        ruled_out, _ = without_registered(context, proposal.command, ruled_out)
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


def check_part_not_passed(context: Context, command: ParsedCommand) -> None:
    """Raise a UserError when the part of today that the command names has already ended.

    «før kl 12» or «mellom kl 10 og 12» today, sent at 16:00, can rule out no shift
    still to come, as a past day cannot. A part that runs to midnight («etter kl 15»)
    has not ended while today lasts.
    """
    if not any(context.today in date_range for date_range in command.dates):
        return
    after, before = command.unavailable_from, command.unavailable_until
    runs_to_midnight = after is not None and not is_between(after, before)
    if runs_to_midnight or before is None or before == dt.time(0):
        return
    if context.now.time() < before:
        return
    part = part_phrase(context, command)
    raise UserError(
        N_(
            "The time %(part)s today has already passed. Write a later time or another day, "
            "for example «kan ikke jobbe i morgen %(part)s»."
        ),
        part=part,
    )


def registrable(
    context: Context, command: ParsedCommand
) -> tuple[dict[ShiftKind, tuple[DateRange, ...]], list[Assignment]]:
    """Return the shift kinds and days to register, and the actor's published shifts among them.

    A published shift stays the employee's until a colleague or the manager takes it,
    so its kind is not registered on its day, as a whole-day unavailability leaves out
    the days of published shifts. Raises a UserError that names the shifts when
    nothing else is left to register.
    """
    ruled_out = ruled_out_by(context, command)
    kind_of_code = {
        shift_type.code: shift_type.kind
        for shift_type in context.store.organisations.shift_types(context.unit.id)
    }
    all_ranges = tuple(date_range for ranges in ruled_out.values() for date_range in ranges)
    colliding = [
        assignment
        for assignment in blocking_published_shifts(context, all_ranges)
        if any(
            assignment.day in date_range
            for date_range in ruled_out.get(kind_of_code[assignment.shift_code], ())
        )
    ]
    remaining: dict[ShiftKind, tuple[DateRange, ...]] = {}
    for kind, ranges in ruled_out.items():
        kept_days = {a.day for a in colliding if kind_of_code[a.shift_code] == kind}
        free = [day for date_range in ranges for day in date_range.days() if day not in kept_days]
        if free:
            remaining[kind] = ranges_of(free)
    if not remaining:
        raise UserError(
            N_("%(collisions)s I have not registered anything."),
            collisions=collision_sentence(context, command, colliding).strip(),
        )
    return remaining, colliding


def without_registered(
    context: Context, command: ParsedCommand, ruled_out: dict[ShiftKind, tuple[DateRange, ...]]
) -> tuple[dict[ShiftKind, tuple[DateRange, ...]], dict[ShiftKind, tuple[DateRange, ...]]]:
    """Split the ruled-out shifts into those still to register and those already registered.

    A shift kind on a day is registered by an unavailability of that kind or of the
    whole day. The same message sent twice then stores nothing twice. Raises a
    UserError when everything is already registered.
    """
    days = [
        day for ranges in ruled_out.values() for date_range in ranges for day in date_range.days()
    ]
    existing = context.store.absences.list_unavailability(
        employee_id=context.actor.id, within=DateRange(min(days), max(days))
    )
    new: dict[ShiftKind, tuple[DateRange, ...]] = {}
    registered: dict[ShiftKind, tuple[DateRange, ...]] = {}
    for kind, ranges in ruled_out.items():
        covered = {
            day for item in existing if item.shift_kind in (None, kind) for day in item.days.days()
        }
        wanted = [day for date_range in ranges for day in date_range.days()]
        if fresh := [day for day in wanted if day not in covered]:
            new[kind] = ranges_of(fresh)
        if known := [day for day in wanted if day in covered]:
            registered[kind] = ranges_of(known)
    if not new:
        raise UserError(
            N_(
                "You have already registered that you cannot work %(part)s %(dates)s, so "
                "nothing new was registered."
            ),
            part=part_phrase(context, command),
            dates=dates_phrase(context, command.dates),
        )
    return new, registered


def collision_sentence(
    context: Context, command: ParsedCommand, colliding: list[Assignment]
) -> str:
    """Return the sentences, led by a space, naming the published shifts the part collides with.

    Each shift is named with its times, «D fredag 22. januar 07:30–15:00», and the
    sentences say how to be free of it. Returns "" when no shift collides.
    """
    if not colliding:
        return ""
    times = {
        shift_type.code: f"{shift_type.start:%H:%M}–{shift_type.end:%H:%M}"
        for shift_type in context.store.organisations.shift_types(context.unit.id)
    }
    shifts = context.translator.join(
        [f"{a.shift_code} {context.date(a.day)} {times[a.shift_code]}" for a in colliding]
    )
    return " " + context.translator.ngettext(
        "You are on %(shifts)s, and that collides with not being able to work %(part)s. "
        "The shift is published, so it stays yours and is left out of the registration. To "
        "be free then, ask a colleague to take it, for example «Kan noen ta vakta mi "
        "%(example)s?», or agree it with your manager.",
        "You are on %(shifts)s, and those collide with not being able to work %(part)s. "
        "The shifts are published, so they stay yours and are left out of the registration. "
        "To be free then, ask a colleague to take them, for example «Kan noen ta vakta mi "
        "%(example)s?», or agree it with your manager.",
        len(colliding),
        shifts=shifts,
        part=part_phrase(context, command),
        example=context.translator.day_month(colliding[0].day),
    )


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
    """Name the part of the day: «etter kl. 15:00», «før kl. 12:00», both, or the time between."""
    after, before = command.unavailable_from, command.unavailable_until
    if after is not None and before is not None and is_between(after, before):
        return context._(
            N_("between %(from)s and %(until)s"),
            until=before.strftime("%H:%M"),
            **{"from": after.strftime("%H:%M")},
        )
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
