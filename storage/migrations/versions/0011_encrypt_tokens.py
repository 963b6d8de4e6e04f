"""encrypt Slack tokens at rest: the token columns of slack_bots and slack_installations hold
`fernet:…` values encrypted with WARMCALL_ENCRYPTION_KEY

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 05:30:00

The columns grow to TEXT (an encrypted rotating token is longer than 200 characters), then every
plain token is encrypted with the first key of WARMCALL_ENCRYPTION_KEY. With tokens stored and no key
the upgrade stops and says so (single-workspace mode stores none: no key needed). Self-contained on
purpose: a migration must not change when the application's code does.
"""

import os

import sqlalchemy as sa
from alembic import op
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PREFIX = "fernet:"
KEY_SETTING = "WARMCALL_ENCRYPTION_KEY"
TOKEN_COLUMNS = {
    "slack_bots": ("bot_token", "bot_refresh_token"),
    "slack_installations": ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
}


def _fernet(purpose: str) -> MultiFernet | None:
    keys = [k.strip() for k in os.environ.get(KEY_SETTING, "").split(",") if k.strip()]
    try:
        return MultiFernet([Fernet(k) for k in keys]) if keys else None
    except ValueError:
        raise RuntimeError(f"{KEY_SETTING} holds a value that is not a Fernet key; {purpose}.") from None


def _rewrite(change) -> int:
    bind = op.get_bind()
    changed = 0
    for name, columns in TOKEN_COLUMNS.items():
        table = sa.table(name, sa.column("id"), *(sa.column(c) for c in columns))
        for row in bind.execute(sa.select(table)).mappings().all():
            values = {c: change(row[c]) for c in columns}
            if any(values[c] != row[c] for c in columns):
                bind.execute(sa.update(table).where(table.c.id == row["id"]).values(**values))
                changed += 1
    return changed


def _count_plain() -> int:
    bind = op.get_bind()
    count = 0
    for name, columns in TOKEN_COLUMNS.items():
        table = sa.table(name, sa.column("id"), *(sa.column(c) for c in columns))
        plain = sa.or_(*(table.c[c].is_not(None) & ~table.c[c].startswith(PREFIX) for c in columns))
        count += len(bind.execute(sa.select(table.c.id).where(plain)).all())
    return count


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":  # SQLite keeps any length in a VARCHAR
        for name, columns in TOKEN_COLUMNS.items():
            for column in columns:
                op.alter_column(name, column, type_=sa.Text(), existing_type=sa.String(length=200))
    plain = _count_plain()
    if not plain:
        return
    fernet = _fernet("fix it, then run the migration again")
    if fernet is None:
        raise RuntimeError(
            f"{KEY_SETTING} is not set: {plain} stored installation(s) hold Slack tokens in plain text "
            "and this migration encrypts them. Run `warmcall new-key`, set the key in the environment "
            "(keep a copy), then run the migration again."
        )
    _rewrite(lambda v: v if not v or v.startswith(PREFIX) else PREFIX + fernet.encrypt(v.encode()).decode())


def downgrade() -> None:
    fernet = _fernet("the stored Slack tokens can't be decrypted")

    def opened(value):
        if not value or not value.startswith(PREFIX):
            return value
        if fernet is None:
            raise RuntimeError(f"{KEY_SETTING} is not set: the stored Slack tokens can't be decrypted.")
        try:
            return fernet.decrypt(value.removeprefix(PREFIX).encode()).decode()
        except InvalidToken:
            raise RuntimeError(f"no key of {KEY_SETTING} decrypts a stored Slack token") from None

    _rewrite(opened)
    if op.get_bind().dialect.name != "sqlite":
        for name, columns in TOKEN_COLUMNS.items():
            for column in columns:
                op.alter_column(name, column, type_=sa.String(length=200), existing_type=sa.Text())
