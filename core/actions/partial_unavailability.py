"""Unavailability for part of a day: «kan ikke jobbe etter kl 15 på fredag».

The part of the day becomes unavailability for the shift kinds it rules out
(core.partial_days), so the planner keeps the shifts that still fit: a day shift
that ends at 15:00 stays possible after «etter kl 15».
"""

from __future__ import annotations

from core.absences import Unavailability
from core.actions.base import Proposal
from core.actions.phrases import dates_phrase, shift_kind_name
from core.actions.registrations import RegisterUnavailability, check_no_published_shifts
from core.commands import DateRange, Intent, ParsedCommand, ShiftKind
from core.context import Context
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply
from core.partial_days import ruled_out_shifts


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
        return Proposal(Intent.REGISTER_UNAVAILABILITY, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        # NOTE: unlike a whole day, a part of a day does not replace an offer or a wish
        # to work the same days (core.actions.contradictions), so both stay registered.
        ruled_out = ruled_out_by(context, proposal.command)
        for kind, ranges in ruled_out.items():
            for days in ranges:
                unavailability = Unavailability(0, context.actor.id, days, kind)
                context.store.absences.add_unavailability(unavailability, actor_id=context.actor.id)
        text = context._(
            N_("Registered. You will not be given %(shifts)s."),
            shifts=shifts_phrase(context, ruled_out),
        )
        return Outcome((Reply(text),))


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
