"""Shift requests between employees (swap, offer, take) and their state machine.

    PENDING ──colleague accepts──▶ ACCEPTED ──manager approves──▶ APPROVED
       │  └─colleague declines──▶ DECLINED          └─manager rejects──▶ REJECTED
       └──────── requester cancels (while PENDING or ACCEPTED) ──────▶ CANCELLED

A take request of an open shift has no colleague, so it starts as ACCEPTED and
waits for the manager only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum


class RequestKind(StrEnum):
    SWAP = "swap"
    OFFER = "offer"
    TAKE = "take"


class RequestState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    REJECTED = "rejected"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class RequestEvent(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"


TRANSITIONS: dict[tuple[RequestState, RequestEvent], RequestState] = {
    (RequestState.PENDING, RequestEvent.ACCEPT): RequestState.ACCEPTED,
    (RequestState.PENDING, RequestEvent.DECLINE): RequestState.DECLINED,
    (RequestState.PENDING, RequestEvent.CANCEL): RequestState.CANCELLED,
    (RequestState.ACCEPTED, RequestEvent.APPROVE): RequestState.APPROVED,
    (RequestState.ACCEPTED, RequestEvent.REJECT): RequestState.REJECTED,
    (RequestState.ACCEPTED, RequestEvent.CANCEL): RequestState.CANCELLED,
}

OPEN_STATES = frozenset({RequestState.PENDING, RequestState.ACCEPTED})


class InvalidTransition(Exception):
    def __init__(self, state: RequestState, event: RequestEvent) -> None:
        super().__init__(f"a request in state {state} cannot take the event {event}")
        self.state = state
        self.event = event


@dataclass(frozen=True, slots=True)
class ShiftRequest:
    """A request about shifts in the published roster.

    swap:  the requester's shift on `day` for the counterpart's shift on `counterpart_day`
           (or the counterpart simply takes it when `counterpart_day` is None);
    offer: the requester gives the shift on `day` away; `counterpart_id` is who takes it;
    take:  the requester takes an open shift (`shift_code` on `day`) or an offer.
    """

    id: int
    unit_id: int
    kind: RequestKind
    state: RequestState
    requester_id: int
    day: dt.date
    shift_code: str
    counterpart_id: int | None = None
    counterpart_day: dt.date | None = None
    counterpart_shift_code: str | None = None
    decided_by_id: int | None = None
    note: str = ""
    created_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def after(self, event: RequestEvent, **changes: object) -> ShiftRequest:
        """Return this request after `event`, or raise InvalidTransition."""
        next_state = TRANSITIONS.get((self.state, event))
        if next_state is None:
            raise InvalidTransition(self.state, event)
        return replace(self, state=next_state, **changes)  # type: ignore[arg-type]
