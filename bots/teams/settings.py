"""How the Teams endpoint is configured: the bot's Microsoft Entra app and its credentials.

TEAMS_APP_ID            the bot's app (client) id; tokens are validated against it
TEAMS_APP_PASSWORD      a client secret of that app, or
TEAMS_APP_CERTIFICATE   the path of a PKCS#12 (.pfx) file without a passphrase
TEAMS_TENANT_ID         the tenant of a single-tenant app (the only kind Azure
                        creates for new bots)
TEAMS_ALLOW_ANONYMOUS=1 accept requests without a token; local development only,
                        and never together with TEAMS_APP_ID
TEAMS_OPENID_METADATA_URL
                        where the token signing keys are listed; unset in
                        production, where the Bot Framework's own list is used
TEAMS_UPLOAD_HOSTS      the hosts a file may be uploaded to after the user accepts
                        it, comma-separated; «*.example.com» allows every subdomain.
                        Default: *.sharepoint.com, where Teams keeps OneDrive files
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.errors import OperatorError
from core.i18n import N_

# Teams puts a file the user accepted in their OneDrive for Business, whose upload
# addresses are on the tenant's SharePoint host (contoso-my.sharepoint.com) in the
# public cloud. Sovereign clouds use other domains and need TEAMS_UPLOAD_HOSTS.
DEFAULT_UPLOAD_HOSTS = ("*.sharepoint.com",)


class TeamsConfigurationError(OperatorError, ValueError):
    """The Teams settings contradict each other; the message says what to change."""


@dataclass(frozen=True, slots=True)
class TeamsSettings:
    app_id: str | None = None
    app_password: str | None = field(default=None, repr=False)
    certificate_file: str | None = None
    tenant_id: str | None = None
    allow_anonymous: bool = False
    openid_metadata_url: str | None = None
    # How long a user's e-mail address from the Bot Connector is reused, and how
    # long the bot waits for it; Teams sends an activity again after about 15 seconds.
    member_cache_seconds: float = 600.0
    member_lookup_timeout_seconds: float = 5.0
    # The hosts an accepted file may be uploaded to, and the upload's time limit. The
    # upload runs while Teams waits for the invoke response.
    upload_hosts: tuple[str, ...] = DEFAULT_UPLOAD_HOSTS
    upload_timeout_seconds: float = 10.0
    # How long a file offered on a consent card waits for the answer.
    file_offer_seconds: float = 24 * 3600.0

    def __post_init__(self) -> None:
        if self.app_id and self.allow_anonymous:
            raise TeamsConfigurationError(
                N_(
                    "TEAMS_ALLOW_ANONYMOUS=1 cannot be combined with TEAMS_APP_ID: with an app id "
                    "every request must carry a valid token. Unset one of them."
                )
            )
        if not self.app_id and not self.allow_anonymous:
            raise TeamsConfigurationError(
                N_(
                    "set TEAMS_APP_ID (with TEAMS_APP_PASSWORD or TEAMS_APP_CERTIFICATE), or "
                    "TEAMS_ALLOW_ANONYMOUS=1 for local development without tokens"
                )
            )
        if self.app_id and not (self.app_password or self.certificate_file):
            raise TeamsConfigurationError(
                N_(
                    "TEAMS_APP_ID is set but neither TEAMS_APP_PASSWORD nor TEAMS_APP_CERTIFICATE: "
                    "the bot needs one of them to send messages"
                )
            )

    @property
    def validates_tokens(self) -> bool:
        return bool(self.app_id)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> TeamsSettings | None:
        """Return the settings, or None when neither an app id nor anonymous mode is set."""
        values = os.environ if environ is None else environ
        app_id = values.get("TEAMS_APP_ID", "").strip() or None
        allow_anonymous = values.get("TEAMS_ALLOW_ANONYMOUS", "").strip() == "1"
        if app_id is None and not allow_anonymous:
            return None
        return cls(
            app_id=app_id,
            app_password=values.get("TEAMS_APP_PASSWORD") or None,
            certificate_file=values.get("TEAMS_APP_CERTIFICATE") or None,
            tenant_id=values.get("TEAMS_TENANT_ID", "").strip() or None,
            allow_anonymous=allow_anonymous,
            openid_metadata_url=values.get("TEAMS_OPENID_METADATA_URL", "").strip() or None,
            upload_hosts=parse_upload_hosts(values.get("TEAMS_UPLOAD_HOSTS", "")),
        )


def parse_upload_hosts(text: str) -> tuple[str, ...]:
    """Return the hosts in TEAMS_UPLOAD_HOSTS in lower case, or the default when it is empty."""
    hosts = tuple(host.strip().lower() for host in text.split(",") if host.strip())
    return hosts or DEFAULT_UPLOAD_HOSTS
