"""The Slack platform: bolt's async app on our aiohttp server, and direct messages to employees.

Routes: `POST /slack/events` takes events, slash commands and clicks; with OAuth
configured, `GET /slack/install` and `GET /slack/oauth_redirect` install the app
in a workspace. Every POST is checked twice: here, so that a forged or stale
request gets 401 before its body is even parsed, and by bolt's own verification.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bots.platforms import ChatBackend, Outbox
from bots.slack.blocks import render_reply
from bots.slack.cards import RequestCards
from bots.slack.conversations import SlackConversations
from bots.slack.payloads import (
    BUTTON_ACTION_PREFIX,
    LANGUAGE_ACTION_ID,
    PLATFORM,
    MalformedPayload,
    check_shape,
    delivery_id,
    delivery_kind,
    parse_body,
)
from bots.slack.profiles import SlackProfiles
from bots.slack.sending import MessageRef, SlackSender
from bots.slack.settings import BOT_SCOPES, SLASH_COMMAND, SlackSettings
from core.calendar import now_in_oslo
from core.messages import Reply, Sender

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
OAUTH_STATE_SECONDS = 600
# Slack's documented limit for a request's age; bolt's own check uses the same.
REPLAY_WINDOW_SECONDS = 5 * 60


class SlackPlatform:
    name = PLATFORM

    def __init__(
        self,
        settings: SlackSettings,
        backend: ChatBackend,
        *,
        clock: Callable[[], dt.datetime] = now_in_oslo,
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.conversations = SlackConversations(
            backend,
            SlackProfiles(settings.profile_cache_seconds),
            clock=clock,
            progress_interval_seconds=settings.progress_interval_seconds,
        )
        self.oauth_engine: AsyncEngine | None = None
        self.installations: AsyncSQLAlchemyInstallationStore | None = None
        self.oauth_states: AsyncSQLAlchemyOAuthStateStore | None = None
        self._team_clients: dict[str, AsyncWebClient] = {}
        if settings.uses_oauth:
            self._create_oauth_stores()
        self.bolt = self._build_bolt_app()
        self.conversations.cards = RequestCards(self.client_for_team, backend.contacts)
        register_listeners(self.bolt, self.conversations)

    # --- set-up ---------------------------------------------------------------------------------

    def _new_client(self, token: str | None) -> AsyncWebClient:
        if self.settings.api_url:
            return AsyncWebClient(token=token, base_url=self.settings.api_url)
        return AsyncWebClient(token=token)

    def _create_oauth_stores(self) -> None:
        # Installations (bot tokens per workspace) live in the same database as the
        # rest, in bolt's own tables; bolt creates them when the server starts.
        self.oauth_engine = create_async_engine(async_database_url(self.backend.database.url))
        self.installations = AsyncSQLAlchemyInstallationStore(
            client_id=str(self.settings.client_id), engine=self.oauth_engine, logger=logger
        )
        self.oauth_states = AsyncSQLAlchemyOAuthStateStore(
            expiration_seconds=OAUTH_STATE_SECONDS, engine=self.oauth_engine, logger=logger
        )

    def _build_bolt_app(self) -> AsyncApp:
        bolt = AsyncApp(
            signing_secret=self.settings.signing_secret,
            logger=logger,
            token=self.settings.bot_token,
            **self._oauth_arguments(),
        )
        if self.settings.api_url:
            # Bolt builds its client from the token, and SLACK_API_URL only moves its base
            # URL; every per-request client copies it. Handing bolt a client of our own
            # instead makes slack_bolt 1.30.0 warn at start that it ignores the
            # SLACK_BOT_TOKEN in the environment.
            bolt.client.base_url = self.settings.api_url
        return bolt

    def _oauth_arguments(self) -> dict[str, Any]:
        if not self.settings.uses_oauth:
            return {}
        oauth_settings = AsyncOAuthSettings(
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            scopes=list(BOT_SCOPES),
            redirect_uri=self.settings.redirect_uri,
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
            installation_store=self.installations,
            state_store=self.oauth_states,
        )
        return {"oauth_settings": oauth_settings, "installation_store": self.installations}

    def mount(self, app: web.Application, outbox: Outbox) -> None:
        self.conversations.outbox = outbox
        app.router.add_post(EVENTS_PATH, self.handle_post)
        if self.settings.uses_oauth:
            app.router.add_get(INSTALL_PATH, self.handle_install)
            app.router.add_get(REDIRECT_PATH, self.handle_oauth_redirect)
        app.on_startup.append(self._start)
        app.on_cleanup.append(self._stop)

    async def _start(self, app: web.Application) -> None:
        if self.installations is not None and self.oauth_states is not None:
            await self.installations.create_tables()  # type: ignore[no-untyped-call]
            await self.oauth_states.create_tables()  # type: ignore[no-untyped-call]

    async def _stop(self, app: web.Application) -> None:
        await self.conversations.wait_until_idle()
        if self.oauth_engine is not None:
            await self.oauth_engine.dispose()

    # --- HTTP -----------------------------------------------------------------------------------

    async def handle_post(self, request: web.Request) -> web.Response:
        """Verify, check and dispatch one request from Slack."""
        raw = await request.read()
        if not self._signed_by_slack(request, raw):
            logger.warning("rejected a Slack request with an invalid signature or timestamp")
            return web.json_response({"error": "invalid signature"}, status=401)
        try:
            text = raw.decode("utf-8")
            body = parse_body(text, request.content_type)
            check_shape(body)
        except (UnicodeDecodeError, MalformedPayload) as error:
            request_id = secrets.token_hex(4)
            logger.warning("malformed Slack payload %s: %s", request_id, error)
            return web.json_response({"error": "malformed payload", "id": request_id}, status=400)
        logger.info("Slack %s %s", delivery_kind(body), delivery_id(body))
        retry = request.headers.get("X-Slack-Retry-Num")
        if retry is not None:
            logger.info(
                "Slack redelivers %s (attempt %s, reason %s)",
                delivery_id(body),
                retry,
                request.headers.get("X-Slack-Retry-Reason"),
            )
        bolt_request = AsyncBoltRequest(
            body=text, query=request.query_string, headers=dict(request.headers)
        )
        return await to_aiohttp_response(await self.bolt.async_dispatch(bolt_request))

    def _signed_by_slack(self, request: web.Request, raw: bytes) -> bool:
        return is_signed_by_slack(
            raw,
            request.headers.get("X-Slack-Request-Timestamp"),
            request.headers.get("X-Slack-Signature"),
            self.settings.signing_secret,
            now=time.time(),
        )

    async def handle_install(self, request: web.Request) -> web.Response:
        flow = self.bolt.oauth_flow
        if flow is None:  # pragma: no cover - the route exists only with OAuth
            raise web.HTTPNotFound()
        return await to_aiohttp_response(
            await flow.handle_installation(await to_bolt_request(request))
        )

    async def handle_oauth_redirect(self, request: web.Request) -> web.Response:
        flow = self.bolt.oauth_flow
        if flow is None:  # pragma: no cover - the route exists only with OAuth
            raise web.HTTPNotFound()
        return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))

    # --- messages to employees who did not write ----------------------------------------------

    async def deliver(self, employee_id: int, reply: Reply) -> bool:
        """Send `reply` as a direct message to each Slack account of the employee."""
        contacts = await asyncio.to_thread(self.backend.contacts.contacts_of, employee_id, PLATFORM)
        delivered = False
        for contact in contacts:
            client = await self.client_for_team(contact.workspace_id)
            if client is None:
                logger.warning(
                    "no bot token for team %s: employee %s was not messaged",
                    contact.workspace_id,
                    employee_id,
                )
                continue
            sender = Sender(PLATFORM, contact.workspace_id, contact.user_id)
            channel = (contact.conversation_reference or {}).get("channel")
            posted = await self._send_direct(SlackSender(client), sender, channel, reply)
            if reply.buttons and reply.request_id is not None:
                await self.conversations.cards.remember(reply.request_id, sender, posted)
            delivered = True
        return delivered

    async def _send_direct(
        self, slack: SlackSender, sender: Sender, channel: str | None, reply: Reply
    ) -> MessageRef:
        message = render_reply(reply)
        if channel:
            try:
                return await slack.post_message(channel, message)
            except SlackApiError as error:
                # The stored channel may be gone (the user left and came back).
                logger.info(
                    "stored direct channel failed (%s); opening it again",
                    error.response.get("error"),
                )
        channel = await slack.open_direct_channel(sender.user_id)
        await asyncio.to_thread(
            self.backend.contacts.remember_conversation, sender, {"channel": channel}
        )
        return await slack.post_message(channel, message)

    async def client_for_team(self, team_id: str) -> AsyncWebClient | None:
        """Return a client with the team's bot token, or None if the app is not installed there."""
        if not self.settings.uses_oauth:
            return self.bolt.client
        if team_id in self._team_clients:
            return self._team_clients[team_id]
        if self.installations is None:  # pragma: no cover - set up with OAuth
            return None
        bot = await self.installations.async_find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            return None
        client = self._new_client(bot.bot_token)
        self._team_clients[team_id] = client
        return client


def is_signed_by_slack(
    raw: bytes, timestamp: str | None, signature: str | None, secret: str, *, now: float
) -> bool:
    """Check Slack's v0 signature over the raw bytes and the five-minute replay window.

    Slack signs "v0:{timestamp}:{body}" with HMAC-SHA256. The bytes are signed as
    they came, so a body that is not UTF-8 passes here and is rejected as
    malformed afterwards instead of being mistaken for a forgery.
    """
    if not timestamp or not signature or not timestamp.isdigit():
        return False
    if abs(now - int(timestamp)) > REPLAY_WINDOW_SECONDS:
        return False
    base = b"v0:" + timestamp.encode("ascii") + b":" + raw
    expected = "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def register_listeners(bolt: AsyncApp, conversations: SlackConversations) -> None:
    """Attach the listeners: bolt runs the first one whose constraint matches."""
    bolt.event("message")(conversations.on_direct_message)
    bolt.event("app_mention")(conversations.on_mention)
    bolt.event("app_home_opened")(conversations.on_home_opened)
    bolt.command(SLASH_COMMAND)(conversations.on_command)
    bolt.action(re.compile("^" + re.escape(BUTTON_ACTION_PREFIX)))(conversations.on_button)
    bolt.action(LANGUAGE_ACTION_ID)(conversations.on_language)

    @bolt.error
    async def log_error(error: Exception, body: dict[str, Any]) -> None:
        logger.error("bolt listener error for %s: %s", delivery_id(body), type(error).__name__)


def async_database_url(url: URL) -> URL:
    """Return the URL of the same database for SQLAlchemy's asyncio engine."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite+aiosqlite")
    if backend == "postgresql":
        return url.set(drivername="postgresql+psycopg_async")
    raise ValueError(f"no asyncio driver is known for the {backend} database of {url!r}")
