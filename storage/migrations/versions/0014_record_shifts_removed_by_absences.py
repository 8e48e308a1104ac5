"""Record the planned shifts that an absence took out of a published roster.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

A sick report or an approved leave takes the employee's published shifts on the
absent days out of the roster. The new table `absence_removed_shifts` keeps each
such shift with its worked minutes, so that the employee's hours target drops by
the shift itself and not only by a seventh of a week per absent day. A row
outlives its absence (the foreign key is set to NULL), because the shift is not
given back when the absence is deleted or shortened. Absences registered before
this revision have no rows, so their days keep the seventh-of-a-week credit.
Downgrading drops the table.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "absence_removed_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("absence_id", sa.Integer(), nullable=True),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("shift_day", sa.Date(), nullable=False),
        sa.Column("shift_code", sa.String(length=32), nullable=False),
        sa.Column("absent_day", sa.Date(), nullable=False),
        sa.Column("worked_minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["absence_id"],
            ["absences.id"],
            name="fk_absence_removed_shifts_absence_id_absences",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name="fk_absence_removed_shifts_employee_id_employees",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_absence_removed_shifts"),
    )
    op.create_index(
        "ix_absence_removed_shifts_absence_id", "absence_removed_shifts", ["absence_id"]
    )
    op.create_index(
        "ix_absence_removed_shifts_employee_id_shift_day",
        "absence_removed_shifts",
        ["employee_id", "shift_day"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_absence_removed_shifts_employee_id_shift_day", table_name="absence_removed_shifts"
    )
    op.drop_index("ix_absence_removed_shifts_absence_id", table_name="absence_removed_shifts")
    op.drop_table("absence_removed_shifts")
