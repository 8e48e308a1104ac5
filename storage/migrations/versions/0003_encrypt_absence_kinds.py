"""Encrypt the kind of each absence, because sick leave is health data (GDPR art. 9).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

The column `absences.kind` becomes `absences.kind_encrypted`, an AES-GCM token of the
same text value (see storage.crypto). Upgrading encrypts the existing rows and
downgrading decrypts them, both with the cipher that `storage.database.upgrade_engine`
passes in `config.attributes["cipher"]`, or else the keys in VAKTBOT_ENCRYPTION_KEYS.

NOTE: PostgreSQL keeps the old row versions, with the kinds in clear, in the table's
files until they are vacuumed; `VACUUM FULL absences` after the upgrade removes them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

from storage.crypto import KEYS_VARIABLE, FieldCipher, KeyConfigurationError, KeyProblem

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = sa.String(length=32)
# The associated data of the tokens; it must stay equal to storage.absences.KIND_PURPOSE.
KIND_PURPOSE = "absences.kind"

absences = sa.table(
    "absences",
    sa.column("id", sa.Integer()),
    sa.column("kind", CODE),
    sa.column("kind_encrypted", sa.Text()),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Zero the pages that held the kinds in clear, or they stay readable in the file.
        op.execute("PRAGMA secure_delete = ON")
    with op.batch_alter_table("absences") as batch:
        batch.add_column(sa.Column("kind_encrypted", sa.Text(), nullable=True))
    copy_kinds(absences.c.kind, absences.c.kind_encrypted, encrypt_kind)
    with op.batch_alter_table("absences") as batch:
        batch.alter_column("kind_encrypted", existing_type=sa.Text(), nullable=False)
        batch.drop_column("kind")


def downgrade() -> None:
    with op.batch_alter_table("absences") as batch:
        batch.add_column(sa.Column("kind", CODE, nullable=True))
    copy_kinds(absences.c.kind_encrypted, absences.c.kind, decrypt_kind)
    with op.batch_alter_table("absences") as batch:
        batch.alter_column("kind", existing_type=CODE, nullable=False)
        batch.drop_column("kind_encrypted")


def copy_kinds(
    source: sa.ColumnClause[str],
    target: sa.ColumnClause[str],
    convert: Callable[[FieldCipher, str], str],
) -> None:
    """Write `convert(source)` into `target` on every row of absences."""
    connection = op.get_bind()
    rows = connection.execute(sa.select(absences.c.id, source)).all()
    if not rows:
        return
    cipher = migration_cipher(len(rows))
    for absence_id, value in rows:
        connection.execute(
            absences.update()
            .where(absences.c.id == absence_id)
            .values({target: convert(cipher, value)})
        )


def encrypt_kind(cipher: FieldCipher, kind: str) -> str:
    return cipher.encrypt(kind, KIND_PURPOSE)


def decrypt_kind(cipher: FieldCipher, token: str) -> str:
    return cipher.decrypt(token, KIND_PURPOSE)


def migration_cipher(row_count: int) -> FieldCipher:
    """Return the cipher passed by `storage.database`, or else the one of the environment."""
    cipher = op.get_context().config.attributes.get("cipher")
    if isinstance(cipher, FieldCipher):
        return cipher
    if os.environ.get(KEYS_VARIABLE, "").strip():
        return FieldCipher.from_environment()
    raise KeyConfigurationError(
        f"revision {revision} must encrypt or decrypt the kind of {row_count} absences but "
        f"has no key; set {KEYS_VARIABLE} and VAKTBOT_ACTIVE_KEY_ID, or pass the data "
        "folder that holds vaktbot.key",
        KeyProblem.MIGRATION_WITHOUT_KEY,
        count=row_count,
    )
