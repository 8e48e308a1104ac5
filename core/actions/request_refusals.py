"""Rejections of «godkjenn N», «ja til bytte N» and «trekk tilbake N», with what to write instead.

A request number that does not fit what the sender may do gets a reply naming
what is wrong (an offer is no swap, an approved request is settled, only the
unit's manager decides, someone else decided it first) and a message that does work.
"""

from __future__ import annotations

import datetime as dt

from core.actions.contradictions import WITHDRAWAL_EXAMPLES
from core.actions.phrases import absence_name, dates_phrase
from core.commands import AbsenceKind, Intent
from core.context import Context, decider_phrase
from core.employees import Role
from core.errors import InvalidRequestState, PermissionDenied, UserError
from core.i18n import N_
from core.shift_requests import RequestKind, RequestState, ShiftRequest

# The question when a decision names no request number, with that decision as its example.
WHICH_REQUEST_QUESTIONS = {
    Intent.APPROVE_REQUEST: N_(
        "Which request do you want to approve? Write its number, for example «Godkjenn 42». "
        "«Vis ventende bytter» lists them."
    ),
    Intent.REJECT_REQUEST: N_(
        "Which request do you want to reject? Write its number, for example «Avslå 42». "
        "«Vis ventende bytter» lists them."
    ),
    Intent.CANCEL_REQUEST: N_(
        "Which request do you want to withdraw? Write its number, for example "
        "«Trekk tilbake 42». «Vis ventende bytter» lists them."
    ),
}
WHICH_REQUEST_QUESTION = N_(
    "Which request? Write its number, for example «Godkjenn 42». «Vis ventende bytter» lists them."
)

# The refusal of a decision by someone who is not the unit's manager, for a request
# the sender may not see. It is the same whether the request exists or not, and it
# does not repeat «ja til bytte N» to someone who has just written it.
MANAGER_ONLY_TEXTS = {
    Intent.APPROVE_REQUEST: N_(
        "There is no request #%(request_id)s for you to answer. «Vis ventende bytter» lists "
        "the requests you can answer, with their numbers. Other requests are approved by the "
        "manager of %(unit)s."
    ),
    Intent.REJECT_REQUEST: N_(
        "There is no request #%(request_id)s for you to answer. «Vis ventende bytter» lists "
        "the requests you can answer, with their numbers. Other requests are rejected by the "
        "manager of %(unit)s."
    ),
}


def which_request_question(intent: Intent) -> str:
    """Return the msgid of the question for a missing request number, with `intent` as example."""
    return WHICH_REQUEST_QUESTIONS.get(intent, WHICH_REQUEST_QUESTION)


def manager_only_refusal(context: Context, intent: Intent, request_id: int) -> UserError | None:
    """Return the refusal for a decision on a request the sender may not see, if it is one.

    A manager gets None, so that the caller raises NotFound instead.
    """
    if context.actor.has_role(Role.MANAGER):
        return None
    if intent == Intent.CANCEL_REQUEST:
        return withdrawal_refusal(context, request_id)
    if intent not in MANAGER_ONLY_TEXTS:
        return None
    return PermissionDenied(
        MANAGER_ONLY_TEXTS[intent], request_id=request_id, unit=context.unit.name
    )


def withdrawal_refusal(context: Context, request_id: int) -> UserError:
    """Return the refusal of «trekk tilbake N» for a request that the sender did not make.

    It names the sender's own waiting requests, which they may withdraw, or else how to
    withdraw a registered absence. It is the same whether request N exists or not and
    whatever its kind, repairs included.
    """
    refusal = PermissionDenied(
        N_("There is no request #%(request_id)s of yours to withdraw."), request_id=request_id
    )
    own = own_waiting_requests(context)
    if own:
        refusal.notes.append(
            context.translator.ngettext(
                "You can withdraw your own waiting request %(numbers)s: write «trekk tilbake "
                "%(example_id)s».",
                "You can withdraw your own waiting requests %(numbers)s: write for example "
                "«trekk tilbake %(example_id)s».",
                len(own),
                numbers=context.translator.join([f"#{request.id}" for request in own]),
                example_id=own[0].id,
            )
        )
    else:
        refusal.notes.append(
            context._(
                N_(
                    "You have no waiting requests at all. To withdraw a registered absence, "
                    "write its kind and day, for example «%(example)s»."
                ),
                example=absence_withdrawal_example(context),
            )
        )
    return refusal


def absence_withdrawal_example(context: Context) -> str:
    """Return a withdrawal of the sender's next registered absence, or of a course tomorrow."""
    absences = context.store.absences.list_absences(employee_id=context.actor.id)
    coming = sorted(
        (absence for absence in absences if absence.days.end >= context.today),
        key=lambda absence: absence.days.start,
    )
    if not coming:
        kind, day = AbsenceKind.COURSE, context.today + dt.timedelta(days=1)
    else:
        kind, day = coming[0].kind, max(coming[0].days.start, context.today)
    return context._(WITHDRAWAL_EXAMPLES[kind], day=context.translator.day_month(day))


def own_waiting_requests(context: Context) -> list[ShiftRequest]:
    """Return the sender's own requests that still wait, which «trekk tilbake N» withdraws.

    A repair names the absent employee as its requester, but vaktbot made it, so it
    is left out.
    """
    requests = context.store.shift_requests.list_for_employee(context.actor.id, open_only=True)
    return [
        request
        for request in requests
        if request.requester_id == context.actor.id and request.kind != RequestKind.REPAIR
    ]


# The rejection of «ja til bytte N» or «nei til bytte N» on a shift a colleague gives away.
OFFER_AS_SWAP_TEXTS = {
    Intent.APPROVE_REQUEST: N_(
        "Request #%(request_id)s is not a swap: %(name)s gives away the %(code)s shift on "
        "%(day)s. To take it, write «jeg tar %(request_id)s»."
    ),
    Intent.REJECT_REQUEST: N_(
        "Request #%(request_id)s is not a swap: %(name)s gives away the %(code)s shift on "
        "%(day)s, so you need not answer it. To take it, write «jeg tar %(request_id)s»."
    ),
}


def check_not_offer_as_swap(context: Context, intent: Intent, request: ShiftRequest) -> None:
    """Raise UserError when a colleague answers an offered shift as if it were a swap for them.

    «ja til bytte 6» and «nei til bytte 6» answer a swap, but an offer is taken with
    «jeg tar 6», and nobody needs to say no to it.
    """
    if intent not in OFFER_AS_SWAP_TEXTS or request.kind != RequestKind.OFFER:
        return
    if request.state != RequestState.PENDING or request.requester_id == context.actor.id:
        return
    if context.actor.has_role(Role.MANAGER):
        return
    giver = context.store.employees.get(request.requester_id)
    raise UserError(
        OFFER_AS_SWAP_TEXTS[intent],
        request_id=request.id,
        name=giver.name if giver is not None else "?",
        code=request.shift_code,
        day=context.date(request.day),
    )


def approved_withdrawal_refusal(context: Context, request: ShiftRequest) -> UserError | None:
    """Return the refusal to withdraw an approved request, with what undoes it instead.

    Returns None for a kind of request that the sender cannot undo by a message.
    """
    if request.absence_kind is not None:
        return _approved_absence_refusal(context, request)
    if request.kind == RequestKind.TAKE:
        return UserError(
            N_(
                "Request #%(request_id)s is already approved, so the %(code)s shift on %(day)s "
                "is yours. To give it away, write «%(example)s»."
            ),
            request_id=request.id,
            code=request.shift_code,
            day=context.date(request.day),
            example=_offer_example(context, request.day),
        )
    if request.kind == RequestKind.SWAP and request.counterpart_day is not None:
        colleague = context.store.employees.get(request.counterpart_id or 0)
        return UserError(
            N_(
                "Request #%(request_id)s is already approved, so the shifts are swapped in the "
                "roster. To swap back, ask for a new swap, for example «%(example)s»."
            ),
            request_id=request.id,
            example=context._(
                N_("bytte %(day)s med %(name)s"),
                day=context.translator.day_month(request.counterpart_day),
                name=colleague.name if colleague is not None else "?",
            ),
        )
    if request.kind not in (RequestKind.SWAP, RequestKind.OFFER):
        return None
    taker = context.store.employees.get(request.counterpart_id or 0)
    return UserError(
        N_(
            "Request #%(request_id)s is already approved, so %(name)s has your %(code)s shift "
            "on %(day)s now. Only %(name)s can give it back, by writing «%(example)s». Then "
            "write «jeg tar» and the number of that offer."
        ),
        request_id=request.id,
        name=taker.name if taker is not None else "?",
        code=request.shift_code,
        day=context.date(request.day),
        example=_offer_example(context, request.day),
    )


def _approved_absence_refusal(context: Context, request: ShiftRequest) -> UserError:
    """Return the refusal for an approved absence request: its days are withdrawn by the day."""
    assert request.absence_kind is not None
    ranges = request.requested_ranges
    coming = [day for days in ranges for day in days.days() if day >= context.today]
    if not coming:
        return UserError(
            N_(
                "Request #%(request_id)s is already approved, and its days %(dates)s have "
                "passed. Ask your manager if they must be corrected."
            ),
            request_id=request.id,
            dates=dates_phrase(context, ranges),
        )
    first_day = coming[0]
    return UserError(
        N_(
            "Request #%(request_id)s is already approved, so %(absence)s is registered "
            "%(dates)s. To withdraw days of it, write for example «%(example)s»."
        ),
        request_id=request.id,
        absence=absence_name(context, request.absence_kind),
        dates=dates_phrase(context, ranges),
        example=context._(
            WITHDRAWAL_EXAMPLES[request.absence_kind],
            day=context.translator.day_month(first_day),
        ),
    )


def _offer_example(context: Context, day: dt.date) -> str:
    return context._(N_("Kan noen ta vakta mi %(day)s?"), day=context.translator.day_month(day))


# The refusal of a decision on a request that a manager has decided already, naming
# the manager. The second of two managers who decide at once gets it too.
DECIDED_BY_TEXTS = {
    RequestState.APPROVED: N_(
        "Request #%(request_id)s is already approved by %(decider)s. Nothing more was changed."
    ),
    RequestState.REJECTED: N_(
        "Request #%(request_id)s is already rejected by %(decider)s. Nothing was changed."
    ),
}
DECIDED_BY_ACTOR_TEXTS = {
    RequestState.APPROVED: N_(
        "You have already approved request #%(request_id)s. Nothing more was changed."
    ),
    RequestState.REJECTED: N_(
        "You have already rejected request #%(request_id)s. Nothing was changed."
    ),
}
# The refusal for the other closed states, which name the role that closed the request.
CLOSED_TEXTS = {
    RequestState.DECLINED: N_(
        "Request #%(request_id)s is already declined by the colleague it was for. Nothing was "
        "changed."
    ),
    RequestState.CANCELLED: N_(
        "Request #%(request_id)s is already withdrawn by the person who asked. Nothing was changed."
    ),
    RequestState.OUTDATED: N_(
        "Request #%(request_id)s is already closed, because the shifts it moves changed hands. "
        "Nothing was changed."
    ),
}


def already_decided_refusal(context: Context, request: ShiftRequest) -> UserError:
    """Return the refusal of a decision on a closed request, saying who closed it.

    A manager's decision names the manager with their role, because the managers of
    a unit see each other's decisions on the request cards anyway. An out-of-date
    request names what took its shift. The other states name the role only: the
    colleague or the person who asked.
    """
    if request.state == RequestState.OUTDATED and request.kind != RequestKind.REPAIR:
        # Imported here, because core.actions.shift_requests imports this module.
        from core.actions.outdated_requests import outdated_refusal

        return outdated_refusal(context, request)
    if request.state not in DECIDED_BY_TEXTS:
        text = CLOSED_TEXTS.get(request.state, CLOSED_TEXTS[RequestState.OUTDATED])
        return InvalidRequestState(text, request_id=request.id)
    if request.decided_by_id == context.actor.id:
        return InvalidRequestState(DECIDED_BY_ACTOR_TEXTS[request.state], request_id=request.id)
    decider = context.store.employees.get(request.decided_by_id or 0)
    return InvalidRequestState(
        DECIDED_BY_TEXTS[request.state],
        request_id=request.id,
        decider=decider_phrase(context, decider),
    )


def offer_taken_refusal(request: ShiftRequest) -> UserError:
    """Return the refusal to take an offer that a colleague has taken, without naming them."""
    return InvalidRequestState(
        N_(
            "Request #%(request_id)s is already taken by a colleague, and a manager decides it "
            "now. «Vis ventende bytter» lists the shifts you can still take."
        ),
        request_id=request.id,
    )
