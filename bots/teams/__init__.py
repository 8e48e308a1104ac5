"""Microsoft Teams adapter on the Microsoft 365 Agents SDK, mounted at /api/messages.

No Agents SDK type leaves this package: the core sees `IncomingMessage` and
`Reply` only. docs/teams.md describes the set-up and the design.
"""

from __future__ import annotations

from bots.teams.endpoint import MESSAGES_PATH
from bots.teams.platform import TeamsPlatform
from bots.teams.settings import TeamsConfigurationError, TeamsSettings

__all__ = [
    "MESSAGES_PATH",
    "TeamsConfigurationError",
    "TeamsPlatform",
    "TeamsSettings",
]
