"""Queries for rhythm (issue 21): the owner's cadence-by-tag table and the tags their contacts have."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from storage.models import Contact, TagCadence

# Built once with bind parameters (every /called reads the table): a statement object keeps its cache
# key, so a call skips building the expression and keying it.
_TABLE = select(TagCadence.tag, TagCadence.ideal_days, TagCadence.latest_days).where(
    TagCadence.team_id == bindparam("team_id"), TagCadence.user_id == bindparam("user_id")
)


def tag_cadence_rows(session: Session, team_id: str, user_id: str) -> dict[str, tuple[int, int]]:
    """{tag: (ideal_days, latest_days)} of the owner's table."""
    rows = session.execute(_TABLE, {"team_id": team_id, "user_id": user_id})
    return {tag: (ideal, latest) for tag, ideal, latest in rows}


def replace_tag_cadences(
    session: Session, team_id: str, user_id: str, table: Mapping[str, tuple[int, int]]
) -> None:
    """The owner's table becomes exactly `table`."""
    session.execute(delete(TagCadence).where(TagCadence.team_id == team_id, TagCadence.user_id == user_id))
    session.flush()
    for tag, (ideal, latest) in sorted(table.items()):
        session.add(
            TagCadence(team_id=team_id, user_id=user_id, tag=tag, ideal_days=ideal, latest_days=latest)
        )
    session.flush()


def owner_tags(session: Session, team_id: str, user_id: str) -> set[str]:
    """Every tag any of the owner's contacts has."""
    rows = session.scalars(
        select(Contact.tags).where(
            Contact.team_id == team_id, Contact.user_id == user_id, Contact.tags.is_not(None)
        )
    )
    return {tag for text in rows for tag in text.split()}


def owner_events(session: Session, team_id: str, user_id: str) -> set[str]:
    """Every event (as typed) where the owner met someone."""
    rows = session.scalars(
        select(Contact.event)
        .where(Contact.team_id == team_id, Contact.user_id == user_id, Contact.event.is_not(None))
        .distinct()
    )
    return set(rows)
