"""Keep files offered in a chat until the user accepts or declines them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

Teams sends a file only after the user accepts a file-consent card, so the
file's bytes wait in `file_offers`, encrypted, until the answer or the expiry.
The table starts empty, so neither direction needs the encryption key;
downgrading drops the waiting files.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = sa.String(length=64)


def timestamp() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "file_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_index", INDEX, nullable=False),
        sa.Column("chat_identity_id", sa.Integer(), nullable=False),
        sa.Column("file_name_encrypted", sa.Text(), nullable=False),
        sa.Column("content_encrypted", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("offered_at", timestamp(), nullable=False),
        sa.Column("expires_at", timestamp(), nullable=False),
        sa.Column("claimed_at", timestamp(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_identity_id"],
            ["chat_identities.id"],
            name="fk_file_offers_chat_identity_id_chat_identities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_file_offers"),
        sa.UniqueConstraint("token_index", name="uq_file_offers_token_index"),
    )
    op.create_index("ix_file_offers_chat_identity_id", "file_offers", ["chat_identity_id"])
    op.create_index("ix_file_offers_expires_at", "file_offers", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_file_offers_expires_at", table_name="file_offers")
    op.drop_index("ix_file_offers_chat_identity_id", table_name="file_offers")
    op.drop_table("file_offers")
