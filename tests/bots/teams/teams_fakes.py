"""Loopback stand-ins for Microsoft: the Bot Connector, the token issuer and the network guard.

The mock connector serves the Bot Connector routes the Agents SDK calls on an
activity's serviceUrl and records each call. The token issuer signs Bot
Framework-style JWTs with an RSA key generated for the test session and serves
its OpenID metadata and JWKS, which the bot finds through
TEAMS_OPENID_METADATA_URL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import itertools
import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from azure.core.credentials_async import AsyncTokenCredential
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from microsoft_agents.hosting.core import AccessTokenProviderBase, AgentAuthConfiguration

APP_ID = "5a1c0f3e-7d2b-4c8a-9e61-0b7f2d4a9c11"
TENANT_ID = "7e3f9a20-51c4-4b6d-8a1e-2c9d0f4b6e85"
BOT_ACCOUNT_ID = f"28:{APP_ID}"
BOT_NAME = "vaktbot"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
OUTBOUND_TOKEN = "outbound-test-token"
KEY_ID = "vaktbot-test-key"


# --- the network guard ------------------------------------------------------------------


class NonLoopbackConnection(OSError):
    """A test tried to reach a host other than loopback."""


@dataclass
class NetworkGuard:
    """Refuses, and records, every connection and name lookup that is not loopback."""

    blocked: list[str] = field(default_factory=list)

    def check_address(self, family: int, address: Any) -> None:
        if family == socket.AF_UNIX:
            return
        host = address[0] if isinstance(address, tuple) else address
        if not _is_loopback(host):
            self.blocked.append(f"connect {host!r}")
            raise NonLoopbackConnection(f"blocked a connection to {host!r}: loopback only")

    def check_name(self, host: Any) -> None:
        if host is None or _is_loopback(host):
            return
        self.blocked.append(f"lookup {host!r}")
        raise NonLoopbackConnection(f"blocked a name lookup of {host!r}: loopback only")


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@contextmanager
def guarded_network() -> Iterator[NetworkGuard]:
    """Patch socket connect and getaddrinfo so that only loopback is reachable."""
    guard = NetworkGuard()
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        guard.check_address(self.family, address)
        original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard.check_address(self.family, address)
        return original_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        guard.check_name(host)
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    try:
        yield guard
    finally:
        socket.socket.connect = original_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = original_connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = original_getaddrinfo


# --- the Bot Connector -----------------------------------------------------------------


@dataclass(frozen=True)
class ConnectorCall:
    """One request the bot made to the mock Bot Connector."""

    kind: str  # "reply", "send", "update", "create" or "member"
    conversation_id: str | None
    activity_id: str | None
    body: dict[str, Any]
    authorization: str | None
    new_id: str | None = None

    @property
    def text(self) -> str:
        return str(self.body.get("text") or "")

    @property
    def card(self) -> dict[str, Any] | None:
        for attachment in self.body.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                content: dict[str, Any] = attachment["content"]
                return content
        return None

    @property
    def card_text(self) -> str:
        """Return every TextBlock of the card, one per line."""
        card = self.card
        if card is None:
            return ""
        return "\n".join(block["text"] for block in card["body"] if block["type"] == "TextBlock")

    @property
    def shown_text(self) -> str:
        return self.text or self.card_text

    def button(self, label: str) -> dict[str, Any]:
        """Return the Action.Submit data of the card button labelled `label`."""
        card = self.card
        assert card is not None, f"{self.kind} call has no card"
        for action in card.get("actions", []):
            if action["title"] == label:
                data: dict[str, Any] = action["data"]
                return data
        labels = [action["title"] for action in card.get("actions", [])]
        raise AssertionError(f"no button {label!r}; the card has {labels}")


class MockConnector:
    """The Bot Connector routes under /bf/, recording each call."""

    PREFIX = "/bf"

    def __init__(self) -> None:
        self.calls: list[ConnectorCall] = []
        self.rejected_conversations: set[str] = set()
        # When set, every call fails with 500, as during a Bot Connector outage.
        self.out_of_service = False
        # When set, creating a 1:1 chat fails with 403, as for a user without the app.
        self.reject_new_chats = False
        # When set, creating a 1:1 chat without a bearer token fails with 401: a local
        # test client answers in its own conversation, but opens no chat for a bot
        # without credentials.
        self.new_chats_need_token = False
        # The member records that GET …/members/{id} returns, by Teams user id (29:…).
        # A string is returned as an HTML body, as a proxy's error page would be.
        self.members: dict[str, Any] = {}
        # When set, a member lookup answers with this HTTP status and no record.
        self.member_status: int | None = None
        # When set, a member lookup waits this long before it answers.
        self.member_delay_seconds = 0.0
        self._ids = itertools.count(1)

    def app(self) -> web.Application:
        app = web.Application()
        base = f"{self.PREFIX}/v3/conversations"
        app.router.add_post(base, self._create)
        app.router.add_post(base + "/{conversation}/activities", self._send)
        app.router.add_post(base + "/{conversation}/activities/{activity}", self._reply)
        app.router.add_put(base + "/{conversation}/activities/{activity}", self._update)
        app.router.add_get(base + "/{conversation}/members/{member}", self._member)
        return app

    def member_lookups(self) -> list[ConnectorCall]:
        return [call for call in self.calls if call.kind == "member"]

    def in_conversation(self, conversation_id: str) -> list[ConnectorCall]:
        return [call for call in self.calls if call.conversation_id == conversation_id]

    async def _send(self, request: web.Request) -> web.Response:
        return await self._record(request, "send")

    async def _reply(self, request: web.Request) -> web.Response:
        return await self._record(request, "reply")

    async def _update(self, request: web.Request) -> web.Response:
        return await self._record(request, "update")

    async def _member(self, request: web.Request) -> web.Response:
        member_id = request.match_info["member"]
        self.calls.append(
            ConnectorCall(
                "member",
                request.match_info["conversation"],
                member_id,
                {},
                request.headers.get("Authorization"),
            )
        )
        await asyncio.sleep(self.member_delay_seconds)
        if self.member_status is not None:
            return web.json_response({"error": {"code": "Forbidden"}}, status=self.member_status)
        if member_id not in self.members:
            return web.json_response(
                {"error": {"code": "MemberNotFoundInConversation"}}, status=404
            )
        record = self.members[member_id]
        if isinstance(record, str):
            return web.Response(text=record, content_type="text/html")
        return web.json_response(record)

    async def _create(self, request: web.Request) -> web.Response:
        if self.new_chats_need_token and not request.headers.get("Authorization"):
            return web.json_response({"message": "Authorization has been denied"}, status=401)
        if self.reject_new_chats:
            return web.json_response({"error": {"code": "Forbidden"}}, status=403)
        body = await request.json()
        number = next(self._ids)
        conversation_id = f"a:opened-{number}"
        self.calls.append(
            ConnectorCall(
                "create", None, None, body, request.headers.get("Authorization"), conversation_id
            )
        )
        return web.json_response({"id": conversation_id, "activityId": f"created-{number}"})

    async def _record(self, request: web.Request, kind: str) -> web.Response:
        conversation_id = request.match_info["conversation"]
        if self.out_of_service:
            return web.json_response({"error": {"code": "ServiceError"}}, status=500)
        if conversation_id in self.rejected_conversations:
            return web.json_response({"error": {"code": "Forbidden"}}, status=403)
        body = await request.json()
        activity_id = request.match_info.get("activity")
        new_id = activity_id if kind == "update" else f"bot-{next(self._ids)}"
        self.calls.append(
            ConnectorCall(
                kind,
                conversation_id,
                activity_id,
                body,
                request.headers.get("Authorization"),
                new_id,
            )
        )
        return web.json_response({"id": new_id})


class StubTokenProvider(AccessTokenProviderBase):
    """Gives the bot a fixed outbound token instead of asking Microsoft Entra ID."""

    def __init__(self, configuration: AgentAuthConfiguration) -> None:
        self._configuration = configuration

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    async def get_access_token(
        self, resource_url: str, scopes: list[str], force_refresh: bool = False
    ) -> str:
        return OUTBOUND_TOKEN

    def get_token_credential(self) -> AsyncTokenCredential:
        raise NotImplementedError("tests use get_access_token only")


class ManualClock:
    """A monotonic clock in seconds that moves only when a test advances it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# --- the token issuer ------------------------------------------------------------------


class TokenIssuer:
    """Signs Bot Framework-style tokens and serves the keys to check them."""

    PREFIX = "/openid"

    def __init__(self) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.base_url = ""

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}{self.PREFIX}/.well-known/openid-configuration"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(self.PREFIX + "/.well-known/openid-configuration", self._metadata)
        app.router.add_get(self.PREFIX + "/keys", self._keys)
        return app

    async def _metadata(self, _request: web.Request) -> web.Response:
        return web.json_response(
            {
                "issuer": BOT_FRAMEWORK_ISSUER,
                "jwks_uri": f"{self.base_url}{self.PREFIX}/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def _keys(self, _request: web.Request) -> web.Response:
        public_jwk = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        public_jwk.update({"kid": KEY_ID, "use": "sig", "endorsements": ["msteams"]})
        return web.json_response({"keys": [public_jwk]})

    def token(
        self,
        *,
        service_url: str,
        audience: str = APP_ID,
        issuer: str = BOT_FRAMEWORK_ISSUER,
        lifetime: dt.timedelta = dt.timedelta(hours=1),
        signing_key: rsa.RSAPrivateKey | None = None,
    ) -> str:
        """Return a signed token; a negative `lifetime` gives one that has expired."""
        now = dt.datetime.now(dt.UTC)
        claims = {
            "iss": issuer,
            "aud": audience,
            "serviceurl": service_url,
            "nbf": now - dt.timedelta(minutes=5) + min(lifetime, dt.timedelta(0)),
            "exp": now + lifetime,
        }
        key = signing_key or self.private_key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})


# --- activities ------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamsUser:
    name: str
    aad_object_id: str

    @property
    def teams_id(self) -> str:
        return f"29:{self.aad_object_id}"

    @property
    def personal_conversation_id(self) -> str:
        return f"a:personal-{self.aad_object_id}"

    def account(self) -> dict[str, str]:
        return {"id": self.teams_id, "name": self.name, "aadObjectId": self.aad_object_id}

    def member_record(
        self, email: str, *, user_role: str = "user", user_principal_name: str | None = None
    ) -> dict[str, str]:
        """Return the record the Bot Connector returns for this user as a conversation member."""
        given_name, _, surname = self.name.partition(" ")
        return {
            "id": self.teams_id,
            "objectId": self.aad_object_id,
            "name": self.name,
            "givenName": given_name,
            "surname": surname,
            "email": email,
            "userPrincipalName": user_principal_name or email,
            "tenantId": TENANT_ID,
            "userRole": user_role,
        }


SENT_AT = "2027-01-06T08:00:00.000Z"  # 09:00 in Oslo on Wednesday 6 January 2027
CHANNEL_CONVERSATION_ID = "19:sengepost-øst@thread.tacv2;messageid=1767686400000"
GROUP_CONVERSATION_ID = "19:meeting_vaktlag@thread.v2"

_activity_numbers = itertools.count(1)


def next_activity_id() -> str:
    return f"1767686400{next(_activity_numbers):03d}"


def personal_conversation(user: TeamsUser) -> dict[str, str]:
    return {
        "id": user.personal_conversation_id,
        "conversationType": "personal",
        "tenantId": TENANT_ID,
    }


def channel_conversation() -> dict[str, Any]:
    return {
        "id": CHANNEL_CONVERSATION_ID,
        "conversationType": "channel",
        "isGroup": True,
        "tenantId": TENANT_ID,
    }


def group_conversation() -> dict[str, Any]:
    return {
        "id": GROUP_CONVERSATION_ID,
        "conversationType": "groupChat",
        "isGroup": True,
        "tenantId": TENANT_ID,
    }


def bot_account() -> dict[str, str]:
    return {"id": BOT_ACCOUNT_ID, "name": BOT_NAME}


def message_activity(
    user: TeamsUser,
    service_url: str,
    *,
    text: str | None = None,
    value: dict[str, Any] | None = None,
    conversation: dict[str, Any] | None = None,
    reply_to_id: str | None = None,
    locale: str | None = "nb-NO",
    activity_id: str | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "type": "message",
        "id": activity_id or next_activity_id(),
        "timestamp": SENT_AT,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": user.account(),
        "recipient": bot_account(),
        "conversation": conversation or personal_conversation(user),
        "channelData": {"tenant": {"id": TENANT_ID}},
        "textFormat": "plain",
    }
    if locale is not None:
        activity["locale"] = locale
    if text is not None:
        activity["text"] = text
    if value is not None:
        activity["value"] = value
    if reply_to_id is not None:
        activity["replyToId"] = reply_to_id
    if entities is not None:
        activity["entities"] = entities
    return activity


def mention_of_bot() -> dict[str, Any]:
    return {"type": "mention", "text": f"<at>{BOT_NAME}</at>", "mentioned": bot_account()}


def installation_activity(user: TeamsUser, service_url: str) -> dict[str, Any]:
    """The conversationUpdate Teams sends when a user adds the app to their personal chat."""
    return {
        "type": "conversationUpdate",
        "id": f"f:{next_activity_id()}",
        "timestamp": SENT_AT,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": user.account(),
        "recipient": bot_account(),
        "conversation": personal_conversation(user),
        "channelData": {"tenant": {"id": TENANT_ID}},
        "membersAdded": [bot_account()],
    }
