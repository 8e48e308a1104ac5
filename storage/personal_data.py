"""Everything stored about one employee, decrypted, as JSON-ready data (GDPR art. 15 and 20)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from core.absences import (
    ABSENCE_REQUEST_STATUSES,
    Absence,
    Availability,
    RemovedShift,
    Unavailability,
    Wish,
)
from core.commands import DateRange
from core.employees import Employee
from core.file_offers import WaitingFile
from core.rosters import Assignment, Roster
from core.shift_requests import ShiftRequest
from storage.errors import NotFoundError
from storage.request_cards import RequestCard
from storage.values import AuditEntry, ChatIdentity, PendingDialogue

if TYPE_CHECKING:
    from storage.store import Store

FORMAT_VERSION = 2


def export_personal_data(store: Store, employee_id: int) -> dict[str, Any]:
    """Return the employee's data; raise NotFoundError if there is no such employee.

    The sections are: employee (profile, roles, chosen reply language), absences,
    removed_shifts (planned shifts an absence took out of a published roster, with the
    worked minutes that lower the hours target), unavailability, availability, wishes,
    requests (shift requests made, received or decided),
    absence_requests (for vacation, leave or time off in lieu; made or decided),
    assignments (in any roster), chat_links (without conversation references, which
    are platform tokens),
    request_cards (cards with buttons posted to the employee and not yet updated with
    a decision; which request, where and when, without the platform's message ids),
    file_offers (files waiting for the employee to accept them in a chat; name, size
    and times, without the content, which is a roster or an export like this one),
    pending_dialogues and audit (entries about or by the employee). Dates and times
    are ISO 8601 strings, times in UTC.

    An absence request's state is its status for the requester: waiting (for a
    manager), approved, rejected or withdrawn. The chat command «eksporter mine
    data» adds state_text, that status in the employee's language.

    Format versions (format_version):
    1: absence requests are among requests, and one waiting for a manager has the
       state accepted.
    2: absence requests have their own section, absence_requests, with these four
       statuses. A shift request's state is still a state of `core.shift_requests`
       (pending, accepted, approved, …).
    """
    employee = store.employees.get(employee_id)
    if employee is None:
        raise NotFoundError("employee", employee_id)
    unit = store.organisations.get_unit(employee.unit_id)
    requests = store.shift_requests.list_involving(employee_id)
    return {
        "format_version": FORMAT_VERSION,
        "employee": {
            **profile_json(employee, unit.name if unit else None),
            "chosen_language": store.languages.chosen(employee_id),
        },
        "absences": [
            absence_json(item) for item in store.absences.list_absences(employee_id=employee_id)
        ],
        "removed_shifts": [
            removed_shift_json(item)
            for item in store.absences.list_removed_shifts(employee_id=employee_id)
        ],
        "unavailability": [
            unavailability_json(item)
            for item in store.absences.list_unavailability(employee_id=employee_id)
        ],
        "availability": [
            availability_json(item)
            for item in store.absences.list_availability(employee_id=employee_id)
        ],
        "wishes": [wish_json(item) for item in store.absences.list_wishes(employee_id=employee_id)],
        "requests": [request_json(item) for item in requests if item.absence_kind is None],
        "absence_requests": [
            absence_request_json(item) for item in requests if item.absence_kind is not None
        ],
        "assignments": [
            assignment_json(roster, assignment)
            for roster, assignment in store.rosters.assignments_of_employee(employee_id)
        ],
        "chat_links": [chat_link_json(item) for item in store.identities.for_employee(employee_id)],
        "request_cards": [
            request_card_json(item) for item in store.request_cards.for_employee(employee_id)
        ],
        "file_offers": [
            waiting_file_json(item) for item in store.file_offers.for_employee(employee_id)
        ],
        "pending_dialogues": [
            dialogue_json(item) for item in store.dialogues.for_employee(employee_id)
        ],
        "audit": [audit_json(item) for item in store.audit.involving(employee_id)],
    }


def profile_json(employee: Employee, unit_name: str | None) -> dict[str, Any]:
    return {
        "id": employee.id,
        "name": employee.name,
        "email": employee.email,
        "unit_id": employee.unit_id,
        "unit_name": unit_name,
        "position": employee.position.value,
        "position_percent": employee.position_percent,
        "competences": sorted(employee.competences),
        "roles": sorted(role.value for role in employee.roles),
        "night_only": employee.night_only,
        "active": employee.active,
    }


def days_json(days: DateRange) -> dict[str, str]:
    return {"start": days.start.isoformat(), "end": days.end.isoformat()}


def time_json(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def absence_json(absence: Absence) -> dict[str, Any]:
    return {
        "id": absence.id,
        "kind": absence.kind.value,
        **days_json(absence.days),
        "created_at": time_json(absence.created_at),
    }


def removed_shift_json(shift: RemovedShift) -> dict[str, Any]:
    return {
        "id": shift.id,
        "absence_id": shift.absence_id,
        "shift_day": shift.shift_day.isoformat(),
        "shift_code": shift.shift_code,
        "absent_day": shift.absent_day.isoformat(),
        "worked_minutes": shift.worked_minutes,
    }


def unavailability_json(unavailability: Unavailability) -> dict[str, Any]:
    shift_kind = unavailability.shift_kind
    return {
        "id": unavailability.id,
        **days_json(unavailability.days),
        "shift_kind": shift_kind.value if shift_kind else None,
    }


def availability_json(availability: Availability) -> dict[str, Any]:
    shift_kind = availability.shift_kind
    return {
        "id": availability.id,
        **days_json(availability.days),
        "shift_kind": shift_kind.value if shift_kind else None,
    }


def wish_json(wish: Wish) -> dict[str, Any]:
    return {
        "id": wish.id,
        **days_json(wish.days),
        "preference": wish.preference.value,
        "shift_kind": wish.shift_kind.value if wish.shift_kind else None,
        "weight": wish.weight,
    }


def request_json(request: ShiftRequest) -> dict[str, Any]:
    counterpart_day = request.counterpart_day
    return {
        "id": request.id,
        "unit_id": request.unit_id,
        "kind": request.kind.value,
        "state": request.state.value,
        "requester_id": request.requester_id,
        "day": request.day.isoformat(),
        "shift_code": request.shift_code,
        "counterpart_id": request.counterpart_id,
        "counterpart_day": counterpart_day.isoformat() if counterpart_day else None,
        "counterpart_shift_code": request.counterpart_shift_code,
        "decided_by_id": request.decided_by_id,
        "note": request.note,
        "created_at": time_json(request.created_at),
    }


def absence_request_json(request: ShiftRequest) -> dict[str, Any]:
    """Return an absence request with its days, without the fields that only shifts use.

    A request for several ranges of days also lists each range under "ranges".
    """
    assert request.absence_kind is not None
    found: dict[str, Any] = {
        "id": request.id,
        "unit_id": request.unit_id,
        "absence": request.absence_kind.value,
        "state": ABSENCE_REQUEST_STATUSES[request.state].value,
        "requester_id": request.requester_id,
        **days_json(DateRange(request.day, request.last_day or request.day)),
        "decided_by_id": request.decided_by_id,
        "note": request.note,
        "created_at": time_json(request.created_at),
    }
    if request.day_ranges:
        found["ranges"] = [days_json(days) for days in request.day_ranges]
    return found


def assignment_json(roster: Roster, assignment: Assignment) -> dict[str, Any]:
    return {
        "roster_id": roster.id,
        "roster_status": roster.status.value,
        "day": assignment.day.isoformat(),
        "shift_code": assignment.shift_code,
    }


def chat_link_json(identity: ChatIdentity) -> dict[str, Any]:
    return {
        "platform": identity.platform,
        "workspace_id": identity.workspace_id,
        "user_id": identity.user_id,
        "linked_at": time_json(identity.linked_at),
    }


def request_card_json(card: RequestCard) -> dict[str, Any]:
    return {
        "request_id": card.request_id,
        "platform": card.platform,
        "workspace_id": card.workspace_id,
        "posted_at": time_json(card.posted_at),
    }


def waiting_file_json(waiting: WaitingFile) -> dict[str, Any]:
    return {
        "id": waiting.offer_id,
        "platform": waiting.platform,
        "file_name": waiting.file_name,
        "size_bytes": waiting.size_bytes,
        "offered_at": time_json(waiting.offered_at),
        "expires_at": time_json(waiting.expires_at),
    }


def dialogue_json(dialogue: PendingDialogue) -> dict[str, Any]:
    return {"payload": dialogue.payload, "expires_at": time_json(dialogue.expires_at)}


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "occurred_at": time_json(entry.occurred_at),
        "actor_id": entry.actor_id,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "subject_employee_id": entry.subject_employee_id,
        "details": entry.details,
    }
