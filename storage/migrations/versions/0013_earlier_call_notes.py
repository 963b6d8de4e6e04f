"""the notes of the call before the newest touch: an e-mail or a voicemail never hides what was said

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 14:00:00

`contacts.earlier_call_notes` / `earlier_call_on` keep the newest conversation's notes when a one-way
touch (an e-mail, a message, a voicemail, an unanswered try) with notes of its own comes after it, so
the coach still reads "she needs it by 15 Jan" once "sent the offer" is the newest note (SPEC §14).
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contacts", sa.Column("earlier_call_notes", sa.Text(), nullable=True))
    op.add_column("contacts", sa.Column("earlier_call_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("earlier_call_on")
        batch.drop_column("earlier_call_notes")
