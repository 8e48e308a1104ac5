"""The /api/messages route: authenticate, check the activity, hand it to the Agents SDK.

The checks run before the SDK sees the request, because the SDK's own answers
are wrong for us in two cases (version 1.9.0): a body that fails its activity
model raises and becomes a 500, and its default turn-error handler sends the
exception text to the user. Here a bad token gets 401 and a malformed activity
gets 400 with a log line naming its id.
"""

from __future__ import annotations

import json
import logging
import secrets
import warnings

from aiohttp import web
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import TurnContext

from bots.teams.activities import MalformedActivity, activity_id_of, parse_activity
from bots.teams.agent import TeamsAgent
from bots.teams.auth import InboundAuthentication, Unauthorized, check_service_url
from bots.teams.clients import clients_closed

logger = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
# The request key under which the SDK's aiohttp adapter reads the validated claims.
CLAIMS_KEY = "claims_identity"


class TeamsEndpoint:
    def __init__(
        self,
        adapter: CloudAdapter,
        agent: TeamsAgent,
        authentication: InboundAuthentication,
    ) -> None:
        self._adapter = adapter
        self._agent = agent
        self._authentication = authentication

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            identity = await self._authentication.authenticate(request.headers.get("Authorization"))
        except Unauthorized as error:
            logger.warning("Teams request rejected with 401: %s", error)
            return _error(401, "unauthorized")

        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            logger.warning("Teams request rejected with 400: the body is not JSON")
            return _error(400, "the body is not JSON")
        try:
            activity = parse_activity(body)
            check_service_url(identity, activity.service_url)
        except MalformedActivity as error:
            logger.warning("Teams activity %s rejected with 400: %s", activity_id_of(body), error)
            return _error(400, "malformed activity")
        except Unauthorized as error:
            logger.warning("Teams activity %s rejected with 401: %s", activity_id_of(body), error)
            return _error(401, "unauthorized")

        logger.info("Teams %s activity %s", activity.type, activity.id)
        with warnings.catch_warnings():
            # The SDK reads the claims under this plain string key, so aiohttp's advice
            # to use a typed RequestKey cannot be followed.
            warnings.simplefilter("ignore", web.NotAppKeyWarning)
            request[CLAIMS_KEY] = identity
        return await self._process(request, activity.id)

    async def _process(self, request: web.Request, activity_id: str | None) -> web.StreamResponse:
        try:
            async with clients_closed():
                response = await self._adapter.process(request, self._agent)
        except Exception:
            error_id = secrets.token_hex(4)
            logger.exception("error %s processing Teams activity %s", error_id, activity_id)
            return _error(500, f"internal error {error_id}")
        return response if response is not None else web.Response(status=202)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def log_turn_error(context: TurnContext, error: Exception) -> None:
    # Replaces the SDK's default handler, which prints a traceback and sends the
    # exception text to the user. The core turns its own failures into replies, so
    # what ends here is a transport failure, and telling the user would fail too.
    error_id = secrets.token_hex(4)
    logger.error(
        "error %s in the turn of Teams activity %s", error_id, context.activity.id, exc_info=error
    )
