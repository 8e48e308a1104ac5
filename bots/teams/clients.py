"""The Agents SDK's REST client factory, with each client closed when its turn ends.

microsoft-agents-hosting-core 1.9.0 gives every client its own aiohttp session
and closes the sessions only once a turn's pipeline has started. A turn that
fails before that leaves a session open, which aiohttp reports as «Unclosed
client session» when it is collected:

- an incoming or proactive turn creates the user-token client first, so when the
  connector client cannot be created (bad serviceUrl, no token) the former leaks;
- `create_conversation` creates the connector client first, so when Teams refuses
  the new chat, or the user-token client cannot be created, the former leaks.

`clients_closed()` marks a turn: the factory records the clients it creates
within it, and they are closed when the turn ends, however it ends. Closing a
client twice is harmless, because aiohttp's `ClientSession.close` is idempotent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from microsoft_agents.hosting.core import RestChannelServiceClientFactory
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.core.connector.client import UserTokenClient

from bots.teams.activities import is_http_url

logger = logging.getLogger(__name__)


class ClosableClient(Protocol):
    async def close(self) -> None: ...


@dataclass
class _Turn:
    """The clients created by one asyncio task between entering and leaving `clients_closed`."""

    task: asyncio.Task[Any] | None
    clients: list[ClosableClient] = field(default_factory=list)


_current_turn: ContextVar[_Turn | None] = ContextVar("teams_client_turn", default=None)


@asynccontextmanager
async def clients_closed() -> AsyncIterator[None]:
    """Close every client that `ClosingClientFactory` creates inside the block, at its end."""
    turn = _Turn(asyncio.current_task())
    token = _current_turn.set(turn)
    try:
        yield
    finally:
        _current_turn.reset(token)
        for client in turn.clients:
            await client.close()


def _record(client: ClosableClient) -> None:
    turn = _current_turn.get()
    # A background task inherits the context of the request that started it, so
    # the task is compared too: its clients belong to its own turn, not the request's.
    if turn is not None and turn.task is asyncio.current_task():
        turn.clients.append(client)


def with_trailing_slash(url: str) -> str:
    """Return `url` with its path ending in «/», as aiohttp requires of a base URL."""
    parts = urlsplit(url)
    if parts.path.endswith("/"):
        return url
    return urlunsplit(parts._replace(path=parts.path + "/"))


class ClosingClientFactory(RestChannelServiceClientFactory):
    """Creates the SDK's clients, checks the service URL, and records them for closing."""

    async def create_connector_client(
        self,
        context: Any,
        claims_identity: Any,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> ConnectorClientBase:
        """Create the connector client for `service_url`, or raise ValueError for a bad URL.

        aiohttp takes the service URL as a session's base URL, which must end in «/».
        Teams sends it that way, but a stored reference or another channel may not.
        """
        if not is_http_url(service_url):
            raise ValueError("the service URL is not an absolute http or https URL")
        client = await super().create_connector_client(
            context,
            claims_identity,
            with_trailing_slash(service_url),
            audience,
            scopes,
            use_anonymous,
        )
        _record(client)
        return client

    async def create_user_token_client(
        self, context: Any, claims_identity: Any, use_anonymous: bool = False
    ) -> UserTokenClient:
        client = await super().create_user_token_client(context, claims_identity, use_anonymous)
        _record(client)
        return client
