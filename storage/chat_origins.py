"""Where the bot can reach each chat workspace: for Teams, a tenant's Bot Connector address.

Opening a new 1:1 chat in a Teams tenant needs the tenant's service URL and the
bot's account there, which only incoming activities tell. Keeping the most recent
ones in the database lets a restarted server, or another server process, open a
chat before the tenant writes again.

An origin contains the service URL and the bot's own account, never the conversation
or the user the activity came from, so it is about no person and is stored in
clear, like the workspace ids in `storage.workspaces`. Not audited: it is
technical state that the adapter refreshes from incoming activities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.dialects import upsert_insert
from storage.models import CODE_LENGTH, NAME_LENGTH, Base, UtcDateTime, utc_now


class ChatOriginRow(Base):
    __tablename__ = "chat_origins"
    __table_args__ = (UniqueConstraint("platform", "workspace_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(CODE_LENGTH))
    workspace_id: Mapped[str] = mapped_column(String(NAME_LENGTH))
    service_url: Mapped[str] = mapped_column(Text)
    # The bot's own account in the workspace, as the platform names it (id, name).
    bot_account: Mapped[dict[str, Any]] = mapped_column(JSON)
    noted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class ChatOrigin:
    """The address and bot account most recently seen in one workspace."""

    platform: str
    workspace_id: str
    service_url: str
    bot_account: dict[str, Any]
    noted_at: dt.datetime


class ChatOriginRepository:
    """One origin per platform and workspace. Noting a new one replaces the old."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def note(
        self, platform: str, workspace_id: str, service_url: str, bot_account: dict[str, Any]
    ) -> ChatOrigin:
        """Store the workspace's origin, replacing the one noted before."""
        noted_at = utc_now()
        values = {
            "platform": platform,
            "workspace_id": workspace_id,
            "service_url": service_url,
            "bot_account": bot_account,
            "noted_at": noted_at,
        }
        statement = upsert_insert(self._session, ChatOriginRow).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[ChatOriginRow.platform, ChatOriginRow.workspace_id],
            set_={name: values[name] for name in ("service_url", "bot_account", "noted_at")},
        )
        self._session.execute(statement)
        return ChatOrigin(platform, workspace_id, service_url, dict(bot_account), noted_at)

    def get(self, platform: str, workspace_id: str) -> ChatOrigin | None:
        query = (
            select(ChatOriginRow)
            .where(ChatOriginRow.platform == platform, ChatOriginRow.workspace_id == workspace_id)
            # `note` writes with a Core statement, so rows loaded earlier may be stale.
            .execution_options(populate_existing=True)
        )
        row = self._session.scalars(query).first()
        if row is None:
            return None
        return ChatOrigin(
            row.platform, row.workspace_id, row.service_url, dict(row.bot_account), row.noted_at
        )
