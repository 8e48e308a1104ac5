"""The unit's open draft roster: planned, not yet published, and still ahead.

A planner who writes «Forbedre turnusen» or «Lag turnusen på nytt» without any
weeks while a draft is open means that draft, so its period is planned again.
A plain «Lag turnus» then reads back that the draft exists and that «ja» plans it
again, and offers the next rotation period instead. A new plan of exactly the
draft's period improves the draft: the search starts from it, and the draft
stays when the search finds no roster that costs less. Without an open draft,
«Lag turnus» plans the unit's next rotation period, while «Forbedre turnusen»
only explains that a published roster is not planned again and what to write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from core.calendar import monday_of
from core.commands import DateRange, ParsedCommand, ParseProblem
from core.compliance import Severity, Violation, ViolationRule, check_roster
from core.context import Context
from core.errors import UserError
from core.i18n import N_, Translator
from core.roster_facts import compliance_context, employee_key, planned_shifts
from core.rosters import Roster, RosterStatus
from core.violation_texts import describe_violation
from solver.problem import SolverResult, SolveStatus

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


def without_missing_weeks(command: ParsedCommand) -> ParsedCommand:
    """Return a roster command that names no weeks without its missing-date problem.

    `GenerateRoster` then chooses the period itself: the open draft's, else the next
    rotation period (`next_rotation_period`), instead of asking about the weeks.
    """
    if command.problem != ParseProblem.MISSING_DATE:
        return command
    return replace(command, problem=None)


def next_rotation_period(context: Context) -> DateRange:
    """Return the unit's next rotation period, from the Monday after its last planned day.

    The last planned day is the last of the unit's published and draft rosters. The
    period starts next Monday when there is none or that Monday has passed, and it
    lasts the unit's `rotation_weeks`.
    """
    next_monday = monday_of(context.today) + dt.timedelta(days=7)
    last_day = context.store.rosters.last_planned_day(context.unit.id)
    start = next_monday
    if last_day is not None:
        start = max(next_monday, monday_of(last_day) + dt.timedelta(days=7))
    return DateRange(start, start + dt.timedelta(days=7 * context.unit.rules.rotation_weeks - 1))


def rotation_period_readback(context: Context, period: DateRange) -> str:
    """Return the read-back of a roster for the next rotation period, which no weeks named.

    It names the weeks and the dates, and the reason the period starts then.
    """
    weeks = (period.end - period.start).days // 7 + 1
    names = {
        "unit": context.unit.name,
        "weeks": _weeks_text(period.start, period.end),
        "start": context.date(period.start),
        "end": context.date(period.end),
    }
    last_day = context.store.rosters.last_planned_day(context.unit.id)
    if last_day is not None and monday_of(last_day) + dt.timedelta(days=7) == period.start:
        text = context.translator.ngettext(
            "Making a roster for %(unit)s for week %(weeks)s, from %(start)s to %(end)s: "
            "the next rotation period of %(count)s week, after the roster that ends "
            "%(last_day)s.",
            "Making a roster for %(unit)s for weeks %(weeks)s, from %(start)s to %(end)s: "
            "the next rotation period of %(count)s weeks, after the roster that ends "
            "%(last_day)s.",
            weeks,
            last_day=context.date(last_day),
            **names,
        )
    else:
        text = context.translator.ngettext(
            "Making a roster for %(unit)s for week %(weeks)s, from %(start)s to %(end)s: "
            "the %(count)s week from next Monday, since no roster is planned after today.",
            "Making a roster for %(unit)s for weeks %(weeks)s, from %(start)s to %(end)s: "
            "the %(count)s weeks from next Monday, since no roster is planned after today.",
            weeks,
            **names,
        )
    return text


def other_weeks_note(context: Context, period: DateRange) -> str:
    """Return a sentence, led by a space, showing how to plan other weeks than `period`.

    The example is the period after `period`, of the same length.
    """
    length = period.end - period.start + dt.timedelta(days=1)
    later = DateRange(period.start + length, period.end + length)
    note = context._(
        N_("To plan other weeks, answer for example «nei, uke %(weeks)s»."),
        weeks=_weeks_text(later.start, later.end),
    )
    return f" {note}"


def open_draft_readback(context: Context, draft: Roster) -> str:
    """Return the read-back of a plain «lag turnus» while `draft` is open.

    It says that the draft exists and that a yes plans it again, and shows how to plan
    the next rotation period instead.
    """
    if _is_whole_weeks(draft):
        text = context._(
            N_(
                "%(unit)s already has a draft of week %(weeks)s, from %(start)s to %(end)s, "
                "which is not published. I plan it again: I start from the draft, plan with "
                "what is registered now, and keep the draft if I find no better roster."
            ),
            unit=context.unit.name,
            weeks=_weeks_text(draft.start, draft.end),
            start=context.date(draft.start),
            end=context.date(draft.end),
        )
    else:
        text = context._(
            N_(
                "%(unit)s already has a draft from %(start)s to %(end)s, which is not "
                "published. I plan it again: I start from the draft, plan with what is "
                "registered now, and keep the draft if I find no better roster."
            ),
            unit=context.unit.name,
            start=context.date(draft.start),
            end=context.date(draft.end),
        )
    following = next_rotation_period(context)
    offer = context._(
        N_("To plan the next period instead, answer «nei, uke %(weeks)s»."),
        weeks=_weeks_text(following.start, following.end),
    )
    return f"{text} {offer}"


def nothing_to_improve(context: Context) -> UserError:
    """Return the error for «forbedre turnusen» without weeks while no draft is open.

    A published roster is not planned again, because staff have their shifts: it
    changes through swaps, open shifts and approved repairs. The message names the
    roster in force today, else the newest published one, and what to write instead.
    """
    # Imported here, because core.actions.roster_exports imports core.actions.rosters,
    # which imports this module.
    from core.actions.roster_exports import export_command

    following = next_rotation_period(context)
    weeks = _weeks_text(following.start, following.end)
    published = context.store.rosters.covering(
        context.unit.id, context.today
    ) or context.store.rosters.latest(context.unit.id, status=RosterStatus.PUBLISHED)
    if published is None:
        return UserError(
            N_(
                "%(unit)s has no draft or published roster to improve yet. Write «lag turnus» "
                "to plan the next period, week %(weeks)s."
            ),
            unit=context.unit.name,
            weeks=weeks,
        )
    return UserError(
        N_(
            "There is no draft to improve. The roster from %(start)s to %(end)s is published, "
            "and I do not plan a published roster again, because the staff have their shifts. "
            "It changes through swaps, open shifts and the repairs I propose after absences, "
            "which a manager approves. Write %(export)s to get it as a file, or «lag turnus» "
            "to plan the next period, week %(weeks)s."
        ),
        start=context.date(published.start),
        end=context.date(published.end),
        export=export_command(context, published),
        weeks=weeks,
    )


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
            weeks=_weeks_text(draft.start, draft.end),
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


class KeptDraftReason(StrEnum):
    """The reason an improvement keeps the draft it started from."""

    # The search proved that no roster costs less than the draft.
    BEST_POSSIBLE = "best_possible"
    # The rosters the search found cost as much as the draft or more.
    NOT_BETTER = "not_better"
    # The search found no roster within its limits.
    NO_ROSTER = "no_roster"


@dataclass(frozen=True, slots=True)
class KeptDraft:
    """The outcome of an improvement that stored nothing, because the draft stays."""

    draft: Roster
    reason: KeptDraftReason


def kept_draft_reason(result: SolverResult) -> KeptDraftReason | None:
    """Return why the draft the solve started from stays, or None when the new roster replaces it.

    A draft that breaks a hard rule of the problem now has no cost, so any new
    roster replaces it.
    """
    if result.start_objective is None:
        return None
    if not result.has_roster or result.objective is None:
        return KeptDraftReason.NO_ROSTER
    if result.objective < result.start_objective:
        return None
    # The new roster costs no less than the draft, so proving it optimal proves the draft is.
    proven = result.status == SolveStatus.OPTIMAL
    if proven or (result.bound is not None and result.start_objective <= result.bound):
        return KeptDraftReason.BEST_POSSIBLE
    return KeptDraftReason.NOT_BETTER


KEPT_DRAFT_TEXTS = {
    KeptDraftReason.BEST_POSSIBLE: N_(
        "I kept the draft from %(start)s to %(end)s unchanged, because it is already the "
        "best roster possible with what is registered now."
    ),
    KeptDraftReason.NOT_BETTER: N_(
        "I kept the draft from %(start)s to %(end)s unchanged, because none of the rosters "
        "I found was better than it."
    ),
    KeptDraftReason.NO_ROSTER: N_(
        "I kept the draft from %(start)s to %(end)s unchanged, because the search found no "
        "other roster within its time limit."
    ),
}


def kept_draft_text(kept: KeptDraft, translator: Translator, today: dt.date) -> str:
    """Say that the draft stays as it is, and why."""
    return translator.gettext(
        KEPT_DRAFT_TEXTS[kept.reason],
        start=translator.date(kept.draft.start, today=today),
        end=translator.date(kept.draft.end, today=today),
    )


def better_roster_text(draft: Roster, translator: Translator, today: dt.date) -> str:
    """Say that the improvement found a better roster, which now replaces `draft`.

    A draft that now breaks a hard rule is replaced by any roster the search finds,
    and a legal roster is better than it too.
    """
    return translator.gettext(
        N_(
            "I found a better roster than the draft from %(start)s to %(end)s, and the new "
            "roster replaces that draft."
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
            weeks=_weeks_text(draft.start, draft.end),
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


def _weeks_text(start: dt.date, end: dt.date) -> str:
    first_week = start.isocalendar().week
    last_week = end.isocalendar().week
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
