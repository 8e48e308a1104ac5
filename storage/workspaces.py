"""Chat workspaces (a Slack team, a Teams tenant), each belonging to one organisation.

A workspace id is an organisation's id, not personal data, so it is stored in clear.
The row model lives here rather than in `storage.models` because only this
repository uses it. It is declared on the same `Base`, so the migrations and the
schema comparison see it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.units import Organisation
from storage.audit import AuditLog
from storage.errors import NotFoundError
from storage.models import (
    CODE_LENGTH,
    NAME_LENGTH,
    Base,
    OrganisationRow,
    UtcDateTime,
    utc_now,
)
from storage.organisations import organisation_of

logger = logging.getLogger(__name__)


class ChatWorkspaceRow(Base):
    __tablename__ = "chat_workspaces"
    __table_args__ = (UniqueConstraint("platform", "workspace_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(CODE_LENGTH))
    workspace_id: Mapped[str] = mapped_column(String(NAME_LENGTH))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    linked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class ChatWorkspace:
    """A chat workspace and the organisation whose staff use it."""

    id: int
    platform: str
    workspace_id: str
    organisation_id: int
    linked_at: dt.datetime | None = None


class WorkspaceRepository:
    """The mapping from chat workspaces to organisations."""

    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def link(
        self, platform: str, workspace_id: str, organisation_id: int, *, actor_id: int | None
    ) -> ChatWorkspace:
        """Map the workspace to the organisation, moving an existing mapping of it.

        Raises NotFoundError if the organisation does not exist.
        """
        if self._session.get(OrganisationRow, organisation_id) is None:
            raise NotFoundError("organisation", organisation_id)
        row = self._find_row(platform, workspace_id)
        if row is not None and row.organisation_id == organisation_id:
            return workspace_of(row)
        details: dict[str, object] = {
            "platform": platform,
            "workspace_id": workspace_id,
            "organisation_id": organisation_id,
        }
        if row is None:
            row = ChatWorkspaceRow(platform=platform, workspace_id=workspace_id)
            self._session.add(row)
        else:
            details["previous_organisation_id"] = row.organisation_id
        row.organisation_id = organisation_id
        row.linked_at = utc_now()
        self._session.flush()
        self._audit.record(actor_id, "link", "chat_workspace", row.id, details)
        return workspace_of(row)

    def find(self, platform: str, workspace_id: str) -> ChatWorkspace | None:
        row = self._find_row(platform, workspace_id)
        return workspace_of(row) if row is not None else None

    def organisation_of(self, platform: str, workspace_id: str) -> Organisation | None:
        """Return the organisation the workspace belongs to, or None if it is not linked."""
        row = self._find_row(platform, workspace_id)
        if row is None:
            return None
        organisation = self._session.get(OrganisationRow, row.organisation_id)
        return organisation_of(organisation) if organisation is not None else None

    def list_for_organisation(self, organisation_id: int) -> list[ChatWorkspace]:
        query = (
            select(ChatWorkspaceRow)
            .where(ChatWorkspaceRow.organisation_id == organisation_id)
            .order_by(ChatWorkspaceRow.id)
        )
        return [workspace_of(row) for row in self._session.scalars(query)]

    def unlink(self, platform: str, workspace_id: str, *, actor_id: int | None) -> bool:
        """Remove the workspace's mapping; return False if there was none."""
        row = self._find_row(platform, workspace_id)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        self._audit.record(
            actor_id,
            "unlink",
            "chat_workspace",
            row.id,
            {"platform": platform, "workspace_id": workspace_id},
        )
        return True

    def set_link_by_email(
        self, organisation_id: int, allowed: bool, *, actor_id: int | None
    ) -> Organisation:
        """Allow or forbid linking the organisation's chat users by their verified e-mail.

        The switch belongs to the organisation, but only chat workspaces act on it.
        """
        row = self._session.get(OrganisationRow, organisation_id)
        if row is None:
            raise NotFoundError("organisation", organisation_id)
        if row.link_by_email != allowed:
            row.link_by_email = allowed
            self._session.flush()
            self._audit.record(
                actor_id,
                "set_link_by_email",
                "organisation",
                organisation_id,
                {"link_by_email": allowed},
            )
        return organisation_of(row)

    def _find_row(self, platform: str, workspace_id: str) -> ChatWorkspaceRow | None:
        query = select(ChatWorkspaceRow).where(
            ChatWorkspaceRow.platform == platform, ChatWorkspaceRow.workspace_id == workspace_id
        )
        return self._session.scalars(query).first()


def workspace_of(row: ChatWorkspaceRow) -> ChatWorkspace:
    return ChatWorkspace(
        id=row.id,
        platform=row.platform,
        workspace_id=row.workspace_id,
        organisation_id=row.organisation_id,
        linked_at=row.linked_at,
    )
