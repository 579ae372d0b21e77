"""The first schema of a .consulta file (file format 1).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "consultation",
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("territory", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quorum_sectors", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "district",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "file_info",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "guideline",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("axis", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "sector",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("counts_for_legitimacy", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "tombstone",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id"),
    )
    op.create_table(
        "organisation",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sector_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_sector_id"), ["sector_id"], unique=False)

    op.create_table(
        "session",
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=True),
        sa.Column("end", sa.Time(), nullable=True),
        sa.Column("venue", sa.Text(), nullable=False),
        sa.Column("district_id", sa.String(length=36), nullable=True),
        sa.Column("facilitator", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["district.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_district_id"), ["district_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_session_id"), ["session_id"], unique=False)

    op.create_table(
        "participant",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sector_id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("district_id", sa.String(length=36), nullable=True),
        sa.Column("consent_named", sa.Boolean(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["district.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participant_district_id"), ["district_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_participant_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_participant_search_key"), ["search_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_participant_sector_id"), ["sector_id"], unique=False)

    op.create_table(
        "position",
        sa.Column("guideline_id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("sector_id", sa.String(length=36), nullable=False),
        sa.Column("stance", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("votes_support", sa.Integer(), nullable=True),
        sa.Column("votes_support_with_reservations", sa.Integer(), nullable=True),
        sa.Column("votes_oppose", sa.Integer(), nullable=True),
        sa.Column("votes_abstain", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["guideline_id"],
            ["guideline.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("guideline_id", "session_id", "sector_id"),
    )
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.create_index("ix_position_session", ["session_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "participant_id"),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_participant_id"), ["participant_id"], unique=False
        )

    op.execute("PRAGMA user_version = 1")
