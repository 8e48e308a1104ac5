"""Driving the Slack adapter as Slack does: signed requests to the real aiohttp route.

The server runs `bots.server.build_app` with the Slack platform on loopback, and
its Web API calls go to the `SlackMock` beside it.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

import nlu
import solver
from bots.platforms import ChatBackend
from bots.server import build_app
from bots.slack import SlackPlatform, SlackSettings
from core.assistant import Assistant
from core.contacts import Contacts
from core.context import Services
from core.languages import LanguageChoices
from core.overview import Overviews
from storage.database import Database
from tests.bots.slack.slack_mock import SlackCall, SlackMock
from tests.bots.slack.slack_ward import (
    SlackWard,
    click_body,
    command_body,
    direct_message_event,
    event_body,
    now,
    signed_headers,
)

FORM = "application/x-www-form-urlencoded"
SOLVER_SECONDS = 3.0
# A new roster's search work: the test ward is small, and the default takes tens of seconds.
SOLVER_WORK = 1.0


@dataclass
class SlackHarness:
    """Signed requests to the server, and what the Slack mock saw."""

    client: TestClient[Any, Any]
    mock: SlackMock
    platform: SlackPlatform
    ward: SlackWard
    secret: str
    export_folder: Path
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):04d}"

    async def post(
        self,
        body: str,
        *,
        content_type: str = "application/json",
        timestamp: int | None = None,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> ClientResponse:
        signed = signed_headers(
            body, secret or self.secret, timestamp=timestamp, content_type=content_type
        )
        return await self.client.post(
            "/slack/events", data=body.encode("utf-8"), headers={**signed, **(headers or {})}
        )

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> ClientResponse:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(
            event_body(event, event_id or self.next_id("Ev")), headers=headers if retry else None
        )

    async def direct_message(self, name_or_user: str, text: str, **options: Any) -> ClientResponse:
        return await self.event(direct_message_event(self.user(name_or_user), text), **options)

    async def command(self, name_or_user: str, text: str) -> ClientResponse:
        body = command_body(
            self.user(name_or_user), text, self.mock.response_url(), self.next_id("trigger-")
        )
        return await self.post(body, content_type=FORM)

    async def click(
        self,
        name_or_user: str,
        posted: SlackCall,
        action_id: str,
        *,
        action_ts: str | None = None,
        value: str | None = None,
    ) -> ClientResponse:
        """Click the button `action_id` on the message the bot posted in `posted`.

        A message posted through a response URL is ephemeral, and is clicked as such.
        """
        blocks = posted.arguments.get("blocks", [])
        if value is None:
            value = buttons(posted)[action_id]
        ephemeral = posted.method == "response_url"
        posted_ts = str(posted.result.get("ts", "1767000000.000001"))
        message = (
            None
            if ephemeral
            else {"ts": posted_ts, "blocks": blocks, "text": posted.arguments.get("text", "")}
        )
        channel = "C0VAKT" if ephemeral else str(posted.arguments["channel"])
        body = click_body(
            self.user(name_or_user),
            {"action_id": action_id, "value": value},
            message,
            channel,
            self.mock.response_url(),
            self.next_id("trigger-"),
            action_ts or self.next_id("1767000001."),
        )
        return await self.post(body, content_type=FORM)

    def user(self, name_or_user: str) -> str:
        if name_or_user in self.ward.staff:
            return self.ward.user_id(name_or_user)
        return name_or_user

    async def settle(self, listeners: int) -> None:
        """Wait until `listeners` listener runs have finished, and then for every job."""
        conversations = self.platform.conversations
        await self.mock.wait_for(lambda: conversations.finished_count >= listeners)
        await asyncio.gather(*conversations.jobs)


def buttons(call: SlackCall) -> dict[str, str]:
    """Return the action id → value of the buttons in a posted message."""
    return {
        element["action_id"]: element["value"]
        for block in call.arguments.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
    }


def slack_settings(secret: str, mock: SlackMock, **options: Any) -> SlackSettings:
    return SlackSettings(
        signing_secret=secret, api_url=mock.api_url, progress_interval_seconds=0.0, **options
    )


def backend_for(database: Database, export_folder: Path, *, repair: bool = False) -> ChatBackend:
    """Return the backend; with `repair`, an absence that opens shifts gets a repair proposal."""
    services = Services(
        parse=nlu.parse,
        solve=solver.solve,
        solver_time_limit_seconds=SOLVER_SECONDS,
        roster_search_work=SOLVER_WORK,
        repair=solver.repair if repair else None,
        export_folder=str(export_folder),
    )
    return ChatBackend(
        assistant=Assistant(database, services, clock=now),
        contacts=Contacts(database),
        languages=LanguageChoices(database),
        overviews=Overviews(database, services, clock=now),
        database=database,
    )


async def start_harness(
    database: Database,
    ward: SlackWard,
    mock: SlackMock,
    settings: SlackSettings,
    export_folder: Path,
    *,
    repair: bool = False,
) -> SlackHarness:
    backend = backend_for(database, export_folder, repair=repair)
    platform = SlackPlatform(settings, backend, clock=now)
    client = TestClient(TestServer(build_app([platform]), host="127.0.0.1"))
    await client.start_server()
    return SlackHarness(client, mock, platform, ward, settings.signing_secret, export_folder)
