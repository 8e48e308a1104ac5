"""Withdrawing registered unavailability: «kan jobbe fredag likevel».

«Kan jobbe fredag» alone offers to work extra. With «likevel» («after all») the
sender takes back that they cannot work that day, so the unavailability is
withdrawn and nothing is offered. Without unavailability on those days the reply
says there is nothing to withdraw and how to offer extra work instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from core.actions.base import Proposal
from core.actions.contradictions import Replaced, do_replace
from core.actions.phrases import dates_phrase
from core.actions.registrations import check_dates
from core.commands import DateRange, Intent, ParsedCommand, ranges_of
from core.context import Context
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply

# «likevel» and its spellings, in bokmål and nynorsk, and English «after all».
AFTER_ALL_RULE = re.compile(r"\b(?:likevel|allikevel|alikevel|likevél|after\s+all)\b", re.I)


def takes_unavailability_back(command: ParsedCommand, text: str) -> bool:
    """Tell whether an offer to work says «likevel», and so withdraws unavailability instead."""
    return command.intent == Intent.REGISTER_AVAILABILITY and bool(AFTER_ALL_RULE.search(text))


class WithdrawUnavailability:
    """Withdrawal of the sender's unavailability on the days named, from today on.

    A registration with days outside the named ones keeps them as a new, shorter one.
    NOTE: a named shift («kan jobbe nattevakt fredag likevel») also withdraws an
    unavailability for the whole day, because a whole day is not split into shift kinds.
    """

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        check_dates(context, command)
        withdrawn = withdrawn_days(context, command)
        if not withdrawn:
            raise UserError(
                N_(
                    "You have no unavailability registered %(dates)s, so there is nothing "
                    "to withdraw. To offer to work extra, write for example «Kan jobbe "
                    "ekstra %(day)s»."
                ),
                dates=dates_phrase(context, command.dates),
                day=context.translator.day_month(command.dates[0].start),
            )
        command = replace(command, dates=ranges_of(sorted(withdrawn)))
        readback = context._(
            N_("Withdrawing that you cannot work %(dates)s."),
            dates=dates_phrase(context, command.dates),
        )
        return Proposal(Intent.WITHDRAW_UNAVAILABILITY, readback, command)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        command = proposal.command
        do_replace(context, replaced_unavailability(context, command))
        text = context._(
            N_("Withdrawn. You can be given shifts %(dates)s again."),
            dates=dates_phrase(context, command.dates),
        )
        return Outcome((Reply(text),))


def replaced_unavailability(context: Context, command: ParsedCommand) -> list[Replaced]:
    """Return the sender's unavailability on the command's days, each with the shared days."""
    days = set(command.all_days())
    if not days:
        return []
    within = DateRange(min(days), max(days))
    found = context.store.absences.list_unavailability(employee_id=context.actor.id, within=within)
    replaced = []
    for unavailability in found:
        if command.shift is not None and unavailability.shift_kind not in (None, command.shift):
            continue
        shared = days & set(unavailability.days.days())
        if shared:
            replaced.append(Replaced(unavailability, ranges_of(sorted(shared))))
    return replaced


def withdrawn_days(context: Context, command: ParsedCommand) -> set[dt.date]:
    """Return the days on which the command withdraws some unavailability."""
    return {
        day
        for item in replaced_unavailability(context, command)
        for days in item.days
        for day in days.days()
    }
