"""Let a unit store how to reach the employer's data protection officer.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

The replies about personal data send managers and planners to the data
protection officer (personvernombud). The new nullable column
`units.data_protection_officer` keeps a contact, such as an e-mail address, that
those replies name. Existing units have none, and their replies name the
officer by role only, as before. Downgrading drops the column and the contacts.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("units", sa.Column("data_protection_officer", sa.String(length=200)))


def downgrade() -> None:
    # Batch mode would copy and drop `units`, which the employees and rosters refer to, so
    # the column is dropped in place (SQLite 3.35 and later).
    op.drop_column("units", "data_protection_officer")
