"""weekly look back: an opt-in on the profile and one claim row per user per week

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 14:00:00

`weekly_reviews` holds one row per (team, user, week_start): the row is inserted (ON CONFLICT DO
NOTHING) and committed before the DM is posted, so a second tick, replica or restart never posts the
week's look back again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "user_profiles",
        sa.Column("weekly_review", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "weekly_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "user_id", "week_start", name="uq_weekly_reviews_owner_week"),
    )


def downgrade() -> None:
    op.drop_table("weekly_reviews")
    with op.batch_alter_table("user_profiles") as batch:
        batch.drop_column("weekly_review")
