"""Requests to /slack/events: signatures, the replay window, and malformed bodies."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

import pytest
from sqlalchemy import text

from tests.bots.slack.slack_harness import FORM, SlackHarness, slack_settings
from tests.bots.slack.slack_mock import SlackMock
from tests.bots.slack.slack_ward import direct_message_event, event_body

SICK_TOMORROW = direct_message_event("UKARI", "Jeg er syk i morgen")


def stored_rows(slack: SlackHarness) -> dict[str, int]:
    """Count the rows a handled message would add: processed events, dialogues, audit."""
    with slack.ward.database.engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("processed_events", "pending_dialogues", "audit_entries")
        }


async def test_forged_signature_rejected(slack: SlackHarness) -> None:
    """A body signed with another secret gets 401, and nothing is stored or sent."""
    before = stored_rows(slack)

    response = await slack.post(event_body(SICK_TOMORROW, "Ev-forged"), secret="not-the-secret")
    await slack.client.get("/healthz")

    assert response.status == 401
    assert stored_rows(slack) == before
    assert slack.mock.calls == []


async def test_missing_signature_rejected(slack: SlackHarness) -> None:
    """A request without Slack's headers gets 401."""
    response = await slack.client.post(
        "/slack/events",
        data=event_body(SICK_TOMORROW, "Ev-bare"),
        headers={"Content-Type": "application/json"},
    )

    assert response.status == 401


@pytest.mark.parametrize("offset", [-301, 301], ids=["replayed", "from-the-future"])
async def test_stale_timestamp_rejected(slack: SlackHarness, offset: int) -> None:
    """A correctly signed request stamped over five minutes away from now gets 401."""
    before = stored_rows(slack)

    response = await slack.post(
        event_body(SICK_TOMORROW, "Ev-replay"), timestamp=int(time.time()) + offset
    )

    assert response.status == 401
    assert stored_rows(slack) == before
    assert slack.mock.calls == []


async def test_timestamp_not_a_number_rejected(slack: SlackHarness) -> None:
    """A timestamp header that is not a number gets 401, not a crash."""
    response = await slack.client.post(
        "/slack/events",
        data=b"{}",
        headers={"X-Slack-Request-Timestamp": "i går", "X-Slack-Signature": "v0=00"},
    )

    assert response.status == 401


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"type": "event_callback", "event_id": ', "application/json"),
        ('["event_callback"]', "application/json"),
        ('{"type": "event_callback", "event_id": "Ev1", "team_id": "T0FJORD"}', "application/json"),
        (
            '{"type": "event_callback", "event_id": "Ev1", "team_id": "T0FJORD", "event": "syk"}',
            "application/json",
        ),
        ("payload=%7Bikke+json", FORM),
        (
            "payload="
            + json.dumps(
                {
                    "type": "block_actions",
                    "user": {"id": "UKARI"},
                    "team": {"id": "T0FJORD"},
                    "actions": [],
                }
            ),
            FORM,
        ),
        ("command=%2Fturnus&text=syk&team_id=T0FJORD", FORM),
        ('{"event_id": "Ev1"}', "application/json"),
    ],
    ids=[
        "truncated-json",
        "json-array",
        "no-event",
        "event-not-object",
        "payload-not-json",
        "no-actions",
        "command-without-user",
        "no-type",
    ],
)
async def test_malformed_payload_gets_400(
    slack: SlackHarness, body: str, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A signed body without the shape Slack sends gets 400 and a log line with its id."""
    with caplog.at_level(logging.WARNING, logger="bots.slack.platform"):
        response = await slack.post(body, content_type=content_type)

    answer = await response.json()
    assert response.status == 400
    assert answer["error"] == "malformed payload"
    logged = [record.getMessage() for record in caplog.records]
    assert any(answer["id"] in line and "malformed" in line for line in logged)
    assert slack.mock.calls == []


async def test_body_not_utf8_gets_400(slack: SlackHarness) -> None:
    """A correctly signed body that is not UTF-8 gets 400."""
    body = '{"type": "event_callback", "text": "blåbær"}'.encode("latin-1")
    stamp = str(int(time.time()))
    digest = hmac.new(
        slack.secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256
    ).hexdigest()

    response = await slack.client.post(
        "/slack/events",
        data=body,
        headers={
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/json",
        },
    )

    assert response.status == 400


async def test_url_verification_answers_challenge(slack: SlackHarness) -> None:
    """Slack's check of the request URL gets its challenge back."""
    body = json.dumps(
        {"type": "url_verification", "token": "unused", "challenge": "utfordring-æøå"},
        ensure_ascii=False,
    )

    response = await slack.post(body)

    assert response.status == 200
    assert (await response.json())["challenge"] == "utfordring-æøå"


async def test_norwegian_letters_pass_verification(slack: SlackHarness) -> None:
    """A DM full of æøå, signed over its UTF-8 bytes, is verified and gets a reply."""
    event = direct_message_event(
        "UKARI", "Jeg er syk på fredag – hilsen Kari, «blåbærsyltetøy» ÆØÅ"
    )

    response = await slack.event(event)
    await slack.settle(1)

    assert response.status == 200
    (readback,) = slack.mock.named("chat.postMessage")
    assert readback.arguments["text"] == "Registrerer sykefravær fredag 8. januar. Stemmer det?"


async def test_each_request_logged_with_its_id(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """Every verified request gets one INFO line with its kind and id, never its text."""
    caplog.set_level(logging.INFO, logger="bots.slack.platform")

    await slack.event(
        direct_message_event("UKARI", "Jeg er syk i morgen, hemmelig æøå"), event_id="Ev-logget"
    )
    await slack.settle(1)
    await slack.command("Kari Nordmann", "hjelp")
    await slack.settle(2)

    lines = [
        record.getMessage()
        for record in caplog.records
        if record.levelno == logging.INFO and record.getMessage().startswith("Slack ")
    ]
    assert lines[0] == "Slack event message Ev-logget"
    assert lines[1].startswith("Slack command trigger-")
    assert len(lines) == 2
    assert "hemmelig" not in caplog.text


def test_bolt_builds_client_without_warning(
    slack_mock: SlackMock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """With SLACK_BOT_TOKEN and SLACK_API_URL set, bolt starts without a warning."""
    from unittest.mock import MagicMock

    from bots.slack import SlackPlatform

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    caplog.set_level(logging.DEBUG)

    platform = SlackPlatform(
        slack_settings("secret", slack_mock, bot_token="xoxb-test-token"), MagicMock()
    )

    assert [
        record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING
    ] == []
    assert platform.bolt.client.base_url == slack_mock.api_url
    assert platform.bolt.client.token == "xoxb-test-token"
