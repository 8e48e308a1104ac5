"""Waiting swaps and offers of shifts that the published roster has taken from their holder.

An approved absence, a sick report or an approved repair proposal removes people
from published shifts. A waiting request that gives such a shift away could then
never be carried out: colleagues would still see the offer, and taking or approving
it would only find it out of date. So each change that removes shifts closes those
requests as out of date at once, tells their parties why, and updates their cards,
as «trekk tilbake N» does for a withdrawn one.
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


def requests_moving(context: Context, removed: Iterable[Assignment]) -> list[ShiftRequest]:
    """Return the unit's open swaps and offers that move one of the removed shifts, oldest first."""
    removed_shifts = {(shift.employee_id, shift.day, shift.shift_code) for shift in removed}
    if not removed_shifts:
        return []
    return [
        request
        for request in context.store.shift_requests.list_open(context.unit.id)
        if request.moved_shifts() & removed_shifts
    ]


def outdate_requests_moving(context: Context, removed: Iterable[Assignment]) -> list[Reply]:
    """Close the open swaps and offers of the removed shifts as out of date, and tell everyone.

    Call it after the roster change, so that the reply names the decision or absence
    that took each shift. A shift that the roster still has leaves its requests open,
    so `removed` may list every shift the change might have removed. The replies
    update the request cards, and none of them takes the place of the card the
    actor pressed.
    """
    replies: list[Reply] = []
    for request in requests_moving(context, removed):
        locked = lock_request(context, request)
        if not locked.is_open or not is_out_of_date(context, locked):
            continue
        replies += side_replies(outdate_request(context, locked, checked=locked))
    return replies


def is_out_of_date(context: Context, request: ShiftRequest) -> bool:
    """Tell whether the published roster no longer has a shift that `request` moves."""
    roster = context.store.rosters.covering(context.unit.id, request.day)
    return roster is not None and out_of_date_reason(context, roster, request) is not None
