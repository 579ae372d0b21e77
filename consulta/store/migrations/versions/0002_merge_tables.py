"""File format 2: what merging district files needs (erasures, merge history, clocks).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure",
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("participant_id"),
    )
    op.create_table(
        "merge_history",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("parked", sa.Boolean(), nullable=False),
        sa.Column("restored_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("merge_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_history_record_id"), ["record_id"], unique=False)
    op.create_table(
        "replica_clock",
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("origin"),
    )
    op.execute("PRAGMA user_version = 2")
