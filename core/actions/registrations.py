"""Registering what employees report about days: absence, unavailability, availability, wishes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from core.absences import Absence, Availability, RemovedShift, Unavailability, Wish
from core.actions.base import Proposal
from core.actions.contradictions import (
    absent_days_note,
    do_replace,
    replaced_by,
    replaced_sentence,
    without_absent_days,
)
from core.actions.phrases import absence_name, dates_phrase, shift_kind_name
from core.actions.rosters import published_days
from core.calendar import OSLO
from core.changes import open_shifts
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
from core.employees import Employee, Role
from core.errors import UserError
from core.i18n import N_
from core.messages import BackgroundJob, Outcome, Reply
from core.repairs import repair_job
from core.rosters import Assignment

# A registration may reach this far into the past: sick reports count back up to
# 14 days (the parser's rule for sick reports), everything else starts today.
SICK_REPORT_DAYS_BACK = 14
# Sick leave may start at most this many days ahead: a sick report is about being
# ill now or about an operation booked within weeks. Absence planned further
# ahead is leave, which a manager decides on. Without this limit, one message could
# block months of rosters before any manager saw it.
SICK_REPORT_DAYS_AHEAD = 31
# Sick leave written with no end («syk fra i dag») is registered for this many
# calendar days, the self-certification (egenmelding) period of folketrygdloven
# § 8-23. NOTE: employers in the IA agreement allow up to 8 days, which this
# does not know about, so the read-back shows the user how to change the end.
SELF_CERTIFICATION_DAYS = 3
# A single registration may cover at most a year, which catches typos such as 2207.
MAX_REGISTRATION_DAYS = 366


def check_dates(
    context: Context,
    command: ParsedCommand,
    *,
    days_back: int = 0,
    days_ahead: int | None = None,
) -> None:
    """Raise a UserError unless the command's dates are present and plausible.

    With `days_ahead`, the first day may lie at most that many days after today.
    """
    if not command.dates:
        raise UserError(N_("Which day? Write for example «fredag», «12. januar» or «uke 3»."))
    earliest = context.today - dt.timedelta(days=days_back)
    first_day = min(r.start for r in command.dates)
    last_day = max(r.end for r in command.dates)
    # A past day more than half a year back gets its year: in December, «1. januar»
    # alone reads as the coming one.
    past_day = context.translator.date(
        first_day, today=context.today, with_year=(context.today - first_day).days > 183
    )
    if first_day < earliest and days_back > 0:
        raise UserError(
            N_(
                "%(day)s is too far back: sick leave can be reported up to %(days)s days "
                "back. Write a day from %(earliest)s on, for example «syk i går»."
            ),
            day=past_day,
            days=days_back,
            earliest=context.translator.day_month(earliest),
        )
    if first_day < earliest:
        raise UserError(
            N_("%(day)s is in the past. Write a day from today on, for example «i morgen»."),
            day=past_day,
        )
    if (last_day - first_day).days >= MAX_REGISTRATION_DAYS:
        raise UserError(N_("That period is longer than a year. Write a shorter period."))
    if days_ahead is not None and (first_day - context.today).days > days_ahead:
        far_day = context.translator.date(
            first_day, today=context.today, with_year=(first_day - context.today).days > 183
        )
        raise UserError(
            N_(
                "%(day)s is too far ahead for sick leave: it can be registered up to "
                "%(days)s days ahead. For planned absence, such as an operation, write "
                "«permisjon» and the dates, and a leader decides."
            ),
            day=far_day,
            days=days_ahead,
        )


class RegisterAbsence:
    """An absence registered at once: sickness, and a course on days without published shifts.

    `core.actions.absence_requests` sends vacation, leave, time off in lieu and a course
    over published shifts to a manager instead, after the same checks (`checked_absence`).
    """

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        open_ended = command.open_ended and bool(command.dates)
        requested, command, registered = checked_absence(context, command)
        kind = command.absence
        assert kind is not None
        if not is_sickness(kind):
            # Registering opens the shifts of `published_shifts_on`, the night from the
            # evening before included, unless it has started (see `release_shifts`).
            shifts = published_shifts_on(context, context.actor.id, command.dates)
            if shifts:
                raise published_shifts_error(context, shifts)
        sentences = [
            context._(
                N_("Registering %(absence)s %(dates)s."),
                absence=absence_name(context, kind),
                dates=dates_phrase(context, command.dates),
            )
        ]
        if registered:
            sentences.append(
                context._(
                    N_("You have already registered %(absence)s %(dates)s, and that stays."),
                    absence=absence_name(context, kind),
                    dates=dates_phrase(context, registered),
                )
            )
        if open_ended:
            sentences.append(
                open_end_note(context, requested[-1], whole_period_named=not registered)
            )
        readback = " ".join(sentences)
        readback += replaced_sentence(
            context, replaced_by(context, Intent.REGISTER_ABSENCE, command), done=False
        )
        readback += shift_under_way_sentence(context, command.dates)
        readback += night_over_sentence(context, command.dates)
        readback += leaving_shifts_sentence(context, command.dates)
        return Proposal(Intent.REGISTER_ABSENCE, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        command = proposal.command
        assert command.absence is not None
        replaced = replaced_by(context, Intent.REGISTER_ABSENCE, command)
        do_replace(context, replaced)
        absences = [
            context.store.absences.add_absence(
                Absence(0, context.actor.id, command.absence, date_range, created_at=context.now),
                actor_id=context.actor.id,
            )
            for date_range in command.dates
        ]
        opened = release_shifts(context, context.actor.id, command.dates)
        missed = remove_missed_shifts(context, context.actor.id, command.dates)
        record_removed_shifts(context, absences, opened + missed)
        done = context._(
            N_("Registered %(absence)s %(dates)s."),
            absence=absence_name(context, command.absence),
            dates=dates_phrase(context, command.dates),
        )
        done += replaced_sentence(context, replaced, done=True)
        done += shift_under_way_sentence(context, command.dates)
        done += night_over_sentence(context, command.dates)
        done += missed_shifts_sentence(context, missed)
        replies = [Reply(done)]
        replies.extend(opened_shift_replies(context, opened))
        replies.extend(missed_shift_notices(context, missed, command.absence))
        return Outcome(tuple(replies), job=repair_for(context, opened))


def shift_under_way_sentence(context: Context, ranges: tuple[DateRange, ...]) -> str:
    """Return the sentence, led by a space, on the actor's shift under way that stays, or ""."""
    started = shifts_under_way(context, context.actor.id, ranges)
    if not started:
        return ""
    return " " + context.translator.ngettext(
        "Your shift %(shifts)s has already started, so you have worked part of it. It stays "
        "yours in the roster and is not opened.",
        "Your shifts %(shifts)s have already started, so you have worked part of them. They "
        "stay yours in the roster and are not opened.",
        len(started),
        shifts=shifts_phrase(context, started),
    )


def night_over_sentence(context: Context, ranges: tuple[DateRange, ...]) -> str:
    """Return the sentence, led by a space, on the actor's night before that is over, or ""."""
    nights = nights_over_before(context, context.actor.id, ranges)
    if not nights:
        return ""
    return " " + context._(
        N_("Your night shift %(shifts)s is over, so it counts as worked and stays in the roster."),
        shifts=shifts_phrase(context, nights),
    )


def leaving_shifts_sentence(context: Context, ranges: tuple[DateRange, ...]) -> str:
    """Return the read-back sentence, led by a space, naming the shifts a «ja» takes out, or ""."""
    employee_id = context.actor.id
    leaving = sorted(
        published_shifts_on(context, employee_id, ranges)
        + missed_shifts_on(context, employee_id, ranges),
        key=lambda assignment: (assignment.day, assignment.shift_code),
    )
    if not leaving:
        return ""
    return " " + context.translator.ngettext(
        "The shift %(shifts)s will be taken out of your roster.",
        "The shifts %(shifts)s will be taken out of your roster.",
        len(leaving),
        shifts=shifts_phrase(context, leaving),
    )


def is_sickness(kind: AbsenceKind) -> bool:
    return kind in (AbsenceKind.SICK, AbsenceKind.CHILD_SICK)


# Registrations that start today at the earliest. Sick leave may look back, so a
# sick report «i helgen» on a Sunday keeps the Saturday.
FROM_TODAY_INTENTS = (
    Intent.REGISTER_AVAILABILITY,
    Intent.REGISTER_UNAVAILABILITY,
    Intent.REGISTER_WISH,
    Intent.REGISTER_ABSENCE,
)


def without_passed_weekend_day(context: Context, command: ParsedCommand) -> ParsedCommand:
    """Leave yesterday's Saturday out of a registration for this weekend written on a Sunday.

    The parser reads «i helgen» on a Sunday as this weekend's Saturday and Sunday, as
    the command language defines it. A registration that starts today at the earliest
    takes that as the rest of the weekend, Sunday alone, instead of refusing the
    Saturday as passed.
    """
    saturday = context.today - dt.timedelta(days=1)
    if context.today.isoweekday() != 7 or command.intent not in FROM_TODAY_INTENTS:
        return command
    if command.absence is not None and is_sickness(command.absence):
        return command
    dates = tuple(
        DateRange(context.today, context.today)
        if (date_range.start, date_range.end) == (saturday, context.today)
        else date_range
        for date_range in command.dates
    )
    return replace(command, dates=dates)


def checked_absence(
    context: Context, command: ParsedCommand
) -> tuple[tuple[DateRange, ...], ParsedCommand, tuple[DateRange, ...]]:
    """Check an absence's kind and dates, and drop the days already registered as it.

    Sick leave with no end gets the days of a self-certification. Returns the days
    asked for with that end, the command with the days not yet registered, and the
    days already registered. Raises a UserError when the kind or a date is missing
    or implausible, or when every day is registered already.
    """
    kind = command.absence
    if kind is None:
        raise UserError(N_("What kind of absence? For example «syk», «ferie» or «kurs»."))
    if is_sickness(kind) and command.past_dates:
        # «syk 1. november» on 5 December means last month, not next year.
        command = replace(command, dates=command.past_dates)
    if command.open_ended and command.dates:
        command = with_open_end(command, is_sick=is_sickness(kind))
    if is_sickness(kind):
        check_dates(
            context, command, days_back=SICK_REPORT_DAYS_BACK, days_ahead=SICK_REPORT_DAYS_AHEAD
        )
    else:
        check_dates(context, command)
    remaining, registered = without_registered_days(context, command)
    return command.dates, remaining, registered


class RegisterUnavailability:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        check_dates(context, command)
        kept_shifts = blocking_published_shifts(
            context, command.dates, command.shift, nights_before=command.shift is None
        )
        kept_note = ""
        if kept_shifts:
            command, kept_note = without_kept_shift_days(context, command, kept_shifts)
        command, registered = without_registered_unavailable_days(context, command)
        if registered:
            already = context._(
                N_("You have already registered that you cannot work %(dates)s, and that stays."),
                dates=dates_phrase(context, registered),
            )
            kept_note = f" {already}{kept_note}"
        if command.shift is not None:
            readback = context._(
                N_("Registering that you cannot work %(shift)s %(dates)s."),
                shift=shift_kind_name(context, command.shift, plural=True),
                dates=dates_phrase(context, command.dates),
            )
        else:
            readback = context._(
                N_("Registering that you cannot work %(dates)s."),
                dates=dates_phrase(context, command.dates),
            )
        readback += absent_days_note(context, command)
        readback += replaced_sentence(
            context, replaced_by(context, Intent.REGISTER_UNAVAILABILITY, command), done=False
        )
        readback += kept_note
        return Proposal(Intent.REGISTER_UNAVAILABILITY, readback, command, {"kept_note": kept_note})

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        # The same days confirmed from another chat since the read-back are stored once.
        command, _ = without_registered_unavailable_days(context, proposal.command)
        replaced = replaced_by(context, Intent.REGISTER_UNAVAILABILITY, command)
        do_replace(context, replaced)
        for date_range in command.dates:
            unavailability = Unavailability(0, context.actor.id, date_range, command.shift)
            context.store.absences.add_unavailability(unavailability, actor_id=context.actor.id)
        if command.shift is not None:
            text = context._(
                N_("Registered. You will not be given %(shift)s then."),
                shift=shift_kind_name(context, command.shift, plural=True),
            )
        else:
            text = context._(N_("Registered. You will not be given shifts then."))
        text += replaced_sentence(context, replaced, done=True)
        text += str(proposal.data.get("kept_note") or "")
        return Outcome((Reply(text),))


def without_registered_unavailable_days(
    context: Context, command: ParsedCommand
) -> tuple[ParsedCommand, tuple[DateRange, ...]]:
    """Drop the days the actor has already registered as unavailable; raise if none is left.

    A day is registered by an unavailability of the whole day or of the same shift kind.
    Returns the command with the remaining days and the dropped days.
    """
    wanted = set(command.all_days())
    covering = [
        unavailability
        for unavailability in context.store.absences.list_unavailability(
            employee_id=context.actor.id, within=DateRange(min(wanted), max(wanted))
        )
        if unavailability.shift_kind in (None, command.shift)
    ]
    registered = wanted & {day for item in covering for day in item.days.days()}
    if registered == wanted:
        raise UserError(
            N_(
                "You have already registered that you cannot work %(dates)s, so nothing new "
                "was registered."
            ),
            dates=dates_phrase(context, command.dates),
        )
    remaining = ranges_of(sorted(wanted - registered))
    return replace(command, dates=remaining), ranges_of(sorted(registered))


def without_kept_shift_days(
    context: Context, command: ParsedCommand, kept_shifts: list[Assignment]
) -> tuple[ParsedCommand, str]:
    """Leave out the days of the actor's published shifts, and say which shifts stay theirs.

    A published shift stays until a colleague or the manager takes it, so the days it
    covers cannot be registered as unavailable. A night from the evening before one
    of the days covers that day's early hours, so that day is left out too. Returns
    the command with the other days and a sentence for the reply. Raises the error of
    `check_no_published_shifts` when no day is left.
    """
    night_codes = {
        shift_type.code
        for shift_type in context.store.organisations.shift_types(context.unit.id)
        if shift_type.crosses_midnight
    }
    wanted = days_of(command.dates)
    covered = {a.day for a in kept_shifts if a.day in wanted} | {
        a.day + dt.timedelta(days=1)
        for a in kept_shifts
        if a.shift_code in night_codes and a.day + dt.timedelta(days=1) in wanted
    }
    free = sorted(wanted - covered)
    if not free:
        raise published_shifts_error(context, kept_shifts)
    note = " " + context._(
        N_(
            "Your published shifts stay yours: %(shifts)s. The days they cover, %(days)s, "
            "are left out of the registration. To be free then, ask a colleague to take "
            "the shift, for example «Kan noen ta vakta mi %(example)s?», or agree it with "
            "your manager."
        ),
        shifts=shifts_phrase(context, kept_shifts),
        days=dates_phrase(context, ranges_of(sorted(covered))),
        example=context.translator.day_month(kept_shifts[0].day),
    )
    return replace(command, dates=ranges_of(free)), note


class RegisterAvailability:
    """An offer to work extra, without the days of an absence or a waiting absence request."""

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        check_dates(context, command)
        command, left_out = without_absent_days(context, command)
        shift = shift_kind_name(context, command.shift, plural=True) if command.shift else None
        readback = context._(
            N_("Registering that you can take extra %(shift)s %(dates)s."),
            shift=shift or context._(N_("shifts")),
            dates=dates_phrase(context, command.dates),
        )
        readback += left_out
        readback += replaced_sentence(
            context, replaced_by(context, Intent.REGISTER_AVAILABILITY, command), done=False
        )
        return Proposal(Intent.REGISTER_AVAILABILITY, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        # An absence registered since the read-back, from another chat, is left out too.
        command, _ = without_absent_days(context, proposal.command)
        replaced = replaced_by(context, Intent.REGISTER_AVAILABILITY, command)
        do_replace(context, replaced)
        for date_range in command.dates:
            availability = Availability(0, context.actor.id, date_range, command.shift)
            context.store.absences.add_availability(availability, actor_id=context.actor.id)
        text = context._(N_("Registered. Thank you for offering to work extra."))
        text += replaced_sentence(context, replaced, done=True)
        return Outcome((Reply(text),))


class RegisterWish:
    """A wish for the next roster; days that a published roster covers are left out.

    Planning never changes a published roster, so a wish for its days could never
    be granted: the user is told so, and what to do instead.
    """

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        check_dates(context, command)
        preference = command.preference or Preference.OFF
        command = replace(command, preference=preference)
        wanted = command.all_days()
        published = published_days(context, wanted)
        if published:
            if published == set(wanted):
                raise published_wish_error(context, command, ranges_of(sorted(published)))
            command = replace(command, dates=ranges_of(sorted(set(wanted) - published)))
        left_out = ""
        if command.preference == Preference.WORK:
            command, left_out = without_absent_days(context, command)
        command, registered = without_registered_wish_days(context, command)
        readback = wish_readback(context, command) + left_out
        if registered:
            readback += " " + context._(
                N_("You have already registered that wish %(dates)s, and it stays."),
                dates=dates_phrase(context, registered),
            )
        readback += replaced_sentence(
            context, replaced_by(context, Intent.REGISTER_WISH, command), done=False
        )
        if published:
            note = context._(
                N_(
                    "The roster %(published)s is already published, so the wish is only "
                    "for the other days."
                ),
                published=dates_phrase(context, ranges_of(sorted(published))),
            )
            readback = f"{note} {readback}"
        return Proposal(Intent.REGISTER_WISH, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        command = proposal.command
        preference = command.preference
        assert preference is not None
        if preference == Preference.WORK:
            command, _ = without_absent_days(context, command)
        # The same wish confirmed from another chat since the read-back is stored once.
        command, _ = without_registered_wish_days(context, command)
        replaced = replaced_by(context, Intent.REGISTER_WISH, command)
        do_replace(context, replaced)
        for date_range in command.dates:
            wish = Wish(0, context.actor.id, date_range, preference, command.shift)
            context.store.absences.add_wish(wish, actor_id=context.actor.id)
        text = context._(
            N_(
                "Registered. A wish is not a promise: it is weighed against staffing and the "
                "rules when the next roster is made, and you will see in the roster whether "
                "it was granted."
            )
        )
        text += replaced_sentence(context, replaced, done=True)
        return Outcome((Reply(text),))


def without_registered_wish_days(
    context: Context, command: ParsedCommand
) -> tuple[ParsedCommand, tuple[DateRange, ...]]:
    """Drop the days on which the actor has registered the same wish; raise if none is left.

    The same wish is one with the same preference and shift kind. Returns the command
    with the remaining days and the dropped days, so that a repeated message stores
    nothing twice and the read-back names both.
    """
    wanted = set(command.all_days())
    if not wanted:
        return command, ()
    same_wishes = [
        wish
        for wish in context.store.absences.list_wishes(
            employee_id=context.actor.id, within=DateRange(min(wanted), max(wanted))
        )
        if (wish.preference, wish.shift_kind) == (command.preference, command.shift)
    ]
    registered = wanted & {day for wish in same_wishes for day in wish.days.days()}
    if registered == wanted:
        raise UserError(
            N_("You have already registered that wish %(dates)s, so nothing new was registered."),
            dates=dates_phrase(context, command.dates),
        )
    remaining = ranges_of(sorted(wanted - registered))
    return replace(command, dates=remaining), ranges_of(sorted(registered))


def with_open_end(command: ParsedCommand, *, is_sick: bool) -> ParsedCommand:
    """Extend sick leave with no end («syk fra i dag») to the days of a self-certification.

    Other absences with no end («ferie fra 1. juli») raise a UserError that requests
    the last day, because no rule sets how long they last.
    """
    if not is_sick:
        raise UserError(
            N_(
                "Until which day? Write the last day too, for example «ferie fra 1. juli til "
                "14. juli»."
            )
        )
    *earlier, last = command.dates
    end = max(last.end, last.start + dt.timedelta(days=SELF_CERTIFICATION_DAYS - 1))
    # The end is now written out, so a follow-up («og fredag også») does not extend it again.
    return replace(command, dates=(*earlier, DateRange(last.start, end)), open_ended=False)


def open_end_note(context: Context, period: DateRange, *, whole_period_named: bool) -> str:
    """Return the note on how long sick leave with no end lasts and how to change the end.

    When days of it were registered before, the read-back names only the new days,
    so the note names the whole self-certification period that the days add up to.
    """
    if whole_period_named:
        length = context._(
            N_("You wrote no end, so I register the %(days)s days of a self-certification."),
            days=SELF_CERTIFICATION_DAYS,
        )
    else:
        length = context._(
            N_(
                "You wrote no end, so the absence lasts the %(days)s days of a "
                "self-certification, %(dates)s."
            ),
            days=SELF_CERTIFICATION_DAYS,
            dates=dates_phrase(context, (period,)),
        )
    change = context._(
        N_(
            "Write the whole period to change the end, for example «syk fra i dag til fredag», "
            "or write «friskmeldt fra mandag» when you are well again."
        )
    )
    return f"{length} {change}"


def wish_readback(context: Context, command: ParsedCommand) -> str:
    dates = dates_phrase(context, command.dates)
    if command.preference == Preference.OFF:
        return context._(N_("Registering your wish to be off %(dates)s."), dates=dates)
    if command.shift is not None:
        return context._(
            N_("Registering your wish to work %(shift)s %(dates)s."),
            shift=shift_kind_name(context, command.shift, plural=True),
            dates=dates,
        )
    return context._(N_("Registering your wish to work %(dates)s."), dates=dates)


def published_wish_error(
    context: Context, command: ParsedCommand, published: tuple[DateRange, ...]
) -> UserError:
    """Return the error for a wish whose every day is in a published roster, with what to do."""
    dates = dates_phrase(context, published)
    if command.preference == Preference.WORK:
        return UserError(
            N_(
                "The roster %(dates)s is already published, so a wish can no longer be "
                "planned for. To work then, take an open shift, for example «Jeg tar den ledige "
                "vakta %(example)s», or write «Kan jobbe %(example)s» to offer extra work."
            ),
            dates=dates,
            example=context.translator.day_month(published[0].start),
        )
    days = {day for date_range in published for day in date_range.days()}
    shifts = [
        a
        for a in context.store.rosters.assignments_between(
            context.unit.id, published[0].start, published[-1].end
        )
        if a.employee_id == context.actor.id and a.day in days
    ]
    if not shifts:
        return UserError(
            N_(
                "The roster %(dates)s is already published, and you have no shifts then, "
                "so you are off already. I have not registered anything."
            ),
            dates=dates,
        )
    return UserError(
        N_(
            "The roster %(dates)s is already published, so a wish can no longer be planned "
            "for. You have shifts then: %(shifts)s. Ask a colleague to take one, for example "
            "«Kan noen ta vakta mi %(example)s?», or talk to your manager."
        ),
        dates=dates,
        shifts=shifts_phrase(context, shifts),
        example=context.translator.day_month(shifts[0].day),
    )


def repair_for(context: Context, opened: list[Assignment]) -> BackgroundJob | None:
    """Return the job that proposes a repair of the roster the first opened shift was in."""
    if not opened or context.services.repair is None:
        return None
    roster = context.store.rosters.covering(context.unit.id, opened[0].day)
    if roster is None:
        return None
    released = [a for a in opened if roster.covers(a.day)]
    return repair_job(
        context.database,
        context.services,
        context.unit.id,
        roster.id,
        released,
        actor_id=context.actor.id,
        now=context.now,
    )


def check_no_published_shifts(
    context: Context,
    ranges: tuple[DateRange, ...],
    kind: ShiftKind | None = None,
    *,
    nights_before: bool = False,
) -> None:
    """Raise a UserError naming the actor's published shifts on these days, if there are any.

    Only sickness frees a published shift at once. Planned time off on a day with a
    shift is agreed with the manager, through a swap, an offer or the manager, so it
    never silently leaves a ward short.
    """
    shifts = blocking_published_shifts(context, ranges, kind, nights_before=nights_before)
    if shifts:
        raise published_shifts_error(context, shifts)


def blocking_published_shifts(
    context: Context,
    ranges: tuple[DateRange, ...],
    kind: ShiftKind | None = None,
    *,
    nights_before: bool = False,
) -> list[Assignment]:
    """Return the actor's published shifts on these days, of `kind` if given.

    With `nights_before`, a night shift from the evening before that lasts into one
    of the days counts too, because a whole-day unavailability covers those early hours.
    """
    shift_types = context.store.organisations.shift_types(context.unit.id)
    codes = None if kind is None else {t.code for t in shift_types if t.kind == kind}
    night_codes = {t.code for t in shift_types if t.crosses_midnight} if nights_before else set()
    start = min(r.start for r in ranges) - dt.timedelta(days=1)
    end = max(r.end for r in ranges)
    days = {day for date_range in ranges for day in date_range.days()}

    def blocks(assignment: Assignment) -> bool:
        if assignment.day in days:
            return codes is None or assignment.shift_code in codes
        return assignment.shift_code in night_codes and (
            assignment.day + dt.timedelta(days=1) in days
        )

    return [
        a
        for a in context.store.rosters.assignments_between(context.unit.id, start, end)
        if a.employee_id == context.actor.id and blocks(a)
    ]


def published_shifts_error(context: Context, shifts: list[Assignment]) -> UserError:
    """Return the error for time off over published shifts, with how to give them away."""
    return UserError(
        N_(
            "You have published shifts then: %(shifts)s. Agree time off on those days with "
            "your manager, or ask a colleague to take them, for example «Kan noen ta vakta "
            "mi %(example)s?». Then register it again."
        ),
        shifts=shifts_phrase(context, shifts),
        example=context.translator.day_month(shifts[0].day),
    )


def without_registered_days(
    context: Context, command: ParsedCommand
) -> tuple[ParsedCommand, tuple[DateRange, ...]]:
    """Drop the days the actor has already registered as this absence; raise if none is left.

    Returns the command with the remaining days and the dropped days, so that the
    read-back can name both. The same report from two chats, or a repeated message,
    then registers nothing twice.
    """
    assert command.absence is not None
    wanted = {day for date_range in command.dates for day in date_range.days()}
    within = DateRange(min(wanted), max(wanted))
    registered = wanted & {
        day
        for absence in context.store.absences.list_absences(
            employee_id=context.actor.id, within=within
        )
        if absence.kind == command.absence
        for day in absence.days.days()
    }
    remaining = sorted(wanted - registered)
    if not remaining:
        raise UserError(
            N_("You have already registered %(absence)s %(dates)s."),
            absence=absence_name(context, command.absence),
            dates=dates_phrase(context, command.dates),
        )
    return replace(command, dates=ranges_of(remaining)), ranges_of(sorted(registered))


def release_shifts(
    context: Context, employee_id: int, ranges: tuple[DateRange, ...]
) -> list[Assignment]:
    """Remove the employee's published shifts during the given days and return them.

    These are the shifts of `published_shifts_on`, so a night shift from the
    evening before an absence is among them. The shifts become open: the staffing
    plan now lacks them, colleagues may take them, and the planner can repair the
    roster around them.
    """
    return remove_shifts(context, employee_id, ranges, absence_overlap(context, ranges))


def remove_missed_shifts(
    context: Context, employee_id: int, ranges: tuple[DateRange, ...]
) -> list[Assignment]:
    """Remove the employee's published shifts on these days that are over, and return them.

    A sick report for yesterday, or for today after the shift, means the shift was not
    worked. It leaves the published roster, so that the roster and the absence agree,
    but nobody is offered it, because nobody can take a shift that is over.
    A night from the evening before the first absent day that had started stays,
    because the employee worked it or is at work (`nights_over_before`).
    """
    return remove_shifts(context, employee_id, ranges, shift_over_on(context, ranges))


def remove_shifts(
    context: Context,
    employee_id: int,
    ranges: tuple[DateRange, ...],
    removes: Callable[[Assignment], bool],
) -> list[Assignment]:
    """Remove the employee's published shifts around these days that `removes` picks.

    The days looked at are the given days and the evening before each, for nights.
    Each roster changes through `replace_assignments`, which records the change in
    the audit log. Returns the removed shifts in day order.
    """
    absent_days = days_of(ranges)
    evenings_before = {day - dt.timedelta(days=1) for day in absent_days}
    removed: list[Assignment] = []
    for day in sorted(absent_days | evenings_before):
        roster = context.store.rosters.covering(context.unit.id, day)
        if roster is None:
            continue
        theirs = [
            a
            for a in roster.assignments
            if a.employee_id == employee_id and a.day == day and removes(a)
        ]
        if not theirs:
            continue
        kept = [a for a in roster.assignments if a not in theirs]
        removed.extend(theirs)
        context.store.rosters.replace_assignments(roster.id, kept, actor_id=context.actor.id)
    return removed


def record_removed_shifts(
    context: Context, absences: list[Absence], removed: list[Assignment]
) -> None:
    """Store the shifts that these absences took out of the roster, with their worked minutes.

    The employee's hours target then drops by each shift itself (core.hours.target_minutes).
    A shift belongs to the absence on its own day, or, for a night from the evening
    before, to the absence on the next day.
    """
    shift_types = {
        shift_type.code: shift_type
        for shift_type in context.store.organisations.shift_types(context.unit.id)
    }
    records = []
    for shift in removed:
        shift_type = shift_types.get(shift.shift_code)
        covered = absence_on(absences, shift.day) or absence_on(
            absences, shift.day + dt.timedelta(days=1)
        )
        if shift_type is None or covered is None:
            continue
        absence, absent_day = covered
        records.append(
            RemovedShift(
                id=0,
                employee_id=shift.employee_id,
                absence_id=absence.id,
                shift_day=shift.day,
                shift_code=shift.shift_code,
                absent_day=absent_day,
                worked_minutes=shift_type.worked_minutes,
            )
        )
    context.store.absences.add_removed_shifts(records, actor_id=context.actor.id)


def absence_on(absences: list[Absence], day: dt.date) -> tuple[Absence, dt.date] | None:
    """Return the absence covering `day`, with the day, or None."""
    for absence in absences:
        if day in absence.days:
            return absence, day
    return None


def missed_shifts_sentence(context: Context, missed: list[Assignment]) -> str:
    """Return the sentence, led by a space, on the shifts that are over and were removed, or ""."""
    if not missed:
        return ""
    return " " + context.translator.ngettext(
        "The shift %(shifts)s has been taken out of the roster. It is over, so nobody is "
        "asked to take it.",
        "The shifts %(shifts)s have been taken out of the roster. They are over, so nobody "
        "is asked to take them.",
        len(missed),
        shifts=shifts_phrase(context, missed),
    )


def missed_shift_notices(
    context: Context, missed: list[Assignment], kind: AbsenceKind
) -> list[Reply]:
    """Tell the unit's managers, once each, that shifts that are over were not covered.

    Only sick leave of the employee is called being sick. Another absence, a sick
    child or a course for instance, is named by its kind.
    """
    if not missed:
        return []
    notices = []
    for manager in managers_of_unit(context):
        to_manager = context.for_recipient(manager.id)
        if kind == AbsenceKind.SICK:
            text = to_manager.translator.ngettext(
                "%(name)s was sick and did not work %(shifts)s. The shift was not covered, and "
                "it has been taken out of the roster.",
                "%(name)s was sick and did not work %(shifts)s. The shifts were not covered, "
                "and they have been taken out of the roster.",
                len(missed),
                name=context.actor.name,
                shifts=shifts_phrase(to_manager, missed),
            )
        else:
            text = to_manager.translator.ngettext(
                "%(name)s did not work %(shifts)s because of %(absence)s. The shift was not "
                "covered, and it has been taken out of the roster.",
                "%(name)s did not work %(shifts)s because of %(absence)s. The shifts were not "
                "covered, and they have been taken out of the roster.",
                len(missed),
                name=context.actor.name,
                shifts=shifts_phrase(to_manager, missed),
                absence=absence_name(to_manager, kind),
            )
        notices.append(Reply(text, recipient_employee_id=manager.id))
    return notices


def opened_shift_replies(context: Context, opened: list[Assignment]) -> list[Reply]:
    """Tell the sender which shifts they were taken off, and tell the unit's managers.

    Only the managers' notice says whether a shift is open (`open_status_sentence`):
    a day staffed above the plan needs no cover.
    """
    if not opened:
        return []
    replies = [
        Reply(
            context.translator.ngettext(
                "You have been taken off the shift %(shifts)s, and your manager has been told.",
                "You have been taken off the shifts %(shifts)s, and your manager has been told.",
                len(opened),
                shifts=shifts_phrase(context, opened),
            )
        )
    ]
    for manager in managers_of_unit(context):
        to_manager = context.for_recipient(manager.id)
        replies.append(
            Reply(
                to_manager._(
                    N_(
                        "%(name)s is absent and does not work these shifts: %(shifts)s. "
                        "%(open)s If the staffing falls below the minimum, a repair proposal "
                        "follows."
                    ),
                    name=context.actor.name,
                    shifts=shifts_phrase(to_manager, opened),
                    open=open_status_sentence(to_manager, opened),
                ),
                recipient_employee_id=manager.id,
            )
        )
    return replies


def open_status_sentence(context: Context, released: list[Assignment]) -> str:
    """Say which released shifts are open, that is staffed below the plan's wanted headcount.

    «Vis ventende bytter» lists only such open shifts. A released shift on a day that
    had more staff than the plan wants is still staffed as planned, so it is not open.
    """
    still_open = [
        assignment
        for assignment in released
        if (roster := context.store.rosters.covering(context.unit.id, assignment.day)) is not None
        and assignment.shift_code in open_shifts(context, roster, assignment.day)
    ]
    if len(released) == 1 and still_open:
        return context._(N_("It is now an open shift, staffed below the plan."))
    if len(released) == 1:
        return context._(N_("It is still staffed as the plan wants, so it is not open."))
    if len(still_open) == len(released):
        return context._(N_("All of them are now open shifts, staffed below the plan."))
    if not still_open:
        return context._(N_("They are still staffed as the plan wants, so none of them is open."))
    return context._(
        N_(
            "Of them, %(open)s are now open shifts, staffed below the plan. The others are "
            "still staffed as the plan wants."
        ),
        open=shifts_phrase(context, still_open),
    )


def shifts_phrase(context: Context, shifts: list[Assignment]) -> str:
    return context.translator.join([f"{a.shift_code} {context.date(a.day)}" for a in shifts])


def published_shifts_on(
    context: Context, employee_id: int, ranges: tuple[DateRange, ...]
) -> list[Assignment]:
    """Return the employee's shifts in published rosters during the given days, in day order.

    A night shift from the evening before one of the days counts, see `absence_overlap`.
    """
    return published_shifts_picked(context, employee_id, ranges, absence_overlap(context, ranges))


def missed_shifts_on(
    context: Context, employee_id: int, ranges: tuple[DateRange, ...]
) -> list[Assignment]:
    """Return the employee's published shifts on these days that are over, which
    `remove_missed_shifts` takes out, in day order."""
    return published_shifts_picked(context, employee_id, ranges, shift_over_on(context, ranges))


def published_shifts_picked(
    context: Context,
    employee_id: int,
    ranges: tuple[DateRange, ...],
    picks: Callable[[Assignment], bool],
) -> list[Assignment]:
    """Return the employee's published shifts on these days and the evenings before that
    `picks` chooses, in day order."""
    if not ranges:
        return []
    start = min(date_range.start for date_range in ranges) - dt.timedelta(days=1)
    end = max(date_range.end for date_range in ranges)
    shifts = context.store.rosters.assignments_between(context.unit.id, start, end)
    return sorted(
        (a for a in shifts if a.employee_id == employee_id and picks(a)),
        key=lambda assignment: (assignment.day, assignment.shift_code),
    )


def shifts_under_way(
    context: Context, employee_id: int, ranges: tuple[DateRange, ...]
) -> list[Assignment]:
    """Return the employee's shifts on an absent day, or nights from the evening before,
    that are under way now.

    An absence leaves such a shift with the employee, whatever its kind (see
    `absence_overlap`), because they have worked part of it and a colleague cannot
    take over a shift already begun.
    """
    if not ranges:
        return []
    now = context.now.astimezone(OSLO).replace(tzinfo=None)
    absent_days = days_of(ranges)
    shift_types = {
        shift_type.code: shift_type
        for shift_type in context.store.organisations.shift_types(context.unit.id)
    }

    def under_way(assignment: Assignment) -> bool:
        shift_type = shift_types.get(assignment.shift_code)
        if shift_type is None:
            return False
        reaches_absence = assignment.day in absent_days or (
            shift_type.crosses_midnight and assignment.day + dt.timedelta(days=1) in absent_days
        )
        started = shift_type.starts_at(assignment.day) <= now < shift_type.ends_at(assignment.day)
        return reaches_absence and started

    return published_shifts_picked(context, employee_id, ranges, under_way)


def nights_over_before(
    context: Context, employee_id: int, ranges: tuple[DateRange, ...]
) -> list[Assignment]:
    """Return the employee's nights from the evening before an absence that are over now.

    Such a night stays in the roster as worked: only shifts that start on an absent
    day are taken out, and the roster checker accepts it (`core.compliance.model`).
    """
    now = context.now.astimezone(OSLO).replace(tzinfo=None)
    return nights_before(context, employee_id, ranges, lambda start, end: end <= now)


def nights_before(
    context: Context,
    employee_id: int,
    ranges: tuple[DateRange, ...],
    picks: Callable[[dt.datetime, dt.datetime], bool],
) -> list[Assignment]:
    """Return the employee's nights from the evening before each range that `picks` accepts.

    `picks` gets the night's start and end as naive Oslo wall-clock times.
    """
    if not ranges:
        return []
    evenings_before = {days.start - dt.timedelta(days=1) for days in ranges}
    return nights_on(context, employee_id, evenings_before, picks)


def nights_on(
    context: Context,
    employee_id: int,
    days: set[dt.date],
    picks: Callable[[dt.datetime, dt.datetime], bool],
) -> list[Assignment]:
    """Return the employee's nights that start on `days` and that `picks` accepts, in day order."""
    nights = {
        shift_type.code: shift_type
        for shift_type in context.store.organisations.shift_types(context.unit.id)
        if shift_type.crosses_midnight
    }
    shifts = context.store.rosters.assignments_between(context.unit.id, min(days), max(days))
    return [
        shift
        for shift in shifts
        if shift.employee_id == employee_id
        and shift.day in days
        and (night := nights.get(shift.shift_code)) is not None
        and picks(night.starts_at(shift.day), night.ends_at(shift.day))
    ]


def absence_overlap(
    context: Context, ranges: tuple[DateRange, ...]
) -> Callable[[Assignment], bool]:
    """Return a predicate that tells whether a shift overlaps an absence over these days.

    A shift on one of the days does, and so does a night shift that starts the
    evening before one of them, because its hours after midnight are absent time.
    A shift of any kind that has started by `context.now` is left out, because the
    employee has worked part of it: a sick report is about the hours ahead, and a
    colleague cannot take over a shift already begun (`shifts_under_way`). A shift
    that has ended by `context.now` is left out too, because nobody can take a shift
    that is over: `remove_missed_shifts` takes it out instead.
    """
    days = days_of(ranges)
    now = context.now.astimezone(OSLO).replace(tzinfo=None)
    shift_types = {
        shift_type.code: shift_type
        for shift_type in context.store.organisations.shift_types(context.unit.id)
    }
    nights = {
        code: shift_type for code, shift_type in shift_types.items() if shift_type.crosses_midnight
    }

    def overlaps(assignment: Assignment) -> bool:
        shift_type = shift_types.get(assignment.shift_code)
        if shift_type is not None and shift_type.starts_at(assignment.day) <= now:
            return False
        night = nights.get(assignment.shift_code)
        return assignment.day in days or (
            night is not None and assignment.day + dt.timedelta(days=1) in days
        )

    return overlaps


def shift_over_on(context: Context, ranges: tuple[DateRange, ...]) -> Callable[[Assignment], bool]:
    """Return a predicate that tells whether a shift is on one of these days and over by now.

    These are the shifts on the absent days that `absence_overlap` leaves out.
    """
    days = days_of(ranges)
    now = context.now.astimezone(OSLO).replace(tzinfo=None)
    shift_types = {
        shift_type.code: shift_type
        for shift_type in context.store.organisations.shift_types(context.unit.id)
    }

    def is_over(assignment: Assignment) -> bool:
        shift_type = shift_types.get(assignment.shift_code)
        return (
            assignment.day in days
            and shift_type is not None
            and shift_type.ends_at(assignment.day) <= now
        )

    return is_over


def days_of(ranges: tuple[DateRange, ...]) -> set[dt.date]:
    return {day for date_range in ranges for day in date_range.days()}


def managers_of_unit(context: Context) -> list[Employee]:
    """Return the unit's managers other than the actor."""
    staff = context.store.employees.list_for_unit(context.unit.id)
    return [
        employee
        for employee in staff
        if Role.MANAGER in employee.roles and employee.id != context.actor.id
    ]
