"""Why an out-of-date request was closed, for a later message that names its number.

A request closes as out of date when a shift it needs changes hands: through an
approved request or absence request, an approved repair proposal, a registered
absence, or the planner's edit. Someone who later writes «trekk tilbake N» or
«jeg tar N» for it is told that it is closed already, and by what.
"""

from __future__ import annotations

from core.absences import HEALTH_ABSENCES
from core.actions.outside_changes import moving_repair, opening_absence
from core.actions.phrases import absence_name
from core.actions.shift_requests import moving_decision, out_of_date_reason
from core.context import Context, decider_phrase
from core.errors import InvalidRequestState, UserError
from core.i18n import N_
from core.shift_requests import ShiftRequest

OUTDATED_TEXT = N_(
    "Request #%(request_id)s is already closed: %(reason)s %(cause)s Nothing was changed."
)
OUTDATED_NOTE_TEXT = N_(
    "Request #%(request_id)s is already closed: %(reason)s Nothing was changed."
)

# The cause that took the shift, by the kind of change. A registered sick leave is named only
# as an absence, because the requests of a shift have colleagues as parties.
OPENED_BY_REQUEST_CAUSE = N_(
    "The shift was opened by request #%(id)s for %(absence)s, which %(decider)s approved."
)
MOVED_BY_REQUEST_CAUSE = N_("The shift was moved by request #%(id)s, which %(decider)s approved.")
MOVED_BY_REPAIR_CAUSE = N_(
    "The shift was moved by repair proposal #%(id)s, which %(decider)s approved."
)
OPENED_BY_ABSENCE_CAUSE = N_("The shift was opened when %(name)s registered %(absence)s.")
OPENED_BY_HEALTH_ABSENCE_CAUSE = N_("The shift was opened when %(name)s registered an absence.")
PLANNER_CAUSE = N_("The planner has changed the roster since the request was made.")


def outdated_refusal(context: Context, request: ShiftRequest) -> UserError:
    """Return the refusal of an action on an out-of-date request, naming what took its shift.

    The shift is described as the roster has it now. A request that the roster still
    fits is described by the reason stored when it closed.
    """
    roster = context.store.rosters.covering(context.unit.id, request.day)
    reason = out_of_date_reason(context, roster, request) if roster is not None else None
    if reason is None and request.note:
        # The roster still fits, so something else closed the request, such as an absence
        # of the employee it would give a shift, and the stored reason names it.
        return InvalidRequestState(OUTDATED_NOTE_TEXT, request_id=request.id, reason=request.note)
    return InvalidRequestState(
        OUTDATED_TEXT,
        request_id=request.id,
        reason=reason or request.note,
        cause=closing_cause(context, request),
    )


def closing_cause(context: Context, request: ShiftRequest) -> str:
    """Name the approved request, repair, absence or planner's edit that took the shift."""
    moved_by = moving_decision(context, request)
    if moved_by is not None:
        decider = decider_phrase(context, context.store.employees.get(moved_by.decided_by_id or 0))
        if moved_by.absence_kind is not None:
            return context._(
                OPENED_BY_REQUEST_CAUSE,
                id=moved_by.id,
                absence=absence_name(context, moved_by.absence_kind),
                decider=decider,
            )
        return context._(MOVED_BY_REQUEST_CAUSE, id=moved_by.id, decider=decider)
    repair = moving_repair(context, request)
    if repair is not None:
        decider = decider_phrase(context, context.store.employees.get(repair.decided_by_id or 0))
        return context._(MOVED_BY_REPAIR_CAUSE, id=repair.id, decider=decider)
    absence = opening_absence(context, request)
    if absence is None:
        return context._(PLANNER_CAUSE)
    holder = context.store.employees.get(absence.employee_id)
    name = holder.name if holder is not None else "?"
    if absence.kind in HEALTH_ABSENCES:
        return context._(OPENED_BY_HEALTH_ABSENCE_CAUSE, name=name)
    return context._(
        OPENED_BY_ABSENCE_CAUSE, name=name, absence=absence_name(context, absence.kind)
    )
