"""Requests an employee makes about shifts (swap, offer, take) or absence, and their state machine.

    PENDING ──colleague accepts──▶ ACCEPTED ──manager approves──▶ APPROVED
       │  └─colleague declines──▶ DECLINED          └─manager rejects──▶ REJECTED
       ├──────── requester cancels (while PENDING or ACCEPTED) ──────▶ CANCELLED
       └──────── roster no longer matches (while PENDING or ACCEPTED) ▶ OUTDATED

A take request of an open shift has no colleague, so it starts as ACCEPTED and
waits for the manager only, and so do an absence request (vacation, leave, time
off in lieu, or a course over published shifts), a request to delete one's
personal data, and a repair of the roster that the solver proposes. A request
becomes OUTDATED when someone accepts or approves it after the shifts it moves
have changed hands, for example through another approved request for the same
shift, and a repair when the roster no longer fits its changes. A swap or offer
becomes OUTDATED at once when an absence or an approved repair takes its shift
from the holder (`core.actions.vacated_shifts`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from core.commands import AbsenceKind, DateRange


class RequestKind(StrEnum):
    SWAP = "swap"
    OFFER = "offer"
    TAKE = "take"
    # Absence requests share their values with the absence kind an approval registers.
    VACATION = "vacation"
    LEAVE = "leave"
    TIME_OFF_IN_LIEU = "time_off_in_lieu"
    # A course is registered at once, unless it covers published shifts.
    COURSE = "course"
    # A repair of the published roster that the solver proposes after an absence.
    REPAIR = "repair"
    # An employee's request to delete their personal data (GDPR art. 17), which a
    # manager approves; see core.actions.deletion_requests.
    DATA_DELETION = "data_deletion"


ABSENCE_REQUEST_KINDS = frozenset(
    {RequestKind.VACATION, RequestKind.LEAVE, RequestKind.TIME_OFF_IN_LIEU, RequestKind.COURSE}
)


def absence_request_kind(absence: AbsenceKind) -> RequestKind | None:
    """Return the request kind for this absence, or None if the absence is never requested.

    Sickness is always registered at once. Whether a course is a request depends on
    the published shifts it covers, see `core.actions.absence_requests`.
    """
    for kind in ABSENCE_REQUEST_KINDS:
        if kind.value == absence.value:
            return kind
    return None


class RequestState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    REJECTED = "rejected"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    OUTDATED = "outdated"


class RequestEvent(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"
    OUTDATE = "outdate"


TRANSITIONS: dict[tuple[RequestState, RequestEvent], RequestState] = {
    (RequestState.PENDING, RequestEvent.ACCEPT): RequestState.ACCEPTED,
    (RequestState.PENDING, RequestEvent.DECLINE): RequestState.DECLINED,
    (RequestState.PENDING, RequestEvent.CANCEL): RequestState.CANCELLED,
    (RequestState.ACCEPTED, RequestEvent.APPROVE): RequestState.APPROVED,
    (RequestState.ACCEPTED, RequestEvent.REJECT): RequestState.REJECTED,
    (RequestState.ACCEPTED, RequestEvent.CANCEL): RequestState.CANCELLED,
    (RequestState.PENDING, RequestEvent.OUTDATE): RequestState.OUTDATED,
    (RequestState.ACCEPTED, RequestEvent.OUTDATE): RequestState.OUTDATED,
}

OPEN_STATES = frozenset({RequestState.PENDING, RequestState.ACCEPTED})


class InvalidTransition(Exception):
    def __init__(self, state: RequestState, event: RequestEvent) -> None:
        super().__init__(f"a request in state {state} cannot take the event {event}")
        self.state = state
        self.event = event


@dataclass(frozen=True, slots=True)
class ShiftRequest:
    """A request about shifts in the published roster, or about an absence.

    swap:  the requester's shift on `day` for the counterpart's shift on `counterpart_day`
           (or the counterpart simply takes it when `counterpart_day` is None);
    offer: the requester gives the shift on `day` away; `counterpart_id` is who takes it;
    take:  the requester takes an open shift (`shift_code` on `day`) or an offer;
    vacation, leave, time_off_in_lieu, course: the requester requests that absence from
           `day` to `last_day`, with no shift code; an approved one is registered as an
           absence of the same kind;
    repair: the solver proposes the roster changes stored with the request, on the days
           from `day` to `last_day`, after the requester's absence opened shifts;
           `roster_id` is the proposed roster, and there is no shift code;
    data_deletion: the requester asks on `day` to have their personal data deleted, with
           no shift code; it waits for a manager from the start.
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
    last_day: dt.date | None = None
    roster_id: int | None = None
    # The ranges of an absence request asked for in one message with several, such as
    # «kurs 3.–4. mars og 10. mars», in order. Empty for one range, `day` to `last_day`.
    day_ranges: tuple[DateRange, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def requested_ranges(self) -> tuple[DateRange, ...]:
        """The days an absence or repair request covers, as ranges in order."""
        return self.day_ranges or (DateRange(self.day, self.last_day or self.day),)

    @property
    def absence_kind(self) -> AbsenceKind | None:
        """The absence an approval registers, or None for a request about shifts."""
        return AbsenceKind(self.kind.value) if self.kind in ABSENCE_REQUEST_KINDS else None

    def moved_shifts(self) -> frozenset[tuple[int, dt.date, str]]:
        """The shifts this request takes from someone, as (employee id, day, shift code).

        A take request of an open shift moves none, because the shift has nobody yet,
        and an absence request moves none either. A repair names its changes apart,
        and approving it checks them against the roster as it is then.
        """
        shifts = set()
        if self.kind in (RequestKind.REPAIR, RequestKind.DATA_DELETION):
            return frozenset()
        if self.kind != RequestKind.TAKE and self.kind not in ABSENCE_REQUEST_KINDS:
            shifts.add((self.requester_id, self.day, self.shift_code))
        if (
            self.counterpart_id is not None
            and self.counterpart_day is not None
            and self.counterpart_shift_code is not None
        ):
            shifts.add((self.counterpart_id, self.counterpart_day, self.counterpart_shift_code))
        return frozenset(shifts)

    def overlaps(self, other: ShiftRequest) -> bool:
        """Whether both requests move the same shift, or one person asks twice for an open one."""
        if self.moved_shifts() & other.moved_shifts():
            return True
        both_take = self.kind == other.kind == RequestKind.TAKE
        return both_take and (self.requester_id, self.day, self.shift_code) == (
            other.requester_id,
            other.day,
            other.shift_code,
        )

    def after(self, event: RequestEvent, **changes: object) -> ShiftRequest:
        """Return this request after `event`, or raise InvalidTransition."""
        next_state = TRANSITIONS.get((self.state, event))
        if next_state is None:
            raise InvalidTransition(self.state, event)
        return replace(self, state=next_state, **changes)  # type: ignore[arg-type]
