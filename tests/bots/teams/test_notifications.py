"""Proactive messages: stored conversation references, new 1:1 chats, published rosters."""

from __future__ import annotations

import datetime as dt

from core.contacts import Contacts
from core.rosters import Assignment, Roster, RosterStatus
from tests.bots.teams.teams_fakes import OUTBOUND_TOKEN, TENANT_ID, installation_activity
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import (
    AASE,
    AERLEND,
    BJORN,
    GORIL,
    KAARE,
    OYSTEIN,
    TORRIS,
    TeamsUser,
)


def stored_reference(teams: TeamsHarness, user: TeamsUser) -> dict[str, object] | None:
    employee_id = teams.ward.employee_id(user)
    (contact,) = Contacts(teams.database).contacts_of(employee_id, "teams")
    return contact.conversation_reference


async def report_sick(teams: TeamsHarness) -> None:
    """Kåre reports sick leave for tomorrow and confirms; his manager Åse is told."""
    await teams.say(KAARE, "Jeg er syk i morgen")
    await teams.press(KAARE, teams.last_to(KAARE), "Bekreft")
    await teams.settle()


async def test_install_stores_the_personal_chat(teams: TeamsHarness) -> None:
    """Adding the app stores the 1:1 chat's reference, without the user's display name."""
    response = await teams.post(installation_activity(AASE, teams.service_url))

    assert response.status == 202
    reference = stored_reference(teams, AASE)
    assert reference is not None
    assert reference["conversation"] == {
        "id": AASE.personal_conversation_id,
        "conversationType": "personal",
        "tenantId": TENANT_ID,
    }
    assert reference["serviceUrl"] == teams.service_url
    assert "name" not in reference["user"]  # type: ignore[operator]
    assert teams.connector.calls == []


async def test_install_by_unlinked_user_stores_nothing(teams: TeamsHarness) -> None:
    """Øystein is not linked, so his chat's reference is not kept."""
    response = await teams.post(installation_activity(OYSTEIN, teams.service_url))

    assert response.status == 202
    assert teams.connector.calls == []


async def test_notification_uses_the_stored_chat(teams: TeamsHarness) -> None:
    """Åse installed the app, so the notice about Kåre goes to her 1:1 chat."""
    await teams.post(installation_activity(AASE, teams.service_url))

    await report_sick(teams)

    notice = teams.last_to(AASE)
    assert notice.kind == "send"
    assert notice.conversation_id == AASE.personal_conversation_id
    assert notice.authorization == f"Bearer {OUTBOUND_TOKEN}"
    assert "Kåre Ødegård" in notice.shown_text
    assert not [call for call in teams.connector.calls if call.kind == "create"]


async def test_notification_opens_a_chat_when_none_is_stored(teams: TeamsHarness) -> None:
    """Without a stored reference the bot opens a 1:1 chat with Åse and keeps its reference."""
    await report_sick(teams)

    (create,) = [call for call in teams.connector.calls if call.kind == "create"]
    assert create.body["members"] == [{"id": AASE.aad_object_id}]
    assert create.body["tenantId"] == TENANT_ID
    assert create.body["isGroup"] is False
    notice = teams.last_to(AASE)
    assert notice.conversation_id == create.new_id
    assert "Kåre Ødegård" in notice.shown_text
    reference = stored_reference(teams, AASE)
    assert reference is not None
    assert reference["conversation"]["id"] == create.new_id  # type: ignore[index]


async def test_rejected_chat_is_replaced(teams: TeamsHarness) -> None:
    """When Teams rejects the stored chat (app removed), a new one is opened."""
    await teams.post(installation_activity(AASE, teams.service_url))
    teams.connector.rejected_conversations.add(AASE.personal_conversation_id)

    await report_sick(teams)

    (create,) = [call for call in teams.connector.calls if call.kind == "create"]
    notice = teams.last_to(AASE)
    assert notice.conversation_id == create.new_id
    assert "Kåre Ødegård" in notice.shown_text


async def test_published_roster_is_announced_to_everyone_on_it(teams: TeamsHarness) -> None:
    """Publishing a draft tells each person on it, in their own chat, how many shifts they got."""
    week_three = dt.date(2027, 1, 18)
    with teams.database.store() as store:
        draft = Roster(
            0,
            teams.ward.unit.id,
            week_three,
            week_three + dt.timedelta(days=6),
            RosterStatus.DRAFT,
            (
                Assignment(teams.ward.employee_id(KAARE), week_three, "D"),
                Assignment(teams.ward.employee_id(BJORN), week_three, "N"),
                Assignment(teams.ward.employee_id(GORIL), week_three, "A"),
            ),
        )
        store.rosters.add(draft, actor_id=None)

    await teams.say(TORRIS, "Publiser turnusen")
    await teams.press(TORRIS, teams.last_to(TORRIS), "Bekreft")
    await teams.settle()

    for user in (KAARE, BJORN, GORIL):
        assert "Ny turnus fra mandag 18. januar" in teams.last_to(user).shown_text
    assert teams.sent_to(AERLEND) == []
