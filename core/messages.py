"""What an adapter hands to the core, and what the core hands back.

Adapters (console, Slack, Teams) translate platform payloads into an
`IncomingMessage` and render each `Reply` in the platform's own form (plain text,
Block Kit, Adaptive Cards). No platform type crosses this boundary.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Sender:
    """Who wrote, as the platform identifies them."""

    platform: str  # "console", "slack" or "teams"
    workspace_id: str  # Slack team id, Teams tenant id, "local" for the console
    user_id: str  # Slack user id, Teams AAD object id, the --as name for the console
    locale: str | None = None
    # An e-mail address the platform has verified, for linking by e-mail.
    verified_email: str | None = None


class ButtonAction(StrEnum):
    CONFIRM = "confirm"
    CANCEL = "cancel"
    ACCEPT = "accept"  # a colleague accepts a swap or takes an offer
    DECLINE = "decline"  # a colleague declines a swap
    APPROVE = "approve"  # a manager approves
    REJECT = "reject"  # a manager rejects


@dataclass(frozen=True, slots=True)
class ButtonPress:
    action: ButtonAction
    value: str  # a dialogue token or a request id


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    sender: Sender
    # Where replies go: a DM channel, a thread, a Teams conversation id.
    conversation_key: str
    text: str | None = None
    button: ButtonPress | None = None
    # A press of a vaktbot button that the adapter cannot read: an action this version
    # does not have, or a missing value. The core replies that the button is unknown
    # and changes nothing.
    unknown_button: bool = False
    # The platform's own id for this delivery, used to ignore redeliveries.
    event_id: str | None = None
    received_at: dt.datetime | None = None


class ButtonStyle(StrEnum):
    PRIMARY = "primary"
    DANGER = "danger"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    press: ButtonPress
    style: ButtonStyle = ButtonStyle.DEFAULT


class ReplyKind(StrEnum):
    TEXT = "text"
    CONFIRMATION = "confirmation"  # a read-back waiting for Bekreft / Avbryt
    APPROVAL = "approval"  # a request waiting for a manager's decision
    INVITATION = "invitation"  # a swap or offer waiting for a colleague
    DECISION = "decision"  # the outcome that replaces an approval message
    ROSTER = "roster"  # a roster summary, possibly with a file
    PROGRESS = "progress"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to one person; `recipient_employee_id` None means the sender."""

    text: str
    kind: ReplyKind = ReplyKind.TEXT
    title: str | None = None
    buttons: tuple[Button, ...] = ()
    recipient_employee_id: int | None = None
    # Rows of a table the platform may render as a grid (first row is the header).
    table: tuple[tuple[str, ...], ...] = ()
    attachment: Path | None = None
    # Replace the message whose button was pressed instead of posting a new one.
    replace_original: bool = False
    # Groups the messages of one request so adapters can update them in place.
    request_id: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The core's answer to one incoming message."""

    replies: tuple[Reply, ...] = ()
    # Long work (roster generation) that the adapter runs after acknowledging.
    job: BackgroundJob | None = None


@dataclass(frozen=True, slots=True)
class BackgroundJob:
    """Work that takes longer than a chat platform waits for an answer."""

    name: str
    run: JobFunction = field(repr=False)
    # Set to ask the job to stop early; a roster solve then keeps its best roster so far.
    cancelled: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    def cancel(self) -> None:
        self.cancelled.set()


class ProgressSink:
    """Where a background job reports progress; adapters edit one message with it."""

    def report(self, reply: Reply) -> None:  # pragma: no cover - interface
        raise NotImplementedError


JobFunction = Callable[[ProgressSink], tuple[Reply, ...]]
