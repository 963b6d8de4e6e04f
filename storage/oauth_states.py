"""The OAuth states slack_sdk's state store writes (`slack_oauth_states`): deleting the expired ones,
which the store itself never does."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete, func, select

from storage.installations import oauth_states


def delete_expired(conn: Connection, now: dt.datetime) -> int:
    """Delete states whose `expire_at` (naive UTC, as slack_sdk writes it) is past; how many."""
    return conn.execute(delete(oauth_states).where(oauth_states.c.expire_at <= now)).rowcount or 0


def count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(oauth_states)).scalar_one()
