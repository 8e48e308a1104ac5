"""Let one absence request cover several ranges of days.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

«Kurs 3.–4. mars og 10. mars» is one request that a manager approves or rejects
as a whole. Its ranges are stored in the new column `day_ranges`, while `day` and
`last_day` keep its first and last day, so a request of one range is stored as
before, with NULL there. Downgrading splits nothing: such a request keeps its
first and last day, and older code reads it as covering the days between too.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("shift_requests", sa.Column("day_ranges", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shift_requests") as batch:
        batch.drop_column("day_ranges")
