"""Store which colleagues an offered shift was sent to.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

«Kan noen ta vakta mi?» invites the colleagues who could take the shift legally
when the offer is sent. The new table `offer_invitations` keeps them, so that
the notice of a closed offer reaches exactly them, even after the roster has
changed. Offers sent before this revision have no stored invitations, so when
they close, only their parties are told. Downgrading drops the table, and the
offers stay.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "offer_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name="fk_offer_invitations_employee_id_employees"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["shift_requests.id"],
            name="fk_offer_invitations_request_id_shift_requests",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_offer_invitations"),
        sa.UniqueConstraint(
            "request_id", "employee_id", name="uq_offer_invitations_request_id_employee_id"
        ),
    )
    op.create_index("ix_offer_invitations_request_id", "offer_invitations", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_offer_invitations_request_id", table_name="offer_invitations")
    op.drop_table("offer_invitations")
