"""Let leave and time off in lieu be requests that a manager approves, like vacation.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

Leave (permisjon) and time off in lieu (avspasering) are now requests in
`shift_requests` with the kinds "leave" and "time_off_in_lieu", stored like the
vacation requests of revision 0005, so the schema does not change. Downgrading
deletes those requests and their cards, because older code knows no such kinds;
approved ones stay, as they are absences.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_KINDS = "('leave', 'time_off_in_lieu')"


def upgrade() -> None:
    pass


def downgrade() -> None:
    requests = f"SELECT id FROM shift_requests WHERE kind IN {NEW_KINDS}"
    op.execute(f"DELETE FROM request_cards WHERE request_id IN ({requests})")
    op.execute(f"DELETE FROM shift_requests WHERE kind IN {NEW_KINDS}")
