"""Bad tokens get 401 and bad activities 400; neither changes anything or reaches the user."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import func, select

from bots.teams import TeamsConfigurationError, TeamsSettings
from storage.models import Base, PendingDialogueRow, ProcessedEventRow
from tests.bots.teams.teams_fakes import APP_ID, message_activity
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import KAARE


def stored_events(teams: TeamsHarness) -> int:
    """Return how many deliveries the core has recorded; each handled message adds one."""
    return row_count(teams, ProcessedEventRow) + row_count(teams, PendingDialogueRow)


def row_count(teams: TeamsHarness, model: type[Base]) -> int:
    with teams.database.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def forged_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.mark.parametrize(
    "token_case",
    [
        "forged signature",
        "expired",
        "wrong audience",
        "wrong issuer",
        "other service URL",
        "not a JWT",
    ],
)
async def test_invalid_token_gets_401(teams: TeamsHarness, token_case: str) -> None:
    """A token that fails any check is rejected before the activity is read."""
    issuer, service_url = teams.issuer, teams.service_url
    tokens = {
        "forged signature": lambda: issuer.token(service_url=service_url, signing_key=forged_key()),
        "expired": lambda: issuer.token(service_url=service_url, lifetime=-dt.timedelta(hours=1)),
        "wrong audience": lambda: issuer.token(
            service_url=service_url, audience="another-bots-app-id"
        ),
        "wrong issuer": lambda: issuer.token(
            service_url=service_url, issuer="https://issuer.example"
        ),
        "other service URL": lambda: issuer.token(service_url="https://smba.example/teams/"),
        "not a JWT": lambda: "æøå-is-not-a-token",
    }

    response = await teams.post(
        message_activity(KAARE, service_url, text="Jeg er syk i dag"), token=tokens[token_case]()
    )

    assert response.status == 401
    assert teams.connector.calls == []
    assert stored_events(teams) == 0


async def test_missing_token_gets_401(teams: TeamsHarness) -> None:
    """With an app id configured, a request without Authorization is 401, not 500."""
    response = await teams.post(message_activity(KAARE, teams.service_url, text="Hei"), token=None)

    assert response.status == 401
    assert teams.connector.calls == []
    assert stored_events(teams) == 0


async def test_basic_scheme_gets_401(teams: TeamsHarness) -> None:
    """An Authorization header that is not a bearer token is rejected."""
    response = await teams.post(
        message_activity(KAARE, teams.service_url, text="Hei"),
        token=None,
        headers={"Authorization": "Basic a2FyZTpww7g="},
    )

    assert response.status == 401


async def test_valid_token_is_accepted(teams: TeamsHarness) -> None:
    """A token signed by the issuer's key for our app id and service URL gets 202."""
    response = await teams.post(message_activity(KAARE, teams.service_url, text="Hei"))

    assert response.status == 202
    assert row_count(teams, ProcessedEventRow) == 1


@pytest.mark.parametrize(
    ("body", "expected_fault"),
    [
        pytest.param("{ikke json æøå", "not JSON", id="not JSON"),
        pytest.param("[1, 2, 3]", "not a JSON object", id="JSON array"),
        pytest.param(
            {"type": "message", "id": "uten-samtale"}, "no conversation id", id="no conversation"
        ),
        pytest.param(
            {"type": 42, "id": "feil-type", "conversation": {"id": "a:1"}},
            "invalid fields: type",
            id="type not a string",
        ),
    ],
)
async def test_malformed_activity_gets_400(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture, body: object, expected_fault: str
) -> None:
    """A body that is no usable activity is answered 400 and logged, never a crash."""
    caplog.set_level(logging.WARNING, logger="bots.teams.endpoint")

    response = await teams.post(body)

    assert response.status == 400
    assert expected_fault in caplog.text
    assert teams.connector.calls == []


async def test_malformed_activity_log_names_its_id(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """The log line of a rejected activity carries its id, and not the message text."""
    caplog.set_level(logging.WARNING, logger="bots.teams.endpoint")
    activity = message_activity(
        KAARE, teams.service_url, text="Jeg er syk, hemmelig æøå", activity_id="1767686400999"
    )
    del activity["from"]["aadObjectId"]

    response = await teams.post(activity)

    assert response.status == 400
    assert "1767686400999" in caplog.text
    assert "aadObjectId" in caplog.text
    assert "hemmelig" not in caplog.text
    assert stored_events(teams) == 0


async def test_anonymous_mode_accepts_no_token(
    anonymous_teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """With TEAMS_ALLOW_ANONYMOUS=1 a request without a token is processed."""
    response = await anonymous_teams.post(
        message_activity(KAARE, anonymous_teams.service_url, text="Jeg er syk i morgen"), token=None
    )

    assert response.status == 202
    (call,) = anonymous_teams.sent_to(KAARE)
    assert call.authorization is None


async def test_anonymous_mode_rejects_tokens(anonymous_teams: TeamsHarness) -> None:
    """Without an app id no token can be valid, so a request with one gets 401."""
    token = anonymous_teams.issuer.token(service_url=anonymous_teams.service_url)

    response = await anonymous_teams.post(
        message_activity(KAARE, anonymous_teams.service_url, text="Hei"), token=token
    )

    assert response.status == 401


def test_anonymous_mode_warns_at_start(caplog: pytest.LogCaptureFixture, tmp_path: object) -> None:
    """Building the endpoint in anonymous mode logs a WARNING that says so."""
    from unittest.mock import MagicMock

    from bots.teams import TeamsPlatform

    caplog.set_level(logging.WARNING, logger="bots.teams.platform")

    TeamsPlatform(TeamsSettings(allow_anonymous=True), MagicMock(), MagicMock())

    (record,) = caplog.records
    assert record.levelname == "WARNING"
    assert "ANONYMOUS" in record.getMessage()


@pytest.mark.parametrize(
    ("environment", "expected_error"),
    [
        pytest.param(
            {"TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": "x", "TEAMS_ALLOW_ANONYMOUS": "1"},
            "cannot be combined",
            id="both",
        ),
        pytest.param({"TEAMS_APP_ID": APP_ID}, "TEAMS_APP_PASSWORD", id="no credential"),
    ],
)
def test_contradicting_settings_are_rejected(
    environment: dict[str, str], expected_error: str
) -> None:
    """Settings that would weaken token checks or cannot send fail at start with the fix."""
    with pytest.raises(TeamsConfigurationError, match=expected_error):
        TeamsSettings.from_environment(environment)


def test_settings_without_teams_variables_are_none() -> None:
    """Without TEAMS_APP_ID or anonymous mode, Teams is simply not configured."""
    assert TeamsSettings.from_environment({}) is None


def test_settings_read_from_environment() -> None:
    """The app id, secret and tenant come from the TEAMS_* variables."""
    settings = TeamsSettings.from_environment(
        {"TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": "hemmelig", "TEAMS_TENANT_ID": "t-1"}
    )

    assert settings is not None
    assert settings.app_id == APP_ID
    assert settings.tenant_id == "t-1"
    assert settings.validates_tokens
    assert "hemmelig" not in repr(settings)


def test_certificate_replaces_the_secret() -> None:
    """With TEAMS_APP_CERTIFICATE the outgoing tokens use certificate authentication."""
    from microsoft_agents.hosting.core.authorization import AuthTypes

    from bots.teams.auth import auth_configuration

    settings = TeamsSettings.from_environment(
        {"TEAMS_APP_ID": APP_ID, "TEAMS_APP_CERTIFICATE": "/etc/vaktbot/teams.pfx"}
    )

    assert settings is not None
    configuration = auth_configuration(settings)
    assert configuration.AUTH_TYPE is AuthTypes.certificate
    assert configuration.CERT_PFX_FILE == "/etc/vaktbot/teams.pfx"
    assert configuration.VALIDATE_ISSUER


HEALTH_TEXT = "Jeg er sykmeldt for depresjon"


def above_debug_text(caplog: pytest.LogCaptureFixture) -> str:
    """Return every record above DEBUG as a handler would write it, traceback included."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(
        formatter.format(record) for record in caplog.records if record.levelno > logging.DEBUG
    )


@pytest.mark.parametrize(
    "fault",
    ["no type", "text not a string", "from not an object"],
)
async def test_rejected_activity_text_not_logged(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture, fault: str
) -> None:
    """An activity the SDK's model rejects leaves its text and sender name out of the logs."""
    caplog.set_level(logging.DEBUG)
    activity = message_activity(
        KAARE, teams.service_url, text=HEALTH_TEXT, activity_id="1767686400777"
    )
    if fault == "no type":
        del activity["type"]
    elif fault == "text not a string":
        activity["text"] = [HEALTH_TEXT]
    else:
        activity["from"] = KAARE.name

    response = await teams.post(activity)

    logged = above_debug_text(caplog)
    assert response.status == 400
    assert "1767686400777" in logged
    assert "depresjon" not in logged
    assert KAARE.name not in logged


def test_sdk_validation_logged_without_input(caplog: pytest.LogCaptureFixture) -> None:
    """A validation the SDK runs on its own is still logged, with fields but no input."""
    from microsoft_agents.activity import Activity
    from pydantic import ValidationError

    import bots.teams.activities  # noqa: F401 - installs the log filter

    caplog.set_level(logging.DEBUG)

    with pytest.raises(ValidationError):
        Activity.model_validate({"type": "message", "text": [HEALTH_TEXT]})

    logged = above_debug_text(caplog)
    assert "Validation error for Activity" in logged
    assert "text" in logged
    assert "depresjon" not in logged


async def test_anonymous_mode_warns_once_about_app_id(
    anonymous_teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """The SDK's «App ID is not provided» warning is not repeated for every activity."""
    caplog.set_level(logging.DEBUG)

    for text in ("Hei", "Hvem jobber i dag?"):
        response = await anonymous_teams.post(
            message_activity(KAARE, anonymous_teams.service_url, text=text), token=None
        )
        assert response.status == 202

    warnings = [
        record for record in caplog.records if "App ID is not provided" in record.getMessage()
    ]
    assert warnings == []


def test_anonymous_start_warning_names_limits(caplog: pytest.LogCaptureFixture) -> None:
    """The anonymous-mode warning at start says that no 1:1 chat can be opened."""
    from unittest.mock import MagicMock

    from bots.teams import TeamsPlatform

    caplog.set_level(logging.WARNING, logger="bots.teams.platform")

    TeamsPlatform(TeamsSettings(allow_anonymous=True), MagicMock(), MagicMock())

    (record,) = caplog.records
    assert "no 1:1 chat" in record.getMessage()
    assert "no notification" in record.getMessage()


@pytest.mark.parametrize(
    "service_url",
    [
        pytest.param("not a url", id="not a URL"),
        pytest.param("/v3/conversations", id="relative"),
        pytest.param("ftp://127.0.0.1/teams/", id="ftp scheme"),
        pytest.param("file:///etc/passwd", id="file scheme"),
        pytest.param("https://", id="no host"),
    ],
)
async def test_invalid_service_url_gets_400(
    anonymous_teams: TeamsHarness, caplog: pytest.LogCaptureFixture, service_url: str
) -> None:
    """A serviceUrl that is no absolute http(s) URL is rejected with one log line naming the id."""
    caplog.set_level(logging.WARNING)
    activity = message_activity(
        KAARE, service_url, text="Jeg er syk i morgen", activity_id="1767686400777"
    )

    response = await anonymous_teams.post(activity, token=None)

    rejections = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert response.status == 400
    assert [record.name for record in rejections] == ["bots.teams.endpoint"]
    assert "1767686400777" in rejections[0].getMessage()
    assert "serviceUrl" in rejections[0].getMessage()
    assert anonymous_teams.connector.calls == []
    assert stored_events(anonymous_teams) == 0
