"""The unit's open draft roster: planned, not yet published, and still ahead.

A planner who writes «Forbedre turnusen» or «Lag turnusen på nytt» without any
weeks while a draft is open means that draft, so its period is planned again.
"""

from __future__ import annotations

from dataclasses import replace

from core.commands import DateRange, ParsedCommand, ParseProblem
from core.context import Context
from core.i18n import N_
from core.rosters import Roster, RosterStatus


def open_draft(context: Context) -> Roster | None:
    """Return the unit's newest draft roster, or None when it has ended or is published.

    A draft counts as published when published rosters cover every one of its days,
    which happens after another draft of the same weeks was published.
    """
    draft = context.store.rosters.latest(context.unit.id, status=RosterStatus.DRAFT)
    if draft is None or draft.end < context.today:
        return None
    days = DateRange(draft.start, draft.end).days()
    if all(context.store.rosters.covering(context.unit.id, day) for day in days):
        return None
    return draft


def with_open_draft_period(context: Context, command: ParsedCommand) -> ParsedCommand:
    """Return a roster command that names no weeks with the period of the open draft.

    Without an open draft the command is returned unchanged, so the planner is asked
    which weeks to plan.
    """
    if command.problem != ParseProblem.MISSING_DATE:
        return command
    draft = open_draft(context)
    if draft is None:
        return command
    return replace(command, dates=(DateRange(draft.start, draft.end),), problem=None)


def replaced_draft_note(context: Context, period: DateRange) -> str:
    """Return a sentence, led by a space, naming the open draft a new roster replaces, or "".

    «Publiser turnusen» publishes the newest draft, so a new roster over any of the
    open draft's days takes its place.
    """
    draft = open_draft(context)
    if draft is None or draft.start > period.end or draft.end < period.start:
        return ""
    if _is_whole_weeks(draft):
        first_week = draft.start.isocalendar().week
        last_week = draft.end.isocalendar().week
        weeks = str(first_week) if first_week == last_week else f"{first_week}–{last_week}"
        note = context._(
            N_(
                "The new roster replaces the draft of week %(weeks)s, which is not published, "
                "and is planned with what is registered now."
            ),
            weeks=weeks,
        )
    else:
        note = context._(
            N_(
                "The new roster replaces the draft from %(start)s to %(end)s, which is not "
                "published, and is planned with what is registered now."
            ),
            start=context.date(draft.start),
            end=context.date(draft.end),
        )
    return f" {note}"


def _is_whole_weeks(roster: Roster) -> bool:
    """Tell whether the roster runs from a Monday to a Sunday within one ISO year.

    A roster over the new year (week 50 to week 2) is named by its dates instead.
    """
    starts_monday = roster.start.weekday() == 0
    ends_sunday = roster.end.weekday() == 6
    same_year = roster.start.isocalendar().year == roster.end.isocalendar().year
    return starts_monday and ends_sunday and same_year
