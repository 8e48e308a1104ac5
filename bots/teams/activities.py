"""Incoming Teams activities translated into the core's `IncomingMessage`.

Who wrote is the user's Microsoft Entra object id (`from.aadObjectId`) within the
tenant, not `from.id`: the latter differs per bot and is not what an
administrator links. A card button (Action.Submit) arrives as a message without
text whose `value` is the data the card put on the button.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from microsoft_agents.activity import Activity, ActivityTypes, ConversationReference
from pydantic import ValidationError

from core.messages import ButtonAction, ButtonPress, IncomingMessage, Sender

PLATFORM = "teams"
CHANNEL_ID = "msteams"
PERSONAL = "personal"
# The key under which our cards put a button's action in the Action.Submit data.
CARD_DATA_KEY = "vaktbot"
# Activities that come from a person and need to say who and in which tenant.
USER_ACTIVITY_TYPES = (ActivityTypes.message, ActivityTypes.invoke)
# The schemes a serviceUrl may have: replies are POSTed there with our token.
SERVICE_URL_SCHEMES = ("http", "https")
# The SDK module that logs every failed `Activity` validation, input included.
SDK_ACTIVITY_LOGGER = "microsoft_agents.activity.activity"


class MalformedActivity(ValueError):
    """The request body is not an activity we can act on; the message names the fault."""


def parse_activity(body: object) -> Activity:
    """Return the activity in `body`, or raise MalformedActivity."""
    if not isinstance(body, dict):
        raise MalformedActivity("the body is not a JSON object")
    try:
        with _rejections_logged_by_caller():
            activity = Activity.model_validate(body)
    except ValidationError as error:
        raise MalformedActivity(f"invalid fields: {invalid_fields(error)}") from None
    if activity.conversation is None or not activity.conversation.id:
        raise MalformedActivity("the activity has no conversation id")
    if not activity.service_url:
        raise MalformedActivity("the activity has no serviceUrl")
    if not is_http_url(activity.service_url):
        raise MalformedActivity("the serviceUrl is not an absolute http or https URL")
    if activity.type in USER_ACTIVITY_TYPES:
        _check_user_activity(activity)
    return activity


def is_http_url(value: str) -> bool:
    """Whether `value` is an absolute http or https URL with a host, as a serviceUrl must be."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:  # for example an unclosed IPv6 bracket or a port «abc»
        return False
    has_no_blanks = value == value.strip() and not any(char.isspace() for char in value)
    return parts.scheme in SERVICE_URL_SCHEMES and bool(host) and has_no_blanks


def invalid_fields(error: ValidationError) -> str:
    """Return the paths of the invalid fields, without the input values pydantic quotes."""
    return ", ".join(".".join(str(part) for part in item["loc"]) for item in error.errors())


# Set while `parse_activity` validates, because its caller logs the rejection with the id.
_caller_logs_rejections = contextvars.ContextVar("caller_logs_rejections", default=False)


@contextmanager
def _rejections_logged_by_caller() -> Iterator[None]:
    token = _caller_logs_rejections.set(True)
    try:
        yield
    finally:
        _caller_logs_rejections.reset(token)


class ValidationInputFilter(logging.Filter):
    """Removes the input from the SDK's log record of a failed `Activity` validation.

    microsoft-agents-activity 1.9.0 logs every failed validation at ERROR with the
    pydantic error and its traceback, and both quote the raw input: message text,
    names. The record keeps the invalid fields' paths. During `parse_activity` it
    is dropped, because the endpoint logs the rejection with the activity's id.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = _validation_error_in(record)
        if error is None:
            return True
        if _caller_logs_rejections.get():
            return False
        record.msg = "Validation error for Activity, invalid fields: %s (input not logged)"
        record.args = (invalid_fields(error),)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def _validation_error_in(record: logging.LogRecord) -> ValidationError | None:
    candidates = list(record.args) if isinstance(record.args, tuple) else []
    if record.exc_info is not None:
        candidates.append(record.exc_info[1])
    return next((item for item in candidates if isinstance(item, ValidationError)), None)


def install_validation_log_filter() -> None:
    """Add `ValidationInputFilter` to the SDK's activity logger, once."""
    sdk_logger = logging.getLogger(SDK_ACTIVITY_LOGGER)
    if not any(isinstance(item, ValidationInputFilter) for item in sdk_logger.filters):
        sdk_logger.addFilter(ValidationInputFilter())


def _check_user_activity(activity: Activity) -> None:
    if not activity.id:
        raise MalformedActivity(f"the {activity.type} activity has no id")
    if activity.from_property is None or not activity.from_property.aad_object_id:
        raise MalformedActivity(f"the {activity.type} activity has no from.aadObjectId")
    if tenant_of(activity) is None:
        raise MalformedActivity(f"the {activity.type} activity names no tenant")


def activity_id_of(body: object) -> str | None:
    """Return the `id` of a body that may not be a valid activity, for the log line."""
    if isinstance(body, dict) and isinstance(body.get("id"), str):
        return str(body["id"])[:100]
    return None


def tenant_of(activity: Activity) -> str | None:
    if activity.conversation is not None and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    channel_data = activity.channel_data
    if isinstance(channel_data, dict):
        tenant = channel_data.get("tenant")
        if isinstance(tenant, dict) and isinstance(tenant.get("id"), str):
            return str(tenant["id"])
    return None


def sender_of(activity: Activity) -> Sender | None:
    """Return who sent `activity`, or None when it names no Entra user and tenant."""
    user = activity.from_property
    tenant = tenant_of(activity)
    if user is None or not user.aad_object_id or tenant is None:
        return None
    return Sender(PLATFORM, tenant, user.aad_object_id, locale=activity.locale)


def is_personal(activity: Activity) -> bool:
    conversation = activity.conversation
    return conversation is not None and conversation.conversation_type == PERSONAL


def incoming_message(activity: Activity) -> IncomingMessage | None:
    """Return the core's message for a message activity, or None without a sender.

    A message with neither text nor one of our buttons (a bare mention, a
    picture) goes on with empty text, so that the core replies with a hint.
    """
    sender = sender_of(activity)
    if sender is None or activity.conversation is None:
        return None
    button = button_press(activity.value)
    unknown_button = button is None and has_card_data(activity.value)
    text = None if button is not None or unknown_button else message_text(activity)
    return IncomingMessage(
        sender,
        conversation_key(sender),
        text=text,
        button=button,
        unknown_button=unknown_button,
        event_id=f"{activity.conversation.id}|{activity.id}",
        received_at=_received_at(activity),
    )


def message_text(activity: Activity) -> str:
    """Return the text with the «@vaktbot» mention of a channel or group chat removed."""
    copy = activity.model_copy(deep=True)
    return copy.remove_recipient_mention().strip()


def button_press(value: object) -> ButtonPress | None:
    """Return the button our card put in the Action.Submit data, or None."""
    if not isinstance(value, dict):
        return None
    data = value.get(CARD_DATA_KEY)
    if not isinstance(data, dict):
        return None
    action, pressed_value = data.get("action"), data.get("value")
    if not isinstance(action, str) or not isinstance(pressed_value, str):
        return None
    try:
        return ButtonPress(ButtonAction(action), pressed_value)
    except ValueError:
        return None


def has_card_data(value: object) -> bool:
    """Return whether the Action.Submit data came from one of our cards, readable or not."""
    return isinstance(value, dict) and CARD_DATA_KEY in value


def button_data(press: ButtonPress) -> dict[str, Any]:
    """Return the Action.Submit data that `button_press` reads back."""
    return {CARD_DATA_KEY: {"action": press.action.value, "value": press.value}}


def conversation_key(sender: Sender) -> str:
    """Return the key of the person's pending dialogue: one per person in the tenant.

    Answers to a channel or group chat go to the person's 1:1 chat, so a read-back
    asked for in a channel is confirmed in the 1:1 chat and both must share the key.
    In a shared conversation it also keeps one person's «ja» from confirming
    another person's read-back.
    """
    return f"{PLATFORM}:{sender.workspace_id}:{sender.user_id}"


def _received_at(activity: Activity) -> dt.datetime | None:
    timestamp = activity.timestamp
    if not isinstance(timestamp, dt.datetime):
        return None
    if timestamp.tzinfo is None:
        return timestamp.replace(tzinfo=dt.UTC)
    return timestamp


def reference_json(reference: ConversationReference) -> dict[str, Any]:
    """Return the reference as JSON for storage, without the user's display name."""
    stored = reference.model_copy(deep=True)
    stored.activity_id = None
    if stored.user is not None:
        stored.user.name = None  # type: ignore[assignment]
    data: dict[str, Any] = stored.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


def reference_from_json(data: dict[str, Any]) -> ConversationReference:
    return ConversationReference.model_validate(data)


# Installed on import, so that no activity is validated before the filter is in place.
install_validation_log_filter()
