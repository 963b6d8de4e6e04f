"""feedback on reasons: one "useful / not useful" verdict per user, reason kind, contact and day

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 05:00:00

`reason_feedback` holds what a user said about a reason under the digest or /prep (issue 30). The
unique key (team, user, kind, contact, day) makes a second press replace the first (an upsert). Its
leading columns also answer "this user's votes", the only read.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reason_feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("useful", sa.Boolean(), nullable=False),
        sa.Column("surface", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "user_id", "kind", "contact_id", "on", name="uq_reason_feedback_vote"),
    )


def downgrade() -> None:
    op.drop_table("reason_feedback")
