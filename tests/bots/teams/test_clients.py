"""Every aiohttp session the Agents SDK opens for a turn is closed, however the turn ends."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from microsoft_agents.hosting.core import ClaimsIdentity

from bots.teams import TeamsSettings
from bots.teams.auth import outbound_connections
from bots.teams.clients import ClosingClientFactory, clients_closed, with_trailing_slash
from tests.bots.teams.teams_fakes import (
    CHANNEL_CONVERSATION_ID,
    channel_conversation,
    mention_of_bot,
    message_activity,
)
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import KAARE

UNCLOSED_SESSION = "Unclosed client session"


@pytest.fixture
async def unclosed_sessions() -> AsyncIterator[list[str]]:
    """Collect the event loop's «Unclosed client session» reports during the test."""
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()
    reports: list[str] = []

    def record(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if context.get("message") == UNCLOSED_SESSION:
            reports.append(repr(context.get("client_session")))
        elif previous is not None:
            previous(_loop, context)
        else:
            _loop.default_exception_handler(context)

    loop.set_exception_handler(record)
    yield reports
    loop.set_exception_handler(previous)


def collected_reports(reports: list[str]) -> list[str]:
    """Return the reports after collecting garbage, which is when aiohttp reports a leak."""
    gc.collect()
    return reports


@pytest.fixture
def factory() -> Iterator[ClosingClientFactory]:
    yield ClosingClientFactory(outbound_connections(TeamsSettings(allow_anonymous=True)))


async def test_failed_turn_closes_the_clients_it_created(factory: ClosingClientFactory) -> None:
    """The user-token client made before a failing connector client is closed anyway."""
    identity = ClaimsIdentity()

    with pytest.raises(ValueError, match="not an absolute http or https URL"):
        async with clients_closed():
            user_tokens = await factory.create_user_token_client(None, identity, True)
            await factory.create_connector_client(
                None, identity, "not a url", "https://api.botframework.com", None, True
            )

    assert user_tokens.client.closed


async def test_clients_outside_a_turn_are_left_to_the_sdk(factory: ClosingClientFactory) -> None:
    """A client made outside `clients_closed` stays open for the SDK to close."""
    connector = await factory.create_connector_client(
        None,
        ClaimsIdentity(),
        "http://127.0.0.1:9/teams/",
        "https://api.botframework.com",
        None,
        True,
    )

    assert not connector.client.closed
    await connector.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://smba.example/teams", "https://smba.example/teams/", id="no slash"),
        pytest.param("https://smba.example/teams/", "https://smba.example/teams/", id="slash"),
        pytest.param("http://127.0.0.1:8080", "http://127.0.0.1:8080/", id="no path"),
        pytest.param("https://smba.example/a?b=c", "https://smba.example/a/?b=c", id="query"),
    ],
)
def test_service_url_gets_a_trailing_slash(url: str, expected: str) -> None:
    """aiohttp needs a base URL ending in «/», so the connector gets one."""
    assert with_trailing_slash(url) == expected


async def test_service_url_without_trailing_slash_is_answered(
    anonymous_teams: TeamsHarness, unclosed_sessions: list[str]
) -> None:
    """A serviceUrl without its final «/» still gets the reply, not a 500."""
    service_url = anonymous_teams.service_url.rstrip("/")

    response = await anonymous_teams.post(
        message_activity(KAARE, service_url, text="Jeg er syk i morgen"), token=None
    )

    assert response.status == 202
    assert len(anonymous_teams.sent_to(KAARE)) == 1
    assert collected_reports(unclosed_sessions) == []


async def test_invalid_service_url_leaves_no_session_open(
    anonymous_teams: TeamsHarness, unclosed_sessions: list[str]
) -> None:
    """The rejected activity of a bad serviceUrl opens no session that stays open."""
    response = await anonymous_teams.post(
        message_activity(KAARE, "not a url", text="Jeg er syk i morgen"), token=None
    )

    assert response.status == 400
    assert collected_reports(unclosed_sessions) == []


async def test_refused_private_chat_leaves_no_session_open(
    anonymous_teams: TeamsHarness, unclosed_sessions: list[str]
) -> None:
    """When Teams refuses to open the 1:1 chat, the connector session is closed all the same."""
    teams = anonymous_teams
    teams.connector.new_chats_need_token = True
    activity = message_activity(
        KAARE,
        teams.service_url,
        text="<at>vaktbot</at> Jeg er syk i morgen",
        conversation=channel_conversation(),
        entities=[mention_of_bot()],
    )

    response = await teams.post(activity, token=None)

    assert response.status == 202
    assert len(teams.connector.in_conversation(CHANNEL_CONVERSATION_ID)) == 1
    assert collected_reports(unclosed_sessions) == []
