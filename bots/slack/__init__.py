"""The Slack adapter: bolt's async app, Block Kit rendering and direct messages."""

from bots.slack.platform import SlackPlatform
from bots.slack.settings import SlackSettings

__all__ = ["SlackPlatform", "SlackSettings"]
