"""Files waiting for a chat user's consent before the platform lets the bot send them.

Teams delivers a file only after the user accepts a file-consent card in their
1:1 chat. Until they answer, the file's bytes wait in the database, encrypted,
owned by the chat account they were offered to, and only until they expire. The
card carries nothing but a random token, so the answer names the file without
naming a person or holding the data. Adapters call this module instead of
opening the database themselves.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from core.messages import Sender

if TYPE_CHECKING:
    from storage.database import Database

logger = logging.getLogger(__name__)

# A day lets someone who reads the chat after their shift still accept the file.
DEFAULT_LIFETIME = dt.timedelta(hours=24)
# A roster or data export is a few kilobytes; the database is no place for large files.
MAX_FILE_BYTES = 4 * 1024 * 1024
# 32 random bytes (256 bits), URL-safe base64: not guessable, and safe in card JSON.
TOKEN_BYTES = 32


class OfferState(StrEnum):
    """What a consent answer found under its token."""

    READY = "ready"  # the user's own file, not expired, now claimed for this answer
    UNKNOWN = "unknown"  # no file under the token for this user: never offered, used or deleted
    EXPIRED = "expired"  # the file waited too long and is deleted now
    BUSY = "busy"  # another answer to the same card is uploading the file right now


@dataclass(frozen=True, slots=True)
class OfferedFile:
    """A file stored for a consent answer; `token` goes on the card and nowhere else."""

    token: str = field(repr=False)
    file_name: str
    size_bytes: int


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A claimed file's content, for the upload."""

    offer_id: int
    employee_id: int
    file_name: str
    content: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class WaitingFile:
    """A file waiting for its owner's answer, as the owner's data export lists it."""

    offer_id: int
    platform: str
    file_name: str
    size_bytes: int
    offered_at: dt.datetime
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FileClaim:
    state: OfferState
    file: StoredFile | None = None


class FileOffers:
    """Offered files of linked chat users, each call in its own transaction."""

    def __init__(
        self,
        database: Database,
        *,
        lifetime: dt.timedelta = DEFAULT_LIFETIME,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        """`clock` returns the current time (aware); tests pass one to let offers expire."""
        self._database = database
        self._lifetime = lifetime
        self._clock = clock or (lambda: dt.datetime.now(tz=dt.UTC))

    def offer(self, sender: Sender, path: Path) -> OfferedFile | None:
        """Store the file at `path` for `sender`; return the offer, or None if it cannot be.

        None means the sender is not linked, or the file is missing, empty or larger
        than `MAX_FILE_BYTES`; the reason is logged.
        """
        try:
            content = path.read_bytes()
        except OSError as error:
            logger.warning("file for an offer could not be read (%s)", type(error).__name__)
            return None
        if not content:
            logger.warning("empty file not offered")
            return None
        if len(content) > MAX_FILE_BYTES:
            logger.warning(
                "file of %s bytes not offered: the limit is %s", len(content), MAX_FILE_BYTES
            )
            return None
        token = secrets.token_urlsafe(TOKEN_BYTES)
        now = self._clock()
        with self._database.store() as store:
            offer_id = store.file_offers.add(
                sender.platform,
                sender.workspace_id,
                sender.user_id,
                token,
                path.name,
                content,
                expires_at=now + self._lifetime,
                now=now,
            )
        if offer_id is None:
            logger.info("file not offered: the %s user is not linked", sender.platform)
            return None
        return OfferedFile(token, path.name, len(content))

    def claim(self, sender: Sender, token: str) -> FileClaim:
        """Claim the file under `token` for an upload, if it is the sender's and not expired.

        A claimed file is kept until `complete` deletes it or `release` frees it for
        another try. A claim that neither ends is freed after five minutes.
        """
        with self._database.store() as store:
            return store.file_offers.claim(
                sender.platform, sender.workspace_id, sender.user_id, token, now=self._clock()
            )

    def complete(self, stored: StoredFile) -> None:
        """Delete the uploaded file and record the upload in the audit log."""
        with self._database.store() as store:
            store.file_offers.delete(stored.offer_id, action="upload", actor_id=stored.employee_id)

    def discard(self, stored: StoredFile, *, reason: str) -> None:
        """Delete a claimed file that cannot be uploaded; `reason` is a code for the audit log."""
        with self._database.store() as store:
            store.file_offers.delete(stored.offer_id, action="discard", actor_id=None, cause=reason)

    def release(self, stored: StoredFile, *, reason: str) -> None:
        """Keep a claimed file for another try after a failed upload, and audit the failure."""
        with self._database.store() as store:
            store.file_offers.release(stored.offer_id, cause=reason)

    def decline(self, sender: Sender, token: str) -> OfferState:
        """Delete the sender's file under `token`; return READY if there was one to delete."""
        with self._database.store() as store:
            return store.file_offers.decline(
                sender.platform, sender.workspace_id, sender.user_id, token, now=self._clock()
            )
