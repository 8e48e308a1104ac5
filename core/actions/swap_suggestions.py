"""The colleagues a refused or incomplete swap names: those who could swap or take the shift.

Colleagues who work another shift that day, and could swap with the asker without
breaking a rule for either, are named first, with a swap message to send. Then
come the colleagues off that day, who could take the shift but not swap it on the
same day. That sentence states this and how to give the shift away, because an
offer reaches every colleague who could take it. A colleague who has asked for
vacation, leave or time off in lieu that day is left out, because a manager's
approval would make them absent.
"""

from __future__ import annotations

import datetime as dt

from core.actions.contradictions import requested_day_set
from core.context import Context
from core.i18n import N_

# A suggestion names at most this many colleagues, so that a chat reply stays short.
MAX_SUGGESTED_TAKERS = 5

OFFER_EXAMPLE = N_("Can someone take my shift on %(day)s?")
SWAP_EXAMPLE = N_("bytte %(day)s med %(name)s")


def asking_for_absence_on(context: Context, day: dt.date) -> set[int]:
    """Return the ids of the unit's employees with an open absence request that covers `day`."""
    return {
        request.requester_id
        for request in context.store.shift_requests.list_open(context.unit.id)
        if request.absence_kind is not None and day in requested_day_set(request)
    }


def partners_sentence(context: Context, day: dt.date, partners: list[tuple[str, str]]) -> str:
    """Name the colleagues, with their shift codes, who could swap with the actor on `day`.

    Returns "" without any. The example swaps with the first colleague named.
    """
    if not partners:
        return ""
    listed = partners[:MAX_SUGGESTED_TAKERS]
    first_name = listed[0][0].split()[0]
    return context.translator.ngettext(
        "%(partners)s works another shift on %(day)s and can swap with you without breaking "
        "a rule. To ask, write «%(example)s».",
        "%(partners)s work other shifts on %(day)s and can swap with you without breaking "
        "a rule. To ask one of them, write for example «%(example)s».",
        len(listed),
        partners=context.translator.join([f"{name} ({code})" for name, code in listed]),
        day=context.date(day),
        example=context._(SWAP_EXAMPLE, day=context.translator.day_month(day), name=first_name),
    )


def takers_sentence(context: Context, day: dt.date, names: list[str]) -> str:
    """Name the colleagues off on `day` who could take the actor's shift, or return ""."""
    if not names:
        return ""
    listed = names[:MAX_SUGGESTED_TAKERS]
    return context.translator.ngettext(
        "%(names)s is off on %(day)s and can take your shift without breaking a rule, but "
        "cannot swap with you that day. To give the shift away, write «%(offer)s», and the "
        "offer goes to everyone who can take it.",
        "%(names)s are off on %(day)s and can take your shift without breaking a rule, but "
        "cannot swap with you that day. To give the shift away, write «%(offer)s», and the "
        "offer goes to everyone who can take it.",
        len(listed),
        names=context.translator.join(listed),
        day=context.date(day),
        offer=context._(OFFER_EXAMPLE, day=context.translator.day_month(day)),
    )
