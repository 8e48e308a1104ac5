"""Create the whole schema: units, staff, registrations, requests, rosters, audit.

Revision ID: 0001
Revises:
Create Date: 2026-12-04

Columns ending in _encrypted hold AES-GCM tokens and columns ending in _index hold
HMAC blind indexes (see storage.crypto). Timestamps are UTC.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = sa.String(length=32)
NAME = sa.String(length=200)
BLIND_INDEX = sa.String(length=64)


def timestamp() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    create_units()
    create_employees()
    create_registrations()
    create_shift_requests()
    create_rosters()
    create_conversation_state()
    create_audit_entries()


def create_units() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", NAME, nullable=False),
        sa.Column("link_by_email", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", NAME, nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name="fk_units_organisation_id_organisations",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_units"),
        sa.UniqueConstraint("organisation_id", "name", name="uq_units_organisation_id_name"),
    )
    op.create_index("ix_units_organisation_id", "units", ["organisation_id"])
    op.create_table(
        "shift_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("code", CODE, nullable=False),
        sa.Column("name", NAME, nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("paid_minutes", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_shift_types_unit_id_units"),
        sa.PrimaryKeyConstraint("id", name="pk_shift_types"),
        sa.UniqueConstraint("unit_id", "code", name="uq_shift_types_unit_id_code"),
    )
    op.create_index("ix_shift_types_unit_id", "shift_types", ["unit_id"])
    op.create_table(
        "staffing_demands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("day_type", CODE, nullable=False),
        sa.Column("shift_code", CODE, nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("wanted", sa.Integer(), nullable=False),
        sa.Column("competence_minimums", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name="fk_staffing_demands_unit_id_units"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_staffing_demands"),
        sa.UniqueConstraint(
            "unit_id",
            "day_type",
            "shift_code",
            name="uq_staffing_demands_unit_id_day_type_shift_code",
        ),
    )
    op.create_index("ix_staffing_demands_unit_id", "staffing_demands", ["unit_id"])


def create_employees() -> None:
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name_encrypted", sa.Text(), nullable=False),
        sa.Column("email_encrypted", sa.Text(), nullable=True),
        sa.Column("email_index", BLIND_INDEX, nullable=True),
        sa.Column("position", CODE, nullable=False),
        sa.Column("position_percent", sa.Integer(), nullable=False),
        sa.Column("competences", sa.JSON(), nullable=False),
        sa.Column("night_only", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", timestamp(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_employees_unit_id_units"),
        sa.PrimaryKeyConstraint("id", name="pk_employees"),
    )
    op.create_index("ix_employees_unit_id", "employees", ["unit_id"])
    op.create_index("ix_employees_email_index", "employees", ["email_index"])
    op.create_table(
        "employee_roles",
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("role", CODE, nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name="fk_employee_roles_employee_id_employees"
        ),
        sa.PrimaryKeyConstraint("employee_id", "role", name="pk_employee_roles"),
    )
    op.create_table(
        "chat_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", CODE, nullable=False),
        sa.Column("workspace_id", NAME, nullable=False),
        sa.Column("user_id_encrypted", sa.Text(), nullable=False),
        sa.Column("user_index", BLIND_INDEX, nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("conversation_reference_encrypted", sa.Text(), nullable=True),
        sa.Column("linked_at", timestamp(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name="fk_chat_identities_employee_id_employees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_chat_identities"),
        sa.UniqueConstraint(
            "platform",
            "workspace_id",
            "user_index",
            name="uq_chat_identities_platform_workspace_id_user_index",
        ),
    )
    op.create_index("ix_chat_identities_employee_id", "chat_identities", ["employee_id"])


def create_registrations() -> None:
    """Create absences, unavailabilities, availabilities and wishes: day ranges per employee."""
    op.create_table(
        "absences",
        *day_range_columns("absences"),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("created_at", timestamp(), nullable=False),
    )
    op.create_table(
        "unavailabilities",
        *day_range_columns("unavailabilities"),
        sa.Column("shift_kind", CODE, nullable=True),
        sa.Column("created_at", timestamp(), nullable=False),
    )
    op.create_table(
        "availabilities",
        *day_range_columns("availabilities"),
        sa.Column("shift_kind", CODE, nullable=True),
        sa.Column("created_at", timestamp(), nullable=False),
    )
    op.create_table(
        "wishes",
        *day_range_columns("wishes"),
        sa.Column("preference", CODE, nullable=False),
        sa.Column("shift_kind", CODE, nullable=True),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("created_at", timestamp(), nullable=False),
    )
    for table in ("absences", "unavailabilities", "availabilities", "wishes"):
        op.create_index(f"ix_{table}_employee_id_first_day", table, ["employee_id", "first_day"])


def day_range_columns(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name=f"fk_{table}_employee_id_employees"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    ]


def create_shift_requests() -> None:
    op.create_table(
        "shift_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("state", CODE, nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("shift_code", CODE, nullable=False),
        sa.Column("counterpart_id", sa.Integer(), nullable=True),
        sa.Column("counterpart_day", sa.Date(), nullable=True),
        sa.Column("counterpart_shift_code", CODE, nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("note_encrypted", sa.Text(), nullable=True),
        sa.Column("created_at", timestamp(), nullable=False),
        sa.Column("updated_at", timestamp(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_shift_requests_unit_id_units"),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["employees.id"], name="fk_shift_requests_requester_id_employees"
        ),
        sa.ForeignKeyConstraint(
            ["counterpart_id"],
            ["employees.id"],
            name="fk_shift_requests_counterpart_id_employees",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["employees.id"], name="fk_shift_requests_decided_by_id_employees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_shift_requests"),
    )
    op.create_index("ix_shift_requests_unit_id_state", "shift_requests", ["unit_id", "state"])
    op.create_index("ix_shift_requests_requester_id", "shift_requests", ["requester_id"])
    op.create_index("ix_shift_requests_counterpart_id", "shift_requests", ["counterpart_id"])


def create_rosters() -> None:
    op.create_table(
        "rosters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("status", CODE, nullable=False),
        sa.Column("created_at", timestamp(), nullable=False),
        sa.Column("published_at", timestamp(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_rosters_unit_id_units"),
        sa.PrimaryKeyConstraint("id", name="pk_rosters"),
    )
    op.create_index("ix_rosters_unit_id_status", "rosters", ["unit_id", "status"])
    op.create_table(
        "roster_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roster_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("shift_code", CODE, nullable=False),
        sa.ForeignKeyConstraint(
            ["roster_id"],
            ["rosters.id"],
            name="fk_roster_assignments_roster_id_rosters",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name="fk_roster_assignments_employee_id_employees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_roster_assignments"),
        sa.UniqueConstraint(
            "roster_id",
            "employee_id",
            "day",
            name="uq_roster_assignments_roster_id_employee_id_day",
        ),
    )
    op.create_index("ix_roster_assignments_employee_id", "roster_assignments", ["employee_id"])


def create_conversation_state() -> None:
    op.create_table(
        "pending_dialogues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_index", BLIND_INDEX, nullable=False),
        sa.Column("conversation_key_encrypted", sa.Text(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("payload_encrypted", sa.Text(), nullable=False),
        sa.Column("expires_at", timestamp(), nullable=False),
        sa.Column("updated_at", timestamp(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name="fk_pending_dialogues_employee_id_employees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pending_dialogues"),
        sa.UniqueConstraint("conversation_index", name="uq_pending_dialogues_conversation_index"),
    )
    op.create_index("ix_pending_dialogues_employee_id", "pending_dialogues", ["employee_id"])
    op.create_index("ix_pending_dialogues_expires_at", "pending_dialogues", ["expires_at"])
    op.create_table(
        "processed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_index", BLIND_INDEX, nullable=False),
        sa.Column("received_at", timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_processed_events"),
        sa.UniqueConstraint("event_index", name="uq_processed_events_event_index"),
    )
    op.create_index("ix_processed_events_received_at", "processed_events", ["received_at"])


def create_audit_entries() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", timestamp(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", NAME, nullable=False),
        sa.Column("entity", CODE, nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("subject_employee_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entries"),
    )
    op.create_index("ix_audit_entries_actor_id", "audit_entries", ["actor_id"])
    op.create_index("ix_audit_entries_entity_entity_id", "audit_entries", ["entity", "entity_id"])
    op.create_index(
        "ix_audit_entries_subject_employee_id", "audit_entries", ["subject_employee_id"]
    )


def downgrade() -> None:
    # Dropping a table drops its indexes too; children go before their parents.
    for table in (
        "audit_entries",
        "processed_events",
        "pending_dialogues",
        "roster_assignments",
        "rosters",
        "shift_requests",
        "wishes",
        "availabilities",
        "unavailabilities",
        "absences",
        "chat_identities",
        "employee_roles",
        "employees",
        "staffing_demands",
        "shift_types",
        "units",
        "organisations",
    ):
        op.drop_table(table)
