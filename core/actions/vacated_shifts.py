"""Waiting swaps and offers of shifts that the published roster has taken from their holder.

An approved absence, a sick report or an approved repair proposal removes people
from published shifts. A waiting request that gives such a shift away could then
never be carried out: colleagues would still see the offer, and taking or approving
it would only find it out of date. So each change that removes shifts closes those
requests as out of date at once, tells their parties why, and updates their cards,
as «trekk tilbake N» does for a withdrawn one.

The requests are locked before the roster, as approving one of them locks them, so
that such an approval and the change that closes the request never wait for each
other's locks.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.actions.shift_requests import (
    lock_request,
    out_of_date_reason,
    outdate_request,
    side_replies,
)
from core.context import Context
from core.messages import Reply
from core.rosters import Assignment
from core.shift_requests import ShiftRequest


def lock_requests_moving(context: Context, shifts: Iterable[Assignment]) -> list[ShiftRequest]:
    """Lock and return the unit's open swaps and offers that move one of `shifts`, oldest first.

    Call it before the roster change that may remove the shifts, and pass its result
    to `outdate_vacated` after it.
    """
    moved = {(shift.employee_id, shift.day, shift.shift_code) for shift in shifts}
    if not moved:
        return []
    return [
        lock_request(context, request)
        for request in context.store.shift_requests.list_open(context.unit.id)
        if request.moved_shifts() & moved
    ]


def outdate_vacated(context: Context, requests: Iterable[ShiftRequest]) -> list[Reply]:
    """Close the locked requests whose shifts the roster no longer has, and tell everyone.

    Call it after the roster change, so that the reply names the decision or absence
    that took each shift. A request whose shifts the roster still has stays open.
    The replies update the request cards, and none of them takes the place of the
    card the actor pressed.
    """
    replies: list[Reply] = []
    for request in requests:
        if request.is_open and is_out_of_date(context, request):
            replies += side_replies(outdate_request(context, request, checked=request))
    return replies


def is_out_of_date(context: Context, request: ShiftRequest) -> bool:
    """Tell whether the published roster no longer has a shift that `request` moves."""
    roster = context.store.rosters.covering(context.unit.id, request.day)
    return roster is not None and out_of_date_reason(context, roster, request) is not None
