"""Files in Teams: the file-consent card, the user's answer, and the upload to their OneDrive.

A bot can send a file only in a 1:1 chat, and only after the user accepts a
file-consent card (content type `application/vnd.microsoft.teams.card.file.consent`).
Teams answers with an `invoke` activity named `fileConsent/invoke` whose value
holds the action (`accept` or `decline`), the context the card carried and, on
accept, `uploadInfo`: the name, an `uploadUrl` of an upload session in the user's
OneDrive, the `contentUrl`, `uniqueId` and `fileType` of the file to be. The bot
PUTs the bytes to `uploadUrl` with a Content-Range header and then posts a
file-info card (`application/vnd.microsoft.teams.card.file.info`) pointing at it.

The card's contexts carry only a random token; the bytes wait in the database
(`core.file_offers`). The upload address comes from the request, so it is checked
against an allow-list before any request is sent, redirects are not followed,
and the request carries no credentials of the bot.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from microsoft_agents.activity import Activity, ActivityTypes, Attachment, InvokeResponse

FILE_CONSENT_CONTENT_TYPE = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO_CONTENT_TYPE = "application/vnd.microsoft.teams.card.file.info"
FILE_CONSENT_INVOKE = "fileConsent/invoke"
ACCEPT = "accept"
DECLINE = "decline"
# The key of the token in the card's accept and decline contexts.
CONTEXT_TOKEN_KEY = "vaktbotFile"
# Longer values cannot be tokens of ours; they are not looked up.
MAX_TOKEN_LENGTH = 100

logger = logging.getLogger(__name__)


class UploadRefused(Exception):
    """The upload address is not one the bot may send a file to; the message says why."""


class UploadFailed(Exception):
    """The upload server did not take the file; `reason` is a short code for logs and audit."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class UploadInfo:
    """The upload location Teams gives for an accepted file (the invoke's `uploadInfo`)."""

    name: str
    upload_url: str
    content_url: str
    unique_id: str
    file_type: str


@dataclass(frozen=True, slots=True)
class ConsentAnswer:
    """The user's answer to a file-consent card."""

    action: str  # ACCEPT or DECLINE
    token: str
    upload: UploadInfo | None = None


def consent_card(
    token: str, file_name: str, size_bytes: int, description: str, *, summary: str
) -> Activity:
    """Return the message with a file-consent card for the file under `token`."""
    context = {CONTEXT_TOKEN_KEY: token}
    card = {
        "description": description,
        "sizeInBytes": size_bytes,
        "acceptContext": context,
        "declineContext": context,
    }
    # Teams does not show a consent card without the attachment's name.
    attachment = Attachment(content_type=FILE_CONSENT_CONTENT_TYPE, name=file_name, content=card)
    return Activity(type=ActivityTypes.message, attachments=[attachment], summary=summary)


def file_info_card(upload: UploadInfo, text: str) -> Activity:
    """Return the message that shows the uploaded file as a card the user can open."""
    attachment = Attachment(
        content_type=FILE_INFO_CONTENT_TYPE,
        name=upload.name,
        content_url=upload.content_url,
        content={"uniqueId": upload.unique_id, "fileType": upload.file_type},
    )
    return Activity(
        type=ActivityTypes.message, text=text, text_format="plain", attachments=[attachment]
    )


def invoke_answer(status: int = 200) -> Activity:
    """Return the activity that sets the HTTP answer to an invoke activity."""
    return Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=status))


def consent_answer(value: object) -> ConsentAnswer | None:
    """Return the answer in a `fileConsent/invoke` value, or None if it is not one of ours."""
    if not isinstance(value, dict):
        return None
    action = value.get("action")
    context = value.get("context")
    if action not in (ACCEPT, DECLINE) or not isinstance(context, dict):
        return None
    token = context.get(CONTEXT_TOKEN_KEY)
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    if action == DECLINE:
        return ConsentAnswer(DECLINE, token)
    upload = _upload_info(value.get("uploadInfo"))
    if upload is None:
        return None
    return ConsentAnswer(ACCEPT, token, upload)


def _upload_info(value: object) -> UploadInfo | None:
    if not isinstance(value, dict):
        return None
    fields = ("name", "uploadUrl", "contentUrl", "uniqueId", "fileType")
    texts = [value.get(name) for name in fields]
    if not all(isinstance(text, str) for text in texts):
        return None
    name, upload_url, content_url, unique_id, file_type = (str(text) for text in texts)
    if not name or not upload_url:
        return None
    return UploadInfo(name, upload_url, content_url, unique_id, file_type)


def check_upload_url(url: str, allowed_hosts: tuple[str, ...]) -> None:
    """Raise UploadRefused unless `url` is https on an allowed host, without user info.

    An entry «*.example.com» allows every subdomain of example.com, not the domain
    itself; any other entry allows exactly that host.
    """
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        raise UploadRefused("the upload URL cannot be parsed") from None
    if parts.scheme != "https":
        raise UploadRefused(f"the upload URL's scheme is {parts.scheme or 'missing'}, not https")
    if parts.username is not None or parts.password is not None:
        raise UploadRefused("the upload URL carries user information")
    if not host or any(char.isspace() for char in url):
        raise UploadRefused("the upload URL has no host or contains blanks")
    if not any(_host_matches(host, allowed) for allowed in allowed_hosts):
        raise UploadRefused(f"the upload host {host} is not in TEAMS_UPLOAD_HOSTS")


def _host_matches(host: str, allowed: str) -> bool:
    if allowed.startswith("*."):
        return host.endswith(allowed[1:]) and len(host) > len(allowed) - 1
    return host == allowed


class FileUploader:
    """PUTs an accepted file to its upload session, after checking the address."""

    def __init__(
        self,
        allowed_hosts: tuple[str, ...],
        timeout_seconds: float,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """`ssl_context` replaces the system's trusted certificates; tests pass their own."""
        self._allowed_hosts = allowed_hosts
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._ssl: ssl.SSLContext | bool = ssl_context if ssl_context is not None else True

    def check(self, url: str) -> None:
        """Raise UploadRefused if the bot may not send a file to `url`."""
        check_upload_url(url, self._allowed_hosts)

    async def upload(self, url: str, content: bytes) -> None:
        """Send `content` in one PUT; raise UploadRefused or UploadFailed.

        The upload session takes the whole file in one range, `bytes 0-{size-1}/{size}`.
        A fresh session without default headers sends no Authorization header, and
        a redirect counts as a failure, so the bytes go to the checked host only.
        """
        self.check(url)
        size = len(content)
        headers = {
            "Content-Length": str(size),
            "Content-Range": f"bytes 0-{size - 1}/{size}",
        }
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as session,
                session.put(
                    url, data=content, headers=headers, allow_redirects=False, ssl=self._ssl
                ) as response,
            ):
                status = response.status
        except (TimeoutError, aiohttp.ClientError) as error:
            raise UploadFailed(type(error).__name__) from error
        if not 200 <= status < 300:
            raise UploadFailed(f"HTTP {status}")


def consent_value_kind(value: Any) -> str:
    """Return the action of a consent invoke value for a log line, or «malformed»."""
    if isinstance(value, dict) and value.get("action") in (ACCEPT, DECLINE):
        return str(value["action"])
    return "malformed"
