"""How the Slack endpoint is configured, from the environment.

SLACK_SIGNING_SECRET   the app's signing secret; every request is verified with it
SLACK_BOT_TOKEN        the bot token (xoxb-…) of the one workspace the app is in, or
SLACK_CLIENT_ID and SLACK_CLIENT_SECRET
                       the app's OAuth credentials, for installing it in several
                       workspaces through /slack/install
SLACK_REDIRECT_URI     the OAuth redirect URL, if the app lists more than one
SLACK_API_URL          the Web API base URL; unset in production, where the Slack
                       SDK's default (https://slack.com/api/) is used
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.errors import OperatorError
from core.i18n import N_

# The bot scopes in the manifest, which the OAuth flow requests too.
BOT_SCOPES = (
    "app_mentions:read",
    "chat:write",
    "commands",
    "files:write",
    "im:history",
    "im:read",
    "im:write",
    "users:read",
    "users:read.email",
)

SLASH_COMMAND = "/turnus"

_VARIABLES = (
    "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_REDIRECT_URI",
    "SLACK_API_URL",
)


class SlackConfigurationError(OperatorError, ValueError):
    """The Slack settings are incomplete or contradict each other; the message names the fix."""


@dataclass(frozen=True, slots=True)
class SlackSettings:
    signing_secret: str = field(repr=False)
    bot_token: str | None = field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    redirect_uri: str | None = None
    api_url: str | None = None
    # How often a long job's progress message is edited at most; chat.update allows
    # about 50 calls a minute per workspace (Slack's rate-limit tier 3).
    progress_interval_seconds: float = 2.0
    # How long a user's locale and e-mail from users.info are reused.
    profile_cache_seconds: float = 600.0

    def __post_init__(self) -> None:
        if not self.signing_secret:
            raise SlackConfigurationError(
                N_("SLACK_SIGNING_SECRET is missing: copy it from the app's Basic Information page")
            )
        if self.bot_token and self.client_id:
            raise SlackConfigurationError(
                N_(
                    "set SLACK_BOT_TOKEN for one workspace or SLACK_CLIENT_ID and "
                    "SLACK_CLIENT_SECRET for installing in several, not both"
                )
            )
        if bool(self.client_id) != bool(self.client_secret):
            raise SlackConfigurationError(
                N_("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET must be set together")
            )
        if not self.bot_token and not self.client_id:
            raise SlackConfigurationError(
                N_(
                    "set SLACK_BOT_TOKEN (one workspace), or SLACK_CLIENT_ID and "
                    "SLACK_CLIENT_SECRET (OAuth, several workspaces)"
                )
            )
        if self.api_url and not self.api_url.endswith("/"):
            raise SlackConfigurationError(
                N_("SLACK_API_URL must end with a slash, e.g. %(url)s/"), url=self.api_url
            )

    @property
    def uses_oauth(self) -> bool:
        return bool(self.client_id)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> SlackSettings | None:
        """Return the settings, or None when no SLACK_* variable is set at all."""
        values = os.environ if environ is None else environ
        present = {name: values.get(name, "").strip() for name in _VARIABLES}
        if not any(present.values()):
            return None
        return cls(
            signing_secret=present["SLACK_SIGNING_SECRET"],
            bot_token=present["SLACK_BOT_TOKEN"] or None,
            client_id=present["SLACK_CLIENT_ID"] or None,
            client_secret=present["SLACK_CLIENT_SECRET"] or None,
            redirect_uri=present["SLACK_REDIRECT_URI"] or None,
            api_url=present["SLACK_API_URL"] or None,
        )
