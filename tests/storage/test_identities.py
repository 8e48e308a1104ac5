"""Chat identities: linking chat users to employees by blind index, and conversation references."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import text

from core.shift_requests import RequestKind, RequestState, ShiftRequest
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff

SLACK_USER = "U07KARI123"
TEAMS_USER = "29:1a-Kari-Nordmann-aad-object"


def test_link_and_find_employee(database: Database, staff: Staff) -> None:
    """A linked chat user is resolved to the employee."""
    with database.store() as store:
        identity = store.identities.link(
            "slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=None
        )
    with database.store() as store:
        found = store.identities.find_employee("slack", "T0NORDVIK", SLACK_USER)

    assert identity.user_id == SLACK_USER
    assert identity.employee_id == staff.kari.id
    assert found == staff.kari


@pytest.mark.parametrize(
    ("platform", "workspace_id", "user_id"),
    [
        ("slack", "T0NORDVIK", "U07OLA999"),
        ("slack", "T0ANNEN", SLACK_USER),
        ("teams", "T0NORDVIK", SLACK_USER),
        ("slack", "T0NORDVIK", SLACK_USER.lower()),
    ],
    ids=["other-user", "other-workspace", "other-platform", "other-case"],
)
def test_unknown_user_not_found(
    database: Database, staff: Staff, platform: str, workspace_id: str, user_id: str
) -> None:
    """Only the exact platform, workspace and user id match."""
    with database.store() as store:
        store.identities.link("slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=None)
        assert store.identities.find_employee(platform, workspace_id, user_id) is None


def test_user_id_stored_encrypted(database: Database, staff: Staff) -> None:
    """Neither the chat user id nor the conversation reference is readable in the table."""
    with database.store() as store:
        store.identities.link("teams", "tenant-nordvik", TEAMS_USER, staff.kari.id, actor_id=None)
        store.identities.save_conversation_reference(
            "teams", "tenant-nordvik", TEAMS_USER, {"serviceUrl": "https://smba.example/emea/"}
        )
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM chat_identities")).all()

    assert "Kari" not in repr(rows)
    assert "1a-Kari" not in repr(rows)
    assert "smba.example" not in repr(rows)


def test_relink_moves_user(database: Database, staff: Staff) -> None:
    """Linking a linked user to someone else moves the link and audits the previous owner."""
    with database.store() as store:
        store.identities.link("slack", "T0NORDVIK", SLACK_USER, staff.ola.id, actor_id=None)
        store.identities.link("slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=3)
    with database.store() as store:
        found = store.identities.find_employee("slack", "T0NORDVIK", SLACK_USER)
        entries = store.audit.list(entity="chat_identity")

    assert found == staff.kari
    assert [entry.action for entry in entries] == ["link", "link"]
    assert entries[1].details["previous_employee_id"] == staff.ola.id
    assert entries[1].subject_employee_id == staff.kari.id


def test_link_again_changes_nothing(database: Database, staff: Staff) -> None:
    """Linking the same user to the same employee twice records one audit entry."""
    with database.store() as store:
        first = store.identities.link(
            "slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=None
        )
        second = store.identities.link(
            "slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=None
        )
        entries = store.audit.list(entity="chat_identity")

    assert second == first
    assert len(entries) == 1


def test_link_unknown_employee(database: Database, staff: Staff) -> None:
    """Linking to an employee who does not exist raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="employee 606"):
        store.identities.link("slack", "T0NORDVIK", SLACK_USER, 606, actor_id=None)


def test_unlink(database: Database, staff: Staff) -> None:
    """Unlinking removes the link once; a second unlink returns False."""
    with database.store() as store:
        store.identities.link("slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=None)
    with database.store() as store:
        first = store.identities.unlink("slack", "T0NORDVIK", SLACK_USER, actor_id=staff.ingrid.id)
        second = store.identities.unlink("slack", "T0NORDVIK", SLACK_USER, actor_id=None)
        found = store.identities.find_employee("slack", "T0NORDVIK", SLACK_USER)
        actions = [entry.action for entry in store.audit.list(entity="chat_identity")]

    assert first is True
    assert second is False
    assert found is None
    assert actions == ["link", "unlink"]


def test_for_employee_lists_links(database: Database, staff: Staff) -> None:
    """An employee may have one link per platform, all listed oldest first."""
    with database.store() as store:
        store.identities.link("slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=None)
        store.identities.link("teams", "tenant-nordvik", TEAMS_USER, staff.kari.id, actor_id=None)
        links = store.identities.for_employee(staff.kari.id)

    assert [(link.platform, link.user_id) for link in links] == [
        ("slack", SLACK_USER),
        ("teams", TEAMS_USER),
    ]


def test_conversation_reference_round_trip(database: Database, staff: Staff) -> None:
    """A saved reference comes back equal; before saving there is none."""
    reference = {
        "serviceUrl": "https://smba.example/emea/",
        "conversation": {"id": "a:1Kari"},
        "bot": {"id": "28:vaktbot"},
    }
    with database.store() as store:
        store.identities.link("teams", "tenant-nordvik", TEAMS_USER, staff.kari.id, actor_id=None)
        before = store.identities.conversation_reference("teams", "tenant-nordvik", TEAMS_USER)
        store.identities.save_conversation_reference(
            "teams", "tenant-nordvik", TEAMS_USER, reference
        )
    with database.store() as store:
        after = store.identities.conversation_reference("teams", "tenant-nordvik", TEAMS_USER)

    assert before is None
    assert after == reference


def test_reference_for_unlinked_user(database: Database, staff: Staff) -> None:
    """Saving a reference for a user who is not linked raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="chat identity"):
        store.identities.save_conversation_reference("slack", "T0NORDVIK", SLACK_USER, {})


def approve_deletion_request(database: Database, employee_id: int, unit_id: int) -> None:
    """Store an approved request of the employee's to delete their personal data."""
    waiting = ShiftRequest(
        0,
        unit_id,
        RequestKind.DATA_DELETION,
        RequestState.ACCEPTED,
        employee_id,
        dt.date(2027, 1, 6),
        "",
    )
    with database.store() as store:
        request = store.shift_requests.add(waiting, actor_id=employee_id)
        approved = replace(request, state=RequestState.APPROVED)
        store.shift_requests.update(approved, actor_id=None)


def chat_users_of(database: Database, employee_id: int) -> list[str]:
    with database.store() as store:
        return [identity.user_id for identity in store.identities.for_employee(employee_id)]


def test_deletion_request_purges_older_links(database: Database, staff: Staff) -> None:
    """Links made before an approved deletion request go once it is old enough; newer stay."""
    with database.store() as store:
        store.identities.link("slack", "T0NORDVIK", SLACK_USER, staff.kari.id, actor_id=None)
        store.identities.link("slack", "T0NORDVIK", "U07OLA999", staff.ola.id, actor_id=None)
    approve_deletion_request(database, staff.kari.id, staff.kari.unit_id)
    with database.store() as store:
        store.identities.link("teams", "T0NORDVIK", TEAMS_USER, staff.kari.id, actor_id=None)
    now = dt.datetime.now(tz=dt.UTC)

    with database.store() as store:
        too_early = store.identities.purge_after_deletion_requests(
            approved_before=now - dt.timedelta(hours=1)
        )
    with database.store() as store:
        purged = store.identities.purge_after_deletion_requests(approved_before=now)
        audit = store.audit.list("chat_identity", subject_employee_id=staff.kari.id)

    assert too_early == 0
    assert purged == 1
    assert chat_users_of(database, staff.kari.id) == [TEAMS_USER]
    assert chat_users_of(database, staff.ola.id) == ["U07OLA999"]
    assert [entry.action for entry in audit] == ["link", "link", "unlink"]
