"""The unit's open draft roster: planned, not yet published, and still ahead.

A planner who writes «Forbedre turnusen» or «Lag turnusen på nytt» without any
weeks while a draft is open means that draft, so its period is planned again.
A new plan of exactly the draft's period improves the draft: the search starts
from it, and the draft stays when the search finds no roster that costs less.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from core.commands import DateRange, ParsedCommand, ParseProblem
from core.compliance import Severity, Violation, ViolationRule, check_roster
from core.context import Context
from core.i18n import N_, Translator
from core.roster_facts import compliance_context, employee_key, planned_shifts
from core.rosters import Roster, RosterStatus
from core.violation_texts import describe_violation

# The publish read-back writes out this many rule breaches at most.
MAX_LISTED_BREACHES = 3


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


def improvable_draft(context: Context, period: DateRange) -> Roster | None:
    """Return the open draft when it covers exactly `period`, so a new plan improves it."""
    draft = open_draft(context)
    if draft is None or (draft.start, draft.end) != (period.start, period.end):
        return None
    return draft


def improved_draft_note(context: Context, draft: Roster) -> str:
    """Return a sentence, led by a space, saying that the plan starts from `draft`."""
    if _is_whole_weeks(draft):
        note = context._(
            N_(
                "I start from the draft of week %(weeks)s, which is not published, plan with "
                "what is registered now, and keep the draft if I find no better roster."
            ),
            weeks=_weeks_text(draft),
        )
    else:
        note = context._(
            N_(
                "I start from the draft from %(start)s to %(end)s, which is not published, "
                "plan with what is registered now, and keep the draft if I find no better "
                "roster."
            ),
            start=context.date(draft.start),
            end=context.date(draft.end),
        )
    return f" {note}"


def kept_draft_text(draft: Roster, translator: Translator, today: dt.date) -> str:
    """Say that no roster better than the draft was found, so the draft stays as it is."""
    return translator.gettext(
        N_(
            "I found no roster better than the draft from %(start)s to %(end)s, so the "
            "draft is unchanged."
        ),
        start=translator.date(draft.start, today=today),
        end=translator.date(draft.end, today=today),
    )


def replaced_draft_note(context: Context, period: DateRange) -> str:
    """Return a sentence, led by a space, naming the open draft a new roster replaces, or "".

    «Publiser turnusen» publishes the newest draft, so a new roster over any of the
    open draft's days takes its place.
    """
    draft = open_draft(context)
    if draft is None or draft.start > period.end or draft.end < period.start:
        return ""
    if _is_whole_weeks(draft):
        note = context._(
            N_(
                "The new roster replaces the draft of week %(weeks)s, which is not published, "
                "and is planned with what is registered now."
            ),
            weeks=_weeks_text(draft),
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


def _weeks_text(draft: Roster) -> str:
    first_week = draft.start.isocalendar().week
    last_week = draft.end.isocalendar().week
    return str(first_week) if first_week == last_week else f"{first_week}–{last_week}"


def _is_whole_weeks(roster: Roster) -> bool:
    """Tell whether the roster runs from a Monday to a Sunday within one ISO year.

    A roster over the new year (week 50 to week 2) is named by its dates instead.
    """
    starts_monday = roster.start.weekday() == 0
    ends_sunday = roster.end.weekday() == 6
    same_year = roster.start.isocalendar().year == roster.end.isocalendar().year
    return starts_monday and ends_sunday and same_year


def rule_breach_note(context: Context, draft: Roster) -> str:
    """Return a sentence, led by a space, naming the draft's rule breaches now, or "".

    Publishing checks the draft again with the checker of the planning report and
    «vaktbot check», because the roster before it, absences and staff may have
    changed since it was planned. Coverage gaps and hours outside the band are left
    out, because the report and the hours-band note name them.
    """
    breaches = draft_breaches(context, draft)
    if not breaches:
        return ""
    staff = context.store.employees.list_for_unit(context.unit.id, active_only=False)
    names = {employee_key(employee.id): employee.name for employee in staff}
    listed = [
        describe_violation(context.translator, violation, names, today=context.today)
        for violation in breaches[:MAX_LISTED_BREACHES]
    ]
    unlisted = len(breaches) - len(listed)
    if unlisted:
        listed.append(
            context._(N_("The roster report lists the other %(unlisted)s."), unlisted=unlisted)
        )
    note = context.translator.ngettext(
        "Note: the rule check finds %(count)s breach in the draft now: %(breaches)s",
        "Note: the rule check finds %(count)s breaches in the draft now: %(breaches)s",
        len(breaches),
        breaches=" ".join(listed),
    )
    return f" {note}"


def draft_breaches(context: Context, draft: Roster) -> list[Violation]:
    """Return the errors the checker finds in the draft, other than coverage and hours."""
    checker_context = compliance_context(
        context.store, context.unit, DateRange(draft.start, draft.end)
    )
    shifts = planned_shifts(draft.assignments, checker_context.shift_types)
    return [
        violation
        for violation in check_roster(shifts, checker_context)
        if violation.severity == Severity.ERROR
        and not violation.is_coverage
        and violation.rule != ViolationRule.HOURS_OUTSIDE_TOLERANCE
    ]
