"""Waiting swaps and offers of shifts that the published roster has taken from their holder.

An approved absence, a sick report or an approved repair proposal removes people
from published shifts. A waiting request that gives such a shift away could then
never be carried out: colleagues would still see the offer, and taking or approving
it would only find it out of date. So each change that removes shifts closes those
requests as out of date at once, tells their parties why, and updates their cards,
as «trekk tilbake N» does for a withdrawn one. The colleagues invited to take an
open offer are told too, in words that name no health detail.

The requests are locked before the roster, as approving one of them locks them, so
that such an approval and the change that closes the request never wait for each
other's locks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.actions.outside_changes import opening_absence
from core.actions.shift_requests import (
    legal_takers,
    lock_request,
    out_of_date_reason,
    outdate_request,
    parties_of,
    side_replies,
)
from core.context import Context
from core.i18n import N_
from core.messages import Reply
from core.rosters import Assignment
from core.shift_requests import RequestKind, ShiftRequest


@dataclass(frozen=True)
class VacatedRequest:
    """A locked request that a roster change may close, with whom to tell besides its parties."""

    request: ShiftRequest
    # The colleagues an offer nobody has taken yet invites, as found before the change.
    invited_ids: tuple[int, ...] = ()


def lock_requests_moving(context: Context, shifts: Iterable[Assignment]) -> list[VacatedRequest]:
    """Lock and return the unit's open swaps and offers that move one of `shifts`, oldest first.

    Call it before the roster change that may remove the shifts, and pass its result
    to `outdate_vacated` after it.
    """
    moved = {(shift.employee_id, shift.day, shift.shift_code) for shift in shifts}
    if not moved:
        return []
    return [
        VacatedRequest(locked, invited_colleagues(context, locked))
        for locked in (
            lock_request(context, request)
            for request in context.store.shift_requests.list_open(context.unit.id)
            if request.moved_shifts() & moved
        )
    ]


def invited_colleagues(context: Context, request: ShiftRequest) -> tuple[int, ...]:
    """Return the colleagues who could take an offer that nobody has taken yet.

    NOTE: the offer invited those who could take it when it was made, and nobody
    stores who they were. This returns those who could take it now, before the
    change, which differs when a colleague's roster has changed since.
    """
    if request.kind != RequestKind.OFFER or request.counterpart_id is not None:
        return ()
    roster = context.store.rosters.covering(context.unit.id, request.day)
    if roster is None:
        return ()
    return tuple(colleague.id for colleague in legal_takers(context, roster, request))


def outdate_vacated(context: Context, requests: Iterable[VacatedRequest]) -> list[Reply]:
    """Close the locked requests whose shifts the roster no longer has, and tell everyone.

    Call it after the roster change, so that the reply names the decision or absence
    that took each shift. A request whose shifts the roster still has stays open.
    The replies update the request cards, and none of them takes the place of the
    card the actor pressed.
    """
    replies: list[Reply] = []
    for vacated in requests:
        request = vacated.request
        if request.is_open and is_out_of_date(context, request):
            replies += side_replies(outdate_request(context, request, checked=request))
            replies += notify_invited(context, request, vacated.invited_ids)
    return replies


def is_out_of_date(context: Context, request: ShiftRequest) -> bool:
    """Tell whether the published roster no longer has a shift that `request` moves."""
    roster = context.store.rosters.covering(context.unit.id, request.day)
    return roster is not None and out_of_date_reason(context, roster, request) is not None


# The notice to a colleague invited to take an offer that an absence of its holder closed.
# It names no kind of absence, because sick leave is a health detail.
OFFER_CLOSED_BY_ABSENCE_TEXT = N_(
    "%(requester)s's %(code)s shift on %(day)s, offered to you in request #%(id)s, can no "
    "longer be taken: %(requester)s is absent that day, so the shift is open, and the manager "
    "has been told that it needs cover."
)
# The same for an offer that an approved repair proposal closed.
OFFER_CLOSED_BY_CHANGE_TEXT = N_(
    "%(requester)s's %(code)s shift on %(day)s, offered to you in request #%(id)s, can no "
    "longer be taken: an approved change of the roster has taken it from %(requester)s."
)


def notify_invited(
    context: Context, request: ShiftRequest, invited_ids: tuple[int, ...]
) -> list[Reply]:
    """Tell the colleagues invited to take the closed offer that it can no longer be taken."""
    requester = context.store.employees.get(request.requester_id)
    absent = opening_absence(context, request) is not None
    text = OFFER_CLOSED_BY_ABSENCE_TEXT if absent else OFFER_CLOSED_BY_CHANGE_TEXT
    told = parties_of(request) | {context.actor.id}
    replies = []
    for colleague_id in invited_ids:
        if colleague_id in told:
            continue
        to_colleague = context.for_recipient(colleague_id)
        message = to_colleague._(
            text,
            requester=requester.name if requester is not None else "?",
            code=request.shift_code,
            day=to_colleague.date(request.day),
            id=request.id,
        )
        replies.append(Reply(message, recipient_employee_id=colleague_id, request_id=request.id))
    return replies
