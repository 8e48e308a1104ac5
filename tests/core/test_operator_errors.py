"""OperatorError: English for logs, the catalogs' language for the operator."""

from __future__ import annotations

from bots.server import PLATFORM_PROBLEM, ServerConfigurationError
from bots.slack.settings import SlackConfigurationError
from core.errors import OperatorError
from core.i18n import N_, Translator


def test_text_is_english_with_values() -> None:
    """`str()` fills the English message with its values."""
    error = OperatorError(
        N_("SLACK_API_URL must end with a slash, e.g. %(url)s/"), url="http://127.0.0.1:9"
    )

    assert str(error) == "SLACK_API_URL must end with a slash, e.g. http://127.0.0.1:9/"


def test_render_translates_nested_error() -> None:
    """A parameter that is an OperatorError is rendered in the same language."""
    cause = SlackConfigurationError(
        N_("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET must be set together")
    )
    error = ServerConfigurationError(PLATFORM_PROBLEM, platform="Slack", problem=cause)

    assert str(error) == "Slack: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET must be set together"
    assert error.render(Translator.for_locale("nb")) == (
        "Slack: SLACK_CLIENT_ID og SLACK_CLIENT_SECRET må settes sammen."
    )
    assert error.render(Translator.for_locale("nn")) == (
        "Slack: SLACK_CLIENT_ID og SLACK_CLIENT_SECRET må setjast saman."
    )
