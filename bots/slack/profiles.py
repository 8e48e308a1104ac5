"""A Slack user's locale and verified e-mail address, which the core needs.

Both come from users.info, which is rate-limited (Slack's tier 4, about 100 calls a
minute), so the results are kept in memory for a while.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SlackProfile:
    locale: str | None = None
    # Only an address Slack marks as confirmed (is_email_confirmed), of a member of the
    # workspace itself: a guest from another organisation must not match an employee.
    verified_email: str | None = None


class SlackProfiles:
    """users.info results per workspace and user, kept for `lifetime_seconds`."""

    def __init__(
        self, lifetime_seconds: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._lifetime_seconds = lifetime_seconds
        self._clock = clock
        self._cache: dict[tuple[str, str], tuple[float, SlackProfile]] = {}

    async def profile(self, client: AsyncWebClient, team_id: str, user_id: str) -> SlackProfile:
        """Return the user's profile; an empty one if Slack cannot tell (logged, not raised)."""
        key = (team_id, user_id)
        cached = self._cache.get(key)
        if cached is not None and self._clock() - cached[0] < self._lifetime_seconds:
            return cached[1]
        try:
            response = await client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            logger.warning(
                "users.info failed for a user of team %s: %s", team_id, error.response.get("error")
            )
            return SlackProfile()
        profile = profile_of(response.get("user") or {}, team_id)
        self._cache[key] = (self._clock(), profile)
        return profile

    def forget(self, team_id: str, user_id: str) -> None:
        self._cache.pop((team_id, user_id), None)


def profile_of(user: dict[str, Any], team_id: str) -> SlackProfile:
    """Read the locale and, when Slack vouches for it, the e-mail of a users.info user."""
    locale = user.get("locale") if isinstance(user.get("locale"), str) else None
    email = (user.get("profile") or {}).get("email")
    trusted = (
        user.get("is_email_confirmed") is True
        and not user.get("deleted")
        and not user.get("is_bot")
        and not user.get("is_restricted")
        and not user.get("is_ultra_restricted")
        and user.get("team_id", team_id) == team_id
    )
    return SlackProfile(locale=locale, verified_email=email if trusted and email else None)
