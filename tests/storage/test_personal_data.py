"""The GDPR export: everything stored about one employee, decrypted, and nobody else's data."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from core.absences import Absence, Availability, RemovedShift, Unavailability, Wish
from core.calendar import OSLO
from core.commands import AbsenceKind, DateRange, Preference, ShiftKind
from core.rosters import Assignment, Roster, RosterStatus
from core.shift_requests import RequestEvent, RequestKind, RequestState, ShiftRequest
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff, Ward

MARCH = DateRange(dt.date(2027, 3, 1), dt.date(2027, 3, 14))


def one_day(day: int) -> DateRange:
    return DateRange(dt.date(2027, 3, day), dt.date(2027, 3, day))


@pytest.fixture
def kari_history(database: Database, ward: Ward, staff: Staff) -> None:
    """Store one of everything about Kari, and some data about her colleagues."""
    kari, aase, ingrid = staff.kari, staff.aase, staff.ingrid
    with database.store() as store:
        sick = store.absences.add_absence(
            Absence(0, kari.id, AbsenceKind.SICK, one_day(2)), actor_id=kari.id
        )
        removed = RemovedShift(0, kari.id, sick.id, one_day(2).start, "D", one_day(2).start, 450)
        store.absences.add_removed_shifts([removed], actor_id=kari.id)
        store.absences.add_absence(
            Absence(0, aase.id, AbsenceKind.COURSE, one_day(2)), actor_id=None
        )
        store.absences.add_unavailability(
            Unavailability(0, kari.id, one_day(5), ShiftKind.NIGHT), actor_id=kari.id
        )
        store.absences.add_availability(Availability(0, kari.id, one_day(6)), actor_id=kari.id)
        store.absences.add_wish(Wish(0, kari.id, one_day(7), Preference.OFF), actor_id=kari.id)
        roster = store.rosters.add(
            Roster(
                0,
                ward.unit.id,
                MARCH.start,
                MARCH.end,
                RosterStatus.PUBLISHED,
                (
                    Assignment(kari.id, one_day(3).start, "D"),
                    Assignment(aase.id, one_day(3).start, "A"),
                ),
            ),
            actor_id=ingrid.id,
        )
        request = store.shift_requests.add(
            ShiftRequest(
                0,
                ward.unit.id,
                RequestKind.SWAP,
                RequestState.PENDING,
                aase.id,
                one_day(3).start,
                "A",
                counterpart_id=kari.id,
                note="Bytte?",
            ),
            actor_id=aase.id,
        )
        store.shift_requests.update(request.after(RequestEvent.ACCEPT), actor_id=kari.id)
        store.languages.choose(kari.id, "nn", actor_id=kari.id)
        store.identities.link("slack", "T0NORDVIK", "U07KARI123", kari.id, actor_id=None)
        store.identities.save_conversation_reference(
            "slack", "T0NORDVIK", "U07KARI123", {"channel": "D0SECRET"}
        )
        store.request_cards.add(
            "slack", "T0NORDVIK", "U07KARI123", request.id, {"channel": "D0SECRET", "ts": "1.5"}
        )
        store.dialogues.save(
            "slack:T0NORDVIK:U07KARI123",
            kari.id,
            {"stage": "confirm"},
            dt.datetime.now(tz=OSLO) + dt.timedelta(minutes=10),
        )
        assert roster.id > 0


def test_export_contains_every_section(
    database: Database, staff: Staff, kari_history: None
) -> None:
    """The export has one entry of each kind that was stored about Kari."""
    with database.store() as store:
        data = store.personal_data(staff.kari.id)

    assert data["employee"]["name"] == "Kari Nordmann"
    assert data["employee"]["email"] == "kari.nordmann@nordvik.example"
    assert data["employee"]["unit_name"] == "Medisinsk sengepost 3"
    assert data["employee"]["roles"] == ["employee"]
    assert data["employee"]["chosen_language"] == "nn"
    assert [absence["kind"] for absence in data["absences"]] == ["sick"]
    assert data["removed_shifts"] == [
        {
            "id": data["removed_shifts"][0]["id"],
            "absence_id": data["absences"][0]["id"],
            "shift_day": "2027-03-02",
            "shift_code": "D",
            "absent_day": "2027-03-02",
            "worked_minutes": 450,
        }
    ]
    assert data["unavailability"] == [
        {
            "id": data["unavailability"][0]["id"],
            "start": "2027-03-05",
            "end": "2027-03-05",
            "shift_kind": "N",
        }
    ]
    assert len(data["availability"]) == 1
    assert [wish["preference"] for wish in data["wishes"]] == ["off"]
    assert [request["state"] for request in data["requests"]] == ["accepted"]
    assert data["requests"][0]["note"] == "Bytte?"
    assert data["assignments"] == [
        {
            "roster_id": data["assignments"][0]["roster_id"],
            "roster_status": "published",
            "day": "2027-03-03",
            "shift_code": "D",
        }
    ]
    assert [link["user_id"] for link in data["chat_links"]] == ["U07KARI123"]
    assert [
        (card["request_id"], card["platform"], card["workspace_id"])
        for card in data["request_cards"]
    ] == [(data["requests"][0]["id"], "slack", "T0NORDVIK")]
    assert [dialogue["payload"] for dialogue in data["pending_dialogues"]] == [{"stage": "confirm"}]


def test_export_audit_about_and_by_her(
    database: Database, staff: Staff, kari_history: None
) -> None:
    """The audit section lists changes about Kari and changes she made."""
    with database.store() as store:
        data = store.personal_data(staff.kari.id)
    actions = [(entry["entity"], entry["action"]) for entry in data["audit"]]

    assert ("employee", "add") in actions
    assert ("absence", "add") in actions
    assert ("chat_identity", "link") in actions
    assert ("shift_request", "update") in actions


def test_export_leaves_out_colleagues(database: Database, staff: Staff, kari_history: None) -> None:
    """Colleagues' absences and assignments are not in Kari's export."""
    with database.store() as store:
        data = store.personal_data(staff.kari.id)

    assert "course" not in [absence["kind"] for absence in data["absences"]]
    assert [assignment["shift_code"] for assignment in data["assignments"]] == ["D"]
    assert "Åse Ødegård" not in json.dumps(data, ensure_ascii=False)


def test_export_is_json_without_secrets(
    database: Database, staff: Staff, kari_history: None
) -> None:
    """The export serialises to JSON as it is, without conversation references or card ids."""
    with database.store() as store:
        data = store.personal_data(staff.kari.id)
    serialised = json.dumps(data, ensure_ascii=False)

    assert json.loads(serialised) == data
    assert "D0SECRET" not in serialised
    assert "v1.test." not in serialised


def test_export_unknown_employee(database: Database, staff: Staff) -> None:
    """Exporting an employee who does not exist raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="employee 9090"):
        store.personal_data(9090)


def test_export_of_new_employee_is_nearly_empty(database: Database, staff: Staff) -> None:
    """Someone with no registrations gets empty lists and one audit entry, their addition."""
    with database.store() as store:
        data = store.personal_data(staff.ola.id)

    assert data["employee"]["chosen_language"] is None
    assert data["absences"] == []
    assert data["requests"] == []
    assert data["assignments"] == []
    assert data["chat_links"] == []
    assert data["request_cards"] == []
    assert [entry["action"] for entry in data["audit"]] == ["add"]


def test_export_lists_absence_requests_apart(
    database: Database, ward: Ward, staff: Staff, kari_history: None
) -> None:
    """A leave request is under absence_requests with its days, not among the shift requests."""
    kari, ingrid = staff.kari, staff.ingrid
    with database.store() as store:
        leave = ShiftRequest(
            0,
            ward.unit.id,
            RequestKind.LEAVE,
            RequestState.ACCEPTED,
            kari.id,
            one_day(8).start,
            "",
            last_day=one_day(10).start,
        )
        added = store.shift_requests.add(leave, actor_id=kari.id)
        decided = replace(added.after(RequestEvent.APPROVE), decided_by_id=ingrid.id)
        store.shift_requests.update(decided, actor_id=ingrid.id)

    with database.store() as store:
        data = store.personal_data(kari.id)

    assert [request["kind"] for request in data["requests"]] == ["swap"]
    assert data["absence_requests"] == [
        {
            "id": added.id,
            "unit_id": ward.unit.id,
            "absence": "leave",
            "state": "approved",
            "requester_id": kari.id,
            "start": "2027-03-08",
            "end": "2027-03-10",
            "decided_by_id": ingrid.id,
            "note": "",
            "created_at": data["absence_requests"][0]["created_at"],
        }
    ]


def test_export_names_waiting_absence_request(database: Database, ward: Ward, staff: Staff) -> None:
    """A vacation request that waits for a manager is waiting, not accepted, in format 2."""
    kari = staff.kari
    with database.store() as store:
        vacation = ShiftRequest(
            0,
            ward.unit.id,
            RequestKind.VACATION,
            RequestState.ACCEPTED,
            kari.id,
            one_day(8).start,
            "",
            last_day=one_day(12).start,
        )
        added = store.shift_requests.add(vacation, actor_id=kari.id)

    with database.store() as store:
        data = store.personal_data(kari.id)

    assert data["format_version"] == 2
    assert [(request["id"], request["state"]) for request in data["absence_requests"]] == [
        (added.id, "waiting")
    ]
