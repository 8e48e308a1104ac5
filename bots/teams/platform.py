"""The Teams platform as the shared web server sees it: routes to mount, replies to deliver.

    platform = TeamsPlatform(settings, assistant, contacts, languages)
    platform.mount(app, outbox)          # POST /api/messages on the shared aiohttp app
    await platform.deliver(employee_id, reply)

`outbox` is the server's delivery service, which tries every platform an employee
uses. Without one, replies to other employees go to their Teams accounts only.
"""

from __future__ import annotations

import datetime as dt
import logging
import ssl
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from aiohttp import web
from microsoft_agents.hosting.aiohttp import CloudAdapter

from bots.teams.activities import PLATFORM
from bots.teams.agent import TeamsAgent
from bots.teams.auth import InboundAuthentication, TokenProviderFactory, outbound_connections
from bots.teams.background import BackgroundTasks
from bots.teams.clients import ClosingClientFactory
from bots.teams.endpoint import MESSAGES_PATH, TeamsEndpoint, log_turn_error
from bots.teams.file_delivery import FileDelivery
from bots.teams.files import FileUploader
from bots.teams.members import MemberEmails
from bots.teams.notifications import Notifier, OpenCards, TenantDirectory
from bots.teams.proactive import ProactiveMessenger
from bots.teams.settings import TeamsSettings
from core.assistant import Assistant
from core.contacts import Contacts
from core.file_offers import FileOffers
from core.identities import EmailLinking
from core.languages import LanguageChoices
from core.messages import Reply

if TYPE_CHECKING:
    from bots.platforms import ChatBackend, Outbox

logger = logging.getLogger(__name__)

# The SDK logger that warns on every turn when the bot has no app id (anonymous mode).
SDK_USER_TOKEN_LOGGER = "microsoft_agents.hosting.core.connector.client.user_token_client"
MISSING_APP_ID_WARNING = "App ID is not provided"


class MissingAppIdFilter(logging.Filter):
    """Drops the SDK's per-turn warning about a missing app id.

    microsoft-agents-hosting-core 1.9.0 builds a user-token client for every turn
    and warns each time when there is no app id. Only anonymous mode runs without
    one, and the platform logs that once at start.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(MISSING_APP_ID_WARNING)


def quiet_missing_app_id_warnings() -> None:
    """Add `MissingAppIdFilter` to the SDK's user-token logger, once."""
    sdk_logger = logging.getLogger(SDK_USER_TOKEN_LOGGER)
    if not any(isinstance(item, MissingAppIdFilter) for item in sdk_logger.filters):
        sdk_logger.addFilter(MissingAppIdFilter())


# The SDK logger that writes the whole connection set-up, «Connections Map» included,
# as one multi-line INFO record when the adapter is built.
SDK_CONNECTION_LOGGER = "microsoft_agents.hosting.core.authorization.connection_manager"


class ConnectionDumpFilter(logging.Filter):
    """Drops the SDK connection manager's INFO records unless its logger is at DEBUG.

    microsoft-agents-hosting-core 1.9.0 logs every connection and the connections
    map as one INFO record from `ConnectionManager.__init__`, which buries `vaktbot
    serve`'s own start lines. Its values are redacted, so DEBUG still shows it, and
    warnings and errors of that logger always pass.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


def quiet_connection_dump() -> None:
    """Add `ConnectionDumpFilter` to the SDK's connection-manager logger, once."""
    sdk_logger = logging.getLogger(SDK_CONNECTION_LOGGER)
    if not any(isinstance(item, ConnectionDumpFilter) for item in sdk_logger.filters):
        sdk_logger.addFilter(ConnectionDumpFilter())


class TeamsPlatform:
    name = PLATFORM

    def __init__(
        self,
        settings: TeamsSettings,
        assistant: Assistant,
        contacts: Contacts,
        languages: LanguageChoices | None = None,
        email_linking: EmailLinking | None = None,
        *,
        file_offers: FileOffers | None = None,
        token_provider_factory: TokenProviderFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
        upload_ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """Wire the SDK adapter, our agent and authentication.

        Without `email_linking` no user is linked by e-mail, and without `file_offers`
        no reply's file is sent. `token_provider_factory` replaces MSAL for outgoing
        tokens, `clock` (in seconds) times the e-mail cache, and `upload_ssl_context`
        replaces the system's trusted certificates for file uploads; tests pass
        stand-ins for all three.
        """
        if settings.allow_anonymous:
            logger.warning(
                "Teams endpoint in ANONYMOUS mode (TEAMS_ALLOW_ANONYMOUS=1): requests "
                "without a token are accepted. Use this for local development only, never "
                "in production. Without an app id and credentials the bot can answer in "
                "the conversation it was written to, but Teams lets it open no 1:1 chat "
                "and send no notification."
            )
        quiet_missing_app_id_warnings()
        quiet_connection_dump()
        connections = outbound_connections(settings, token_provider_factory)
        adapter = CloudAdapter(
            connection_manager=connections,
            channel_service_client_factory=ClosingClientFactory(connections),
        )
        adapter.on_turn_error = log_turn_error
        messenger = ProactiveMessenger(adapter, settings)
        directory = TenantDirectory(contacts)
        open_cards = OpenCards(contacts)
        self.background = BackgroundTasks()
        self._notifier = Notifier(messenger, contacts, directory, open_cards)
        member_emails = MemberEmails(
            settings.member_cache_seconds, settings.member_lookup_timeout_seconds, clock=clock
        )
        files = None
        if file_offers is not None:
            uploader = FileUploader(
                settings.upload_hosts,
                settings.upload_timeout_seconds,
                ssl_context=upload_ssl_context,
            )
            files = FileDelivery(
                file_offers, uploader, offer_hours=round(settings.file_offer_seconds / 3600)
            )
        self._agent = TeamsAgent(
            assistant,
            contacts,
            messenger,
            self.background,
            directory=directory,
            open_cards=open_cards,
            deliver=self._notifier.deliver,
            languages=languages,
            email_linking=email_linking,
            member_emails=member_emails,
            files=files,
            anonymous=settings.allow_anonymous,
        )
        self.endpoint = TeamsEndpoint(adapter, self._agent, InboundAuthentication(settings))

    @classmethod
    def for_backend(cls, settings: TeamsSettings, backend: ChatBackend) -> TeamsPlatform:
        return cls(
            settings,
            backend.assistant,
            backend.contacts,
            backend.languages,
            EmailLinking(backend.database),
            file_offers=FileOffers(
                backend.database, lifetime=dt.timedelta(seconds=settings.file_offer_seconds)
            ),
        )

    def mount(self, app: web.Application, outbox: Outbox | None = None) -> None:
        """Add POST /api/messages to `app`, and wait for background work at shutdown."""
        app.router.add_post(MESSAGES_PATH, self.endpoint.handle)
        app.on_shutdown.append(self._finish_background_work)
        if outbox is not None:
            self._agent.deliver = outbox.deliver

    async def deliver(self, employee_id: int, reply: Reply) -> bool:
        """Send `reply` to the employee's Teams accounts; return False if none got it."""
        return await self._notifier.deliver(employee_id, reply)

    async def _finish_background_work(self, _app: web.Application) -> None:
        # Notifications and a running roster job are finished rather than dropped.
        await self.background.wait()
