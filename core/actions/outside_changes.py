"""Changes to the published roster made outside shift requests, named when they outdate one.

A request is out of date when a shift it needs has changed hands. When no approved
request did that (`core.actions.shift_requests.moving_decision`), the change came
from an approved repair proposal, from an absence registered at once (a sick report,
or a course over a night already under way), or from the planner editing the roster.
"""

from __future__ import annotations

import datetime as dt

from core.absences import HEALTH_ABSENCES, Absence
from core.actions.phrases import absence_name
from core.commands import DateRange
from core.context import Context, decider_phrase
from core.i18n import N_
from core.rosters import RosterDifference
from core.shift_requests import RequestKind, ShiftRequest

# The reply on a request whose shift an approved repair proposal has moved.
REPAIRED_BY_TEXT = N_(
    "%(request)s: %(reason)s The shift was moved by repair proposal #%(repair)s, which "
    "%(decider)s approved. This request is therefore closed, and nothing in the roster was "
    "changed."
)
# The same for a shift that a registered absence of its holder has opened.
ABSENCE_OPENED_TEXT = N_(
    "%(request)s: %(reason)s The shift was opened when %(name)s registered %(absence)s. This "
    "request is therefore closed, and nothing in the roster was changed."
)
# The same for sick leave, which names no health detail, because colleagues read it too: the
# other party of a request, and everyone whose card of the request shows the decision.
ABSENCE_OPENED_NEUTRAL_TEXT = N_(
    "%(request)s: %(reason)s The shift was opened when %(name)s registered an absence. This "
    "request is therefore closed, and nothing in the roster was changed."
)
# The same when neither a request, a repair nor an absence explains the change.
PLANNER_CHANGED_TEXT = N_(
    "%(request)s: %(reason)s The planner has changed the roster since the request was made. "
    "This request is therefore closed, and nothing in the roster was changed."
)


def outside_change_text(
    context: Context, request: ShiftRequest, *, description: str, reason: str
) -> str:
    """Return the out-of-date reply that names the change outside requests that moved a shift.

    `description` names the outdated request and `reason` names the shift that changed.
    """
    repair = moving_repair(context, request)
    if repair is not None:
        decider = context.store.employees.get(repair.decided_by_id or 0)
        return context._(
            REPAIRED_BY_TEXT,
            request=description,
            reason=reason,
            repair=repair.id,
            decider=decider_phrase(context, decider),
        )
    absence = opening_absence(context, request)
    if absence is not None:
        holder = context.store.employees.get(absence.employee_id)
        name = holder.name if holder is not None else "?"
        if absence.kind in HEALTH_ABSENCES:
            return context._(
                ABSENCE_OPENED_NEUTRAL_TEXT, request=description, reason=reason, name=name
            )
        return context._(
            ABSENCE_OPENED_TEXT,
            request=description,
            reason=reason,
            name=name,
            absence=absence_name(context, absence.kind),
        )
    return context._(PLANNER_CHANGED_TEXT, request=description, reason=reason)


def moving_repair(context: Context, request: ShiftRequest) -> ShiftRequest | None:
    """Return the newest approved repair proposal that took a shift `request` needs."""
    days = {request.day} | {day for _, day, _ in request.moved_shifts()}
    repairs = sorted(
        {
            other
            for day in days
            for other in context.store.shift_requests.list_approved_on(context.unit.id, day)
            if other.kind == RequestKind.REPAIR
        },
        key=lambda other: other.id,
        reverse=True,
    )
    for repair in repairs:
        changes = context.store.shift_requests.repair_changes(repair.id)
        if any(repair_took_shift(change, request) for change in changes):
            return repair
    return None


def repair_took_shift(change: RosterDifference, request: ShiftRequest) -> bool:
    """Tell whether a repair's change took a shift `request` needs.

    A take needs the open shift, so a change that gives someone that shift took it.
    The other kinds need the shifts they move, so a change of one of those took it.
    """
    if request.kind == RequestKind.TAKE:
        return (change.day, change.new_shift_code) == (request.day, request.shift_code)
    return (change.employee_id, change.day, change.old_shift_code) in request.moved_shifts()


def opening_absence(context: Context, request: ShiftRequest) -> Absence | None:
    """Return a registered absence of the holder of a shift `request` moves, covering that shift.

    An absence covers a shift on one of its days, and a night from the evening before
    its first day, because registering the absence opens both.
    """
    night_codes = {
        shift_type.code
        for shift_type in context.store.organisations.shift_types(context.unit.id)
        if shift_type.crosses_midnight
    }
    for employee_id, day, code in sorted(request.moved_shifts()):
        next_day = day + dt.timedelta(days=1)
        absences = context.store.absences.list_absences(
            employee_id=employee_id, within=DateRange(day, next_day)
        )
        for absence in absences:
            if day in absence.days or (code in night_codes and next_day in absence.days):
                return absence
    return None
