"""SQL for feedback on reasons: one verdict per (team, user, kind, contact, day), replaced by an upsert,
and a user's votes as domain values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain.feedback import Vote, VoteTarget
from storage.models import ReasonFeedback

_KEY = ["team_id", "user_id", "kind", "contact_id", "on"]


def save_vote(
    session: Session, team_id: str, user_id: str, target: VoteTarget, useful: bool, *, now: dt.datetime
) -> None:
    """Insert the verdict, or replace the one already given for the same kind, contact and day."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(ReasonFeedback.__table__).values(
        team_id=team_id,
        user_id=user_id,
        kind=target.kind,
        contact_id=target.contact_id,
        on=target.on,
        useful=useful,
        surface=target.surface.value,
        updated_at=now,
    )
    statement = statement.on_conflict_do_update(
        index_elements=_KEY,
        set_={
            "useful": statement.excluded.useful,
            "surface": statement.excluded.surface,
            "updated_at": statement.excluded.updated_at,
        },
    )
    session.execute(statement)


def votes_of(session: Session, team_id: str, user_id: str) -> list[Vote]:
    """Every verdict the user has given, as (kind, useful)."""
    rows = session.execute(
        select(ReasonFeedback.kind, ReasonFeedback.useful).where(
            ReasonFeedback.team_id == team_id, ReasonFeedback.user_id == user_id
        )
    )
    return [Vote(kind, bool(useful)) for kind, useful in rows]


def votes_of_owners(session: Session, owners: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Vote]]:
    """Every verdict of many users in one query (a digest batch), by (team, user); users without
    votes are absent."""
    keys = list(dict.fromkeys(owners))
    if not keys:
        return {}
    found: dict[tuple[str, str], list[Vote]] = {}
    rows = session.execute(
        select(
            ReasonFeedback.team_id, ReasonFeedback.user_id, ReasonFeedback.kind, ReasonFeedback.useful
        ).where(tuple_(ReasonFeedback.team_id, ReasonFeedback.user_id).in_(keys))
    )
    for team_id, user_id, kind, useful in rows:
        found.setdefault((team_id, user_id), []).append(Vote(kind, bool(useful)))
    return found
