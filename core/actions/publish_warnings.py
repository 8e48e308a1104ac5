"""The notes of the publish read-back: a draft's coverage gaps and the requests still waiting.

The plan summary names both, but a draft may be published much later, by someone
who did not read it. So the publish read-back counts the gaps below the minimum
staffing and the absence requests in the draft's days that wait for a manager,
lists the first few, and says what to write to see them all, before it asks for
«ja».
"""

from __future__ import annotations

import datetime as dt

from core.actions.phrases import ABSENCE_NAMES
from core.actions.roster_exports import export_command
from core.actions.rosters import (
    WaitingAbsence,
    roster_coverage_gaps,
    waiting_absence_requests,
)
from core.commands import DateRange
from core.compliance import Violation
from core.context import Context
from core.employees import Role
from core.i18n import N_
from core.rosters import Roster
from core.violation_texts import describe_violation

# The read-back lists this many gaps and this many waiting requests, and counts the rest.
MAX_LISTED_GAPS = 3
MAX_LISTED_REQUESTS = 3


def unsettled_note(context: Context, draft: Roster) -> str:
    """Return sentences, led by a space, on the draft's gaps and waiting requests, or ""."""
    shift_order = [t.code for t in context.store.organisations.shift_types(context.unit.id)]
    gaps = sorted(
        roster_coverage_gaps(context.store, context.unit, draft),
        key=lambda gap: (gap.day or dt.date.min, shift_rank(shift_order, gap.shift_code)),
    )
    waiting = waiting_absence_requests(
        context.store, context.unit.id, DateRange(draft.start, draft.end)
    )
    if not gaps and not waiting:
        return ""
    sentences = [summary_sentence(context, gaps, waiting)]
    if gaps:
        sentences.append(gaps_sentence(context, draft, gaps))
    if waiting:
        sentences.append(requests_sentence(context, waiting))
    return " " + " ".join(sentences)


def shift_rank(shift_order: list[str], code: str | None) -> int:
    """Return the shift's place in the unit's order of shift types (D, A, N), unknown ones last."""
    return shift_order.index(code) if code in shift_order else len(shift_order)


def summary_sentence(context: Context, gaps: list[Violation], waiting: list[WaitingAbsence]) -> str:
    """Count the gaps and the waiting requests in one sentence."""
    gap_count = context.translator.ngettext(
        "%(count)s gap below the minimum staffing",
        "%(count)s gaps below the minimum staffing",
        len(gaps),
    )
    request_count = context.translator.ngettext(
        "%(count)s absence request on its days waits for a manager",
        "%(count)s absence requests on its days wait for a manager",
        len(waiting),
    )
    if gaps and waiting:
        return context._(
            N_("Note: the roster has %(gaps)s, and %(requests)s."),
            gaps=gap_count,
            requests=request_count,
        )
    if gaps:
        return context._(N_("Note: the roster has %(gaps)s."), gaps=gap_count)
    return context._(N_("Note: %(requests)s."), requests=request_count)


def gaps_sentence(context: Context, draft: Roster, gaps: list[Violation]) -> str:
    """List the first gaps, and say how to get all of them when there are more.

    The export command names the draft's first day, because «eksporter turnusen»
    alone sends the roster in force today.
    """
    listed = [
        describe_violation(context.translator, gap, {}, today=context.today)
        for gap in gaps[:MAX_LISTED_GAPS]
    ]
    text = " ".join(listed)
    unlisted = len(gaps) - len(listed)
    if unlisted:
        text += " " + context.translator.ngettext(
            "Write %(command)s to get the draft with the other gap in a file.",
            "Write %(command)s to get the draft with the other %(count)s gaps in a file.",
            unlisted,
            command=export_command(context, draft),
        )
    return text


def requests_sentence(context: Context, waiting: list[WaitingAbsence]) -> str:
    """List the first waiting requests, and say who sees all of them when there are more."""
    listed = [
        context._(
            N_("#%(id)s %(name)s, %(absence)s %(dates)s"),
            id=item.request_id,
            name=item.name,
            absence=context._(ABSENCE_NAMES[item.kind]),
            dates=days_phrase(context, item.days),
        )
        for item in waiting[:MAX_LISTED_REQUESTS]
    ]
    text = context.translator.ngettext(
        "If a manager approves it after publishing, the shifts on its days become open: "
        "%(requests)s.",
        "If a manager approves one of them after publishing, the shifts on its days become "
        "open: %(requests)s.",
        len(waiting),
        requests="; ".join(listed),
    )
    unlisted = len(waiting) - len(listed)
    if not unlisted:
        return text
    if context.actor.has_role(Role.MANAGER):
        more = context.translator.ngettext(
            "Write «vis ventende bytter» to see the other one.",
            "Write «vis ventende bytter» to see the other %(count)s.",
            unlisted,
        )
    else:
        more = context.translator.ngettext(
            "The manager sees the other one with «vis ventende bytter».",
            "The manager sees the other %(count)s with «vis ventende bytter».",
            unlisted,
        )
    return f"{text} {more}"


def days_phrase(context: Context, days: DateRange) -> str:
    """Write one day, or «fra … til …» for several."""
    if days.start == days.end:
        return context.date(days.start)
    return context._(
        N_("from %(start)s to %(end)s"),
        start=context.date(days.start),
        end=context.date(days.end),
    )
