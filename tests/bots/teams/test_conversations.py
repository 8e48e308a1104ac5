"""Where people write to the bot, where it answers, and in which language."""

from __future__ import annotations

import logging

import pytest

from tests.bots.teams.teams_fakes import (
    CHANNEL_CONVERSATION_ID,
    GROUP_CONVERSATION_ID,
    TENANT_ID,
    TeamsUser,
    channel_conversation,
    group_conversation,
    installation_activity,
    mention_of_bot,
    message_activity,
)
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import AERLEND, KAARE

READ_BACK_NB = (
    "Registrerer sykefravær torsdag 7. januar. Vakten D torsdag 7. januar "
    "blir tatt ut av turnusen din. Stemmer det?"
)
ANSWERED_PRIVATELY_NB = "Jeg har svart deg i den private chatten din med vaktbot."


async def say_in(
    teams: TeamsHarness, user: TeamsUser, text: str, conversation: dict[str, object]
) -> None:
    response = await teams.say(
        user, f"<at>vaktbot</at> {text}", conversation=conversation, entities=[mention_of_bot()]
    )
    assert response.status == 202


def absences_of_kaare(teams: TeamsHarness) -> list[object]:
    with teams.database.store() as store:
        return list(store.absences.list_absences(employee_id=teams.ward.employee_id(KAARE)))


async def test_channel_message_is_answered_privately(teams: TeamsHarness) -> None:
    """A mention in a channel gets its read-back in a new 1:1 chat and a note in the thread."""
    await say_in(teams, KAARE, "Jeg er syk i morgen", channel_conversation())

    (note,) = teams.connector.in_conversation(CHANNEL_CONVERSATION_ID)
    assert note.kind == "reply"
    assert note.text == ANSWERED_PRIVATELY_NB
    (create,) = [call for call in teams.connector.calls if call.kind == "create"]
    assert create.body["members"] == [{"id": KAARE.aad_object_id}]
    read_back = teams.last_to(KAARE)
    assert read_back.conversation_id == create.new_id
    assert read_back.card_text == READ_BACK_NB


async def test_channel_read_back_is_confirmed_privately(teams: TeamsHarness) -> None:
    """The read-back asked for in the channel is confirmed with its button in the 1:1 chat."""
    await say_in(teams, KAARE, "Jeg er syk i morgen", channel_conversation())

    response = await teams.press(KAARE, teams.last_to(KAARE), "Bekreft")

    assert response.status == 202
    assert len(absences_of_kaare(teams)) == 1
    assert len(teams.connector.in_conversation(CHANNEL_CONVERSATION_ID)) == 1


async def test_group_chat_uses_the_stored_private_chat(teams: TeamsHarness) -> None:
    """With the app installed, a group chat mention is answered in the existing 1:1 chat."""
    await teams.post(installation_activity(KAARE, teams.service_url))

    await say_in(teams, KAARE, "Jeg er syk i morgen", group_conversation())

    (note,) = teams.connector.in_conversation(GROUP_CONVERSATION_ID)
    assert note.text == ANSWERED_PRIVATELY_NB
    read_back = teams.last_to(KAARE)
    assert read_back.conversation_id == KAARE.personal_conversation_id
    assert read_back.card_text == READ_BACK_NB
    assert not [call for call in teams.connector.calls if call.kind == "create"]


async def test_shared_chat_keeps_dialogues_apart(teams: TeamsHarness) -> None:
    """In a group chat, Ærlend's «ja» does not confirm Kåre's read-back."""
    await say_in(teams, KAARE, "Jeg er syk i morgen", group_conversation())

    await say_in(teams, AERLEND, "ja", group_conversation())

    assert teams.last_to(AERLEND).text == "Ingenting venter på svar fra deg nå."
    assert absences_of_kaare(teams) == []


async def test_no_private_chat_means_no_answer(teams: TeamsHarness) -> None:
    """If Teams rejects a new 1:1 chat (app not installed), the channel learns how to get one."""
    teams.connector.reject_new_chats = True

    await say_in(teams, KAARE, "Jeg er syk i morgen", channel_conversation())

    (note,) = teams.connector.in_conversation(CHANNEL_CONVERSATION_ID)
    assert note.text.startswith("Jeg svarer bare i en privat chat")
    assert "personlig app" in note.text
    assert teams.sent_to(KAARE) == []


async def test_anonymous_mode_explains_missing_chat(
    anonymous_teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """Without credentials, the note names the real cause and the log its ids and status."""
    teams = anonymous_teams
    teams.connector.new_chats_need_token = True
    caplog.set_level(logging.INFO, logger="bots.teams.agent")
    activity = message_activity(
        KAARE,
        teams.service_url,
        text="<at>vaktbot</at> Jeg er syk i morgen",
        conversation=channel_conversation(),
        entities=[mention_of_bot()],
        activity_id="1767686400555",
    )

    response = await teams.post(activity, token=None)

    assert response.status == 202
    (note,) = teams.connector.in_conversation(CHANNEL_CONVERSATION_ID)
    assert note.text == (
        "Jeg svarer bare i en privat chat, fordi svarene mine kan inneholde "
        "personopplysninger. Denne serveren kjører uten Microsoft-innloggingsdata "
        "(TEAMS_ALLOW_ANONYMOUS=1, for lokal utvikling), så den kan ikke åpne en privat "
        "chat. Skriv til meg i 1:1-chatten min, eller start serveren med TEAMS_APP_ID og "
        "TEAMS_APP_PASSWORD."
    )
    assert "personlig app" not in note.text
    (logged,) = [
        record.getMessage() for record in caplog.records if "no private chat" in record.getMessage()
    ]
    assert "1767686400555" in logged
    assert TENANT_ID in logged
    assert "HTTP 401" in logged
    assert "TEAMS_APP_ID" in logged
    assert "syk" not in logged
    assert teams.sent_to(KAARE) == []


async def test_channel_reference_is_not_stored(teams: TeamsHarness) -> None:
    """Only the 1:1 chat is stored for notifications, never the channel."""
    await say_in(teams, KAARE, "Hvem jobber i dag?", channel_conversation())

    with teams.database.store() as store:
        stored = store.identities.conversation_reference("teams", TENANT_ID, KAARE.aad_object_id)
    assert stored is not None
    assert stored["conversation"]["id"] != CHANNEL_CONVERSATION_ID


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param("nb-NO", READ_BACK_NB, id="nb-NO"),
        pytest.param("no", READ_BACK_NB, id="no"),
        pytest.param(None, READ_BACK_NB, id="none"),
        pytest.param(
            "nn-NO",
            (
                "Registrerer sjukefråvær torsdag 7. januar. Vakta D torsdag 7. januar "
                "blir teken ut av turnusen din. Er det rett?"
            ),
            id="nn-NO",
        ),
        pytest.param(
            "en-GB",
            (
                "Registering sick leave Thursday 7 January. The shift D Thursday 7 January "
                "will be taken out of your roster. Is that right?"
            ),
            id="en-GB",
        ),
        pytest.param("de-DE", READ_BACK_NB, id="unsupported"),
    ],
)
async def test_locale_chooses_the_language(
    teams: TeamsHarness, locale: str | None, expected: str
) -> None:
    """The activity's locale picks bokmål, nynorsk or English; bokmål is the default."""
    await teams.say(KAARE, "Jeg er syk i morgen", locale=locale)

    (call,) = teams.sent_to(KAARE)
    assert call.card_text == expected
