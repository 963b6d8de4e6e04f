"""planned calls: a day and an hour for a call, with its reminder's state (issue 28)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 08:00:00

One row per plan (storage.plans.PlannedCall). A plan holds the contact's schedule as it was, so an
undo puts it back; `reminder` goes waiting → sending → sent once, whichever replica runs its job.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "planned_calls",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column(
            "contact_id", sa.Integer(), sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("how", sa.String(length=8), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("reminder", sa.String(length=12), nullable=False),
        sa.Column("reminder_ts", sa.String(length=32), nullable=True),
        sa.Column("replaced_id", sa.Integer(), nullable=True),
        sa.Column("previous_next_due", sa.Date(), nullable=True),
        sa.Column("previous_reason", sa.String(length=300), nullable=True),
        sa.Column("previous_latest_due", sa.Date(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "user_id", "idempotency_key", name="uq_planned_calls_idempotency"),
    )
    op.create_index("ix_planned_calls_owner_day", "planned_calls", ["team_id", "user_id", "local_day"])
    op.create_index("ix_planned_calls_contact", "planned_calls", ["contact_id"])


def downgrade() -> None:
    op.drop_index("ix_planned_calls_contact", table_name="planned_calls")
    op.drop_index("ix_planned_calls_owner_day", table_name="planned_calls")
    op.drop_table("planned_calls")
