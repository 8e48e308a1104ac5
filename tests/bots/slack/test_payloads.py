"""Reading Slack bodies: parsing, shape checks, mentions, buttons and delivery keys."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bots.slack.payloads import (
    MalformedPayload,
    action_delivery_key,
    button_press,
    check_shape,
    command_delivery_key,
    conversation_key,
    event_delivery_key,
    message_text,
    parse_body,
)
from core.messages import ButtonAction, ButtonPress


def test_parse_json_and_forms() -> None:
    """JSON, a slash-command form and an interactivity form all become dicts."""
    assert parse_body('{"type": "url_verification"}', "application/json") == {
        "type": "url_verification"
    }
    assert parse_body("command=%2Fturnus&text=bl%C3%A5b%C3%A6r", "x")["text"] == "blåbær"
    payload = json.dumps({"type": "block_actions", "user": {"id": "U1"}})
    assert parse_body(f"payload={payload}", "x")["user"] == {"id": "U1"}


@pytest.mark.parametrize(
    "raw",
    ['{"a": ', "[1, 2]", "payload=%5B1%5D", "payload=ikke-json"],
    ids=["truncated", "array", "payload-array", "payload-text"],
)
def test_parse_rejects_non_objects(raw: str) -> None:
    """Invalid JSON, or JSON that is not an object, is malformed."""
    with pytest.raises(MalformedPayload):
        parse_body(raw, "application/json" if raw.startswith(("{", "[")) else "x")


VALID_BODIES: list[dict[str, Any]] = [
    {"type": "url_verification", "challenge": "c"},
    {"type": "event_callback", "event_id": "Ev1", "team_id": "T1", "event": {"type": "message"}},
    {
        "type": "block_actions",
        "user": {"id": "U1"},
        "team": {"id": "T1"},
        "actions": [{"action_id": "vaktbot:button:confirm"}],
    },
    {"command": "/turnus", "team_id": "T1", "user_id": "U1", "trigger_id": "t1"},
    {"ssl_check": "1", "token": "x"},
    {"type": "view_submission"},
]


@pytest.mark.parametrize(
    "body", VALID_BODIES, ids=["url", "event", "click", "command", "ssl-check", "other-type"]
)
def test_shape_accepts_slack_bodies(body: dict[str, Any]) -> None:
    """Each kind of body Slack sends passes the shape check."""
    check_shape(body)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"type": "event_callback", "team_id": "T1", "event": {"type": "m"}}, "event_id"),
        ({"type": "event_callback", "event_id": "E", "team_id": "T1", "event": []}, "event"),
        (
            {"type": "block_actions", "user": {"id": "U1"}, "team": {"id": "T1"}, "actions": ["x"]},
            "action",
        ),
        ({"type": "block_actions", "user": "U1", "team": {"id": "T1"}, "actions": []}, "user"),
        ({"command": "/turnus", "team_id": "T1", "user_id": 7, "trigger_id": "t"}, "user_id"),
        ({"type": "url_verification"}, "challenge"),
        ({"challenge": "c"}, "no type"),
    ],
    ids=[
        "no-event-id",
        "event-list",
        "action-string",
        "user-string",
        "user-number",
        "no-challenge",
        "no-type",
    ],
)
def test_shape_rejects_with_reason(body: dict[str, Any], reason: str) -> None:
    """A missing or mistyped field is named in the error."""
    with pytest.raises(MalformedPayload, match=reason):
        check_shape(body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@UBOT> jeg er syk", "jeg er syk"),
        ("Hei <@UBOT|vaktbot>, bytte  fredag", "Hei , bytte fredag"),
        ("ferie &lt;3 &amp; sol &gt; regn", "ferie <3 & sol > regn"),
        ("<@UANNEN> tar vakta mi", "<@UANNEN> tar vakta mi"),
    ],
    ids=["mention-first", "mention-with-name", "entities", "other-mention-kept"],
)
def test_message_text_cleaned(text: str, expected: str) -> None:
    """The bot's mentions are dropped and Slack's escapes undone."""
    assert message_text(text, "UBOT") == expected


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (
            {"action_id": "vaktbot:button:approve", "value": "12"},
            ButtonPress(ButtonAction.APPROVE, "12"),
        ),
        (
            {"action_id": "vaktbot:button:confirm", "value": "æøå"},
            ButtonPress(ButtonAction.CONFIRM, "æøå"),
        ),
        ({"action_id": "vaktbot:button:explode", "value": "12"}, None),
        ({"action_id": "annen:knapp", "value": "12"}, None),
        ({"action_id": "vaktbot:button:approve"}, None),
    ],
    ids=["approve", "norwegian-value", "unknown-action", "foreign-prefix", "no-value"],
)
def test_button_press(action: dict[str, Any], expected: ButtonPress | None) -> None:
    """Only vaktbot's own buttons with a value become a core button press."""
    assert button_press(action) == expected


def test_delivery_keys() -> None:
    """Events key on event_id, commands on the trigger, clicks on user and action_ts."""
    click = {"team": {"id": "T1"}, "user": {"id": "U1"}, "trigger_id": "tr"}

    assert event_delivery_key({"event_id": "Ev9"}) == "event:Ev9"
    assert command_delivery_key({"team_id": "T1", "trigger_id": "tr"}) == "command:T1:tr"
    assert action_delivery_key(click, {"action_ts": "17.1"}) == "action:T1:U1:17.1"
    assert action_delivery_key(click, {}) == "action:T1:U1:tr"
    assert conversation_key("T1", "U1") == "slack:T1:U1"
