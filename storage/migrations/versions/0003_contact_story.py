"""contact story: introducer vs referrer, promise lifecycle, meetings, the last call, dated offers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 12:00:00

Before this revision `referred_by` held what `via X` said, which means "X introduced you": those
values move to `introducer`, and `referred_by` now only holds a referral ("referred by X"). The story
columns are filled from the interactions already logged, so an existing contact reads the same.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CALLS = "('reached','voicemail','no-answer','emailed','meeting','later','no')"


def upgrade() -> None:
    # Plain ADD COLUMN (no batch table rebuild) on both databases.
    for column in (
        sa.Column("introducer", sa.String(length=200), nullable=True),
        sa.Column("referrer_thanked_on", sa.Date(), nullable=True),
        sa.Column("promise_outcome", sa.String(length=8), nullable=True),
        sa.Column("promise_closed_on", sa.Date(), nullable=True),
        sa.Column("let_go_on", sa.Date(), nullable=True),
        sa.Column("ever_reached", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("last_call_on", sa.Date(), nullable=True),
        sa.Column("last_call_notes", sa.Text(), nullable=True),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("meeting_state", sa.String(length=12), nullable=True),
        sa.Column("meeting_asked", sa.Boolean(), nullable=False, server_default=sa.false()),
    ):
        op.add_column("contacts", column)
    op.add_column("offers", sa.Column("ends_on", sa.Date(), nullable=True))

    op.execute(
        "UPDATE contacts SET introducer = referred_by, referred_by = NULL WHERE referred_by IS NOT NULL"
    )
    op.execute(
        "UPDATE contacts SET promise_outcome = 'kept' WHERE promise_done = TRUE AND promise IS NOT NULL"
    )
    op.execute(
        "UPDATE contacts SET ever_reached = TRUE WHERE EXISTS (SELECT 1 FROM interactions i "
        "WHERE i.contact_id = contacts.id AND i.outcome IN ('reached','meeting'))"
    )
    op.execute(
        'UPDATE contacts SET last_call_on = (SELECT MAX(i."on") FROM interactions i '
        f"WHERE i.contact_id = contacts.id AND i.outcome IN {_CALLS})"
    )
    op.execute(
        "UPDATE contacts SET last_call_notes = (SELECT i.notes FROM interactions i "
        f"WHERE i.contact_id = contacts.id AND i.outcome IN {_CALLS} ORDER BY i.at DESC, i.id DESC LIMIT 1)"
    )
    op.execute(
        'UPDATE contacts SET let_go_on = (SELECT MAX(i."on") FROM interactions i '
        "WHERE i.contact_id = contacts.id AND i.outcome IN ('let-go','no')) WHERE stage = 'let_go'"
    )


def downgrade() -> None:
    op.execute("UPDATE contacts SET referred_by = introducer WHERE referred_by IS NULL")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_column("ends_on")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        for name in (
            "meeting_asked",
            "meeting_state",
            "meeting_on",
            "last_call_notes",
            "last_call_on",
            "ever_reached",
            "let_go_on",
            "promise_closed_on",
            "promise_outcome",
            "referrer_thanked_on",
            "introducer",
        ):
            batch_op.drop_column(name)
