"""Waiting swaps and offers of shifts that the published roster has taken from their holder.

An approved absence, a sick report or an approved repair proposal removes people
from published shifts. A waiting request that gives such a shift away could then
never be carried out: colleagues would still see the offer, and taking or approving
it would only find it out of date. So each change that removes shifts closes those
requests as out of date at once, tells their parties why, and updates their cards,
as «trekk tilbake N» does for a withdrawn one. The colleagues invited to take an
open offer are told too, in words that name no health detail, and so is the colleague
who took it: whether the shift now needs cover, and how to ask for it.

An absence also closes the waiting requests that would give the absent employee a
shift on its days: their own take of an open shift, a colleague's offer they have
taken, and a swap in which they receive a shift, answered or not.

The requests are locked before the roster, as approving one of them locks them, so
that such an approval and the change that closes the request never wait for each
other's locks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from core.actions.outside_changes import opening_absence
from core.actions.shift_requests import (
    describe_request,
    lock_request,
    offer_closed_notices,
    out_of_date_reason,
    outdate_request,
    parties_of,
    received_shifts,
    side_replies,
)
from core.changes import open_shifts
from core.commands import DateRange
from core.context import Context
from core.i18n import N_
from core.messages import Reply, ReplyKind
from core.rosters import Assignment
from core.shift_requests import RequestEvent, RequestKind, ShiftRequest


@dataclass(frozen=True)
class VacatedRequest:
    """A locked request that a roster change may close, with whom to tell besides its parties."""

    request: ShiftRequest
    # The colleagues an offer nobody has taken yet invites, as found before the change.
    invited_ids: tuple[int, ...] = ()
    # The shift the request would give an employee on a day of their new absence, if any.
    received_while_absent: Assignment | None = None


@dataclass(frozen=True)
class NewAbsence:
    """An absence about to be registered: whose it is and its days."""

    employee_id: int
    ranges: tuple[DateRange, ...]


def lock_requests_moving(
    context: Context, shifts: Iterable[Assignment], absence: NewAbsence | None = None
) -> list[VacatedRequest]:
    """Lock and return the unit's open requests that the change may close, oldest first.

    These are the swaps and offers that move one of `shifts`, and, for a new
    `absence`, the requests that would give the absent employee a shift on its days.
    Call it before the roster change that may remove the shifts, and pass its result
    to `outdate_vacated` after it.
    """
    moved = {(shift.employee_id, shift.day, shift.shift_code) for shift in shifts}
    vacated = []
    for request in context.store.shift_requests.list_open(context.unit.id):
        received = received_on_absent_day(context, request, absence)
        if not request.moved_shifts() & moved and received is None:
            continue
        locked = lock_request(context, request)
        vacated.append(VacatedRequest(locked, invited_colleagues(context, locked), received))
    return vacated


def received_on_absent_day(
    context: Context, request: ShiftRequest, absence: NewAbsence | None
) -> Assignment | None:
    """Return the shift `request` would give the absent employee during the absence, or None.

    A night shift from the evening before one of its days counts, because its hours
    after midnight fall in the absence.
    """
    if absence is None or request.absence_kind is not None or request.kind == RequestKind.REPAIR:
        return None
    if request.kind != RequestKind.TAKE and request.counterpart_id is None:
        # An offer nobody has taken gives nobody a shift yet.
        return None
    days = {day for days in absence.ranges for day in days.days()}
    nights = {
        shift_type.code
        for shift_type in context.store.organisations.shift_types(context.unit.id)
        if shift_type.crosses_midnight
    }
    for employee_id, day, code in sorted(received_shifts(request)):
        if employee_id != absence.employee_id:
            continue
        if day in days or (code in nights and day + dt.timedelta(days=1) in days):
            return Assignment(employee_id, day, code)
    return None


def invited_colleagues(context: Context, request: ShiftRequest) -> tuple[int, ...]:
    """Return the colleagues an offer that nobody has taken yet was sent to.

    These are the colleagues who could take it when it was sent, as stored then, so
    a colleague whose roster has changed since is still notified and one who could take
    it only now is not.
    """
    if request.kind != RequestKind.OFFER or request.counterpart_id is not None:
        return ()
    return context.store.shift_requests.invited_ids(request.id)


def outdate_vacated(context: Context, requests: Iterable[VacatedRequest]) -> list[Reply]:
    """Close the locked requests that the change has made impossible, and tell everyone.

    These are the requests whose shifts the roster no longer has, and those that
    would give the absent employee a shift during the new absence.

    Call it after the roster change, so that the reply names the decision or absence
    that took each shift. A request whose shifts the roster still has, and that gives
    the absent employee no shift during the absence, stays open.
    The replies update the request cards, and none of them takes the place of the
    card the actor pressed.
    """
    replies: list[Reply] = []
    for vacated in requests:
        request = vacated.request
        if not request.is_open:
            continue
        if is_out_of_date(context, request):
            replies += side_replies(outdate_request(context, request, checked=request))
            replies += notify_invited(context, request, vacated.invited_ids)
            replies += notify_taker(context, request)
        elif vacated.received_while_absent is not None:
            replies += close_for_absence(context, request, vacated.received_while_absent)
    return replies


def is_out_of_date(context: Context, request: ShiftRequest) -> bool:
    """Tell whether the published roster no longer has a shift that `request` moves."""
    roster = context.store.rosters.covering(context.unit.id, request.day)
    return roster is not None and out_of_date_reason(context, roster, request) is not None


# The notice to a colleague invited to take an offer that an absence of its holder closed,
# followed by `cover_sentence`. It names no kind of absence, because sick leave is a health
# detail.
OFFER_CLOSED_BY_ABSENCE_TEXT = N_(
    "%(requester)s's offer of the %(code)s shift on %(day)s, request #%(id)s, is closed: "
    "%(requester)s is absent that day and no longer has the shift."
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
    if opening_absence(context, request) is None:
        return offer_closed_notices(context, request, OFFER_CLOSED_BY_CHANGE_TEXT, invited_ids)

    def cover(reader: Context) -> str:
        return cover_sentence(reader, request)

    return offer_closed_notices(
        context, request, OFFER_CLOSED_BY_ABSENCE_TEXT, invited_ids, addition=cover
    )


def notify_taker(context: Context, request: ShiftRequest) -> list[Reply]:
    """Tell the colleague who took an offer that an absence closed whether they may still ask.

    They hear of the closed request as one of its parties. This notice adds whether
    the shift, now taken from its absent holder, needs cover, and how to ask for it.
    """
    taker_id = request.counterpart_id
    if request.kind != RequestKind.OFFER or taker_id is None or taker_id == context.actor.id:
        return []
    if opening_absence(context, request) is None:
        return []
    to_taker = context.for_recipient(taker_id)
    return [Reply(cover_sentence(to_taker, request).lstrip(), recipient_employee_id=taker_id)]


def cover_sentence(reader: Context, request: ShiftRequest) -> str:
    """Return, led by a space, whether the offered shift now needs cover and how to take it.

    The shift needs cover while its day is staffed below the plan (`open_shifts`), the
    shifts «ledige vakter» lists.
    """
    roster = reader.store.rosters.covering(reader.unit.id, request.day)
    if roster is None or request.shift_code not in open_shifts(reader, roster, request.day):
        return " " + reader._(
            N_("The day is still staffed as the plan wants, so the shift needs no cover.")
        )
    return " " + reader._(
        N_("The shift now needs cover. To take it, write «Jeg tar den ledige vakta %(example)s»."),
        example=reader.translator.day_month(request.day),
    )


# The reason a request that would give someone a shift during their absence is closed. It names no
# kind of absence, because sick leave is a health detail and the parties are colleagues.
RECEIVER_ABSENT_REASON = N_("%(name)s is absent on %(day)s and cannot get the %(code)s shift.")
RECEIVER_ABSENT_TEXT = N_(
    "%(request)s: %(reason)s This request is therefore closed, and nothing in the roster was "
    "changed."
)


def close_for_absence(context: Context, request: ShiftRequest, shift: Assignment) -> list[Reply]:
    """Close a request that would give `shift` to an employee now absent, and tell its parties.

    The decision updates the request's cards, and none of the replies takes the place
    of the card the actor pressed. The reason is stored as the note, in the actor's
    language, as for any out-of-date request.
    """
    receiver = context.store.employees.get(shift.employee_id)

    def reason(reader: Context) -> str:
        return reader._(
            RECEIVER_ABSENT_REASON,
            name=receiver.name if receiver is not None else "?",
            day=reader.date(shift.day),
            code=shift.shift_code,
        )

    def text(reader: Context) -> str:
        return reader._(
            RECEIVER_ABSENT_TEXT, request=describe_request(reader, closed), reason=reason(reader)
        )

    closed = request.after(RequestEvent.OUTDATE, note=reason(context))
    context.store.shift_requests.update(closed, actor_id=context.actor.id)
    replies = [Reply(text(context), kind=ReplyKind.DECISION, request_id=closed.id)]
    for party_id in sorted(parties_of(closed) - {context.actor.id}):
        replies.append(
            Reply(
                text(context.for_recipient(party_id)),
                recipient_employee_id=party_id,
                request_id=closed.id,
            )
        )
    return replies
