"""Microsoft Teams adapter on the Microsoft 365 Agents SDK, mounted at /api/messages.

No Agents SDK type leaves this package: the core sees `IncomingMessage` and
`Reply` only. docs/teams.md describes the set-up and the design.
"""

from __future__ import annotations

from bots.teams.endpoint import MESSAGES_PATH, TeamsEndpoint, add_teams_routes, build_teams_endpoint
from bots.teams.settings import TeamsConfigurationError, TeamsSettings

__all__ = [
    "MESSAGES_PATH",
    "TeamsConfigurationError",
    "TeamsEndpoint",
    "TeamsSettings",
    "add_teams_routes",
    "build_teams_endpoint",
]
