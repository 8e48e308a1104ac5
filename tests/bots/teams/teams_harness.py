"""The Teams endpoint on a loopback aiohttp server, with the mock connector and token issuer.

`TeamsHarness` posts activity JSON to the real /api/messages route as Teams
would, signed with the issuer's key unless a test says otherwise, and reads
what the bot sent from the mock connector.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

import nlu
import solver
from bots.platforms import ChatPlatform
from bots.server import build_app
from bots.teams import TeamsPlatform, TeamsSettings
from core.assistant import Assistant
from core.calendar import OSLO
from core.contacts import Contacts
from core.context import Services
from core.file_offers import FileOffers
from core.identities import EmailLinking
from core.languages import LanguageChoices
from storage.database import Database
from tests.bots.teams.teams_fakes import (
    APP_ID,
    TENANT_ID,
    ConnectorCall,
    ManualClock,
    MockConnector,
    StubTokenProvider,
    TeamsUser,
    TokenIssuer,
    message_activity,
)
from tests.bots.teams.teams_ward import TODAY, TeamsWard

# The solver gets little time: the ward is small and the tests check the flow.
SOLVER_SECONDS = 3.0
# A new roster's search work: the test ward is small, and the default takes tens of seconds.
SOLVER_WORK = 1.0
SIGNED = "signed"


@dataclass(frozen=True)
class Response:
    status: int
    body: str


@dataclass
class TeamsHarness:
    client: aiohttp.ClientSession
    bot_url: str
    service_url: str
    connector: MockConnector
    issuer: TokenIssuer
    platform: TeamsPlatform
    database: Database
    ward: TeamsWard
    # Times the e-mail cache; tests advance it to let cached addresses expire.
    clock: ManualClock = field(default_factory=ManualClock)
    # Times file offers; tests advance it to let an offer expire.
    offer_clock: OfferClock = field(default_factory=lambda: OfferClock())
    servers: list[TestServer] = field(default_factory=list)

    async def post(
        self, activity: Any, *, token: str | None = SIGNED, headers: dict[str, str] | None = None
    ) -> Response:
        """POST `activity` (a dict, or raw text) with a valid token unless told otherwise."""
        sent_headers = {"Content-Type": "application/json"}
        if token == SIGNED:
            token = self.issuer.token(service_url=self.service_url)
        if token is not None:
            sent_headers["Authorization"] = f"Bearer {token}"
        sent_headers.update(headers or {})
        data = activity if isinstance(activity, str | bytes) else json.dumps(activity)
        async with self.client.post(self.bot_url, data=data, headers=sent_headers) as response:
            return Response(response.status, await response.text())

    async def say(self, user: TeamsUser, text: str, **options: Any) -> Response:
        return await self.post(message_activity(user, self.service_url, text=text, **options))

    async def press(
        self, user: TeamsUser, card: ConnectorCall, label: str, **options: Any
    ) -> Response:
        """Press the button `label` on the card the bot sent in `card`, as `user`."""
        assert card.conversation_id is not None
        conversation = {
            "id": card.conversation_id,
            "conversationType": "personal",
            "tenantId": TENANT_ID,
        }
        activity = message_activity(
            user,
            self.service_url,
            value=card.button(label),
            conversation=conversation,
            reply_to_id=card.new_id,
            **options,
        )
        return await self.post(activity)

    async def settle(self) -> None:
        """Wait until notifications and background jobs have been sent."""
        await self.platform.background.wait()

    def conversations_of(self, user: TeamsUser) -> set[str]:
        """Return the user's personal chat and every chat the bot opened with the user."""
        opened = {
            call.new_id
            for call in self.connector.calls
            if call.kind == "create"
            and any(m.get("id") == user.aad_object_id for m in call.body.get("members", []))
        }
        return {user.personal_conversation_id} | {c for c in opened if c is not None}

    def sent_to(self, user: TeamsUser) -> list[ConnectorCall]:
        """Return the messages and updates the bot sent into the user's chats, in order."""
        conversations = self.conversations_of(user)
        return [
            call
            for call in self.connector.calls
            if call.kind not in ("create", "member") and call.conversation_id in conversations
        ]

    def last_to(self, user: TeamsUser) -> ConnectorCall:
        calls = self.sent_to(user)
        assert calls, f"nothing was sent to {user.name}"
        return calls[-1]

    def cards_to(self, user: TeamsUser) -> list[ConnectorCall]:
        return [call for call in self.sent_to(user) if call.card is not None]

    async def close(self) -> None:
        await self.client.close()
        for server in reversed(self.servers):
            await server.close()


class OfferClock:
    """The time file offers are made and answered at; starts at 09:00 today in Oslo."""

    def __init__(self) -> None:
        self.now = nine_today()

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta) -> None:
        self.now += delta


async def start_server(app: web.Application) -> TestServer:
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server


def settings_for(
    issuer: TokenIssuer, *, anonymous: bool = False, **overrides: Any
) -> TeamsSettings:
    """Return the bot's settings; `overrides` replaces fields such as timeouts."""
    if anonymous:
        return dataclasses.replace(TeamsSettings(allow_anonymous=True), **overrides)
    return TeamsSettings(
        app_id=APP_ID,
        app_password="test-secret-that-is-never-sent",
        tenant_id=TENANT_ID,
        openid_metadata_url=issuer.metadata_url,
        **overrides,
    )


def nine_today() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=OSLO)


def services_for(folder: Path, *, repair: bool = False) -> Services:
    """Return the services; with `repair`, an absence that opens shifts gets a repair proposal."""
    return Services(
        parse=nlu.parse,
        solve=solver.solve,
        solver_time_limit_seconds=SOLVER_SECONDS,
        roster_search_work=SOLVER_WORK,
        repair=solver.repair if repair else None,
        export_folder=str(folder / "filer"),
    )


async def start_harness(
    database: Database,
    ward: TeamsWard,
    folder: Path,
    issuer: TokenIssuer,
    *,
    anonymous: bool = False,
    repair: bool = False,
    other_platforms: Sequence[ChatPlatform] = (),
    upload_ssl_context: ssl.SSLContext | None = None,
    **settings: Any,
) -> TeamsHarness:
    """Start the connector, issuer and bot servers for the seeded `database`.

    The bot server is the shared web server's application, with Teams and
    `other_platforms` mounted. `settings` replaces fields of `TeamsSettings`, and
    `upload_ssl_context` is what the bot trusts when it uploads a file. With
    `repair`, an absence that opens shifts leads to a repair proposal.
    """
    connector = MockConnector()
    connector_server = await start_server(connector.app())
    issuer_server = await start_server(issuer.app())
    issuer.base_url = str(issuer_server.make_url("")).rstrip("/")

    assistant = Assistant(database, services_for(folder, repair=repair), clock=nine_today)
    clock = ManualClock()
    offer_clock = OfferClock()
    # Anonymous mode gets no outgoing tokens, as in production; MSAL never runs either way.
    platform = TeamsPlatform(
        settings_for(issuer, anonymous=anonymous, **settings),
        assistant,
        Contacts(database),
        LanguageChoices(database),
        EmailLinking(database),
        file_offers=FileOffers(database, clock=offer_clock),
        token_provider_factory=None if anonymous else StubTokenProvider,
        clock=clock,
        upload_ssl_context=upload_ssl_context,
    )
    app = build_app([platform, *other_platforms])
    bot_server = await start_server(app)

    return TeamsHarness(
        client=aiohttp.ClientSession(),
        bot_url=str(bot_server.make_url("/api/messages")),
        service_url=str(connector_server.make_url(MockConnector.PREFIX + "/")),
        connector=connector,
        issuer=issuer,
        platform=platform,
        database=database,
        ward=ward,
        clock=clock,
        offer_clock=offer_clock,
        servers=[connector_server, issuer_server, bot_server],
    )
