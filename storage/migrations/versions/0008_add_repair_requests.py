"""Make a proposed repair of a published roster a numbered request with its changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

A repair that the solver proposes after an absence is now a request in
`shift_requests` with the kind "repair", so a manager can approve it by its
number in any chat. The new nullable column `roster_id` names the proposed
roster, and the new table `repair_changes` keeps each person-day it changes
with the shift before and after, because an approval applies only those.

Proposals stored before this revision have no request or changes, so the
upgrade marks them superseded: the managers' buttons on them then answer that
the proposal is already decided, and the shifts the absence opened stay open
shifts.
Downgrading deletes the repair requests, their changes and their cards,
because older code knows no such kind. Their proposed rosters stay, and older
code decides them by their buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = sa.String(length=32)


def upgrade() -> None:
    op.execute("UPDATE rosters SET status = 'superseded' WHERE status = 'proposed'")
    op.create_table(
        "repair_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("old_shift_code", CODE, nullable=True),
        sa.Column("new_shift_code", CODE, nullable=True),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name="fk_repair_changes_employee_id_employees"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["shift_requests.id"],
            name="fk_repair_changes_request_id_shift_requests",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_repair_changes"),
        sa.UniqueConstraint(
            "request_id",
            "employee_id",
            "day",
            name="uq_repair_changes_request_id_employee_id_day",
        ),
    )
    op.create_index("ix_repair_changes_request_id", "repair_changes", ["request_id"])
    # SQLite cannot add a foreign key in place, so batch mode copies the table with it.
    with op.batch_alter_table("shift_requests") as batch:
        batch.add_column(sa.Column("roster_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_shift_requests_roster_id_rosters", "rosters", ["roster_id"], ["id"]
        )


def downgrade() -> None:
    repair_requests = "SELECT id FROM shift_requests WHERE kind = 'repair'"
    op.execute(f"DELETE FROM request_cards WHERE request_id IN ({repair_requests})")
    op.execute(f"DELETE FROM repair_changes WHERE request_id IN ({repair_requests})")
    op.execute("DELETE FROM shift_requests WHERE kind = 'repair'")
    with op.batch_alter_table("shift_requests") as batch:
        batch.drop_constraint("fk_shift_requests_roster_id_rosters", type_="foreignkey")
        batch.drop_column("roster_id")
    op.drop_index("ix_repair_changes_request_id", table_name="repair_changes")
    op.drop_table("repair_changes")
