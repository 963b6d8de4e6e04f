"""rhythm: a wrong phone, tags, a cadence per contact and per tag (ideal and latest gap)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 13:00:00

`contacts.tags` holds the contact's tags space-separated and lower-case ("investor friend"). A cadence
is an ideal gap (due then) and a latest gap (overdue after it) in days, on a contact or, in
`tag_cadences`, on one of the owner's tags. `latest_due` is the last day of the current gap: between
`next_due` and it the contact is "slipping".
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch table rebuild) on both databases.
    for column in (
        sa.Column("phone_wrong", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("tags", sa.String(length=500), nullable=True),
        sa.Column("cadence_ideal_days", sa.Integer(), nullable=True),
        sa.Column("cadence_latest_days", sa.Integer(), nullable=True),
        sa.Column("latest_due", sa.Date(), nullable=True),
    ):
        op.add_column("contacts", column)
    op.create_table(
        "tag_cadences",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("tag", sa.String(length=50), nullable=False),
        sa.Column("ideal_days", sa.Integer(), nullable=False),
        sa.Column("latest_days", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "user_id", "tag", name="uq_tag_cadences_owner_tag"),
    )


def downgrade() -> None:
    op.drop_table("tag_cadences")
    with op.batch_alter_table("contacts") as batch:
        for name in ("latest_due", "cadence_latest_days", "cadence_ideal_days", "tags", "phone_wrong"):
            batch.drop_column(name)
