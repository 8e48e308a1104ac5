"""Where people talk to the bot: channel mentions and group chats; and in which language."""

from __future__ import annotations

import pytest

from tests.bots.teams.teams_fakes import (
    CHANNEL_CONVERSATION_ID,
    GROUP_CONVERSATION_ID,
    channel_conversation,
    group_conversation,
    mention_of_bot,
)
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import AERLEND, KAARE

READ_BACK_NB = "Registrerer sykefravær torsdag 7. januar. Stemmer det?"


async def test_channel_mention_is_stripped(teams: TeamsHarness) -> None:
    """«<at>vaktbot</at> Jeg er syk i morgen» in a channel is read back in that thread."""
    response = await teams.say(KAARE, "<at>vaktbot</at> Jeg er syk i morgen",
                               conversation=channel_conversation(), entities=[mention_of_bot()])

    assert response.status == 202
    (call,) = teams.connector.in_conversation(CHANNEL_CONVERSATION_ID)
    assert call.card_text == READ_BACK_NB


async def test_group_chat_reads_back(teams: TeamsHarness) -> None:
    """A mention in a group chat works like a personal message."""
    await teams.say(KAARE, "<at>vaktbot</at> Jeg er syk i morgen",
                    conversation=group_conversation(), entities=[mention_of_bot()])

    (call,) = teams.connector.in_conversation(GROUP_CONVERSATION_ID)
    assert call.card_text == READ_BACK_NB


async def test_shared_chat_keeps_dialogues_apart(teams: TeamsHarness) -> None:
    """In a group chat, Ærlend's «ja» does not confirm Kåre's read-back."""
    await teams.say(KAARE, "<at>vaktbot</at> Jeg er syk i morgen",
                    conversation=group_conversation(), entities=[mention_of_bot()])

    await teams.say(AERLEND, "<at>vaktbot</at> ja",
                    conversation=group_conversation(), entities=[mention_of_bot()])

    answer = teams.connector.in_conversation(GROUP_CONVERSATION_ID)[-1]
    assert answer.text == "Ingenting venter på svar fra deg nå."
    with teams.database.store() as store:
        assert store.absences.list_absences(employee_id=teams.ward.employee_id(KAARE)) == []


async def test_shared_chat_reference_is_not_stored(teams: TeamsHarness) -> None:
    """A channel is no place for a person's notifications, so its reference is not kept."""
    await teams.say(KAARE, "<at>vaktbot</at> Hvem jobber i dag?",
                    conversation=channel_conversation(), entities=[mention_of_bot()])

    with teams.database.store() as store:
        assert store.identities.conversation_reference(
            "teams", channel_conversation()["tenantId"], KAARE.aad_object_id) is None


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param("nb-NO", READ_BACK_NB, id="nb-NO"),
        pytest.param("no", READ_BACK_NB, id="no"),
        pytest.param(None, READ_BACK_NB, id="none"),
        pytest.param("nn-NO", "Registrerer sjukefråvær torsdag 7. januar. Stemmer det?",
                     id="nn-NO"),
        pytest.param("en-GB", "Registering sick leave Thursday 7 January. Is that right?",
                     id="en-GB"),
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
