"""Reading Slack's request bodies: parsing, shape checks, and the values the core needs.

Slack posts three kinds of body to the one request URL: JSON for the Events API,
a form for slash commands, and a form whose `payload` field contains JSON for
interactivity (button clicks). A body that does not have the shape its kind
needs is rejected with `MalformedPayload` before bolt sees it, because bolt
acknowledges events before any listener runs and could no longer answer 400.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from core.messages import ButtonAction, ButtonPress

PLATFORM = "slack"
BUTTON_ACTION_PREFIX = "vaktbot:button:"
LANGUAGE_ACTION_ID = "vaktbot:language"

# Slack escapes these three characters in message text (and only these).
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
_ENTITY_PATTERN = re.compile("|".join(map(re.escape, _ENTITIES)))


class MalformedPayload(ValueError):
    """A request body that cannot be a Slack payload; the message names what is wrong."""


# --- parsing ------------------------------------------------------------------------------


def parse_body(raw: str, content_type: str) -> dict[str, Any]:
    """Return the body as a dict, the `payload` field of an interactivity form decoded.

    Raises MalformedPayload for invalid JSON, or JSON that is not an object.
    """
    if content_type == "application/json" or raw.lstrip().startswith("{"):
        return _json_object(raw, "body")
    form = dict(parse_qsl(raw, keep_blank_values=True))
    if "payload" in form:
        return _json_object(form["payload"], "payload field")
    return form


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedPayload(f"the {what} is not valid JSON ({error.msg})") from None
    if not isinstance(value, dict):
        raise MalformedPayload(f"the {what} is JSON but not an object")
    return value


def check_shape(body: Mapping[str, Any]) -> None:
    """Raise MalformedPayload unless `body` has the fields its kind of payload needs."""
    kind = body.get("type")
    if "command" in body:
        _require_strings(body, "command", "team_id", "user_id", "trigger_id")
    elif kind == "url_verification":
        _require_strings(body, "challenge")
    elif kind == "event_callback":
        _require_strings(body, "event_id", "team_id")
        event = _require_mapping(body, "event")
        _require_strings(event, "type")
    elif kind == "block_actions":
        _require_strings(_require_mapping(body, "user"), "id")
        _require_strings(_require_mapping(body, "team"), "id")
        actions = body.get("actions")
        if not isinstance(actions, list) or not actions:
            raise MalformedPayload("block_actions without a list of actions")
        for action in actions:
            if not isinstance(action, dict):
                raise MalformedPayload("an action is not an object")
            _require_strings(action, "action_id")
    elif "ssl_check" in body:
        return
    elif not isinstance(kind, str):
        raise MalformedPayload("the payload has no type")


def _require_strings(values: Mapping[str, Any], *names: str) -> None:
    for name in names:
        if not isinstance(values.get(name), str) or not values[name]:
            raise MalformedPayload(f"the field {name} is missing or not a string")


def _require_mapping(values: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = values.get(name)
    if not isinstance(value, dict):
        raise MalformedPayload(f"the field {name} is missing or not an object")
    return value


def delivery_kind(body: Mapping[str, Any]) -> str:
    """Return what a checked payload is, for log lines: «command», «event message», …"""
    if "command" in body:
        return "command"
    kind = str(body.get("type", "request"))
    event = body.get("event")
    if kind == "event_callback" and isinstance(event, Mapping):
        return f"event {event.get('type')}"
    return kind


def delivery_id(body: Mapping[str, Any]) -> str | None:
    """Return Slack's id of this delivery for log lines: the event id or the trigger id."""
    for name in ("event_id", "trigger_id"):
        value = body.get(name)
        if isinstance(value, str):
            return value
    return None


# --- values for the core ------------------------------------------------------------------


def conversation_key(team_id: str, user_id: str) -> str:
    """Return the key of a user's conversation with the bot.

    One key per user and workspace, whatever surface they write from (direct
    message, mention, slash command), so a read-back made in one place can be
    confirmed in another and never by somebody else.
    """
    return f"{PLATFORM}:{team_id}:{user_id}"


def message_text(text: str, bot_user_id: str | None) -> str:
    """Return a message's text without mentions of the bot and with Slack's escapes undone."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    text = _ENTITY_PATTERN.sub(lambda match: _ENTITIES[match.group(0)], text)
    return " ".join(text.split())


def button_action_id(action: ButtonAction) -> str:
    return f"{BUTTON_ACTION_PREFIX}{action.value}"


def button_press(action: Mapping[str, Any]) -> ButtonPress | None:
    """Return the core's button press for a clicked vaktbot button, or None for another action."""
    action_id = str(action.get("action_id", ""))
    if not action_id.startswith(BUTTON_ACTION_PREFIX):
        return None
    try:
        button_action = ButtonAction(action_id.removeprefix(BUTTON_ACTION_PREFIX))
    except ValueError:
        return None
    value = action.get("value")
    if not isinstance(value, str):
        return None
    return ButtonPress(button_action, value)


def event_delivery_key(body: Mapping[str, Any]) -> str:
    """Return the key that makes a redelivered event (same event_id) a duplicate."""
    return f"event:{body['event_id']}"


def command_delivery_key(body: Mapping[str, Any]) -> str:
    # Slack issues a new trigger id for every invocation of a command.
    return f"command:{body['team_id']}:{body['trigger_id']}"


def action_delivery_key(body: Mapping[str, Any], action: Mapping[str, Any]) -> str:
    """Return the key of one click: the user and the click's action_ts (or trigger id)."""
    click = action.get("action_ts") or body.get("trigger_id") or ""
    return f"action:{body['team']['id']}:{body['user']['id']}:{click}"
