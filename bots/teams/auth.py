"""Tokens: validating the ones Teams sends us, and getting the ones we send back.

Incoming: the Bot Connector signs a JWT (RS256, issuer https://api.botframework.com,
audience our app id, a `serviceurl` claim). The Agents SDK's `JwtTokenValidator`
checks signature, expiry, audience and issuer, but in version 1.9.0 it fetches the
signing keys from a JWKS address hard-coded per issuer. `SigningKeys` replaces that
lookup so that TEAMS_OPENID_METADATA_URL, when set, decides where the keys come
from; tests use it to serve their own keys on loopback. The SDK leaves the
`serviceurl` claim unchecked unless its host validator is on, so `check_service_url`
checks it: our replies carry our own token to that address.

Outgoing: the SDK's `ConnectionManager` hands out a token provider per connection.
In production that is MSAL with the app's secret or certificate; anonymous mode and
tests pass their own provider factory.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import aiohttp
from jwt import PyJWK, PyJWKClient, PyJWTError
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ClaimsIdentity,
    ConnectionManager,
)
from microsoft_agents.hosting.core.authorization import AuthTypes
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import (
    _JwkClientManager,
)

from bots.teams.settings import TeamsSettings

logger = logging.getLogger(__name__)

SERVICE_URL_CLAIM = "serviceurl"
KEY_ID_HEADER = "kid"
# The connection name the SDK's connection manager requires for the bot's own identity.
SERVICE_CONNECTION = "SERVICE_CONNECTION"
METADATA_TIMEOUT_SECONDS = 10

TokenProviderFactory = Callable[[AgentAuthConfiguration], AccessTokenProviderBase]


class Unauthorized(Exception):
    """The request carries no valid token; the message names the reason, never the token."""


class SigningKeys(_JwkClientManager):
    """The public keys incoming tokens are checked against.

    Without a metadata URL, the address the SDK chose for the token's issuer is used.
    With one, its `jwks_uri` is used for every token, whatever the issuer claims, so
    that a forged issuer cannot send the lookup anywhere else.
    """

    def __init__(self, openid_metadata_url: str | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._metadata_url = openid_metadata_url
        self._configured_jwks_uri: str | None = None
        self._clients: dict[str, PyJWKClient] = {}
        self._clients_lock = threading.Lock()

    async def get_signing_key(self, jwks_uri: str, header: dict[str, Any]) -> PyJWK:
        if self._metadata_url is not None:
            jwks_uri = await self._jwks_uri_from_metadata(self._metadata_url)
        key_id = header.get(KEY_ID_HEADER)
        if not isinstance(key_id, str):
            raise ValueError("missing key id (kid) in the token header")
        client = self._client(jwks_uri)
        # PyJWKClient fetches with blocking urllib, so it runs in a worker thread.
        return await asyncio.to_thread(client.get_signing_key, key_id)

    def _client(self, jwks_uri: str) -> PyJWKClient:
        with self._clients_lock:
            if jwks_uri not in self._clients:
                self._clients[jwks_uri] = PyJWKClient(jwks_uri)
            return self._clients[jwks_uri]

    async def _jwks_uri_from_metadata(self, metadata_url: str) -> str:
        if self._configured_jwks_uri is not None:
            return self._configured_jwks_uri
        timeout = aiohttp.ClientTimeout(total=METADATA_TIMEOUT_SECONDS)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(metadata_url) as response,
            ):
                response.raise_for_status()
                metadata = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise ValueError(f"OpenID metadata could not be read: {type(error).__name__}") from None
        jwks_uri = metadata.get("jwks_uri") if isinstance(metadata, dict) else None
        if not isinstance(jwks_uri, str):
            raise ValueError("missing jwks_uri in the OpenID metadata")
        self._configured_jwks_uri = jwks_uri
        return jwks_uri


class TokenValidator(JwtTokenValidator):
    """The SDK's validator with its key lookup replaced by `SigningKeys`."""

    def __init__(self, configuration: AgentAuthConfiguration, keys: SigningKeys) -> None:
        super().__init__(configuration)
        self._jwk_client_manager = keys


class InboundAuthentication:
    """Decides whether a request to /api/messages may be processed, and as whom."""

    def __init__(self, settings: TeamsSettings, keys: SigningKeys | None = None) -> None:
        self._settings = settings
        self._configuration = auth_configuration(settings)
        self._validator = TokenValidator(
            self._configuration, keys or SigningKeys(settings.openid_metadata_url)
        )

    async def authenticate(self, authorization: str | None) -> ClaimsIdentity:
        """Return the validated claims, or anonymous claims in anonymous mode without a header.

        Raises Unauthorized for a missing header while an app id is set, and for any
        header that does not carry a valid token for that app id.
        """
        if not authorization:
            if self._settings.allow_anonymous:
                return ClaimsIdentity()
            raise Unauthorized("missing Authorization header")
        if not self._settings.validates_tokens:
            # Without an app id no token can have the right audience, so it is rejected
            # without fetching signing keys.
            raise Unauthorized("a token was sent, but TEAMS_APP_ID is not set to check it")
        token = bearer_token(authorization)
        if token is None:
            raise Unauthorized("the Authorization header is not a bearer token")
        try:
            return await self._validator.validate_token(token)
        except (PyJWTError, ValueError, KeyError) as error:
            raise Unauthorized(f"invalid token ({type(error).__name__})") from None


def bearer_token(authorization: str) -> str | None:
    parts = authorization.split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        return None
    return parts[1]


def check_service_url(identity: ClaimsIdentity, service_url: str | None) -> None:
    """Raise Unauthorized unless the token was issued for the activity's service URL.

    Anonymous claims (local development) carry no service URL and pass.
    """
    if not identity.claims:
        return
    claimed = identity.get_claim_value(SERVICE_URL_CLAIM)
    if not isinstance(claimed, str) or not service_url:
        raise Unauthorized("missing serviceurl claim in the token")
    if _normalised_url(claimed) != _normalised_url(service_url):
        raise Unauthorized("the activity's serviceUrl differs from the token's")


def _normalised_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def auth_configuration(settings: TeamsSettings) -> AgentAuthConfiguration:
    """Return the SDK configuration of the bot's own app, for both directions."""
    auth_type = AuthTypes.certificate if settings.certificate_file else AuthTypes.client_secret
    return AgentAuthConfiguration(
        auth_type=auth_type,
        client_id=settings.app_id,
        tenant_id=settings.tenant_id,
        client_secret=settings.app_password,
        cert_pfx_file=settings.certificate_file,
        anonymous_allowed=settings.allow_anonymous,
        validate_issuer=True,
    )


def outbound_connections(
    settings: TeamsSettings, provider_factory: TokenProviderFactory | None = None
) -> ConnectionManager:
    """Return the connection manager that gives the SDK tokens for calls to the Bot Connector."""
    if provider_factory is None:
        provider_factory = _anonymous_provider if settings.allow_anonymous else MsalAuth
    return ConnectionManager(
        provider_factory=provider_factory,
        connections_configurations={SERVICE_CONNECTION: auth_configuration(settings)},
    )


def _anonymous_provider(_configuration: AgentAuthConfiguration) -> AccessTokenProviderBase:
    return AnonymousTokenProvider()


def proactive_identity(settings: TeamsSettings) -> ClaimsIdentity:
    """Return the claims to send proactive messages with: the app's own, or none when anonymous."""
    if not settings.app_id:
        return ClaimsIdentity()
    return ClaimsIdentity({"aud": settings.app_id, "appid": settings.app_id})
