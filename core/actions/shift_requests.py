"""Swaps, offers and takes: asked for by employees, accepted by colleagues, decided by managers."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from core.actions.base import Proposal
from core.actions.outside_changes import outside_change_text
from core.actions.phrases import POSITION_NAMES, absence_name, dates_phrase, shift_kind_name
from core.actions.registrations import managers_of_unit, published_shifts_on, shifts_phrase
from core.actions.request_refusals import (
    already_decided_refusal,
    approved_withdrawal_refusal,
    check_not_offer_as_swap,
    manager_only_refusal,
    offer_taken_refusal,
    which_request_question,
    withdrawal_refusal,
)
from core.actions.swap_suggestions import (
    asking_for_absence_on,
    partners_sentence,
    takers_sentence,
)
from core.changes import ChangeChecker, check_change, open_shift_counts, open_shifts
from core.commands import Intent, ParsedCommand, ShiftKind
from core.context import ROLE_NAMES, Context, decider_phrase
from core.employees import Employee, Role
from core.errors import (
    AwaitingManager,
    InvalidRequestState,
    ManagerIsParty,
    NotFound,
    PermissionDenied,
    RequestOutOfDate,
    RuleViolation,
    UserError,
)
from core.i18n import N_
from core.messages import (
    Button,
    ButtonAction,
    ButtonPress,
    ButtonStyle,
    Outcome,
    Reply,
    ReplyKind,
)
from core.people import resolve_colleague, resolve_employee
from core.repairs import decide_repair, describe_repair, repair_read_back
from core.rosters import Assignment, Roster
from core.shift_requests import (
    InvalidTransition,
    RequestEvent,
    RequestKind,
    RequestState,
    ShiftRequest,
)

logger = logging.getLogger(__name__)

STATE_NAMES = {
    RequestState.PENDING: N_("waiting for the colleague"),
    RequestState.ACCEPTED: N_("waiting for a manager"),
    RequestState.APPROVED: N_("approved"),
    RequestState.REJECTED: N_("rejected"),
    RequestState.DECLINED: N_("declined by the colleague"),
    RequestState.CANCELLED: N_("cancelled"),
    RequestState.OUTDATED: N_("out of date"),
}

EVENT_NAMES = {
    RequestEvent.ACCEPT: N_("accepted"),
    RequestEvent.DECLINE: N_("declined"),
    RequestEvent.APPROVE: N_("approved"),
    RequestEvent.REJECT: N_("rejected"),
    RequestEvent.CANCEL: N_("cancelled"),
}


# --- loading with access checks -------------------------------------------------------


def published_roster_on(context: Context, day: dt.date) -> Roster:
    roster = context.store.rosters.covering(context.unit.id, day)
    if roster is None:
        raise UserError(
            N_("There is no published roster for %(day)s yet, so there is no shift to change."),
            day=context.date(day),
        )
    return roster


def shift_on(
    context: Context, roster: Roster, employee: Employee, day: dt.date, kind: ShiftKind | None
) -> str:
    """Return the employee's shift code on `day`, or raise a UserError naming the reason."""
    code = roster.shift_of(employee.id, day)
    is_actor = employee.id == context.actor.id
    if code is None:
        message = (
            N_("You have no shift on %(day)s in the published roster.")
            if is_actor
            else N_("%(name)s has no shift on %(day)s in the published roster.")
        )
        raise UserError(message, day=context.date(day), name=employee.name)
    if kind is not None and _kind_of(context, code) != kind:
        raise UserError(
            N_("The shift on %(day)s is %(code)s, not a %(kind)s. Check the day and try again."),
            day=context.date(day),
            code=code,
            kind=shift_kind_name(context, kind),
        )
    return code


def _kind_of(context: Context, code: str) -> ShiftKind | None:
    for shift_type in context.store.organisations.shift_types(context.unit.id):
        if shift_type.code == code:
            return shift_type.kind
    return None


def access_request(context: Context, request_id: int) -> ShiftRequest:
    """Load a request that the actor may see, or raise NotFound.

    A request the actor may not see gets the same NotFound as a number that does
    not exist, so that the reply does not reveal whether the request exists.
    """
    request = context.store.shift_requests.get(request_id)
    if request is None or not may_see_request(context, request):
        raise NotFound(
            N_(
                "I could not find request #%(request_id)s. «Vis ventende bytter» lists the "
                "requests you can see, with their numbers."
            ),
            request_id=request_id,
        )
    return request


def access_decided_request(
    context: Context, intent: Intent, request_id: int | None
) -> ShiftRequest:
    """Load the request that «godkjenn N», «avslå N» or «trekk tilbake N» names, or raise.

    Someone who is not a manager and names a request they may not see is told that no
    such request is theirs to answer, the same whether the request exists or not.
    """
    if request_id is None:
        raise UserError(which_request_question(intent))
    request = context.store.shift_requests.get(request_id)
    if request is None or not may_see_request(context, request):
        refusal = manager_only_refusal(context, intent, request_id)
        if refusal is not None:
            raise refusal
    return access_request(context, request_id)


def may_see_request(context: Context, request: ShiftRequest) -> bool:
    """Tell whether the actor may see `request` and act on it.

    The actor may see a request they made or that is addressed to them, any request
    of their unit if they are a manager, and the unit's offers, which every colleague
    may take. Only managers see a repair of the roster, because only they decide it.
    """
    if request.unit_id != context.unit.id:
        return False
    if request.kind == RequestKind.REPAIR:
        return context.actor.has_role(Role.MANAGER)
    involved = context.actor.id in (request.requester_id, request.counterpart_id)
    return involved or context.actor.has_role(Role.MANAGER) or request.kind == RequestKind.OFFER


def _name(context: Context, employee_id: int | None) -> str:
    if employee_id is None:
        return context._(N_("nobody yet"))
    employee = context.store.employees.get(employee_id)
    return employee.name if employee is not None else "?"


def describe_request(context: Context, request: ShiftRequest) -> str:
    """Describe a request in one line, e.g. «#12 bytte: Kari D fredag 8. januar ↔ Ola A …»."""
    if request.kind == RequestKind.REPAIR:
        return f"{describe_repair(context, request)} ({context._(STATE_NAMES[request.state])})"
    requester = _name(context, request.requester_id)
    mine = f"{requester} {request.shift_code} {context.date(request.day)}"
    if request.kind == RequestKind.SWAP and request.counterpart_day is not None:
        theirs = (
            f"{_name(context, request.counterpart_id)} {request.counterpart_shift_code} "
            f"{context.date(request.counterpart_day)}"
        )
        what = context._(
            N_("#%(id)s swap: %(mine)s ↔ %(theirs)s"), id=request.id, mine=mine, theirs=theirs
        )
    elif request.kind == RequestKind.SWAP:
        what = context._(
            N_("#%(id)s swap: %(mine)s → %(taker)s"),
            id=request.id,
            mine=mine,
            taker=_name(context, request.counterpart_id),
        )
    elif request.kind == RequestKind.DATA_DELETION:
        what = context._(
            N_("#%(id)s deletion of personal data: %(name)s"),
            id=request.id,
            name=requester,
        )
    elif request.absence_kind is not None:
        what = context._(
            N_("#%(id)s %(absence)s: %(name)s %(dates)s"),
            id=request.id,
            absence=absence_name(context, request.absence_kind),
            name=requester,
            dates=dates_phrase(context, request.requested_ranges),
        )
    elif request.kind == RequestKind.OFFER:
        what = context._(
            N_("#%(id)s offered shift: %(mine)s → %(taker)s"),
            id=request.id,
            mine=mine,
            taker=_name(context, request.counterpart_id),
        )
    else:
        what = context._(
            N_("#%(id)s open shift %(code)s %(day)s → %(taker)s"),
            id=request.id,
            code=request.shift_code,
            day=context.date(request.day),
            taker=requester,
        )
    return f"{what} ({context._(STATE_NAMES[request.state])})"


# --- the roster change a request makes ------------------------------------------------


def assignments_after(roster: Roster, request: ShiftRequest) -> list[Assignment]:
    """Return the roster's assignments as they are once `request` is carried out."""
    assignments = set(roster.assignments)
    requester_shift = Assignment(request.requester_id, request.day, request.shift_code)
    if request.kind == RequestKind.TAKE:
        assignments.add(requester_shift)
        return sorted(assignments, key=_assignment_order)

    assert request.counterpart_id is not None
    assignments.discard(requester_shift)
    assignments.add(Assignment(request.counterpart_id, request.day, request.shift_code))
    if request.counterpart_day is not None and request.counterpart_shift_code is not None:
        assignments.discard(
            Assignment(
                request.counterpart_id, request.counterpart_day, request.counterpart_shift_code
            )
        )
        assignments.add(
            Assignment(
                request.requester_id, request.counterpart_day, request.counterpart_shift_code
            )
        )
    return sorted(assignments, key=_assignment_order)


def _assignment_order(assignment: Assignment) -> tuple[dt.date, int, str]:
    return (assignment.day, assignment.employee_id, assignment.shift_code)


def check_request_legal(context: Context, request: ShiftRequest) -> Roster:
    """Return the published roster if `request` can be carried out on it, or raise.

    RequestOutOfDate means the roster no longer has the shifts the request moves,
    and RuleViolation that carrying it out breaks a rule.
    """
    roster = published_roster_on(context, request.day)
    check_request_current(context, roster, request)
    check_receivers_free(context, roster, request)
    check_change(context, roster, assignments_after(roster, request))
    return roster


def check_receivers_free(context: Context, roster: Roster, request: ShiftRequest) -> None:
    """Raise RuleViolation if someone would receive a shift on a day they already work.

    The roster is a set of assignments, so a received shift equal to one the
    person already has would merge with it, and the shift they gave away would
    vanish without the rule check ever seeing two shifts on one day.
    """
    given_away = request.moved_shifts()
    for employee_id, day, _ in sorted(received_shifts(request)):
        already_worked = [
            a
            for a in roster.assignments
            if a.employee_id == employee_id
            and a.day == day
            and (employee_id, day, a.shift_code) not in given_away
        ]
        if already_worked:
            raise RuleViolation(
                reason=context._(
                    N_("%(name)s already has a shift on %(day)s."),
                    name=_name(context, employee_id),
                    day=context.date(day),
                )
            )


def received_shifts(request: ShiftRequest) -> frozenset[tuple[int, dt.date, str]]:
    """Return the shifts this request gives to someone, as (employee id, day, shift code)."""
    if request.kind == RequestKind.TAKE:
        return frozenset({(request.requester_id, request.day, request.shift_code)})
    assert request.counterpart_id is not None
    shifts = {(request.counterpart_id, request.day, request.shift_code)}
    if request.counterpart_day is not None and request.counterpart_shift_code is not None:
        shifts.add((request.requester_id, request.counterpart_day, request.counterpart_shift_code))
    return frozenset(shifts)


def check_request_current(context: Context, roster: Roster, request: ShiftRequest) -> None:
    """Raise RequestOutOfDate unless the roster still has the shifts `request` moves."""
    reason = out_of_date_reason(context, roster, request)
    if reason is not None:
        raise RequestOutOfDate(reason=reason)


def out_of_date_reason(context: Context, roster: Roster, request: ShiftRequest) -> str | None:
    """Say why the roster no longer fits `request`, or return None while it still does.

    Without this check a request for a shift that has changed hands since, for
    example through another approved request, would be approved without moving
    anything, because `assignments_after` only removes and adds what is there.
    """
    for employee_id, day, code in sorted(request.moved_shifts()):
        if roster.shift_of(employee_id, day) != code:
            return context._(
                N_("%(name)s no longer has the %(code)s shift on %(day)s."),
                name=_name(context, employee_id),
                code=code,
                day=context.date(day),
            )
    if request.kind == RequestKind.TAKE and request.shift_code not in open_shifts(
        context, roster, request.day
    ):
        return context._(
            N_("the %(code)s shift on %(day)s is no longer open."),
            code=request.shift_code,
            day=context.date(request.day),
        )
    return None


def check_no_overlapping_request(context: Context, request: ShiftRequest) -> None:
    """Raise a UserError naming the open request that already moves one of these shifts."""
    for other in context.store.shift_requests.list_open(context.unit.id):
        if not request.overlaps(other):
            continue
        if other.requester_id == context.actor.id:
            raise UserError(
                N_(
                    "You already have an open request for this shift: %(request)s. Wait for it "
                    "to be decided, or withdraw it with «trekk tilbake %(id)s»."
                ),
                request=describe_request(context, other),
                id=other.id,
            )
        if not may_see_request(context, other):
            raise UserError(
                N_(
                    "The shift is already part of an open request from a colleague. "
                    "Wait until it is decided."
                )
            )
        raise UserError(
            N_(
                "The shift is already part of an open request: %(request)s. Wait until it is "
                "decided."
            ),
            request=describe_request(context, other),
        )


def check_rostered(context: Context, employee: Employee) -> None:
    """Raise a UserError if `employee` is outside the rota and so cannot be given a shift.

    A ward manager (avdelingsleder) works days outside the roster, so her working
    hours are not in it, and the rule check could not see whether a shift breaks her
    daily rest or her weekly hours (arbeidsmiljøloven §§ 10-4 and 10-8).
    """
    if employee.rostered:
        return
    if employee.id == context.actor.id:
        raise UserError(
            N_(
                "You are not in the rota, because your position is %(position)s. Your "
                "working hours are not in the roster, so the rules on rest and working hours "
                "cannot be checked for a shift you take. Ask a colleague in the rota to take "
                "it: «vis ventende bytter» lists the open shifts. To work shifts yourself, ask "
                "an administrator to change your position (stilling) in the HR file."
            ),
            position=context._(POSITION_NAMES[employee.position]),
        )
    raise UserError(
        N_(
            "%(name)s is not in the rota, because their position is %(position)s, so they "
            "cannot take over shifts. Write the name of a colleague in the rota instead."
        ),
        name=employee.name,
        position=context._(POSITION_NAMES[employee.position]),
    )


# --- proposals --------------------------------------------------------------------------


class RequestSwap:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        if not command.dates:
            raise UserError(
                N_(
                    "Which of your shifts do you want to swap? Write the day, "
                    "for example «bytte fredag med Ola»."
                )
            )
        if not command.person:
            raise UserError(
                N_(
                    "Who do you want to swap with? Write the colleague's name, "
                    "for example «bytte fredag med Ola»."
                )
            )
        colleague = resolve_colleague(context, command.person)
        check_rostered(context, colleague)
        day = command.dates[0].start
        roster = published_roster_on(context, day)
        my_code = shift_on(context, roster, context.actor, day, command.shift)
        request = ShiftRequest(
            0,
            context.unit.id,
            RequestKind.SWAP,
            RequestState.PENDING,
            context.actor.id,
            day,
            my_code,
            counterpart_id=colleague.id,
        )
        # «bytte med Kari» without Kari's day is a same-day swap: a swap always gives the
        # asker a shift back, and a shift given away to anyone is an offer instead.
        their_day = command.with_dates[0].start if command.with_dates else day
        if not command.with_dates and roster.shift_of(colleague.id, day) is None:
            raise which_shift_in_return(context, roster, colleague, request)
        their_code = shift_on(context, roster, colleague, their_day, None)
        if their_day == day and their_code == my_code:
            raise UserError(
                N_(
                    "You and %(name)s both have the %(code)s shift on %(day)s, so swapping "
                    "them changes nothing."
                ),
                name=colleague.name,
                code=my_code,
                day=context.date(day),
            )
        request = _with_counterpart_shift(request, their_day, their_code)
        readback = context._(
            N_(
                "Asking %(name)s to swap your %(mine)s shift on %(day)s for their "
                "%(theirs)s shift on %(their_day)s."
            ),
            name=colleague.name,
            mine=my_code,
            day=context.date(day),
            theirs=their_code,
            their_day=context.date(their_day),
        )
        check_no_overlapping_request(context, request)
        try:
            check_request_legal(context, request)
        except RuleViolation as refusal:
            takers = swap_takers(context, request)
            if takers:
                refusal.notes.append(takers)
            raise
        return Proposal(Intent.REQUEST_SWAP, readback, command, _request_data(request))

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        request = _request_from_data(context, proposal.data)
        check_no_overlapping_request(context, request)
        check_request_legal(context, request)
        stored = context.store.shift_requests.add(request, actor_id=context.actor.id)
        colleague = context.store.employees.get(stored.counterpart_id or 0)
        if colleague is None:
            raise NotFound(what=context._(N_("the colleague")))
        confirmation = Reply(
            context._(
                N_("Request #%(id)s sent to %(name)s. I will tell you when they answer."),
                id=stored.id,
                name=colleague.name,
            ),
            request_id=stored.id,
        )
        return Outcome((confirmation, _invitation(context, stored, colleague)))


# A question about the shift to get back lists the colleague's shifts this many days
# either side of the asker's shift.
SWAP_WINDOW_DAYS = 7


def which_shift_in_return(
    context: Context, roster: Roster, colleague: Employee, request: ShiftRequest
) -> UserError:
    """Return the question which of the colleague's shifts the asker wants for theirs.

    The colleague has no shift on the request's day, so the swap cannot be on the same
    day. The question names the colleague's coming shifts near that day in the published
    roster that pass the swap's own rule check. It gives an example in the form «bytte
    D-vakt 16. desember mot Kari sin A-vakt …».
    """
    day, my_code = request.day, request.shift_code
    about_the_day = {
        "name": colleague.name,
        "day": context.date(day),
        "mine": my_code,
        "short_day": context.translator.day_month(day),
    }
    their_shifts = [
        (other_day, code)
        for offset in range(-SWAP_WINDOW_DAYS, SWAP_WINDOW_DAYS + 1)
        if (other_day := day + dt.timedelta(days=offset)) >= context.today
        and roster.covers(other_day)
        and (code := roster.shift_of(colleague.id, other_day)) is not None
    ]
    if not their_shifts:
        return UserError(
            N_(
                "%(name)s has no shift on %(day)s or in the week before or after it, so there "
                "is no shift to swap with. To give your %(mine)s shift away, write «Kan noen "
                "ta vakta mi %(short_day)s?»."
            ),
            **about_the_day,
        )
    legal_shifts = legal_shifts_in_return(context, roster, request, their_shifts)
    if not legal_shifts:
        return UserError(
            N_(
                "%(name)s has no shift on %(day)s, and every swap with one of their shifts in "
                "the week before or after it would break a rule. To give your %(mine)s shift "
                "away, write «Kan noen ta vakta mi %(short_day)s?»."
            ),
            **about_the_day,
        )
    example_day, example_code = legal_shifts[0]
    return UserError(
        N_(
            "%(name)s has no shift on %(day)s, so you cannot swap shifts that day. Which of "
            "their shifts do you want in return for your %(mine)s shift? %(name)s works "
            "%(shifts)s. Write for example «Vil bytte %(mine_kind)s-vakt %(short_day)s mot "
            "%(name)s sin %(their_kind)s-vakt %(their_short_day)s»."
        ),
        name=colleague.name,
        day=context.date(day),
        mine=my_code,
        shifts=context.translator.join(
            [f"{code} {context.date(other_day)}" for other_day, code in legal_shifts]
        ),
        mine_kind=_kind_letter(context, my_code),
        short_day=context.translator.day_month(day),
        their_kind=_kind_letter(context, example_code),
        their_short_day=context.translator.day_month(example_day),
    )


def legal_shifts_in_return(
    context: Context,
    roster: Roster,
    request: ShiftRequest,
    their_shifts: list[tuple[dt.date, str]],
) -> list[tuple[dt.date, str]]:
    """Return the colleague's shifts that the swap `request` may give back to the asker.

    Each is checked as `check_request_legal` checks the swap itself: nobody receives a
    shift on a day they already work, and the roster after the swap breaks no rule.
    """
    checker = ChangeChecker(context.store, context.unit, roster)
    legal_shifts = []
    for their_day, their_code in their_shifts:
        swap = _with_counterpart_shift(request, their_day, their_code)
        try:
            check_receivers_free(context, roster, swap)
            check_change(context, roster, assignments_after(roster, swap), checker)
        except RuleViolation:
            continue
        legal_shifts.append((their_day, their_code))
    return legal_shifts


def _kind_letter(context: Context, code: str) -> str:
    """Return the letter the parser reads for the shift's kind (D, A, N or L), else the code."""
    kind = _kind_of(context, code)
    return kind.value if kind is not None else code


def swap_takers(context: Context, request: ShiftRequest) -> str:
    """Name the colleagues who could swap or take the requester's shift legally, or return "".

    Colleagues who work another shift that day come first, because a same-day swap
    keeps everyone's number of shifts. Then come those off that day, who could take it.
    """
    roster = published_roster_on(context, request.day)
    one_way = replace(
        request, counterpart_id=None, counterpart_day=None, counterpart_shift_code=None
    )
    # Managers are left out: one who takes the shift cannot approve the swap, and an
    # employee seldom means to swap with the person who decides it.
    names = [
        colleague.name
        for colleague in legal_takers(context, roster, one_way)
        if Role.MANAGER not in colleague.roles
    ]
    partners = [
        (colleague.name, code)
        for colleague, code in same_day_partners(context, roster, one_way)
        if Role.MANAGER not in colleague.roles
    ]
    sentences = [
        partners_sentence(context, request.day, partners),
        takers_sentence(context, request.day, names),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def same_day_partners(
    context: Context, roster: Roster, request: ShiftRequest
) -> list[tuple[Employee, str]]:
    """Return the colleagues with another shift on the request's day who could swap it legally.

    Each comes with their shift code. The swap must break no rule for either person.
    A colleague whose shift is part of an open request, or who waits for an answer
    to an absence request for that day, is left out.
    """
    checker = ChangeChecker(context.store, context.unit, roster)
    asking_for_absence = asking_for_absence_on(context, request.day)
    open_requests = context.store.shift_requests.list_open(context.unit.id)
    partners = []
    for colleague in context.store.employees.list_for_unit(context.unit.id):
        their_code = roster.shift_of(colleague.id, request.day)
        if their_code is None or their_code == request.shift_code:
            continue
        if not colleague.rostered or colleague.id in asking_for_absence:
            continue
        swap = replace(
            request,
            kind=RequestKind.SWAP,
            counterpart_id=colleague.id,
            counterpart_day=request.day,
            counterpart_shift_code=their_code,
        )
        if any(swap.overlaps(other) for other in open_requests):
            continue
        try:
            check_change(context, roster, assignments_after(roster, swap), checker)
        except RuleViolation:
            continue
        partners.append((colleague, their_code))
    return partners


def suggest_swap_takers(context: Context, command: ParsedCommand) -> str:
    """Name legal takers of the actor's shift on the command's day, or "" if none or no shift."""
    if not command.dates:
        return ""
    day = command.dates[0].start
    roster = context.store.rosters.covering(context.unit.id, day)
    code = roster.shift_of(context.actor.id, day) if roster else None
    if roster is None or code is None:
        return ""
    request = ShiftRequest(
        0, context.unit.id, RequestKind.SWAP, RequestState.PENDING, context.actor.id, day, code
    )
    return swap_takers(context, request)


def _with_counterpart_shift(request: ShiftRequest, day: dt.date, code: str) -> ShiftRequest:
    return replace(request, counterpart_day=day, counterpart_shift_code=code)


def _request_data(request: ShiftRequest) -> dict[str, object]:
    return {
        "kind": request.kind.value,
        "state": request.state.value,
        "requester_id": request.requester_id,
        "day": request.day.isoformat(),
        "shift_code": request.shift_code,
        "counterpart_id": request.counterpart_id,
        "counterpart_day": request.counterpart_day.isoformat() if request.counterpart_day else None,
        "counterpart_shift_code": request.counterpart_shift_code,
    }


def _request_from_data(context: Context, data: dict[str, object]) -> ShiftRequest:
    counterpart_day = data.get("counterpart_day")
    return ShiftRequest(
        id=0,
        unit_id=context.unit.id,
        kind=RequestKind(str(data["kind"])),
        state=RequestState(str(data["state"])),
        requester_id=int(str(data["requester_id"])),
        day=dt.date.fromisoformat(str(data["day"])),
        shift_code=str(data["shift_code"]),
        counterpart_id=int(str(data["counterpart_id"])) if data.get("counterpart_id") else None,
        counterpart_day=dt.date.fromisoformat(str(counterpart_day)) if counterpart_day else None,
        counterpart_shift_code=(
            str(data["counterpart_shift_code"]) if data.get("counterpart_shift_code") else None
        ),
    )


def _invitation(sender_context: Context, request: ShiftRequest, colleague: Employee) -> Reply:
    context = sender_context.for_recipient(colleague.id)
    text = context._(
        N_(
            "%(requester)s asks you: %(request)s. Do you accept? You can also write "
            "«ja til bytte %(id)s» or «nei til bytte %(id)s»."
        ),
        requester=context.actor.name,
        request=describe_request(context, request),
        id=request.id,
    )
    buttons = (
        Button(
            context._(N_("Accept")),
            ButtonPress(ButtonAction.ACCEPT, str(request.id)),
            ButtonStyle.PRIMARY,
        ),
        Button(
            context._(N_("Decline")),
            ButtonPress(ButtonAction.DECLINE, str(request.id)),
            ButtonStyle.DANGER,
        ),
    )
    return Reply(
        text,
        kind=ReplyKind.INVITATION,
        buttons=buttons,
        recipient_employee_id=colleague.id,
        request_id=request.id,
    )


class OfferShift:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        if not command.dates:
            raise UserError(
                N_(
                    "Which shift do you want to give away? Write the day, "
                    "for example «Kan noen ta vakta mi lørdag?»."
                )
            )
        day = command.dates[0].start
        roster = published_roster_on(context, day)
        code = shift_on(context, roster, context.actor, day, command.shift)
        request = ShiftRequest(
            0, context.unit.id, RequestKind.OFFER, RequestState.PENDING, context.actor.id, day, code
        )
        check_no_overlapping_request(context, request)
        readback = context._(
            N_("Offering your %(code)s shift on %(day)s to your colleagues."),
            code=code,
            day=context.date(day),
        )
        return Proposal(Intent.OFFER_SHIFT, readback, command, _request_data(request))

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        offer = _request_from_data(context, proposal.data)
        check_no_overlapping_request(context, offer)
        check_request_current(context, published_roster_on(context, offer.day), offer)
        request = context.store.shift_requests.add(offer, actor_id=context.actor.id)
        text = context._(
            N_(
                "Request #%(id)s: your %(code)s shift on %(day)s is offered. A colleague takes "
                "it by writing «jeg tar %(id)s»; then a manager decides."
            ),
            id=request.id,
            code=request.shift_code,
            day=context.date(request.day),
        )
        # The invited colleagues are stored, because those who could take the shift
        # change with the roster, and a closed offer is announced to these only.
        invited = legal_takers(context, published_roster_on(context, request.day), request)
        context.store.shift_requests.add_invitations(
            request.id, [colleague.id for colleague in invited], actor_id=context.actor.id
        )
        notices = _offer_notices(context, request, invited)
        if not notices and context.actor.has_role(Role.MANAGER):
            text += " " + context._(
                N_(
                    "Right now no colleague can take it without breaking a "
                    "rule, so the shift may need other cover."
                )
            )
        elif not notices:
            text += " " + context._(
                N_(
                    "Right now no colleague can take it without breaking a "
                    "rule, so ask your manager as well."
                )
            )
        return Outcome((Reply(text, request_id=request.id), *notices))


def _offer_notices(context: Context, request: ShiftRequest, invited: list[Employee]) -> list[Reply]:
    """Tell the invited colleagues, who could legally take the offered shift, about it."""
    notices = []
    for colleague in invited:
        to_colleague = context.for_recipient(colleague.id)
        text = to_colleague._(
            N_(
                "%(requester)s offers their %(code)s shift on %(day)s. Write «jeg tar %(id)s» "
                "to take it."
            ),
            requester=context.actor.name,
            code=request.shift_code,
            day=to_colleague.date(request.day),
            id=request.id,
        )
        notices.append(
            Reply(
                text,
                kind=ReplyKind.INVITATION,
                recipient_employee_id=colleague.id,
                request_id=request.id,
            )
        )
    return notices


def legal_takers(context: Context, roster: Roster, request: ShiftRequest) -> list[Employee]:
    """Return the colleagues who are free that day and could take the shift legally.

    The rule check leaves out those absent or unavailable for the shift. Those who
    wait for a manager's answer to an absence request for that day are left out too.
    """
    checker = ChangeChecker(context.store, context.unit, roster)
    asking_for_absence = asking_for_absence_on(context, request.day)
    takers = []
    for colleague in context.store.employees.list_for_unit(context.unit.id):
        if not colleague.rostered or colleague.id == request.requester_id:
            continue
        if roster.shift_of(colleague.id, request.day) or colleague.id in asking_for_absence:
            continue
        candidate = replace(request, counterpart_id=colleague.id)
        try:
            check_change(context, roster, assignments_after(roster, candidate), checker)
        except RuleViolation:
            continue
        takers.append(colleague)
    return takers


class TakeShift:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        check_rostered(context, context.actor)
        if command.request_id is not None:
            return self._propose_taking_offer(context, command, command.request_id)
        if not command.dates:
            raise UserError(
                N_(
                    "Which shift do you want to take? Write the day or the request "
                    "number, for example «jeg tar den ledige vakta 14. januar»."
                )
            )
        return self._propose_taking_by_date(context, command)

    def _propose_taking_offer(
        self, context: Context, command: ParsedCommand, request_id: int
    ) -> Proposal:
        request = access_request(context, request_id)
        if request.kind == RequestKind.OFFER and request.state == RequestState.OUTDATED:
            raise already_decided_refusal(context, request)
        if request.kind != RequestKind.OFFER or request.state != RequestState.PENDING:
            raise InvalidRequestState(
                request_id=request.id,
                state=context._(STATE_NAMES[request.state]),
                action=context._(N_("taken")),
            )
        if request.requester_id == context.actor.id:
            raise UserError(
                N_(
                    "You cannot take your own shift. Write «trekk tilbake %(id)s» to "
                    "withdraw the offer."
                ),
                id=request.id,
            )
        roster = published_roster_on(context, request.day)
        if roster.shift_of(context.actor.id, request.day) is not None:
            raise UserError(N_("You already work on %(day)s."), day=context.date(request.day))
        check_request_legal(context, replace(request, counterpart_id=context.actor.id))
        readback = context._(N_("Taking %(request)s."), request=describe_request(context, request))
        return Proposal(Intent.TAKE_SHIFT, readback, command, {"request_id": request.id})

    def _propose_taking_by_date(self, context: Context, command: ParsedCommand) -> Proposal:
        """Take the one shift on the day that a colleague offers or that the roster lacks.

        An offered shift («Kan noen ta vakta mi fredag?») is taken as with «jeg tar N».
        When the day has several, the error lists each one and what to write to take it.
        """
        day = command.dates[0].start
        roster = published_roster_on(context, day)
        if roster.shift_of(context.actor.id, day) is not None:
            raise UserError(N_("You already work on %(day)s."), day=context.date(day))
        offers = offers_on(context, day, command.shift, command.person)
        codes = [] if command.person else open_shifts(context, roster, day, command.shift)
        if len(offers) + len(codes) > 1:
            raise UserError(
                N_("There are several shifts to take on %(day)s. Write which one:\n%(choices)s"),
                day=context.date(day),
                choices="\n".join(take_choices(context, day, offers, codes)),
            )
        if offers:
            return self._propose_taking_offer(context, command, offers[0].id)
        if not codes:
            raise nothing_to_take(context, day, command.person)
        return self._propose_taking_open_shift(context, command, day, codes[0])

    def _propose_taking_open_shift(
        self, context: Context, command: ParsedCommand, day: dt.date, code: str
    ) -> Proposal:
        request = ShiftRequest(
            0,
            context.unit.id,
            RequestKind.TAKE,
            RequestState.ACCEPTED,
            context.actor.id,
            day,
            code,
        )
        check_no_overlapping_request(context, request)
        check_request_legal(context, request)
        readback = context._(
            N_("Asking to take the open %(code)s shift on %(day)s."),
            code=code,
            day=context.date(day),
        )
        return Proposal(Intent.TAKE_SHIFT, readback, command, _request_data(request))

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        if "request_id" in proposal.data:
            request = access_request(context, int(proposal.data["request_id"]))
            return take_offer(context, request)
        request = _request_from_data(context, proposal.data)
        check_no_overlapping_request(context, request)
        check_request_legal(context, request)
        stored = context.store.shift_requests.add(request, actor_id=context.actor.id)
        text = context._(N_("Request #%(id)s sent to your manager."), id=stored.id)
        return Outcome((Reply(text, request_id=stored.id), *approval_requests(context, stored)))


def offers_on(
    context: Context, day: dt.date, kind: ShiftKind | None, person: str | None
) -> list[ShiftRequest]:
    """Return the colleagues' pending offers of a shift on `day`, of `kind` and by `person`."""
    requester_id = resolve_employee(context, person).id if person else None
    return [
        request
        for request in context.store.shift_requests.list_open(context.unit.id)
        if request.kind == RequestKind.OFFER
        and request.state == RequestState.PENDING
        and request.day == day
        and request.requester_id != context.actor.id
        and (requester_id is None or request.requester_id == requester_id)
        and (kind is None or _kind_of(context, request.shift_code) == kind)
    ]


def take_choices(
    context: Context, day: dt.date, offers: list[ShiftRequest], codes: list[str]
) -> list[str]:
    """Return one line for each shift on `day` that can be taken, saying what to write for it."""
    lines = [
        "  • "
        + context._(
            N_("%(code)s offered by %(name)s: write «jeg tar %(id)s»"),
            code=offer.shift_code,
            name=_name(context, offer.requester_id),
            id=offer.id,
        )
        for offer in offers
    ]
    for code in codes:
        kind = _kind_of(context, code)
        # The parser reads a shift by its kind, written as the letter D, A, N or L.
        example = context._(
            N_("jeg tar den ledige %(kind)s-vakta %(day)s"),
            kind=kind.value if kind is not None else code,
            day=context.translator.short_date(day),
        )
        lines.append(
            "  • "
            + context._(N_("%(code)s, open: write «%(example)s»"), code=code, example=example)
        )
    return lines


def nothing_to_take(context: Context, day: dt.date, person: str | None) -> UserError:
    """Return the error for a day without an offered or open shift, with where to look instead."""
    if person:
        return UserError(
            N_(
                "%(name)s has not offered a shift on %(day)s. Write «vis ventende bytter» to "
                "see the shifts you can take."
            ),
            name=resolve_employee(context, person).name,
            day=context.date(day),
        )
    return UserError(
        N_(
            "No colleague offers a shift on %(day)s, and no shift is open then. Write «vis "
            "ventende bytter» to see the shifts you can take."
        ),
        day=context.date(day),
    )


# --- decisions ----------------------------------------------------------------------------


class DecideRequest:
    """approve_request / reject_request / cancel_request typed in the chat.

    The same words serve the colleague and the manager: «ja til bytte 12» accepts
    a swap addressed to you, and approves a request that waits for a manager.
    """

    def __init__(self, intent: Intent) -> None:
        self.intent = intent

    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        request = access_decided_request(context, self.intent, command.request_id)
        if request.kind == RequestKind.REPAIR:
            return self._propose_repair_decision(context, command, request)
        check_not_offer_as_swap(context, self.intent, request)
        event = event_for(context, self.intent, request)
        check_may_decide(context, request, event)
        reason = command.reason if event in REASONED_EVENTS else ""
        if reason:
            readback = context._(
                N_("Marking request %(request)s as %(event)s, with the reason «%(reason)s»."),
                request=describe_request(context, request),
                event=context._(EVENT_NAMES[event]),
                reason=reason,
            )
        else:
            readback = context._(
                N_("Marking request %(request)s as %(event)s."),
                request=describe_request(context, request),
                event=context._(EVENT_NAMES[event]),
            )
        if event == RequestEvent.APPROVE:
            opened = _opened_on_approval_sentence(context, request)
            readback = f"{readback} {opened}" if opened else readback
        return Proposal(
            self.intent,
            readback,
            command,
            {"request_id": request.id, "event": event.value, "reason": reason},
        )

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        request = access_request(context, int(proposal.data["request_id"]))
        reason = str(proposal.data.get("reason") or "")
        event = RequestEvent(proposal.data["event"])
        if request.kind == RequestKind.REPAIR:
            return decide_repair(context, request, event, reason=reason)
        return decide(context, request, event, reason=reason)

    def _propose_repair_decision(
        self, context: Context, command: ParsedCommand, request: ShiftRequest
    ) -> Proposal:
        """Read back a manager's «godkjenn N» or «avslå N» on a repair, with its changes."""
        event = REPAIR_EVENTS.get(self.intent, RequestEvent.CANCEL)
        reason = command.reason if event in REASONED_EVENTS else ""
        readback = repair_read_back(context, request, event)
        data = {"request_id": request.id, "event": event.value, "reason": reason}
        return Proposal(self.intent, readback, command, data)


# What a typed decision means for a repair, which waits for a manager only.
REPAIR_EVENTS = {
    Intent.APPROVE_REQUEST: RequestEvent.APPROVE,
    Intent.REJECT_REQUEST: RequestEvent.REJECT,
}


# The events whose reason is sent to the parties and kept as the request's note.
REASONED_EVENTS = frozenset({RequestEvent.REJECT, RequestEvent.DECLINE})

# Words that introduce the reason in «avslå 3 fordi bemanningen blir for svak»: bokmål,
# nynorsk and English. A colon or a dash after the request number does the same.
REASON_MARKERS = re.compile(
    r"\b(?:fordi|pga\.?|på grunn av|grunna|av di|sidan|ettersom|siden|because|since|"
    r"grunn(?:en)?(?: er)?:?|begrunnelse:?|grunngjeving:?|årsak(?:en)?(?: er)?:?|reason:?)"
    r"(?=\s)|\d\s*[:–—-](?=\s)",
    re.IGNORECASE,
)


def rejection_reason(text: str) -> str:
    """Return the reason written in a rejection, or "" if the message gives none.

    «Avslå 3 fordi bemanningen blir for svak» gives «bemanningen blir for svak».
    """
    match = REASON_MARKERS.search(text)
    if match is None:
        return ""
    reason = text[match.end() :].strip(" \t\n,.:;–—-")
    if reason.casefold().startswith(("at ", "that ")):
        reason = reason.split(" ", 1)[1]
    return reason[:MAX_REASON_LENGTH]


# A reason is cut to this many characters, so that a pasted text cannot flood the notices.
MAX_REASON_LENGTH = 500


def event_for(context: Context, intent: Intent, request: ShiftRequest) -> RequestEvent:
    """Return what «ja»/«nei»/«trekk tilbake» means for this actor and this request."""
    if intent == Intent.CANCEL_REQUEST:
        return RequestEvent.CANCEL
    addressed_to_actor = (
        request.state == RequestState.PENDING and request.counterpart_id == context.actor.id
    )
    if intent == Intent.APPROVE_REQUEST:
        return RequestEvent.ACCEPT if addressed_to_actor else RequestEvent.APPROVE
    return RequestEvent.DECLINE if addressed_to_actor else RequestEvent.REJECT


# The role that may apply each event, as named to someone without it.
_DECIDER_ROLES = {
    RequestEvent.APPROVE: ROLE_NAMES[Role.MANAGER],
    RequestEvent.REJECT: ROLE_NAMES[Role.MANAGER],
    RequestEvent.ACCEPT: N_("the colleague the request is for"),
    RequestEvent.DECLINE: N_("the colleague the request is for"),
    RequestEvent.CANCEL: N_("the person who asked"),
}


def check_may_decide(context: Context, request: ShiftRequest, event: RequestEvent) -> None:
    """Raise unless the actor may apply `event` to `request` in its current state.

    `access_request` has already hidden the requests the actor may not see. Of the
    rest, someone with no part in the request (a colleague and an offer) learns only
    that it is not theirs to decide, not its state. For the others the state is
    checked first: a request already decided cannot change for anyone, so that is
    the reason to give.
    """
    involved = context.actor.id in (request.requester_id, request.counterpart_id)
    is_manager = context.actor.has_role(Role.MANAGER)
    if event == RequestEvent.CANCEL and not involved and not is_manager:
        raise withdrawal_refusal(context, request.id)
    if not involved and not is_manager:
        raise PermissionDenied(role=context._(_DECIDER_ROLES.get(event, ROLE_NAMES[Role.MANAGER])))
    if not request.is_open:
        if request.state == RequestState.APPROVED and event == RequestEvent.CANCEL:
            refusal = approved_withdrawal_refusal(context, request)
            if refusal is not None and request.requester_id == context.actor.id:
                raise refusal
        raise already_decided_refusal(context, request)
    try:
        request.after(event)
    except InvalidTransition:
        raise InvalidRequestState(
            request_id=request.id,
            state=context._(STATE_NAMES[request.state]),
            action=context._(EVENT_NAMES[event]),
        ) from None
    manager_event = event in (RequestEvent.APPROVE, RequestEvent.REJECT)
    if (
        manager_event
        and request.state == RequestState.ACCEPTED
        and (not context.actor.has_role(Role.MANAGER))
    ):
        # Most often the colleague who accepted writes «ja» again, so the reply
        # explains what comes next.
        raise AwaitingManager(request_id=request.id)
    if manager_event:
        context.check_role(Role.MANAGER)
        check_not_party(context, request)
    addressed_to_actor = request.counterpart_id == context.actor.id
    if event in (RequestEvent.ACCEPT, RequestEvent.DECLINE) and not addressed_to_actor:
        raise PermissionDenied(role=context._(N_("the colleague the request is for")))
    if event == RequestEvent.CANCEL and request.requester_id != context.actor.id:
        if not is_manager:
            raise withdrawal_refusal(context, request.id)
        raise PermissionDenied(role=context._(N_("the person who asked")))


def check_not_party(context: Context, request: ShiftRequest) -> None:
    """Raise ManagerIsParty if the deciding manager asked for, takes or swaps a shift in `request`.

    Nobody decides their own request, so the reply names who can decide it instead.
    """
    if context.actor.id not in parties_of(request):
        return
    deciders = deciders_of(context, request)
    if deciders:
        raise ManagerIsParty(
            N_(
                "You are part of request #%(request_id)s yourself, so you cannot decide it. "
                "It is waiting for %(names)s."
            ),
            request_id=request.id,
            names=context.translator.join([decider.name for decider in deciders]),
        )
    raise ManagerIsParty(NO_DECIDER_TEXT, request_id=request.id, unit=context.unit.name)


# The message to a party of a request when nobody else in the unit can decide it.
NO_DECIDER_TEXT = N_(
    "You are part of request #%(request_id)s yourself, so you cannot decide it, and the unit "
    "has no other manager or administrator who can. Ask an administrator to give another "
    "employee of the unit the manager role with «vaktbot employee role NAME leder --unit "
    '"%(unit)s"». That person can then approve or reject it.'
)


def parties_of(request: ShiftRequest) -> frozenset[int]:
    """Return the ids of the requester and of the colleague who takes or swaps the shift."""
    return frozenset(
        party for party in (request.requester_id, request.counterpart_id) if party is not None
    )


def deciders_of(context: Context, request: ShiftRequest) -> list[Employee]:
    """Return who may decide `request`: the unit's managers who are no party to it.

    Without such a manager, the unit's administrators who are no party to it decide.
    The actor is left out, because the cards go to the others.
    """
    others = [
        employee
        for employee in context.store.employees.list_for_unit(context.unit.id)
        if employee.active
        and employee.id not in parties_of(request)
        and employee.id != context.actor.id
    ]
    managers = [employee for employee in others if Role.MANAGER in employee.roles]
    return managers or [employee for employee in others if Role.ADMIN in employee.roles]


def decide(
    context: Context, request: ShiftRequest, event: RequestEvent, reason: str = ""
) -> Outcome:
    """Apply `event` to `request` if the actor may; a rejection or a decline keeps its reason."""
    request = lock_request(context, request)
    check_may_decide(context, request, event)
    if reason and event in REASONED_EVENTS:
        return _transition(context, request, event, note=reason)
    return _transition(context, request, event)


def lock_request(context: Context, request: ShiftRequest) -> ShiftRequest:
    """Read `request` again under a row lock that lasts until the message's transaction ends.

    Of two people who decide the same request at once, the second waits here until
    the first has committed, and then finds the request decided, so that a swap is
    never applied twice. The caller checks the state of the returned request.
    """
    locked = context.store.shift_requests.get_for_update(request.id)
    if locked is None:
        raise NotFound(what=context._(N_("that request")))
    if locked.state != request.state:
        logger.info(
            "request %s became %s, decided by employee %s, while employee %s acted on it",
            locked.id,
            locked.state.value,
            locked.decided_by_id,
            context.actor.id,
        )
    return locked


def take_offer(context: Context, request: ShiftRequest) -> Outcome:
    """Make the actor the colleague who takes the offered shift, unless someone was first."""
    request = lock_request(context, request)
    if request.state == RequestState.ACCEPTED:
        raise offer_taken_refusal(request)
    if not request.is_open:
        raise already_decided_refusal(context, request)
    check_may_take_offer(context, request)
    return _transition(context, request, RequestEvent.ACCEPT, counterpart_id=context.actor.id)


def _transition(
    context: Context, request: ShiftRequest, event: RequestEvent, **changes: object
) -> Outcome:
    if request.absence_kind is not None:
        # Imported here, because core.actions.absence_requests imports this module.
        from core.actions.absence_requests import decide_absence

        return decide_absence(context, request, event, **changes)
    if request.kind == RequestKind.DATA_DELETION:
        # Imported here, because core.actions.deletion_requests imports this module.
        from core.actions.deletion_requests import decide_deletion

        return decide_deletion(context, request, event, **changes)
    updated = request.after(event, **changes)
    if event == RequestEvent.APPROVE:
        lock_published_roster(context, request.day)
    if event in (RequestEvent.ACCEPT, RequestEvent.APPROVE):
        try:
            check_request_legal(context, updated)
        except RequestOutOfDate:
            return outdate_request(context, request, checked=updated)
    if event in (RequestEvent.APPROVE, RequestEvent.REJECT):
        updated = replace(updated, decided_by_id=context.actor.id)
    if event == RequestEvent.APPROVE:
        apply_request(context, updated)
    context.store.shift_requests.update(updated, actor_id=context.actor.id)
    replies = notify_transition(context, updated, event)
    replies += notify_invited_of_closed_offer(context, request, updated, event)
    return Outcome(tuple(replies))


# The notices to the colleagues invited to take an offer that is no longer open to them.
OFFER_TAKEN_TEXT = N_(
    "%(requester)s's %(code)s shift on %(day)s, offered to you in request #%(id)s, can no "
    "longer be taken: another colleague has taken it."
)
OFFER_WITHDRAWN_TEXT = N_(
    "%(requester)s's %(code)s shift on %(day)s, offered to you in request #%(id)s, can no "
    "longer be taken: %(requester)s has withdrawn the offer."
)
OFFER_CLOSED_TEXTS = {
    RequestEvent.ACCEPT: OFFER_TAKEN_TEXT,
    RequestEvent.CANCEL: OFFER_WITHDRAWN_TEXT,
}


def notify_invited_of_closed_offer(
    context: Context, before: ShiftRequest, after: ShiftRequest, event: RequestEvent
) -> list[Reply]:
    """Tell the colleagues an offer was sent to that a take or a withdrawal closed it to them.

    Only an offer nobody had taken yet was still open to them. Its parties and the actor
    hear of the event through `notify_transition`, so they get no notice here.
    """
    text = OFFER_CLOSED_TEXTS.get(event)
    if before.kind != RequestKind.OFFER or before.state != RequestState.PENDING or text is None:
        return []
    invited_ids = context.store.shift_requests.invited_ids(after.id)
    return offer_closed_notices(context, after, text, invited_ids)


def offer_closed_notices(
    context: Context,
    request: ShiftRequest,
    text: str,
    invited_ids: Iterable[int],
    *,
    addition: Callable[[Context], str] | None = None,
) -> list[Reply]:
    """Return the notice `text` of a closed offer to each invited colleague, in their language.

    `text` takes the requester, shift code, day and request id. The parties and the actor
    hear of the offer otherwise, so they get none. `addition`, if given, returns what each
    notice ends with, written for its reader.
    """
    requester = context.store.employees.get(request.requester_id)
    already_notified = parties_of(request) | {context.actor.id}
    notices = []
    for colleague_id in invited_ids:
        if colleague_id in already_notified:
            continue
        to_colleague = context.for_recipient(colleague_id)
        message = to_colleague._(
            text,
            requester=requester.name if requester is not None else "?",
            code=request.shift_code,
            day=to_colleague.date(request.day),
            id=request.id,
        )
        if addition is not None:
            message += addition(to_colleague)
        notices.append(Reply(message, recipient_employee_id=colleague_id, request_id=request.id))
    return notices


def store_decision(
    context: Context, request: ShiftRequest, event: RequestEvent, **changes: object
) -> tuple[ShiftRequest, list[Reply]]:
    """Store `request` after a checked event that changes no roster, and tell those it concerns.

    A manager's approval or rejection records the manager as the decider. Returns the
    updated request and the notices of `notify_transition`.
    """
    updated = request.after(event, **changes)
    if event in (RequestEvent.APPROVE, RequestEvent.REJECT):
        updated = replace(updated, decided_by_id=context.actor.id)
    context.store.shift_requests.update(updated, actor_id=context.actor.id)
    return updated, notify_transition(context, updated, event)


def lock_published_roster(context: Context, day: dt.date) -> Roster:
    """Read the published roster with `day` again, under a row lock until the transaction ends.

    Two different requests may move the same shift, for example two takes of one open
    shift, so the lock on each request does not keep their approvals apart. Each
    approval locks the roster before it checks that the shifts are still where the
    request found them, so the second approval sees the first one's change.
    """
    roster = published_roster_on(context, day)
    locked = context.store.rosters.get_for_update(roster.id)
    if locked is None:
        raise NotFound(what=context._(N_("the published roster")))
    return locked


def outdate_request(context: Context, request: ShiftRequest, *, checked: ShiftRequest) -> Outcome:
    """Close a request whose shifts have changed hands, and tell the actor and the parties.

    `checked` is the request as the accept or approve event found it, for example
    with the colleague who takes an offer. The stored request keeps only the new
    state, and the reason in the actor's language as its note.
    """
    roster = published_roster_on(context, request.day)
    reason = out_of_date_reason(context, roster, checked) or ""
    outdated = request.after(RequestEvent.OUTDATE, note=reason)
    context.store.shift_requests.update(outdated, actor_id=context.actor.id)
    return Outcome(tuple(notify_outdated(context, outdated, checked, roster)))


def side_replies(outcome: Outcome) -> list[Reply]:
    """Return an outcome's replies as notices beside another reply, replacing no card pressed.

    A request closed as a side effect of another command still updates its cards
    through the decision's request id, but the pressed card shows that command's reply.
    """
    return [replace(reply, replace_original=False) for reply in outcome.replies]


def notify_outdated(
    context: Context, outdated: ShiftRequest, checked: ShiftRequest, roster: Roster
) -> list[Reply]:
    """Tell the actor and the parties that the request is out of date and changed nothing."""
    replies = [
        Reply(
            _outdated_text(context, outdated, checked, roster),
            kind=ReplyKind.DECISION,
            replace_original=True,
            request_id=outdated.id,
        )
    ]
    parties = {outdated.requester_id, outdated.counterpart_id} - {None, context.actor.id}
    for party_id in sorted(party for party in parties if party is not None):
        text = _outdated_text(context.for_recipient(party_id), outdated, checked, roster)
        replies.append(Reply(text, recipient_employee_id=party_id, request_id=outdated.id))
    return replies


def _outdated_text(
    context: Context, outdated: ShiftRequest, checked: ShiftRequest, roster: Roster
) -> str:
    moved_by = moving_decision(context, checked)
    if moved_by is not None:
        decider = context.store.employees.get(moved_by.decided_by_id or 0)
        text = MOVED_BY_TEXT if moved_by.absence_kind is None else OPENED_BY_TEXT
        return context._(
            text,
            request=describe_request(context, outdated),
            reason=out_of_date_reason(context, roster, checked) or "",
            moved_by=moved_by.id,
            absence=absence_name(context, moved_by.absence_kind) if moved_by.absence_kind else "",
            decider=decider_phrase(context, decider),
        )
    return outside_change_text(
        context,
        checked,
        description=describe_request(context, outdated),
        reason=out_of_date_reason(context, roster, checked) or "",
    )


# The reply on a request whose shift an approved request has moved, naming that decision.
MOVED_BY_TEXT = N_(
    "%(request)s: %(reason)s The shift was moved by request #%(moved_by)s, which %(decider)s "
    "approved. This request is therefore closed, and nothing in the roster was changed."
)
# The same for a shift that an approved absence request has opened.
OPENED_BY_TEXT = N_(
    "%(request)s: %(reason)s The shift was opened by request #%(moved_by)s for %(absence)s, "
    "which %(decider)s approved. This request is therefore closed, and nothing in the roster "
    "was changed."
)


def moving_decision(context: Context, request: ShiftRequest) -> ShiftRequest | None:
    """Return the approved request that took a shift `request` needs, the newest if several.

    A take needs the open shift, so a request that gave that shift to someone took it.
    The other kinds need the shifts they move, so a request that moved one of them, or
    an approved absence of its holder that opened it, took it. Returns None when no
    approved request did, for example when a repair or a planner changed the roster
    (see `core.actions.outside_changes`).
    """
    days = {request.day} | {day for _, day, _ in request.moved_shifts()}
    candidates = sorted(
        {
            other
            for day in days
            for other in context.store.shift_requests.list_approved_on(context.unit.id, day)
            if other.id != request.id and other.kind != RequestKind.REPAIR
        },
        key=lambda other: other.id,
        reverse=True,
    )
    for other in candidates:
        if took_shift_of(other, request):
            return other
    return None


def took_shift_of(approved: ShiftRequest, request: ShiftRequest) -> bool:
    """Tell whether carrying out `approved` took away a shift that `request` needs."""
    if approved.absence_kind is not None:
        # An absence opens its holder's shifts on its days and the night before them.
        covered = {day for days in approved.requested_ranges for day in days.days()}
        return any(
            employee_id == approved.requester_id
            and (day in covered or day + dt.timedelta(days=1) in covered)
            for employee_id, day, _ in request.moved_shifts()
        )
    if request.kind == RequestKind.TAKE:
        return any(
            (day, code) == (request.day, request.shift_code)
            for _, day, code in received_shifts(approved)
        )
    return bool(request.moved_shifts() & approved.moved_shifts())


def apply_request(context: Context, request: ShiftRequest) -> None:
    """Write an approved request into the published roster."""
    roster = published_roster_on(context, request.day)
    context.store.rosters.replace_assignments(
        roster.id, assignments_after(roster, request), actor_id=context.actor.id
    )


def notify_transition(context: Context, request: ShiftRequest, event: RequestEvent) -> list[Reply]:
    """Tell everyone a transition concerns: the actor, the parties and the managers."""
    replies = [
        Reply(
            _decision_text(context, request, event),
            kind=ReplyKind.DECISION,
            replace_original=True,
            request_id=request.id,
        )
    ]
    parties = {request.requester_id, request.counterpart_id} - {None, context.actor.id}
    for party_id in sorted(party for party in parties if party is not None):
        text = _decision_text(context.for_recipient(party_id), request, event)
        replies.append(Reply(text, recipient_employee_id=party_id, request_id=request.id))
    if event == RequestEvent.ACCEPT:
        replies.extend(approval_requests(context, request))
    return replies


def _decision_text(context: Context, request: ShiftRequest, event: RequestEvent) -> str:
    if event in REASONED_EVENTS and request.note:
        return context._(
            N_("%(request)s — %(event)s by %(name)s. Reason: «%(reason)s»"),
            request=describe_request(context, request),
            event=context._(EVENT_NAMES[event]),
            name=context.actor.name,
            reason=request.note,
        )
    return context._(
        N_("%(request)s — %(event)s by %(name)s."),
        request=describe_request(context, request),
        event=context._(EVENT_NAMES[event]),
        name=context.actor.name,
    )


def approval_requests(sender_context: Context, request: ShiftRequest) -> list[Reply]:
    """Send the request to those who may decide it, or tell its managers that nobody can.

    A manager who is a party to the request gets no card, because nobody decides
    their own request. When nobody else in the unit may decide it, each party who is
    a manager is told who must step in.
    """
    deciders = deciders_of(sender_context, request)
    if deciders:
        return [
            _approval_request(sender_context.for_recipient(decider.id), request, decider.id)
            for decider in deciders
        ]
    managers = [
        manager.id
        for manager in managers_of_unit(sender_context)
        if manager.id in parties_of(request)
    ]
    if sender_context.actor.has_role(Role.MANAGER):
        managers.append(sender_context.actor.id)
    replies = []
    for manager_id in sorted(set(managers)):
        context = sender_context.for_recipient(manager_id)
        recipient = None if manager_id == sender_context.actor.id else manager_id
        replies.append(
            Reply(
                context._(NO_DECIDER_TEXT, request_id=request.id, unit=context.unit.name),
                recipient_employee_id=recipient,
                request_id=request.id,
            )
        )
    return replies


def _approval_request(context: Context, request: ShiftRequest, manager_id: int) -> Reply:
    text = context._(
        N_("Waiting for your decision: %(request)s"), request=describe_request(context, request)
    )
    opened = _opened_on_approval_sentence(context, request)
    if opened:
        text = f"{text}. {opened}"
    buttons = (
        Button(
            context._(N_("Approve")),
            ButtonPress(ButtonAction.APPROVE, str(request.id)),
            ButtonStyle.PRIMARY,
        ),
        Button(
            context._(N_("Reject")),
            ButtonPress(ButtonAction.REJECT, str(request.id)),
            ButtonStyle.DANGER,
        ),
    )
    return Reply(
        text,
        kind=ReplyKind.APPROVAL,
        buttons=buttons,
        recipient_employee_id=manager_id,
        request_id=request.id,
    )


def _opened_on_approval_sentence(context: Context, request: ShiftRequest) -> str:
    """Name the published shifts that approving an absence request opens, or return "".

    For a deletion request, say instead what approving it deletes and what it keeps.
    """
    if request.kind == RequestKind.DATA_DELETION:
        return context._(
            N_(
                "Approving deletes the wishes of %(name)s and the days they have said they can "
                "or cannot work, and a day later the links to their chat users. Shifts, "
                "absences and the log of changes are kept (arbeidsmiljøloven § 10-7)."
            ),
            name=_name(context, request.requester_id),
        )
    if request.absence_kind is None:
        return ""
    shifts = published_shifts_on(context, request.requester_id, request.requested_ranges)
    if not shifts:
        return ""
    opened = context._(
        N_("%(name)s has published shifts on those days, and approving opens them: %(shifts)s."),
        name=_name(context, request.requester_id),
        shifts=shifts_phrase(context, shifts),
    )
    closing = requests_moving(context, shifts)
    if not closing:
        return opened
    return (
        opened
        + " "
        + context.translator.ngettext(
            "Approving also closes this waiting request for one of them: %(requests)s.",
            "Approving also closes these waiting requests for them: %(requests)s.",
            len(closing),
            requests=context.translator.join([describe_request(context, r) for r in closing]),
        )
    )


def requests_moving(context: Context, shifts: list[Assignment]) -> list[ShiftRequest]:
    """Return the unit's open requests that move one of `shifts`, which their removal closes."""
    moved = {(shift.employee_id, shift.day, shift.shift_code) for shift in shifts}
    return [
        request
        for request in context.store.shift_requests.list_open(context.unit.id)
        if request.moved_shifts() & moved
    ]


BUTTON_EVENTS = {
    ButtonAction.ACCEPT: RequestEvent.ACCEPT,
    ButtonAction.DECLINE: RequestEvent.DECLINE,
    ButtonAction.APPROVE: RequestEvent.APPROVE,
    ButtonAction.REJECT: RequestEvent.REJECT,
}


def decide_by_button(context: Context, press: ButtonPress) -> Outcome:
    """Carry out a button press on a request card; the press itself is the confirmation."""
    try:
        request_id = int(press.value)
    except ValueError:
        raise NotFound(what=context._(N_("that request"))) from None
    request = access_request(context, request_id)
    event = BUTTON_EVENTS[press.action]
    if request.kind == RequestKind.REPAIR:
        return decide_repair(context, request, event)
    if event == RequestEvent.ACCEPT and request.kind == RequestKind.OFFER:
        return take_offer(context, request)
    return decide(context, request, event)


def check_may_take_offer(context: Context, request: ShiftRequest) -> None:
    if request.requester_id == context.actor.id:
        raise UserError(N_("You cannot take your own shift."))
    check_rostered(context, context.actor)


class ListRequests:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        if context.actor.has_role(Role.MANAGER):
            requests = context.store.shift_requests.list_open(context.unit.id)
        else:
            requests = [
                r
                for r in context.store.shift_requests.list_for_employee(context.actor.id)
                if r.is_open and r.kind != RequestKind.REPAIR
            ]
        offers = [
            r
            for r in context.store.shift_requests.list_open(context.unit.id)
            if r.kind == RequestKind.OFFER and r.state == RequestState.PENDING and r not in requests
        ]
        sections = []
        if requests:
            sections.append(
                [
                    context._(N_("Waiting requests:")),
                    *[describe_request(context, request) for request in requests],
                ]
            )
        if offers:
            sections.append(
                [
                    context._(N_("Shifts colleagues offer (write «jeg tar N»):")),
                    *[describe_request(context, offer) for offer in offers],
                ]
            )
        open_lines = open_shift_lines(context)
        if open_lines:
            sections.append([context._(N_("Open shifts in the next two weeks:")), *open_lines])
        if not sections:
            return Outcome(
                (
                    Reply(
                        context._(
                            N_(
                                "No requests are waiting, and no shift is "
                                "open in the next two weeks."
                            )
                        )
                    ),
                )
            )
        return Outcome((Reply("\n\n".join("\n".join(section) for section in sections)),))


# Open shifts are listed this many days ahead.
OPEN_SHIFT_DAYS = 14


def open_shift_lines(context: Context) -> list[str]:
    """List the open shifts of the next two weeks, e.g. «D fredag 8. januar».

    A shift that lacks more than one person has the count after it: «D fredag 8. januar
    (2 ledige)».
    """
    lines = []
    for offset in range(OPEN_SHIFT_DAYS):
        day = context.today + dt.timedelta(days=offset)
        roster = context.store.rosters.covering(context.unit.id, day)
        if roster is None:
            continue
        for code, count in open_shift_counts(context, roster, day):
            shift = f"{code} {context.date(day)}"
            if count > 1:
                shift = context.translator.ngettext(
                    "%(shift)s (%(count)s open)", "%(shift)s (%(count)s open)", count, shift=shift
                )
            lines.append(shift)
    return lines
