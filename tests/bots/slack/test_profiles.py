"""Users' locale and verified e-mail from users.info, and how long they are kept."""

from __future__ import annotations

from typing import Any

import pytest

from bots.slack.profiles import SlackProfile, SlackProfiles, profile_of


def user(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "U1",
        "team_id": "T1",
        "locale": "nn-NO",
        "is_email_confirmed": True,
        "profile": {"email": "åse@fjordvik.example"},
    }
    return {**base, **fields}


def test_confirmed_email_trusted() -> None:
    """A workspace member's confirmed address and locale are passed on."""
    assert profile_of(user(), "T1") == SlackProfile("nn-NO", "åse@fjordvik.example")


@pytest.mark.parametrize(
    "fields",
    [
        {"is_email_confirmed": False},
        {"is_email_confirmed": None},
        {"deleted": True},
        {"is_bot": True},
        {"is_restricted": True},
        {"is_ultra_restricted": True},
        {"team_id": "T0ANNEN"},
    ],
    ids=["unconfirmed", "unknown", "deleted", "bot", "guest", "single-channel-guest", "other-team"],
)
def test_untrusted_email_dropped(fields: dict[str, Any]) -> None:
    """Addresses Slack does not vouch for, or of guests and outsiders, are not used."""
    profile = profile_of(user(**fields), "T1")

    assert profile.verified_email is None
    assert profile.locale == "nn-NO"


class CountingClient:
    """Returns a users.info result and counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    async def users_info(self, **arguments: Any) -> dict[str, Any]:
        self.calls += 1
        return {"ok": True, "user": user()}


async def test_profiles_cached_for_lifetime() -> None:
    """A second lookup within the lifetime reuses the result; after it, users.info is called."""
    now = [0.0]
    profiles = SlackProfiles(600, clock=lambda: now[0])
    client = CountingClient()

    await profiles.profile(client, "T1", "U1")  # type: ignore[arg-type]
    await profiles.profile(client, "T1", "U1")  # type: ignore[arg-type]
    now[0] = 601.0
    latest = await profiles.profile(client, "T1", "U1")  # type: ignore[arg-type]

    assert client.calls == 2
    assert latest.locale == "nn-NO"
