"""Let a course over published shifts be a request that a manager approves.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

A course is registered at once, except over days where the employee has
published shifts: it is then a request in `shift_requests` with the kind
"course", stored like the vacation requests of revision 0005, so the schema
does not change. Downgrading deletes those requests and their cards, because
older code knows no such kind; approved ones stay, as they are absences.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    requests = "SELECT id FROM shift_requests WHERE kind = 'course'"
    op.execute(f"DELETE FROM request_cards WHERE request_id IN ({requests})")
    op.execute("DELETE FROM shift_requests WHERE kind = 'course'")
