"""Deleting everything one user owns: every table with the owner's `team_id` and `user_id`."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storage.models import Base


def delete_owner_rows(session: Session, team_id: str, user_id: str) -> dict[str, int]:
    """Delete the owner's rows from every table that has team_id and user_id, dependents first (a
    contact's interactions before the contact); rows deleted per table name."""
    removed: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if "team_id" not in table.c or "user_id" not in table.c:
            continue
        result = session.execute(delete(table).where(table.c.team_id == team_id, table.c.user_id == user_id))
        removed[table.name] = result.rowcount or 0
    return removed
