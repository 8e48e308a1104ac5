"""Values that only storage has: chat links, audit entries and pending dialogues."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ChatIdentity:
    """A chat account (Slack or Teams user in one workspace) linked to an employee."""

    id: int
    platform: str
    workspace_id: str
    user_id: str
    employee_id: int
    linked_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One recorded change. `details` contains ids, codes and dates but no personal data.

    `AuditLog.record` rejects detail keys that name personal fields, such as `name`.
    """

    id: int
    occurred_at: dt.datetime
    actor_id: int | None
    action: str
    entity: str
    entity_id: int | None
    # The employee the change concerns, so that their data export can list it.
    subject_employee_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PendingDialogue:
    """Conversation state waiting for the user's next message, e.g. a yes/no confirmation."""

    conversation_key: str
    employee_id: int | None
    payload: dict[str, Any]
    expires_at: dt.datetime
