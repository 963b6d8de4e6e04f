"""Every stored Slack token at once: re-encrypting them with the first key (key rotation), and
finding any left in plain text."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, or_, select, update

from storage.installations import bots, installations
from storage.token_cipher import PREFIX, TOKEN_COLUMNS

_TABLES = {bots.name: bots, installations.name: installations}


def rewrite_all(conn: Connection, change: Callable[[str | None], str | None]) -> int:
    """Apply `change` to every token column of every row; how many rows changed."""
    changed = 0
    for name, columns in TOKEN_COLUMNS.items():
        table = _TABLES[name]
        rows = conn.execute(select(table.c.id, *(table.c[c] for c in columns))).mappings().all()
        for row in rows:
            values = {c: change(row[c]) for c in columns}
            if any(values[c] != row[c] for c in columns):
                conn.execute(update(table).where(table.c.id == row["id"]).values(**values))
                changed += 1
    return changed


def plain_tokens(conn: Connection) -> int:
    """Rows holding a token that is not encrypted."""
    count = 0
    for name, columns in TOKEN_COLUMNS.items():
        table = _TABLES[name]
        plain = or_(*(table.c[c].is_not(None) & ~table.c[c].startswith(PREFIX) for c in columns))
        count += len(conn.execute(select(table.c.id).where(plain)).all())
    return count
