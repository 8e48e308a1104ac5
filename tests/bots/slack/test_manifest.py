"""The Slack app manifest asks for exactly what the adapter uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bots.slack.platform import EVENTS_PATH, REDIRECT_PATH
from bots.slack.settings import BOT_SCOPES, SLASH_COMMAND

MANIFEST = Path(__file__).resolve().parents[3] / "bots" / "slack" / "manifest.yml"


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def test_scopes_match_settings() -> None:
    """The manifest's bot scopes are the ones the OAuth flow requests."""
    assert manifest()["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)


def test_events_and_interactivity_reach_one_route() -> None:
    """Events, interactivity and the slash command all go to the events route over HTTPS."""
    settings = manifest()["settings"]
    (command,) = manifest()["features"]["slash_commands"]
    urls = [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
        command["url"],
    ]

    assert all(url.startswith("https://") and url.endswith(EVENTS_PATH) for url in urls)
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is False


def test_subscribed_events() -> None:
    """Direct messages, mentions and the home tab are the subscribed events."""
    events = manifest()["settings"]["event_subscriptions"]["bot_events"]

    assert sorted(events) == ["app_home_opened", "app_mention", "message.im"]


def test_slash_command_and_home_tab() -> None:
    """The slash command is /turnus, and both the home and the messages tabs are on."""
    features = manifest()["features"]

    assert features["slash_commands"][0]["command"] == SLASH_COMMAND
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert features["app_home"]["messages_tab_read_only_enabled"] is False


def test_redirect_url_matches_route() -> None:
    """The OAuth redirect URL ends with the redirect route the server mounts."""
    (url,) = manifest()["oauth_config"]["redirect_urls"]

    assert url.endswith(REDIRECT_PATH)
