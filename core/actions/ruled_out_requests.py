"""Waiting requests that an unavailability rules out, and withdrawing the sender's takes.

Someone may register that they cannot work a shift, for whole days or for part of
a day. Their waiting request to take an open shift of that kind on that day is then
withdrawn, and the reply names it. A colleague's request that would
give them such a shift is not theirs to withdraw, so the reply names it and asks
them to tell the manager, who can reject it.
"""

from __future__ import annotations

import datetime as dt

from core.actions.shift_requests import decide, describe_request, received_shifts, side_replies
from core.commands import DateRange, ShiftKind
from core.context import Context
from core.i18n import N_
from core.messages import Reply
from core.shift_requests import RequestEvent, RequestKind, ShiftRequest


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
        replies += side_replies(decide(context, request, RequestEvent.CANCEL))
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
