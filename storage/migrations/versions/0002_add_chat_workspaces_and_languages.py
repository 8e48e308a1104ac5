"""Add chat workspaces (each belongs to one organisation) and chosen reply languages.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = sa.String(length=32)
NAME = sa.String(length=200)


def timestamp() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "chat_workspaces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", CODE, nullable=False),
        sa.Column("workspace_id", NAME, nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", timestamp(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name="fk_chat_workspaces_organisation_id_organisations",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_chat_workspaces"),
        sa.UniqueConstraint(
            "platform", "workspace_id", name="uq_chat_workspaces_platform_workspace_id"
        ),
    )
    op.create_index("ix_chat_workspaces_organisation_id", "chat_workspaces", ["organisation_id"])
    op.create_table(
        "language_choices",
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("locale", CODE, nullable=False),
        sa.Column("chosen_at", timestamp(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name="fk_language_choices_employee_id_employees"
        ),
        sa.PrimaryKeyConstraint("employee_id", name="pk_language_choices"),
    )


def downgrade() -> None:
    op.drop_table("language_choices")
    op.drop_index("ix_chat_workspaces_organisation_id", table_name="chat_workspaces")
    op.drop_table("chat_workspaces")
