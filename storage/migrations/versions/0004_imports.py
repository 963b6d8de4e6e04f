"""import batches: what each contacts file import added and updated, for its preview and its undo

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=True),
        sa.Column("problems", sa.JSON(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("added_ids", sa.JSON(), nullable=True),
        sa.Column("previous", sa.JSON(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_import_batches_owner", "import_batches", ["team_id", "user_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_import_batches_owner", table_name="import_batches")
    op.drop_table("import_batches")
