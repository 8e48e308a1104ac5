"""Keep the posted request cards and each chat workspace's origin in the database.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Until now the chat servers kept both in memory, so a restart lost them: old
approval cards kept live buttons, and a new Teams chat could not be opened
before the tenant wrote again. Both tables start empty, so neither direction
needs the encryption key.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = sa.String(length=32)
NAME = sa.String(length=200)


def timestamp() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "request_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("chat_identity_id", sa.Integer(), nullable=False),
        sa.Column("message_encrypted", sa.Text(), nullable=False),
        sa.Column("posted_at", timestamp(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["shift_requests.id"],
            name="fk_request_cards_request_id_shift_requests",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["chat_identity_id"],
            ["chat_identities.id"],
            name="fk_request_cards_chat_identity_id_chat_identities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_request_cards"),
    )
    op.create_index("ix_request_cards_request_id", "request_cards", ["request_id"])
    op.create_index("ix_request_cards_chat_identity_id", "request_cards", ["chat_identity_id"])
    op.create_table(
        "chat_origins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", CODE, nullable=False),
        sa.Column("workspace_id", NAME, nullable=False),
        sa.Column("service_url", sa.Text(), nullable=False),
        sa.Column("bot_account", sa.JSON(), nullable=False),
        sa.Column("noted_at", timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_chat_origins"),
        sa.UniqueConstraint(
            "platform", "workspace_id", name="uq_chat_origins_platform_workspace_id"
        ),
    )


def downgrade() -> None:
    op.drop_table("chat_origins")
    op.drop_index("ix_request_cards_chat_identity_id", table_name="request_cards")
    op.drop_index("ix_request_cards_request_id", table_name="request_cards")
    op.drop_table("request_cards")
