"""Installing the app in several workspaces with OAuth; each is served with its own token."""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.database import Database
from tests.bots.slack.slack_harness import SlackHarness, slack_settings, start_harness
from tests.bots.slack.slack_mock import SlackMock
from tests.bots.slack.slack_ward import direct_message_event, event_body, seed_ward

INSTALLED_TEAM = "T0BJORK"


@pytest.fixture
async def oauth_slack(
    database: Database, slack_mock: SlackMock, tmp_path: Path
) -> AsyncIterator[SlackHarness]:
    """The server with OAuth on, its installations in the ward's database (both backends)."""
    secret = secrets.token_hex(16)
    settings = slack_settings(
        secret, slack_mock, client_id="1234.5678", client_secret=secrets.token_hex(16)
    )
    harness = await start_harness(
        database, seed_ward(database), slack_mock, settings, tmp_path / "filer"
    )
    yield harness
    await harness.client.close()


async def install(slack: SlackHarness) -> None:
    """Go through /slack/install and /slack/oauth_redirect as the installing admin's browser."""
    page = await slack.client.get("/slack/install")
    html = await page.text()
    state = re.search(r"state=([\w-]+)", html)
    assert page.status == 200
    assert state is not None
    cookie = page.headers["Set-Cookie"].split(";")[0]

    redirect = await slack.client.get(
        "/slack/oauth_redirect",
        params={"code": "kode-123", "state": state.group(1)},
        headers={"Cookie": cookie},
    )

    assert redirect.status == 200


async def test_install_page_links_to_slack(oauth_slack: SlackHarness) -> None:
    """/slack/install offers Slack's authorize link with the client id and the bot scopes."""
    page = await oauth_slack.client.get("/slack/install")
    html = await page.text()

    assert page.status == 200
    assert "https://slack.com/oauth/v2/authorize?state=" in html
    assert "client_id=1234.5678" in html
    assert "users%3Aread.email" in html or "users:read.email" in html
    assert oauth_slack.mock.calls == []


async def test_redirect_with_bad_state_fails(oauth_slack: SlackHarness) -> None:
    """A redirect whose state was never issued installs nothing."""
    response = await oauth_slack.client.get(
        "/slack/oauth_redirect", params={"code": "kode", "state": "forfalsket"}
    )

    assert response.status == 400
    assert oauth_slack.mock.named("oauth.v2.access") == []


async def test_installed_workspace_served_with_its_token(oauth_slack: SlackHarness) -> None:
    """After installing, the workspace's events get replies sent with the token it was given."""
    await install(oauth_slack)
    (exchange,) = oauth_slack.mock.named("oauth.v2.access")
    assert exchange.arguments["code"] == "kode-123"

    response = await oauth_slack.post(
        event_body(direct_message_event("UKARI", "hei"), "Ev-b1", team=INSTALLED_TEAM)
    )
    await oauth_slack.settle(1)

    assert response.status == 200
    (reply,) = oauth_slack.mock.named("chat.postMessage")
    assert reply.token == "xoxb-t0bjork"
    assert reply.arguments["text"].startswith("Jeg vet ikke hvem du er ennå.")


async def test_replies_to_others_use_their_workspace_token(oauth_slack: SlackHarness) -> None:
    """A manager in the installed workspace is messaged with that workspace's bot token."""
    await install(oauth_slack)
    ward = oauth_slack.ward
    with ward.database.store() as store:
        store.workspaces.link("slack", INSTALLED_TEAM, ward.organisation.id, actor_id=None)
        for name in ("Kari Nordmann", "Bjørn Skjærvø"):
            store.identities.link(
                "slack", INSTALLED_TEAM, ward.user_id(name), ward.staff[name].id, actor_id=None
            )
    # Only the installed workspace has a token; the ward's first team has none in OAuth mode.
    with ward.database.store() as store:
        store.identities.unlink("slack", "T0FJORD", "UBJORN", actor_id=None)

    for number, text in enumerate(("Jeg er syk i morgen", "ja"), start=1):
        await oauth_slack.post(
            event_body(direct_message_event("UKARI", text), f"Ev-k{number}", team=INSTALLED_TEAM)
        )
        await oauth_slack.settle(number)

    to_manager = [
        call
        for call in oauth_slack.mock.named("chat.postMessage")
        if call.arguments["channel"] == "DUBJORN"
    ]
    assert len(to_manager) == 1
    assert to_manager[0].token == "xoxb-t0bjork"


async def test_event_from_workspace_without_installation(oauth_slack: SlackHarness) -> None:
    """An event from a workspace that never installed the app gets no reply and no crash."""
    response = await oauth_slack.post(
        event_body(direct_message_event("UKARI", "hei"), "Ev-x", team="T0UKJENT")
    )

    assert response.status == 200
    assert oauth_slack.mock.named("chat.postMessage") == []
