"""App Home in use: when the user last opened the Home tab

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 15:00:00

`user_profiles.home_seen_at` (naive UTC) is set on every `app_home_opened` for the Home tab and on
every button pressed on Home. A change re-publishes Home only while it is in use (seen in the last
minutes); otherwise the next visit renders it fresh, as every visit does.

`ix_contacts_owner_updated` (team_id, user_id, updated_at) answers the contact index's fingerprint
(count, max id, max updated_at of one owner's contacts, read before every /prep and /called) from
the index alone instead of reading every contact row of the owner.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("user_profiles", sa.Column("home_seen_at", sa.DateTime(), nullable=True))
    op.create_index("ix_contacts_owner_updated", "contacts", ["team_id", "user_id", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_contacts_owner_updated", table_name="contacts")
    with op.batch_alter_table("user_profiles") as batch:
        batch.drop_column("home_seen_at")
