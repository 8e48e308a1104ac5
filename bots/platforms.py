"""The interface between the web server and each chat platform adapter.

An adapter may call the core services in `ChatBackend`. A platform (Slack, Teams)
adds its routes to the one aiohttp application and can deliver a reply to an
employee who did not write (a colleague asked for a swap, a manager must decide).
The `Outbox` hands such a reply to every platform, so a Slack user's request
reaches a manager who uses Teams.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from aiohttp import web

from core.assistant import Assistant
from core.contacts import Contacts
from core.languages import LanguageChoices
from core.messages import Reply
from core.overview import Overviews

if TYPE_CHECKING:
    from storage.database import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChatBackend:
    """The core services an adapter may call; each opens its own transaction.

    They are synchronous (SQLAlchemy sync), so adapters call them with
    `asyncio.to_thread`.
    """

    assistant: Assistant
    contacts: Contacts
    languages: LanguageChoices
    overviews: Overviews
    # For platform state that is not the core's, such as Slack's OAuth installations.
    database: Database


class ChatPlatform(Protocol):
    """One chat platform's adapter, as the web server sees it."""

    name: str

    def mount(self, app: web.Application, outbox: Outbox) -> None:
        """Add the platform's routes and start-up and clean-up hooks to `app`."""

    async def deliver(self, employee_id: int, reply: Reply) -> bool:
        """Send `reply` to the employee's linked accounts; return False if they have none."""


class Outbox:
    """Delivers replies addressed to other employees, on every platform they are linked on."""

    def __init__(self, platforms: Sequence[ChatPlatform]) -> None:
        self._platforms = tuple(platforms)

    async def deliver(self, employee_id: int, reply: Reply) -> bool:
        """Deliver on each platform; a failing platform is logged and does not stop the others."""
        delivered = False
        for platform in self._platforms:
            try:
                delivered = await platform.deliver(employee_id, reply) or delivered
            except Exception:
                logger.exception(
                    "delivering a %s reply to employee %s on %s failed",
                    reply.kind.value,
                    employee_id,
                    platform.name,
                )
        if not delivered:
            logger.info(
                "employee %s has no chat account to deliver a %s reply to",
                employee_id,
                reply.kind.value,
            )
        return delivered
