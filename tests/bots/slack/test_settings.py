"""Slack settings from the environment, and the mistakes they catch."""

from __future__ import annotations

import pytest

from bots.slack.settings import SlackConfigurationError, SlackSettings


def test_no_slack_variables_means_no_slack() -> None:
    """Without any SLACK_* variable, Slack is simply not configured."""
    assert SlackSettings.from_environment({"TEAMS_APP_ID": "x"}) is None


def test_single_workspace_settings() -> None:
    """A signing secret and a bot token configure one workspace."""
    settings = SlackSettings.from_environment(
        {"SLACK_SIGNING_SECRET": " hemmelig ", "SLACK_BOT_TOKEN": "xoxb-1"}
    )

    assert settings is not None
    assert settings.signing_secret == "hemmelig"
    assert settings.uses_oauth is False
    assert "hemmelig" not in repr(settings)
    assert "xoxb-1" not in repr(settings)


def test_oauth_settings() -> None:
    """Client id and secret switch on OAuth for several workspaces."""
    settings = SlackSettings.from_environment(
        {
            "SLACK_SIGNING_SECRET": "s",
            "SLACK_CLIENT_ID": "1.2",
            "SLACK_CLIENT_SECRET": "c",
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
        }
    )

    assert settings is not None
    assert settings.uses_oauth is True
    assert settings.api_url == "http://127.0.0.1:9/api/"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is missing"),
        ({"SLACK_SIGNING_SECRET": "s"}, "set SLACK_BOT_TOKEN"),
        (
            {
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_BOT_TOKEN": "x",
                "SLACK_CLIENT_ID": "1",
                "SLACK_CLIENT_SECRET": "c",
            },
            "not both",
        ),
        ({"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1"}, "must be set together"),
        (
            {
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_BOT_TOKEN": "x",
                "SLACK_API_URL": "http://127.0.0.1:9/api",
            },
            "must end with a slash",
        ),
    ],
    ids=["no-secret", "no-token", "token-and-oauth", "half-oauth", "api-url-slash"],
)
def test_incomplete_settings_rejected(variables: dict[str, str], message: str) -> None:
    """Each mistake is refused with what to set."""
    with pytest.raises(SlackConfigurationError, match=message):
        SlackSettings.from_environment(variables)
