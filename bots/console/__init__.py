"""The terminal chat: the same path as Slack and Teams, with stdin and stdout."""

from bots.console.chat import ConsoleChat

__all__ = ["ConsoleChat"]
