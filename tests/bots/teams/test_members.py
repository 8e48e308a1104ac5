"""Linking Teams users by the e-mail address the Bot Connector returns for them."""

from __future__ import annotations

import dataclasses
import logging
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from microsoft_agents.activity import Activity
from microsoft_agents.activity.teams import TeamsChannelAccount
from microsoft_agents.hosting.core import TeamsConnectorClient

from bots.teams.members import (
    MemberEmails,
    MemberLookupFailed,
    is_address,
    roster_id_of,
    trusted_email,
)
from core.employees import Employee, Position
from storage.database import Database
from tests.bots.teams.teams_fakes import (
    OUTBOUND_TOKEN,
    TENANT_ID,
    TeamsUser,
    TokenIssuer,
    channel_conversation,
    installation_activity,
    message_activity,
)
from tests.bots.teams.teams_harness import TeamsHarness, start_harness
from tests.bots.teams.teams_ward import KAARE, TeamsWard

# New hires with a profile and an address, whom nobody has linked yet.
SIGRID = TeamsUser("Sigrid Haugland", "0b1c2d3e-0000-4000-8000-00000000c0b1")
HAAKON = TeamsUser("Håkon Vågen", "0b1c2d3e-0000-4000-8000-00000000c0b2")
SIGRID_EMAIL = "sigrid.haugland@fjordheim.example"
HAAKON_EMAIL = "hakon.vagen@fjordheim.example"
TEAM_ID = "19:sengepost-øst-team@thread.tacv2"
NOT_LINKED = (
    "Jeg vet ikke hvem du er ennå. Be lederen din eller vaktbot-administratoren "
    "om å koble chatbrukeren din til ansattprofilen din."
)
LOOKUP_FAILED = (
    "Jeg vet ikke hvem du er ennå, og jeg fikk ikke slått opp e-postadressen din i Teams akkurat "
    "nå, så jeg kan ikke koble deg til ansattprofilen din. Prøv igjen om noen minutter. Hvis "
    "det fortsatt ikke går, be lederen din eller vaktbot-administratoren om å koble "
    "Teams-brukeren din til ansattprofilen din."
)
QUESTION = "Når jobber jeg neste uke?"


def allow_email_links(teams: TeamsHarness, *, allowed: bool = True) -> None:
    """Map the tenant to the ward's organisation, which links users by e-mail if `allowed`."""
    organisation_id = teams.ward.unit.organisation_id
    with teams.database.store() as store:
        store.workspaces.link("teams", TENANT_ID, organisation_id, actor_id=None)
        store.workspaces.set_link_by_email(organisation_id, allowed, actor_id=None)


def hire(teams: TeamsHarness, user: TeamsUser, email: str) -> Employee:
    with teams.database.store() as store:
        return store.employees.add(
            Employee(0, teams.ward.unit.id, user.name, Position.NURSE, 100, email=email),
            actor_id=None,
        )


def linked_employee(teams: TeamsHarness, user: TeamsUser) -> Employee | None:
    with teams.database.store() as store:
        return store.identities.find_employee("teams", TENANT_ID, user.aad_object_id)


def texts_to(teams: TeamsHarness, user: TeamsUser) -> list[str]:
    return [call.shown_text for call in teams.sent_to(user)]


@pytest.fixture
def sigrid(teams: TeamsHarness) -> Employee:
    """Sigrid's profile, the tenant allowing links by e-mail, and her member record in Teams."""
    allow_email_links(teams)
    teams.connector.members[SIGRID.teams_id] = SIGRID.member_record(
        "Sigrid.Haugland@fjordheim.example"
    )
    return hire(teams, SIGRID, SIGRID_EMAIL)


async def test_matching_email_links_and_answers(
    teams: TeamsHarness, sigrid: Employee, caplog: pytest.LogCaptureFixture
) -> None:
    """Sigrid's first message links her by her Teams address and is answered as her."""
    caplog.set_level(logging.DEBUG)

    response = await teams.say(SIGRID, QUESTION)

    assert response.status == 202
    assert linked_employee(teams, SIGRID) == sigrid
    (answer,) = texts_to(teams, SIGRID)
    assert "Sigrid Haugland" in answer
    assert answer != NOT_LINKED
    (lookup,) = teams.connector.member_lookups()
    assert lookup.conversation_id == SIGRID.personal_conversation_id
    assert lookup.activity_id == SIGRID.teams_id
    assert lookup.authorization == f"Bearer {OUTBOUND_TOKEN}"
    assert_no_personal_data(caplog)


async def test_linked_user_costs_no_lookup(teams: TeamsHarness, sigrid: Employee) -> None:
    """Once linked, Sigrid and the users an administrator linked are not looked up again."""
    await teams.say(SIGRID, QUESTION)
    await teams.say(SIGRID, QUESTION)
    await teams.say(KAARE, QUESTION)

    assert len(teams.connector.member_lookups()) == 1
    assert NOT_LINKED not in texts_to(teams, SIGRID)


async def test_first_link_stores_the_chat(teams: TeamsHarness, sigrid: Employee) -> None:
    """The chat of a user linked by e-mail is stored, so notifications can reach her."""
    await teams.say(SIGRID, QUESTION)

    with teams.database.store() as store:
        reference = store.identities.conversation_reference(
            "teams", TENANT_ID, SIGRID.aad_object_id
        )
    assert reference is not None
    assert reference["conversation"]["id"] == SIGRID.personal_conversation_id


async def test_installation_links_by_email(teams: TeamsHarness, sigrid: Employee) -> None:
    """Installing the app links Sigrid and stores her chat, before she has written."""
    response = await teams.post(installation_activity(SIGRID, teams.service_url))

    assert response.status in (200, 202)
    assert linked_employee(teams, SIGRID) == sigrid
    with teams.database.store() as store:
        reference = store.identities.conversation_reference(
            "teams", TENANT_ID, SIGRID.aad_object_id
        )
    assert reference is not None
    assert teams.sent_to(SIGRID) == []
    assert len(teams.connector.member_lookups()) == 1


async def test_installation_lookup_failure_logged(
    teams: TeamsHarness, sigrid: Employee, caplog: pytest.LogCaptureFixture
) -> None:
    """A failed lookup at installation is one warning; the user gets no message and no link."""
    teams.connector.member_status = 403
    caplog.set_level(logging.INFO)
    activity = installation_activity(SIGRID, teams.service_url)

    response = await teams.post(activity)

    assert response.status in (200, 202)
    assert linked_employee(teams, SIGRID) is None
    assert teams.sent_to(SIGRID) == []
    (line,) = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert activity["id"] in line.message
    assert "conversationUpdate" in line.message
    assert "HTTP 403" in line.message
    assert_no_personal_data(caplog)


async def test_unknown_email_links_nobody(teams: TeamsHarness, sigrid: Employee) -> None:
    """An address no employee has gets the answer on whom to ask, and no link."""
    teams.connector.members[SIGRID.teams_id] = SIGRID.member_record("sigrid@annet.example")

    await teams.say(SIGRID, QUESTION)

    assert linked_employee(teams, SIGRID) is None
    assert texts_to(teams, SIGRID) == [NOT_LINKED]


async def test_shared_email_links_nobody(
    teams: TeamsHarness, sigrid: Employee, caplog: pytest.LogCaptureFixture
) -> None:
    """When two employees have the address, nobody is linked and the log names both ids."""
    twin = hire(teams, HAAKON, SIGRID_EMAIL)
    caplog.set_level(logging.INFO)

    await teams.say(SIGRID, QUESTION)

    assert linked_employee(teams, SIGRID) is None
    assert texts_to(teams, SIGRID) == [NOT_LINKED]
    (warning,) = [record for record in caplog.records if "share the address" in record.message]
    assert f"{sigrid.id}, {twin.id}" in warning.message
    assert_no_personal_data(caplog)


async def test_links_off_means_no_lookup(teams: TeamsHarness, sigrid: Employee) -> None:
    """Without links by e-mail, the bot does not ask Teams for the address at all."""
    allow_email_links(teams, allowed=False)

    await teams.say(SIGRID, QUESTION)

    assert teams.connector.member_lookups() == []
    assert texts_to(teams, SIGRID) == [NOT_LINKED]


@pytest.mark.parametrize(
    "record",
    [
        {"userRole": "guest"},
        {"userRole": "anonymous"},
        {"tenantId": "1f2e3d4c-0000-4000-8000-0000000000aa"},
        {"objectId": "1f2e3d4c-0000-4000-8000-0000000000bb"},
    ],
    ids=["guest", "anonymous", "other-tenant", "other-object-id"],
)
async def test_untrusted_record_links_nobody(
    teams: TeamsHarness, sigrid: Employee, record: dict[str, str]
) -> None:
    """A guest's, an outsider's or another person's record never links, even with her address."""
    teams.connector.members[SIGRID.teams_id].update(record)

    await teams.say(SIGRID, QUESTION)

    assert linked_employee(teams, SIGRID) is None
    assert texts_to(teams, SIGRID) == [NOT_LINKED]


async def test_forbidden_lookup_tells_user(
    teams: TeamsHarness, sigrid: Employee, caplog: pytest.LogCaptureFixture
) -> None:
    """A 403 from the Bot Connector gets a Norwegian answer with what to do, and one log line."""
    teams.connector.member_status = 403
    caplog.set_level(logging.DEBUG)

    response = await teams.post(
        message_activity(SIGRID, teams.service_url, text=QUESTION, activity_id="1767686400777")
    )

    assert response.status == 202
    assert texts_to(teams, SIGRID) == [LOOKUP_FAILED]
    assert linked_employee(teams, SIGRID) is None
    (line,) = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert "1767686400777" in line.message
    assert SIGRID.personal_conversation_id in line.message
    assert "HTTP 403" in line.message
    assert line.exc_info is None
    assert_no_personal_data(caplog)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<html>Service Unavailable</html>", "the body is not JSON"),
        (["not", "a", "record"], "ValidationError"),
    ],
    ids=["html", "json-list"],
)
async def test_malformed_record_tells_user(
    teams: TeamsHarness,
    sigrid: Employee,
    caplog: pytest.LogCaptureFixture,
    body: object,
    reason: str,
) -> None:
    """A body that is no member record is a failed lookup, not a crash."""
    teams.connector.members[SIGRID.teams_id] = body
    caplog.set_level(logging.INFO)

    response = await teams.say(SIGRID, QUESTION)

    assert response.status == 202
    assert texts_to(teams, SIGRID) == [LOOKUP_FAILED]
    (line,) = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert reason in line.message


async def test_retry_after_failed_lookup_links(teams: TeamsHarness, sigrid: Employee) -> None:
    """A failed lookup is not cached: once Teams answers, the next message links Sigrid."""
    teams.connector.member_status = 500
    await teams.say(SIGRID, QUESTION)
    teams.connector.member_status = None

    await teams.say(SIGRID, QUESTION)

    assert linked_employee(teams, SIGRID) == sigrid
    assert len(teams.connector.member_lookups()) == 2


@pytest.fixture
async def slow_teams(
    teams_database: tuple[Database, TeamsWard], tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint waiting 0.5 seconds for a member record that takes a second to come."""
    harness = await start_harness(
        *teams_database, tmp_path, token_issuer, member_lookup_timeout_seconds=0.5
    )
    harness.connector.member_delay_seconds = 1.0
    yield harness
    await harness.settle()
    await harness.close()


async def test_lookup_timeout_tells_user(
    slow_teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """A lookup that times out gets the same answer, and a warning naming the timeout."""
    allow_email_links(slow_teams)
    slow_teams.connector.members[SIGRID.teams_id] = SIGRID.member_record(SIGRID_EMAIL)
    hire(slow_teams, SIGRID, SIGRID_EMAIL)
    caplog.set_level(logging.INFO)

    response = await slow_teams.say(SIGRID, QUESTION)

    assert response.status == 202
    assert texts_to(slow_teams, SIGRID) == [LOOKUP_FAILED]
    assert linked_employee(slow_teams, SIGRID) is None
    (line,) = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert "TimeoutError" in line.message
    assert line.exc_info is None


async def test_changed_email_links_after_cache(teams: TeamsHarness, sigrid: Employee) -> None:
    """A corrected address in Entra links Sigrid once the cached one has expired."""
    teams.connector.members[SIGRID.teams_id] = SIGRID.member_record("sigrid@gammel.example")
    await teams.say(SIGRID, QUESTION)
    teams.connector.members[SIGRID.teams_id] = SIGRID.member_record(SIGRID_EMAIL)

    teams.clock.advance(599)
    await teams.say(SIGRID, QUESTION)
    cached_answer = texts_to(teams, SIGRID)[-1]
    teams.clock.advance(2)
    await teams.say(SIGRID, QUESTION)

    assert cached_answer == NOT_LINKED
    assert len(teams.connector.member_lookups()) == 2
    assert linked_employee(teams, SIGRID) == sigrid
    assert "Sigrid Haugland" in texts_to(teams, SIGRID)[-1]


async def test_changed_email_keeps_link(teams: TeamsHarness, sigrid: Employee) -> None:
    """A linked user whose address changes to a colleague's stays linked to herself."""
    hire(teams, HAAKON, HAAKON_EMAIL)
    await teams.say(SIGRID, QUESTION)
    teams.connector.members[SIGRID.teams_id] = SIGRID.member_record(HAAKON_EMAIL)
    teams.clock.advance(601)

    await teams.say(SIGRID, QUESTION)

    assert linked_employee(teams, SIGRID) == sigrid
    assert len(teams.connector.member_lookups()) == 1
    assert "Sigrid Haugland" in texts_to(teams, SIGRID)[-1]


async def test_channel_lookup_asks_the_team(teams: TeamsHarness, sigrid: Employee) -> None:
    """In a channel, the member is looked up in the team, and the answer goes to a 1:1 chat."""
    activity = message_activity(
        SIGRID, teams.service_url, text=QUESTION, conversation=channel_conversation()
    )
    activity["channelData"]["team"] = {"id": TEAM_ID}

    response = await teams.post(activity)

    assert response.status == 202
    (lookup,) = teams.connector.member_lookups()
    assert lookup.conversation_id == TEAM_ID
    assert linked_employee(teams, SIGRID) == sigrid
    assert any("Sigrid Haugland" in text for text in texts_to(teams, SIGRID))


def assert_no_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    """Check that no record above DEBUG contains an address, a name or the message text."""
    for record in caplog.records:
        if record.levelno <= logging.DEBUG:
            continue
        message = record.getMessage().casefold()
        for secret in ("sigrid", "haugland", "fjordheim.example", "jobber"):
            assert secret not in message, record.getMessage()


# --- which records are trusted ------------------------------------------------------------


def member(**fields: Any) -> TeamsChannelAccount:
    record: dict[str, Any] = {**SIGRID.member_record(SIGRID_EMAIL), **fields}
    return TeamsChannelAccount.model_validate({k: v for k, v in record.items() if v is not None})


def test_tenant_member_email_trusted() -> None:
    """A regular member of the tenant gives her mailbox address, without spaces."""
    record = member(email=f" {SIGRID_EMAIL} ", userPrincipalName="sh@fjordheim.example")

    assert trusted_email(record, TENANT_ID, SIGRID.aad_object_id) == SIGRID_EMAIL


def test_principal_name_without_mailbox() -> None:
    """A user without a mailbox is matched by the user principal name."""
    record = member(email=None, userPrincipalName="sh@fjordheim.example")

    assert trusted_email(record, TENANT_ID, SIGRID.aad_object_id) == "sh@fjordheim.example"


def test_object_id_compared_without_case() -> None:
    """Teams may spell the object id in capitals; it is the same user."""
    record = member(objectId=SIGRID.aad_object_id.upper(), tenantId=TENANT_ID.upper())

    assert trusted_email(record, TENANT_ID, SIGRID.aad_object_id) == SIGRID_EMAIL


@pytest.mark.parametrize(
    "fields",
    [
        {"userRole": "guest"},
        {"userRole": None},
        {"objectId": None},
        {"tenantId": "1f2e3d4c-0000-4000-8000-0000000000aa"},
        {"email": None, "userPrincipalName": None},
        {"email": "ikke en adresse", "userPrincipalName": "sigrid"},
    ],
    ids=["guest", "no-role", "no-object-id", "other-tenant", "no-address", "not-addresses"],
)
def test_untrusted_email_dropped(fields: dict[str, Any]) -> None:
    """Records of guests, of other tenants or people, or without an address give None."""
    assert trusted_email(member(**fields), TENANT_ID, SIGRID.aad_object_id) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("sigrid@fjordheim.example", True),
        ("sigrid@localhost", False),
        ("@fjordheim.example", False),
        ("sigrid haugland@fjordheim.example", False),
        ("sigrid", False),
    ],
    ids=["address", "no-dot-in-domain", "no-local-part", "space", "no-at"],
)
def test_is_address(value: str, expected: bool) -> None:
    """Only one plain address passes."""
    assert is_address(value) is expected


@dataclasses.dataclass
class StubServices:
    """The turn's service set, holding only the connector client."""

    client: TeamsConnectorClient

    def get(self, _key: object) -> TeamsConnectorClient:
        return self.client


@dataclasses.dataclass
class StubTurn:
    """The two parts of a turn context that `MemberEmails` reads."""

    activity: Activity
    services: StubServices


async def test_unreachable_service_fails_lookup() -> None:
    """A serviceUrl where nothing listens is a failed lookup that names the connection error."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service_url = f"http://127.0.0.1:{port}/"
    client = TeamsConnectorClient(endpoint=service_url, token=OUTBOUND_TOKEN)
    turn = StubTurn(
        Activity.model_validate(message_activity(SIGRID, service_url, text="Hei")),
        StubServices(client),
    )
    emails = MemberEmails(lifetime_seconds=600, timeout_seconds=5)

    try:
        with pytest.raises(MemberLookupFailed) as failed:
            await emails.email_of_writer(turn)  # type: ignore[arg-type]
    finally:
        await client.close()

    assert failed.value.reason == "ClientConnectorError"


def test_roster_id_is_team_in_channel() -> None:
    """A channel's members are asked of the team; a chat's of the chat itself."""
    in_channel = message_activity(
        SIGRID, "https://smba.example/", text="Hei", conversation=channel_conversation()
    )
    in_channel["channelData"]["team"] = {"id": TEAM_ID}
    in_chat = message_activity(SIGRID, "https://smba.example/", text="Hei")

    assert roster_id_of(Activity.model_validate(in_channel)) == TEAM_ID
    assert roster_id_of(Activity.model_validate(in_chat)) == SIGRID.personal_conversation_id
