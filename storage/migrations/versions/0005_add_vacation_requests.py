"""Give shift requests a last day, so that a request can ask for a vacation period.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

Vacation is now a request that a manager approves, stored in `shift_requests` with
the kind "vacation", its first day in `day` and its last day in the new nullable
column `last_day`. Downgrading deletes the vacation requests and their cards,
because older code knows no such kind; approved vacation stays, as it is an absence.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("shift_requests", sa.Column("last_day", sa.Date(), nullable=True))


def downgrade() -> None:
    vacation_requests = "SELECT id FROM shift_requests WHERE kind = 'vacation'"
    op.execute(f"DELETE FROM request_cards WHERE request_id IN ({vacation_requests})")
    op.execute("DELETE FROM shift_requests WHERE kind = 'vacation'")
    # SQLite cannot drop a column in place, so batch mode copies the table without it.
    with op.batch_alter_table("shift_requests") as batch:
        batch.drop_column("last_day")
