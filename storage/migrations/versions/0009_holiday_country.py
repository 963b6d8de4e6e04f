"""Public holidays: whose holidays a user's digests and next tries skip

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 05:00:00

`user_profiles.holiday_country` is a region code of the `holidays` package (`DE`, `GB-SCT`), `none`
for no public holidays, or NULL: the country of the user's Slack time zone (SPEC §14 "Calendar").
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("user_profiles", sa.Column("holiday_country", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_profiles") as batch:
        batch.drop_column("holiday_country")
