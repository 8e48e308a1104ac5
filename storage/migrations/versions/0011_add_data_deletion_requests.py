"""Let an employee ask a manager to delete their personal data.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

«Slett dataene mine» can now register a request in `shift_requests` with the
kind "data_deletion", stored like the vacation requests of revision 0005, so
the schema does not change. Downgrading deletes those requests and their
cards, because older code knows no such kind. The audit log keeps their ids,
kinds and states.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    requests = "SELECT id FROM shift_requests WHERE kind = 'data_deletion'"
    op.execute(f"DELETE FROM request_cards WHERE request_id IN ({requests})")
    op.execute("DELETE FROM shift_requests WHERE kind = 'data_deletion'")
